import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import ReleaseDesk
import ReleaseDesk.Models

// Starting an installation: scan or type the asset tag and the manufacturer's serial. A serial
// already in the local inventory is said at once, and the installer links to that asset instead
// of making a second one. Then the room, and the checklist opens.
Page {
    id: page
    property AppSession session
    property Workbench workbench
    property string releaseId
    property string linkAssetId
    property var linkedAsset: null
    property var duplicates: []
    property alias tagField: tag
    property alias serialField: serial
    readonly property var defaults: workbench ? workbench.newAssetDefaults(releaseId) : ({})
    readonly property var rooms: workbench ? workbench.roomsForRelease(releaseId) : []
    signal installationStarted(string installationId)
    title: qsTr("Start an installation")

    function link(asset) {
        linkAssetId = asset.assetId
        linkedAsset = asset
        if (asset.roomId) {
            for (let i = 0; i < rooms.length; ++i) {
                if (rooms[i].id === asset.roomId)
                    room.currentIndex = i + 1
            }
        }
    }
    function unlink() {
        linkAssetId = ""
        linkedAsset = null
    }
    function checkSerial() {
        duplicates = workbench.assetsWithSerial(serial.text)
    }
    function start() {
        errorLabel.text = ""
        const roomId = room.currentIndex > 0 ? rooms[room.currentIndex - 1].id : ""
        const answer = workbench.startInstallation(releaseId, linkAssetId, tag.text, serial.text,
                                                   make.text, model.text, roomId)
        if (!answer.ok) {
            errorLabel.text = answer.error
            return
        }
        installationStarted(answer.id)
    }

    Flickable {
        anchors.fill: parent
        contentHeight: form.implicitHeight + 48
        clip: true
        ColumnLayout {
            id: form
            width: Math.min(parent.width - 32, 720)
            x: (parent.width - width) / 2
            y: 16
            spacing: 12

            Label {
                Layout.fillWidth: true
                wrapMode: Text.Wrap
                text: qsTr("Scan the asset tag, then the manufacturer's serial. A scanner gun works in either field; you can also type.")
            }
            ScanField {
                id: tag
                objectName: "tagField"
                Layout.fillWidth: true
                label: qsTr("Asset tag")
                enabled: page.linkAssetId.length === 0
                onScanned: (value) => {
                    const found = page.workbench.assetWithTag(value)
                    if (found.found) {
                        tag.warning = qsTr("Tag %1 is already on %2 %3 (serial %4).").arg(value).arg(found.make)
                                          .arg(found.model).arg(found.serial)
                        page.duplicates = [found]
                    } else {
                        tag.warning = ""
                    }
                    serial.field.forceActiveFocus()
                }
            }
            ScanField {
                id: serial
                objectName: "serialField"
                Layout.fillWidth: true
                label: qsTr("Manufacturer's serial")
                enabled: page.linkAssetId.length === 0
                text: ""
                field.onTextChanged: page.checkSerial()
                onScanned: page.checkSerial()
                warning: page.duplicates.length > 0 && page.linkAssetId.length === 0
                         ? qsTr("Already in the inventory. Use the asset below rather than adding it twice.") : ""
            }
            Repeater {
                model: page.linkAssetId.length === 0 ? page.duplicates : []
                delegate: Card {
                    required property var modelData
                    Layout.fillWidth: true
                    RowLayout {
                        anchors.fill: parent
                        ColumnLayout {
                            Layout.fillWidth: true
                            Label {
                                text: (modelData.assetTag || qsTr("no tag")) + " · " + modelData.serial
                                font.bold: true
                            }
                            Label {
                                Layout.fillWidth: true
                                wrapMode: Text.Wrap
                                text: qsTr("%1 %2, %3 %4 (%5)").arg(modelData.make).arg(modelData.model)
                                          .arg(modelData.site).arg(modelData.room).arg(modelData.status)
                            }
                        }
                        Button {
                            objectName: "useAssetButton"
                            text: qsTr("Use this asset")
                            Layout.preferredHeight: 52
                            onClicked: page.link(modelData)
                        }
                    }
                }
            }
            Card {
                Layout.fillWidth: true
                visible: page.linkedAsset !== null
                RowLayout {
                    anchors.fill: parent
                    Label {
                        objectName: "linkedLabel"
                        Layout.fillWidth: true
                        wrapMode: Text.Wrap
                        text: page.linkedAsset ? qsTr("Installing on %1 %2, tag %3, serial %4")
                                                     .arg(page.linkedAsset.make).arg(page.linkedAsset.model)
                                                     .arg(page.linkedAsset.assetTag || qsTr("none"))
                                                     .arg(page.linkedAsset.serial) : ""
                    }
                    Button {
                        text: qsTr("Change")
                        Layout.preferredHeight: 52
                        onClicked: page.unlink()
                    }
                }
            }
            RowLayout {
                Layout.fillWidth: true
                visible: page.linkAssetId.length === 0
                spacing: 12
                TextField {
                    id: make
                    objectName: "makeField"
                    Layout.fillWidth: true
                    Layout.preferredHeight: 56
                    placeholderText: qsTr("Make")
                    text: page.defaults.make || ""
                }
                TextField {
                    id: model
                    objectName: "modelField"
                    Layout.fillWidth: true
                    Layout.preferredHeight: 56
                    placeholderText: qsTr("Model")
                    text: page.defaults.model || ""
                }
            }
            ComboBox {
                id: room
                objectName: "roomBox"
                Layout.fillWidth: true
                Layout.preferredHeight: 56
                model: [qsTr("Room: not yet known")].concat(page.rooms.map(r => qsTr("Room: %1").arg(r.name)))
            }
            Label {
                id: errorLabel
                objectName: "errorLabel"
                Layout.fillWidth: true
                wrapMode: Text.Wrap
                color: Material.color(Material.Red)
                visible: text.length > 0
            }
            Button {
                objectName: "startButton"
                Layout.fillWidth: true
                Layout.preferredHeight: 56
                highlighted: true
                text: page.linkAssetId.length > 0 ? qsTr("Start on this asset") : qsTr("Add the asset and start")
                enabled: page.linkAssetId.length > 0 || serial.text.trim().length > 0
                onClicked: page.start()
            }
        }
    }
}
