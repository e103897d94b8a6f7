pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import ReleaseDesk

// Starting an installation: scan or type the asset tag and the manufacturer's serial. A serial or
// tag already in the local inventory is said at once, and the installer links to that asset
// instead of making a second one. Then the room, and the checklist opens. The fields, their checks
// and the start itself are the form's (StartInstallationForm); the page shows them.
Page {
    id: page
    required property Workbench workbench
    property string releaseId
    property alias form: form
    property alias tagField: tag
    property alias serialField: serial
    signal installationStarted(string installationId)
    title: qsTr("Start an installation")

    StartInstallationForm {
        id: form
        workbench: page.workbench
        releaseId: page.releaseId
        onStarted: (installationId) => page.installationStarted(installationId)
    }

    /** The camera (and scanner) page: both labels in one flow, with the same rules. */
    function openScanner() {
        const scanner = StackView.view.push(scanComponent, {mode: ScanController.Paired,
                                                            assetTagPattern: form.assetTagPattern}) as ScanPage
        scanner.scanned.connect((assetTag, serialValue, overridden, overrideReason) => {
            form.takeScan(assetTag, serialValue, overridden, overrideReason)
            page.StackView.view.pop()
        })
        scanner.cancelled.connect(() => page.StackView.view.pop())
    }
    Component { id: scanComponent; ScanPage {} }
    /** Starts the installation with what the form holds; the Workbench checks it all again. */
    function start(): bool {
        form.submit()
        return form.error.length === 0
    }

    Flickable {
        anchors.fill: parent
        contentHeight: column.implicitHeight + 48
        clip: true
        ColumnLayout {
            id: column
            width: Math.min(parent.width - 32, 720)
            x: (parent.width - width) / 2
            y: 16
            spacing: 12

            Label {
                Layout.fillWidth: true
                wrapMode: Text.Wrap
                text: qsTr("Scan the asset tag, then the manufacturer's serial: with a scanner gun into the fields, or with the camera. You can also type.")
            }
            ScanField {
                id: tag
                objectName: "tagField"
                Layout.fillWidth: true
                label: qsTr("Asset tag")
                enabled: form.linkedAssetId.length === 0
                field.onTextChanged: form.assetTag = tag.text
                warning: form.assetTagError
                onScanned: (value) => {
                    form.takeScannedAssetTag(value)
                    serial.field.forceActiveFocus()
                }
                Binding { target: tag; property: "text"; value: form.assetTag }
            }
            ScanField {
                id: serial
                objectName: "serialField"
                Layout.fillWidth: true
                label: qsTr("Manufacturer's serial")
                enabled: form.linkedAssetId.length === 0
                cameraAvailable: true
                onCameraRequested: page.openScanner()
                field.onTextChanged: form.serial = serial.text
                onScanned: (value) => form.takeScannedSerial(value)
                warning: form.serialError
                Binding { target: serial; property: "text"; value: form.serial }
            }
            RowLayout {
                Layout.fillWidth: true
                visible: form.overrideOffered
                TextField {
                    id: overrideReason
                    objectName: "overrideReasonField"
                    Layout.fillWidth: true
                    Layout.preferredHeight: 52
                    placeholderText: qsTr("Sure it is right? Say why, to use it anyway")
                }
                Button {
                    objectName: "overrideButton"
                    Layout.preferredHeight: 52
                    text: qsTr("Use anyway")
                    enabled: overrideReason.text.trim().length > 0
                    onClicked: {
                        if (form.overrideRefusals(overrideReason.text))
                            overrideReason.text = ""
                    }
                }
            }
            Label {
                objectName: "overrideLabel"
                Layout.fillWidth: true
                wrapMode: Text.Wrap
                visible: text.length > 0
                text: form.serialOverride.length > 0 || form.assetTagOverride.length > 0
                      ? qsTr("Used on your word, and recorded: %1").arg(form.serialOverride || form.assetTagOverride) : ""
                font.italic: true
            }
            Repeater {
                model: form.duplicates
                delegate: Card {
                    id: duplicate
                    required property var modelData
                    Layout.fillWidth: true
                    RowLayout {
                        anchors.fill: parent
                        ColumnLayout {
                            Layout.fillWidth: true
                            Label {
                                text: (duplicate.modelData.assetTag || qsTr("no tag")) + " · " + duplicate.modelData.serial
                                font.bold: true
                            }
                            Label {
                                Layout.fillWidth: true
                                wrapMode: Text.Wrap
                                text: qsTr("%1 %2, %3 %4 (%5)").arg(duplicate.modelData.make).arg(duplicate.modelData.model)
                                          .arg(duplicate.modelData.site).arg(duplicate.modelData.room)
                                          .arg(duplicate.modelData.status)
                            }
                        }
                        Button {
                            objectName: "useAssetButton"
                            text: qsTr("Use this asset")
                            Layout.preferredHeight: 52
                            onClicked: form.useAsset(duplicate.modelData.assetId)
                        }
                    }
                }
            }
            Card {
                Layout.fillWidth: true
                visible: form.linkedAssetId.length > 0
                RowLayout {
                    anchors.fill: parent
                    Label {
                        objectName: "linkedLabel"
                        Layout.fillWidth: true
                        wrapMode: Text.Wrap
                        readonly property var asset: form.linkedAsset
                        text: form.linkedAssetId.length === 0 ? ""
                              : qsTr("Installing on %1 %2, tag %3, serial %4").arg(asset.make).arg(asset.model)
                                    .arg(asset.assetTag || qsTr("none")).arg(asset.serial)
                    }
                    Button {
                        text: qsTr("Change")
                        Layout.preferredHeight: 52
                        onClicked: form.clearAsset()
                    }
                }
            }
            RowLayout {
                Layout.fillWidth: true
                visible: form.linkedAssetId.length === 0
                spacing: 12
                ColumnLayout {
                    Layout.fillWidth: true
                    Layout.preferredWidth: 1
                    spacing: 2
                    Label {
                        objectName: "makeLabel"
                        text: qsTr("Make")
                        font.pixelSize: 15
                    }
                    TextField {
                        id: make
                        objectName: "makeField"
                        Layout.fillWidth: true
                        Layout.preferredHeight: 56
                        onTextChanged: form.make = make.text
                        Binding { target: make; property: "text"; value: form.make }
                    }
                }
                ColumnLayout {
                    Layout.fillWidth: true
                    Layout.preferredWidth: 1
                    spacing: 2
                    Label {
                        objectName: "modelLabel"
                        text: qsTr("Model")
                        font.pixelSize: 15
                    }
                    TextField {
                        id: model
                        objectName: "modelField"
                        Layout.fillWidth: true
                        Layout.preferredHeight: 56
                        onTextChanged: form.model = model.text
                        Binding { target: model; property: "text"; value: form.model }
                    }
                }
                ColumnLayout {
                    Layout.fillWidth: true
                    Layout.preferredWidth: 1
                    spacing: 2
                    Label {
                        objectName: "categoryLabel"
                        text: qsTr("Category")
                        font.pixelSize: 15
                    }
                    TextField {
                        id: category
                        objectName: "categoryField"
                        Layout.fillWidth: true
                        Layout.preferredHeight: 56
                        onTextChanged: form.category = category.text
                        Binding { target: category; property: "text"; value: form.category }
                    }
                }
            }
            ComboBox {
                id: room
                objectName: "roomBox"
                Layout.fillWidth: true
                Layout.preferredHeight: 56
                model: form.rooms
                textRole: "name"
                displayText: qsTr("Room: %1").arg(currentText)
                currentIndex: form.roomIndex
                onActivated: (index) => form.roomIndex = index
            }
            Label {
                objectName: "errorLabel"
                Layout.fillWidth: true
                wrapMode: Text.Wrap
                color: Material.color(Material.Red)
                visible: text.length > 0
                text: form.error
            }
            Button {
                objectName: "startButton"
                Layout.fillWidth: true
                Layout.preferredHeight: 56
                highlighted: true
                text: form.linkedAssetId.length > 0 ? qsTr("Start on this asset") : qsTr("Add the asset and start")
                // A serial already in the inventory is that asset: link it (Use this asset) instead.
                enabled: form.canSubmit
                onClicked: page.start()
            }
        }
    }
}
