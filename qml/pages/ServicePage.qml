pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import ReleaseDesk

// A service and its build procedure versions (FITS step 4): each version with its status, who
// wrote, submitted, returned or approved it and when, and why a returned one was sent back. A build
// developer drafts the next version here (from the approved one), anyone compares two versions,
// and a release manager retires the service.
Page {
    id: page
    required property AppSession session
    required property OfficeBench office
    property string serviceId
    property alias versions: versionsModel
    property alias retireDialog: retireDialog
    signal openBuild(string buildId)
    signal editService(string serviceId)
    signal compareBuilds(string serviceId, string fromBuildId, string toBuildId)
    title: versionsModel.service.loaded ? versionsModel.service.name : qsTr("Service")

    BuildVersionsModel {
        id: versionsModel
        session: page.session
        serviceId: page.serviceId
    }

    /** A new draft version: copied from the approved one, or empty when there is none yet. */
    function draftVersion() {
        const answer = page.office.draftBuild(page.serviceId, versionsModel.service.approvedBuildId)
        // The OfficeBench answers a QVariantMap, {ok, id, error}: Qt 6.4's qmllint cannot see a map's keys.
        actionError.text = answer.ok ? "" : answer.error // qmllint disable type
        if (answer.ok) // qmllint disable type
            page.openBuild(answer.id) // qmllint disable type
    }
    /** The newest version against the one before it. */
    function compareLatest() {
        page.compareBuilds(page.serviceId, versionsModel.buildIdAt(1), versionsModel.buildIdAt(0))
    }

    header: Pane {
        Material.elevation: 1
        padding: 8
        leftPadding: 16
        rightPadding: 16
        ColumnLayout {
            anchors.fill: parent
            Flow {
                Layout.fillWidth: true
                spacing: 8
                Button {
                    objectName: "draftButton"
                    height: 52
                    visible: page.office.canWriteBuilds && !versionsModel.service.retired
                    highlighted: true
                    text: versionsModel.service.approvedBuildId.length > 0 ? qsTr("Draft a new version")
                                                                           : qsTr("Write its build procedure")
                    onClicked: page.draftVersion()
                }
                Button {
                    objectName: "compareButton"
                    height: 52
                    visible: versionsModel.count > 1
                    text: qsTr("What changed")
                    onClicked: page.compareLatest()
                }
                Button {
                    objectName: "editButton"
                    height: 52
                    visible: page.office.canEditServices && !versionsModel.service.retired
                    text: qsTr("Change the service")
                    onClicked: page.editService(page.serviceId)
                }
                Button {
                    objectName: "retireButton"
                    height: 52
                    visible: page.office.canRetireServices && versionsModel.service.loaded && !versionsModel.service.retired
                    flat: true
                    text: qsTr("Retire…")
                    onClicked: retireDialog.open()
                }
            }
            Label {
                id: actionError
                objectName: "actionError"
                Layout.fillWidth: true
                visible: text.length > 0
                wrapMode: Text.Wrap
                color: Material.color(Material.Red)
            }
        }
    }

    Binding {
        target: list.footerItem as RecordHistory
        property: "session"
        value: page.session
        when: list.footerItem !== null
    }
    Binding {
        target: list.footerItem as RecordHistory
        property: "recordId"
        value: page.serviceId
        when: list.footerItem !== null
    }

    ListView {
        id: list
        objectName: "versionList"
        anchors.fill: parent
        anchors.margins: 8
        spacing: 4
        clip: true
        model: versionsModel
        // A file of its own, made by the list: see ReleaseHeader.qml.
        header: Qt.createComponent("ServiceHeader.qml", Component.PreferSynchronous, list)
        // Below the list: the record's history (who changed what, and when).
        footer: Qt.createComponent("RecordHistory.qml", Component.PreferSynchronous, list)
        delegate: ItemDelegate {
            id: version
            required property string buildId
            required property int version
            required property string status
            required property string what
            required property string who
            required property date when
            required property string returnedReason
            required property int lines
            width: ListView.view.width
            padding: 12
            onClicked: page.openBuild(version.buildId)
            contentItem: RowLayout {
                spacing: 12
                Label {
                    text: qsTr("v%1").arg(version.version)
                    font.bold: true
                    font.pixelSize: 22
                    Layout.preferredWidth: 56
                }
                ColumnLayout {
                    Layout.fillWidth: true
                    spacing: 2
                    Label {
                        Layout.fillWidth: true
                        wrapMode: Text.Wrap
                        text: version.who.length > 0
                              ? qsTr("%1 %2, %3").arg(version.what).arg(version.who)
                                    .arg(version.when.toLocaleString(Qt.locale(), Locale.ShortFormat))
                              : qsTr("%1 %2").arg(version.what).arg(version.when.toLocaleString(Qt.locale(), Locale.ShortFormat))
                    }
                    Label {
                        objectName: "returnedLabel"
                        Layout.fillWidth: true
                        visible: version.returnedReason.length > 0
                        wrapMode: Text.Wrap
                        text: qsTr("Returned: %1").arg(version.returnedReason)
                        color: Material.color(Material.Orange, Material.Shade800)
                    }
                    Label {
                        text: qsTr("%n checklist line(s)", "", version.lines)
                        opacity: 0.7
                    }
                }
                StatusChip { status: version.status }
            }
        }
    }

    Dialog {
        id: retireDialog
        objectName: "retireDialog"
        anchors.centerIn: parent
        width: Math.min(page.width - 32, 560)
        modal: true
        title: qsTr("Retire %1?").arg(versionsModel.service.name)
        onOpened: retireError.text = ""
        ColumnLayout {
            anchors.fill: parent
            spacing: 8
            Label {
                Layout.fillWidth: true
                wrapMode: Text.Wrap
                text: qsTr("It leaves the catalogue and gets no new build procedure or release. Its versions and installations stay on record.")
            }
            Label {
                id: retireError
                objectName: "retireError"
                Layout.fillWidth: true
                visible: text.length > 0
                wrapMode: Text.Wrap
                color: Material.color(Material.Red)
            }
            RowLayout {
                Layout.fillWidth: true
                Button {
                    Layout.fillWidth: true
                    Layout.preferredHeight: 52
                    text: qsTr("Cancel")
                    onClicked: retireDialog.close()
                }
                Button {
                    objectName: "confirmRetireButton"
                    Layout.fillWidth: true
                    Layout.preferredHeight: 52
                    highlighted: true
                    Material.accent: Material.Red
                    text: qsTr("Retire it")
                    onClicked: {
                        const answer = page.office.retireService(page.serviceId)
                        // {ok, error}: see draftVersion.
                        retireError.text = answer.ok ? "" : answer.error // qmllint disable type
                        if (answer.ok) // qmllint disable type
                            retireDialog.close()
                    }
                }
            }
        }
    }
}
