pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import ReleaseDesk

// Today: my releases, by planned date, with units done of total. For the office roles on a narrow
// screen, the way to their places too (shortcuts); for the office roles, what the software library
// and the licence log want from them (media overdue, licences to look at).
Page {
    id: page
    required property AppSession session
    property alias model: releases
    /** The office's places to offer here, as Main.qml lists them: [{name, title}]. */
    property var shortcuts: []
    signal openRelease(string releaseId)
    signal openPlace(string name)
    signal openDslItem(string dslItemId)
    signal openLicence(string licenceId)
    signal auditRoom()
    title: qsTr("Today")
    /** The release open beside this list (two panes), shown selected. */
    property string selectedReleaseId

    ReleasesModel {
        id: releases
        session: page.session
        mineOnly: !page.session.officeRole
        // Under the release and the checklist in the stack, a tap on a checklist line does not
        // make this list of (perhaps thousands of) releases read again: it reads once when shown.
        active: page.visible
    }

    // Above the list, not its header: it stays while the list scrolls (and Qt 6.4 cannot make a list
    // header from an inline component of this file, which says ComponentBehavior: Bound).
    header: ColumnLayout {
        spacing: 0
        Flow {
            objectName: "officeShortcuts"
            Layout.fillWidth: true
            Layout.leftMargin: 16
            Layout.rightMargin: 16
            Layout.topMargin: 12
            visible: page.shortcuts.length > 0
            spacing: 8
            Repeater {
                model: page.shortcuts
                delegate: Button {
                    id: shortcut
                    required property var modelData
                    objectName: "shortcut_" + shortcut.modelData.name
                    height: 52
                    text: shortcut.modelData.title
                    onClicked: page.openPlace(shortcut.modelData.name)
                }
            }
        }
        LibraryAlerts {
            id: alerts
            objectName: "libraryAlerts"
            Layout.fillWidth: true
            Layout.leftMargin: 16
            Layout.rightMargin: 16
            Layout.topMargin: 12
            session: page.session
            visible: page.session.officeRole && (alerts.overdue.count > 0 || alerts.licenceAlerts.count > 0)
            onOpenDslItem: (dslItemId) => page.openDslItem(dslItemId)
            onOpenLicence: (licenceId) => page.openLicence(licenceId)
        }
        Button {
            // A room audit (issue 12): installers and release managers walk a room and scan it.
            objectName: "auditRoomButton"
            Layout.leftMargin: 16
            Layout.topMargin: 12
            Layout.preferredHeight: 52
            visible: page.session.role !== "build-developer"
            text: qsTr("Audit a room")
            onClicked: page.auditRoom()
        }
        Label {
            leftPadding: 16
            topPadding: 16
            bottomPadding: 8
            text: page.session.officeRole ? qsTr("Open releases") : qsTr("My releases")
            font.pixelSize: 22
            font.bold: true
        }
    }

    ListView {
        id: list
        objectName: "releaseList"
        anchors.fill: parent
        anchors.margins: 8
        spacing: 8
        model: releases
        clip: true
        delegate: ItemDelegate {
            id: row
            required property int index
            required property string releaseId
            required property string number
            required property string service
            required property int buildVersion
            required property string hardwareModel
            required property string site
            required property string rooms
            required property int units
            required property int unitsDone
            required property int unitsStarted
            required property string plannedDate
            required property bool overdue
            required property string status
            width: ListView.view.width
            padding: 16
            highlighted: row.releaseId === page.selectedReleaseId
            onClicked: page.openRelease(row.releaseId)
            contentItem: ColumnLayout {
                spacing: 4
                RowLayout {
                    Layout.fillWidth: true
                    Label {
                        text: row.number
                        font.pixelSize: 20
                        font.bold: true
                    }
                    StatusChip { status: row.status }
                    Item { Layout.fillWidth: true }
                    Label {
                        text: qsTr("due %1").arg(row.plannedDate)
                        color: row.overdue ? Material.color(Material.Red) : Material.foreground
                        font.bold: row.overdue
                    }
                }
                Label {
                    Layout.fillWidth: true
                    text: qsTr("%1 · build v%2 · %3").arg(row.service).arg(row.buildVersion).arg(row.hardwareModel)
                    elide: Text.ElideRight
                }
                Label {
                    Layout.fillWidth: true
                    text: row.rooms.length > 0 ? qsTr("%1 · %2").arg(row.site).arg(row.rooms) : row.site
                    opacity: 0.75
                    elide: Text.ElideRight
                }
                RowLayout {
                    Layout.fillWidth: true
                    ProgressBar {
                        Layout.fillWidth: true
                        from: 0
                        to: row.units
                        value: row.unitsDone
                    }
                    Label {
                        objectName: "unitsLabel"
                        text: qsTr("%1 of %2 done").arg(row.unitsDone).arg(row.units)
                              + (row.unitsStarted > 0 ? qsTr(", %1 under way").arg(row.unitsStarted) : "")
                    }
                }
            }
        }
    }
    EmptyState {
        objectName: "emptyState"
        anchors.centerIn: parent
        width: Math.min(parent.width - 48, 480)
        visible: releases.count === 0
        title: releases.error.length > 0 ? qsTr("Cannot show your releases") : qsTr("No open releases")
        text: releases.error.length > 0 ? releases.error
              : qsTr("Nothing is planned for you on this tablet. Sync in the office to fetch new releases.")
    }
}
