pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import ReleaseDesk

// A release as the release manager sees it: its plan, each unit's state (the ones that need them
// first: failing, backed out with the reason, in progress with the checklist's progress, accepted;
// a unit backed out and installed again keeps its back-out), the status changes the rules allow,
// and closing it with the post-implementation review.
Page {
    id: page
    required property AppSession session
    required property OfficeReleases releases
    property string releaseId
    property alias followUp: followUp
    property alias closeDialog: closeDialog
    /** Why the last action failed, in words. */
    property string actionError
    signal editPlan(string releaseId)
    signal openAsset(string assetId)
    title: followUp.plan.loaded ? qsTr("Release %1").arg(followUp.plan.number) : qsTr("Release")

    ReleaseFollowUpModel {
        id: followUp
        session: page.session
        releaseId: page.releaseId
    }

    /** Moves the release to @p status, as the rules allow. */
    function setStatus(status: string): bool {
        const answer = page.releases.setStatus(page.releaseId, status)
        // OfficeReleases answers a QVariantMap, {ok, error}: Qt 6.4's qmllint cannot see a map's keys.
        page.actionError = answer.ok ? "" : answer.error // qmllint disable type
        return page.actionError.length === 0
    }
    /** Closes the release with the review @p note; false, saying why in the dialog, when refused. */
    function close(note: string): bool {
        const answer = page.releases.close(page.releaseId, note)
        // OfficeReleases answers a QVariantMap, {ok, error}: Qt 6.4's qmllint cannot see a map's keys.
        closeError.text = answer.ok ? "" : answer.error // qmllint disable type
        if (closeError.text.length > 0)
            return false
        closeDialog.close()
        return true
    }

    Connections {
        target: list.headerItem as OfficeReleaseHeader
        function onEditPlan() { page.editPlan(page.releaseId) }
        function onStatusRequested(status: string) { page.setStatus(status) }
        function onCloseRequested() { closeDialog.open() }
    }
    Binding {
        target: list.headerItem as OfficeReleaseHeader
        property: "error"
        value: page.actionError
        when: list.headerItem !== null
    }

    // The header grows as its texts wrap to the page's width; until someone scrolls, its top stays
    // in view (a list keeps its first row in place, and would push the header's top out of sight).
    Connections {
        target: list.headerItem
        function onHeightChanged() {
            if (!list.scrolled)
                list.positionViewAtBeginning()
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
        value: page.releaseId
        when: list.footerItem !== null
    }

    ListView {
        id: list
        objectName: "unitList"
        property bool scrolled: false
        onMovementStarted: scrolled = true
        anchors.fill: parent
        anchors.margins: 8
        spacing: 4
        clip: true
        model: followUp
        // A file of its own, made by the list: see ReleaseHeader.qml.
        header: Qt.createComponent("OfficeReleaseHeader.qml", Component.PreferSynchronous, list)
        // Below the list: the record's history (who changed what, and when).
        footer: Qt.createComponent("RecordHistory.qml", Component.PreferSynchronous, list)
        delegate: ItemDelegate {
            id: unit
            required property string assetId
            required property string assetTag
            required property string serial
            required property string model
            required property string room
            required property string status
            required property string state
            required property int stepsRecorded
            required property int stepsTotal
            required property int buildVersion
            required property string startedBy
            required property string acceptedBy
            required property bool installedAgain
            required property string backOutReason
            required property string history
            width: ListView.view.width
            padding: 12
            // Its whole history, back-outs included: the asset's page.
            onClicked: page.openAsset(unit.assetId)
            contentItem: ColumnLayout {
                spacing: 2
                RowLayout {
                    Layout.fillWidth: true
                    spacing: 12
                    Label {
                        Layout.fillWidth: true
                        text: unit.assetTag.length > 0 ? unit.assetTag + " · " + unit.serial : unit.serial
                        font.bold: true
                        font.pixelSize: 18
                        elide: Text.ElideRight
                    }
                    Label {
                        // A unit keeps the version it started with when the release moves to a newer one.
                        text: unit.buildVersion !== page.followUp.plan.buildVersion ? qsTr("build v%1").arg(unit.buildVersion) : ""
                        visible: text.length > 0
                        opacity: 0.75
                    }
                    Label {
                        objectName: "progressLabel"
                        text: qsTr("%1/%2 lines").arg(unit.stepsRecorded).arg(unit.stepsTotal)
                        visible: unit.status === "in-progress"
                    }
                    StatusChip { status: unit.state }
                }
                Label {
                    Layout.fillWidth: true
                    text: {
                        const who = unit.status === "accepted" && unit.acceptedBy.length > 0
                                  ? qsTr("accepted by %1").arg(unit.acceptedBy) : qsTr("by %1").arg(unit.startedBy)
                        return unit.room.length > 0 ? qsTr("%1 · %2 · %3").arg(unit.model).arg(unit.room).arg(who)
                                                    : qsTr("%1 · %2").arg(unit.model).arg(who)
                    }
                    opacity: 0.75
                    elide: Text.ElideRight
                }
                Label {
                    objectName: "backOutLabel"
                    Layout.fillWidth: true
                    visible: unit.status === "backed-out"
                    text: qsTr("Backed out: %1").arg(unit.backOutReason)
                    wrapMode: Text.Wrap
                    color: Material.color(Material.Red)
                }
                Label {
                    objectName: "historyLabel"
                    Layout.fillWidth: true
                    visible: unit.installedAgain
                    text: qsTr("Installed again. %1").arg(unit.history)
                    wrapMode: Text.Wrap
                    font.pixelSize: 15
                    font.italic: true
                    opacity: 0.8
                }
            }
        }
    }

    Dialog {
        id: closeDialog
        objectName: "closeDialog"
        property alias note: note
        anchors.centerIn: parent
        width: Math.min(page.width - 32, 640)
        modal: true
        title: qsTr("Close release %1").arg(page.followUp.plan.number)
        onOpened: {
            closeError.text = ""
            note.forceActiveFocus()
        }
        ColumnLayout {
            anchors.fill: parent
            spacing: 8
            Label {
                Layout.fillWidth: true
                wrapMode: Text.Wrap
                text: qsTr("The post-implementation review: what went well, what went wrong, what to change next time. A closed release no longer changes.")
            }
            ScrollView {
                Layout.fillWidth: true
                Layout.preferredHeight: 160
                TextArea {
                    id: note
                    objectName: "reviewField"
                    wrapMode: TextArea.Wrap
                    placeholderText: qsTr("Review note")
                }
            }
            Label {
                id: closeError
                objectName: "closeError"
                Layout.fillWidth: true
                wrapMode: Text.Wrap
                color: Material.color(Material.Red)
                visible: text.length > 0
            }
            RowLayout {
                Layout.fillWidth: true
                Button {
                    Layout.fillWidth: true
                    Layout.preferredHeight: 52
                    text: qsTr("Cancel")
                    onClicked: closeDialog.close()
                }
                Button {
                    objectName: "confirmCloseButton"
                    Layout.fillWidth: true
                    Layout.preferredHeight: 52
                    highlighted: true
                    enabled: note.text.trim().length > 0
                    text: qsTr("Close the release")
                    onClicked: page.close(note.text)
                }
            }
        }
    }
}
