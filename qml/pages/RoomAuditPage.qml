pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import QtMultimedia
import ReleaseDesk

// A room audit (issue 12): choose the room (or scan its door label), scan everything in it with the
// camera or a scanner gun (bursts welcome), and see what is expected there and found, missing, and
// unexpected (registered elsewhere, or unknown). From a line: move an asset found here to this room,
// mark one not found as missing, or add an unknown one to the inventory. Finishing keeps the audit,
// which syncs. The comparison is the core's (RoomAuditModel over RoomAuditTally).
Page {
    id: page
    required property AppSession session
    // A room to start in (from the Sites and rooms page); else the page asks for one.
    property string roomId: ""
    // The camera runs with the page when the device has one.
    property bool cameraWanted: true
    property alias audit: audit
    property alias controller: scanner
    property alias addDialog: addDialog
    signal finished(string auditId)

    title: audit.roomName.length > 0 ? qsTr("Audit of %1").arg(audit.roomName) : qsTr("Audit a room")

    RoomAuditModel {
        id: audit
        session: page.session
        roomId: page.roomId
    }

    ScanController {
        id: scanner
        mode: ScanController.Audit
        videoSink: preview.videoSink
        keyTarget: page.visible ? page.Window.window : null
        cameraActive: page.visible && page.cameraWanted && scanner.cameraAvailable && !audit.finished
        onRead: (text) => page.take(text)
        onGoodRead: beep.play()
    }

    SoundEffect {
        id: beep
        source: Qt.resolvedUrl("../sounds/goodread.wav")
        volume: 0.6
    }

    // A door label chooses the room while none is chosen; after that every read is a scan.
    function take(text: string) {
        if (audit.roomName.length === 0) {
            audit.chooseRoomByLabel(text)
            return
        }
        if (!audit.finished)
            audit.scan(text)
    }

    header: ColumnLayout {
        spacing: 0
        Label {
            Layout.fillWidth: true
            leftPadding: 16
            topPadding: 12
            text: page.title
            font.pixelSize: 22
            font.bold: true
            elide: Label.ElideRight
        }
        Label {
            Layout.fillWidth: true
            leftPadding: 16
            visible: audit.siteName.length > 0
            text: audit.siteName
            opacity: 0.85
        }
    }

    // No room yet: the rooms of the user's sites, each with its last audit.
    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 12
        visible: audit.roomName.length === 0
        spacing: 8
        Label {
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            text: qsTr("Scan the room's door label, or choose the room.")
        }
        Label {
            Layout.fillWidth: true
            visible: audit.error.length > 0
            text: audit.error
            color: Material.color(Material.Red)
            wrapMode: Text.Wrap
        }
        ListView {
            objectName: "roomList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            spacing: 2
            model: audit.roomName.length === 0 ? audit.roomChoices() : []
            delegate: ItemDelegate {
                id: choice
                required property var modelData
                width: ListView.view.width
                height: Math.max(56, implicitHeight)
                contentItem: ColumnLayout {
                    spacing: 2
                    Label {
                        text: choice.modelData.name + " · " + choice.modelData.site
                        font.pixelSize: 18
                    }
                    Label {
                        text: choice.modelData.lastAudit.length > 0 ? qsTr("Last audited %1").arg(choice.modelData.lastAudit)
                                                                    : qsTr("Never audited")
                        opacity: 0.85
                    }
                }
                onClicked: audit.roomId = choice.modelData.id
            }
        }
    }

    // The audit under way.
    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 12
        visible: audit.roomName.length > 0
        spacing: 8

        GridLayout {
            Layout.fillWidth: true
            columns: 4
            columnSpacing: 8
            Repeater {
                model: [
                    {name: "expectedCount", title: qsTr("Expected"), value: audit.expected},
                    {name: "foundCount", title: qsTr("Found"), value: audit.found},
                    {name: "missingCount", title: qsTr("Missing"), value: audit.missing},
                    {name: "unexpectedCount", title: qsTr("Unexpected"), value: audit.unexpected}
                ]
                delegate: Pane {
                    id: tile
                    required property var modelData
                    objectName: modelData.name
                    readonly property int value: modelData.value
                    Layout.fillWidth: true
                    Material.elevation: 1
                    ColumnLayout {
                        anchors.fill: parent
                        spacing: 0
                        Label {
                            text: tile.value
                            font.pixelSize: 28
                            font.bold: true
                        }
                        Label {
                            text: tile.modelData.title
                        }
                    }
                }
            }
        }

        RowLayout {
            Layout.fillWidth: true
            spacing: 8
            // The camera's view, small: the list is what matters.
            Rectangle {
                Layout.preferredWidth: 160
                Layout.preferredHeight: 96
                visible: scanner.cameraActive
                color: "black"
                radius: 4
                clip: true
                VideoOutput {
                    id: preview
                    anchors.fill: parent
                    fillMode: VideoOutput.PreserveAspectCrop
                }
            }
            TextField {
                id: manual
                objectName: "manualField"
                Layout.fillWidth: true
                Layout.preferredHeight: 52
                enabled: !audit.finished
                placeholderText: qsTr("Tag or serial, or scan")
                onAccepted: {
                    page.take(text)
                    text = ""
                }
            }
            Button {
                objectName: "manualButton"
                Layout.preferredHeight: 52
                enabled: manual.text.trim().length > 0 && !audit.finished
                text: qsTr("Add scan")
                onClicked: manual.accepted()
            }
        }

        Label {
            objectName: "lastScan"
            Layout.fillWidth: true
            text: audit.lastScan.length > 0 ? audit.lastScan
                                            : qsTr("%n scan(s) so far", "", audit.scans)
            font.pixelSize: 17
            elide: Label.ElideRight
        }
        Label {
            Layout.fillWidth: true
            visible: actionError.text.length > 0
            id: actionError
            color: Material.color(Material.Red)
            wrapMode: Text.Wrap
        }

        ListView {
            id: lines
            objectName: "auditList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            spacing: 2
            model: audit
            delegate: ItemDelegate {
                id: line
                required property int index
                required property string assetId
                required property string tag
                required property string serial
                required property string description
                required property string scanned
                required property string outcome
                required property string where
                required property bool markedMissing
                width: ListView.view.width
                height: Math.max(60, implicitHeight)
                contentItem: RowLayout {
                    spacing: 8
                    ColumnLayout {
                        Layout.fillWidth: true
                        spacing: 2
                        Label {
                            Layout.fillWidth: true
                            text: line.tag.length > 0 ? line.tag : (line.serial.length > 0 ? line.serial : line.scanned)
                            font.pixelSize: 18
                            font.bold: true
                            elide: Label.ElideRight
                        }
                        Label {
                            Layout.fillWidth: true
                            elide: Label.ElideRight
                            opacity: 0.85
                            text: line.outcome === "found" ? qsTr("Found · %1").arg(line.description)
                                : line.outcome === "missing" ? (line.markedMissing ? qsTr("Missing, marked missing · %1").arg(line.description)
                                                                                   : qsTr("Not found yet · %1").arg(line.description))
                                : line.outcome === "elsewhere" ? qsTr("Registered in %1 · %2").arg(line.where).arg(line.description)
                                : qsTr("Not in the inventory")
                        }
                    }
                    Button {
                        objectName: "moveHereButton"
                        visible: line.outcome === "elsewhere"
                        Layout.preferredHeight: 48
                        text: qsTr("Move here")
                        onClicked: {
                            const answer = audit.moveHere(line.index)
                            actionError.text = answer.ok ? "" : answer.error // qmllint disable type
                        }
                    }
                    Button {
                        objectName: "markMissingButton"
                        visible: line.outcome === "missing" && !line.markedMissing
                        Layout.preferredHeight: 48
                        text: qsTr("Mark missing")
                        onClicked: {
                            const answer = audit.markMissing(line.index)
                            actionError.text = answer.ok ? "" : answer.error // qmllint disable type
                        }
                    }
                    Button {
                        objectName: "addUnknownButton"
                        visible: line.outcome === "unknown"
                        Layout.preferredHeight: 48
                        text: qsTr("Add")
                        onClicked: {
                            addDialog.row = line.index
                            addDialog.scanned = line.scanned
                            addDialog.open()
                        }
                    }
                }
            }
        }

        Button {
            objectName: "finishButton"
            Layout.fillWidth: true
            Layout.preferredHeight: 56
            highlighted: true
            enabled: !audit.finished
            text: audit.finished ? qsTr("Audit kept: mark what is missing, or leave")
                                 : qsTr("Finish the audit (%n missing)", "", audit.missing)
            onClicked: {
                const answer = audit.finish()
                actionError.text = answer.ok ? "" : answer.error // qmllint disable type
                if (answer.ok) // qmllint disable type
                    page.finished(answer.id) // qmllint disable type
            }
        }
    }

    // Adding an unknown scan to the inventory, in this room.
    Dialog {
        id: addDialog
        objectName: "addDialog"
        property int row: -1
        property string scanned
        property alias makeField: make
        property alias modelField: model
        property string error
        anchors.centerIn: Overlay.overlay
        width: Math.min(page.width - 32, 520)
        modal: true
        title: qsTr("Add %1 to the inventory").arg(scanned)
        standardButtons: Dialog.Cancel
        onAboutToShow: {
            make.text = ""
            model.text = ""
            category.text = ""
            error = ""
        }
        ColumnLayout {
            anchors.fill: parent
            spacing: 8
            Label {
                text: qsTr("Make")
            }
            TextField {
                id: make
                Layout.fillWidth: true
                placeholderText: qsTr("e.g. Dell")
            }
            Label {
                text: qsTr("Model")
            }
            TextField {
                id: model
                Layout.fillWidth: true
                placeholderText: qsTr("e.g. Latitude 3440")
            }
            Label {
                text: qsTr("Category (optional)")
            }
            TextField {
                id: category
                Layout.fillWidth: true
                placeholderText: qsTr("e.g. Laptop")
            }
            Label {
                Layout.fillWidth: true
                visible: addDialog.error.length > 0
                text: addDialog.error
                color: Material.color(Material.Red)
                wrapMode: Text.Wrap
            }
            Button {
                objectName: "saveAssetButton"
                Layout.alignment: Qt.AlignRight
                highlighted: true
                enabled: make.text.trim().length > 0 && model.text.trim().length > 0
                text: qsTr("Add")
                onClicked: {
                    const answer = audit.addUnknown(addDialog.row, make.text, model.text, category.text)
                    addDialog.error = answer.ok ? "" : answer.error // qmllint disable type
                    if (answer.ok) // qmllint disable type
                        addDialog.close()
                }
            }
        }
    }
}
