pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import ReleaseDesk

// The organisation's sites and their rooms: what a school sets up first, so that people, releases
// and assets can name them. Release managers add them; a site's code and tag format are kept as
// typed (the scan page checks tags against the format).
Page {
    id: page
    required property AppSession session
    property alias model: sites
    property alias addSiteDialog: addSiteDialog
    property alias addRoomDialog: addRoomDialog
    // A room audit started from a room (issue 12).
    signal auditRoom(string roomId)
    title: qsTr("Sites")

    SitesModel {
        id: sites
        session: page.session
    }
    OfficeSites {
        id: office
        session: page.session
    }

    header: RowLayout {
        Label {
            Layout.fillWidth: true
            leftPadding: 16
            topPadding: 12
            text: qsTr("Sites and rooms")
            font.pixelSize: 22
            font.bold: true
        }
        Button {
            objectName: "addSiteButton"
            Layout.rightMargin: 8
            Layout.topMargin: 12
            Layout.preferredHeight: 52
            highlighted: true
            text: qsTr("Add a site")
            onClicked: addSiteDialog.open()
        }
    }

    ListView {
        objectName: "sitesList"
        anchors.fill: parent
        anchors.margins: 8
        spacing: 4
        clip: true
        model: sites
        // A site, then each room's last audit and what it did not find (issue 12), with an Audit
        // button per room (outside the delegate's contentItem, which may hold no ids).
        delegate: Column {
            id: row
            required property string siteId
            required property string name
            required property string code
            required property string tagPattern
            required property string rooms
            required property int roomCount
            required property var roomAudits
            width: ListView.view.width
            ItemDelegate {
                width: row.width
                padding: 14
                contentItem: RowLayout {
                    spacing: 12
                    ColumnLayout {
                        Layout.fillWidth: true
                        spacing: 2
                        Label {
                            text: qsTr("%1 (%2)").arg(row.name).arg(row.code)
                            font.pixelSize: 19
                            font.bold: true
                        }
                        Label {
                            Layout.fillWidth: true
                            wrapMode: Text.Wrap
                            text: row.roomCount === 0 ? qsTr("No rooms yet")
                                                      : qsTr("%n room(s): %1", "", row.roomCount).arg(row.rooms)
                        }
                        Label {
                            visible: row.tagPattern.length > 0
                            text: qsTr("Asset tags: %1").arg(row.tagPattern)
                            opacity: 0.8
                        }
                    }
                    Button {
                        objectName: "addRoomButton"
                        Layout.preferredHeight: 48
                        text: qsTr("Add a room")
                        onClicked: {
                            addRoomDialog.siteId = row.siteId
                            addRoomDialog.siteName = row.name
                            addRoomDialog.open()
                        }
                    }
                }
            }
            Repeater {
                model: row.roomAudits
                delegate: RowLayout {
                    id: roomRow
                    required property var modelData
                    objectName: "room_" + roomRow.modelData.name
                    readonly property string lastAudit: roomRow.modelData.lastAudit
                    readonly property int missing: roomRow.modelData.missing
                    x: 28
                    width: row.width - 36
                    spacing: 8
                    Label {
                        Layout.fillWidth: true
                        wrapMode: Text.Wrap
                        text: roomRow.lastAudit.length === 0
                              ? qsTr("%1: never audited").arg(roomRow.modelData.name)
                              : roomRow.missing === 0
                                ? qsTr("%1: audited %2, nothing missing").arg(roomRow.modelData.name).arg(roomRow.lastAudit)
                                : qsTr("%1: audited %2, %n missing: %3", "", roomRow.missing)
                                      .arg(roomRow.modelData.name).arg(roomRow.lastAudit).arg(roomRow.modelData.missingAssets)
                        color: roomRow.missing > 0 ? Material.color(Material.Red) : Material.foreground
                    }
                    Button {
                        objectName: "auditButton"
                        Layout.preferredHeight: 48
                        flat: true
                        text: qsTr("Audit")
                        onClicked: page.auditRoom(roomRow.modelData.roomId)
                    }
                }
            }
        }
    }

    EmptyState {
        anchors.centerIn: parent
        width: parent.width - 48
        visible: sites.count === 0
        title: sites.error.length > 0 ? qsTr("The sites cannot be read") : qsTr("No sites yet")
        text: sites.error.length > 0 ? sites.error
                                     : qsTr("Add the school's first site: people, releases and assets are at a site.")
    }

    Dialog {
        id: addSiteDialog
        objectName: "addSiteDialog"
        property alias nameField: siteName
        property alias codeField: siteCode
        property alias patternField: sitePattern
        property string error
        anchors.centerIn: Overlay.overlay
        width: Math.min(page.width - 32, 520)
        modal: true
        title: qsTr("Add a site")
        standardButtons: Dialog.Cancel
        onAboutToShow: {
            siteName.text = ""
            siteCode.text = ""
            sitePattern.text = ""
            error = ""
        }
        ColumnLayout {
            anchors.fill: parent
            spacing: 8
            TextField {
                id: siteName
                Layout.fillWidth: true
                placeholderText: qsTr("Name, e.g. Riverside Academy - Upper School")
            }
            TextField {
                id: siteCode
                Layout.fillWidth: true
                placeholderText: qsTr("Short code, e.g. RAU")
            }
            TextField {
                id: sitePattern
                Layout.fillWidth: true
                placeholderText: qsTr("Asset tag format (optional), e.g. ^RAU-[0-9]{5}$")
            }
            Label {
                Layout.fillWidth: true
                visible: addSiteDialog.error.length > 0
                text: addSiteDialog.error
                color: Material.color(Material.Red)
                wrapMode: Text.Wrap
            }
            Button {
                objectName: "saveSiteButton"
                Layout.alignment: Qt.AlignRight
                highlighted: true
                enabled: siteName.text.trim().length > 0 && siteCode.text.trim().length > 0
                text: qsTr("Add")
                onClicked: {
                    const answer = office.addSite(siteName.text, siteCode.text, sitePattern.text)
                    addSiteDialog.error = answer.ok ? "" : answer.error // qmllint disable type
                    if (answer.ok) // qmllint disable type
                        addSiteDialog.close()
                }
            }
        }
    }

    Dialog {
        id: addRoomDialog
        objectName: "addRoomDialog"
        property string siteId
        property string siteName
        property alias nameField: roomName
        property string error
        anchors.centerIn: Overlay.overlay
        width: Math.min(page.width - 32, 520)
        modal: true
        title: qsTr("Add a room to %1").arg(siteName)
        standardButtons: Dialog.Cancel
        onAboutToShow: {
            roomName.text = ""
            error = ""
        }
        ColumnLayout {
            anchors.fill: parent
            spacing: 8
            TextField {
                id: roomName
                Layout.fillWidth: true
                placeholderText: qsTr("Room, e.g. ICT Suite 1")
            }
            Label {
                Layout.fillWidth: true
                visible: addRoomDialog.error.length > 0
                text: addRoomDialog.error
                color: Material.color(Material.Red)
                wrapMode: Text.Wrap
            }
            Button {
                objectName: "saveRoomButton"
                Layout.alignment: Qt.AlignRight
                highlighted: true
                enabled: roomName.text.trim().length > 0
                text: qsTr("Add")
                onClicked: {
                    const answer = office.addRoom(addRoomDialog.siteId, roomName.text)
                    addRoomDialog.error = answer.ok ? "" : answer.error // qmllint disable type
                    if (answer.ok) // qmllint disable type
                        addRoomDialog.close()
                }
            }
        }
    }
}
