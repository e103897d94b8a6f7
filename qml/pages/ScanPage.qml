pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import QtMultimedia
import ReleaseDesk

// The scan page (issue 5): the asset tag and/or the serial of one unit, from the camera, a
// keyboard-wedge scanner or typed, each checked by the core's label rules. A refused scan says why
// and may be overridden with a reason. When the flow is complete, `scanned` carries the result.
// Every touch target is at least 48 px.
Page {
    id: root

    // What to scan: ScanController.Paired (asset tag, then serial), .SerialOnly or .AssetTagOnly.
    property int mode: ScanController.Paired
    // The site's asset-tag format (rd::Site::assetTagPattern, a regular expression; may be empty).
    property string assetTagPattern: ""
    // The camera starts with the page when the device has one.
    property bool cameraWanted: true

    signal scanned(string assetTag, string serial, bool overridden, string overrideReason)
    // The page's dialogs show only while it is the page on top (not while it is being left).
    readonly property bool onTop: !root.StackView.view || root.StackView.status === StackView.Active
    signal cancelled()

    // A scanner gun's first read lands in the entry field: it has the focus as the page opens, and
    // again when the page comes back on top.
    function focusEntry() {
        manual.forceActiveFocus()
    }
    StackView.onActivated: root.focusEntry()
    Component.onCompleted: root.focusEntry()

    // For the page's tests and the installation flow: the controller behind the page.
    readonly property alias controller: scanner

    title: mode === ScanController.SerialOnly ? qsTr("Scan the serial number")
         : mode === ScanController.AssetTagOnly ? qsTr("Scan the asset tag")
         : qsTr("Scan asset tag and serial")

    ScanController {
        id: scanner
        mode: root.mode
        assetTagPattern: root.assetTagPattern
        videoSink: preview.videoSink
        keyTarget: root.visible ? root.Window.window : null
        cameraActive: root.visible && root.cameraWanted && scanner.cameraAvailable && !scanner.complete
        onGoodRead: () => {
            beep.play()
            flash.restart()
            manual.text = ""
        }
        onScanned: (assetTag, serial, overridden, overrideReason) =>
                   root.scanned(assetTag, serial, overridden, overrideReason)
    }

    SoundEffect {
        id: beep
        source: Qt.resolvedUrl("../sounds/goodread.wav")
        volume: 0.6
    }

    // Its own bar only where nothing else gives one: in the app's stack the window has Back and the title.
    header: ToolBar {
        visible: !root.StackView.view
        RowLayout {
            anchors.fill: parent
            ToolButton {
                text: qsTr("Back")
                implicitHeight: 48
                implicitWidth: 64
                onClicked: root.cancelled()
            }
            Label {
                text: root.title
                font.pixelSize: 20
                elide: Label.ElideRight
                Layout.fillWidth: true
            }
            ToolButton {
                id: torchButton
                visible: scanner.torchAvailable
                checkable: true
                checked: scanner.torchOn
                text: checked ? qsTr("Torch off") : qsTr("Torch on")
                implicitHeight: 48
                onToggled: scanner.torchOn = checked
            }
        }
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 16
        spacing: 12

        // What is asked for now, and what was taken so far.
        RowLayout {
            Layout.fillWidth: true
            spacing: 16
            Repeater {
                model: [
                    { field: ScanController.AssetTagField, name: qsTr("Asset tag"), value: scanner.assetTag,
                      shown: root.mode !== ScanController.SerialOnly },
                    { field: ScanController.SerialField, name: qsTr("Serial"), value: scanner.serial,
                      shown: root.mode !== ScanController.AssetTagOnly }
                ]
                delegate: Pane {
                    id: slot
                    required property var modelData
                    visible: modelData.shown
                    Layout.fillWidth: true
                    Material.elevation: scanner.expecting === modelData.field ? 4 : 1
                    ColumnLayout {
                        anchors.fill: parent
                        Label {
                            text: slot.modelData.name + (scanner.expecting === slot.modelData.field ? qsTr(" (scan now)") : "")
                            font.bold: scanner.expecting === slot.modelData.field
                        }
                        RowLayout {
                            Label {
                                text: slot.modelData.value !== "" ? slot.modelData.value : "—"
                                font.pixelSize: 22
                                Layout.fillWidth: true
                                elide: Label.ElideMiddle
                            }
                            Button {
                                visible: slot.modelData.value !== ""
                                text: qsTr("Rescan")
                                implicitHeight: 48
                                onClicked: scanner.rescan(slot.modelData.field)
                            }
                        }
                    }
                }
            }
        }

        // The camera's view, with a frame where the label should be; a good read flashes it.
        Rectangle {
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.minimumHeight: 160
            color: "black"
            radius: 4
            clip: true

            VideoOutput {
                id: preview
                anchors.fill: parent
                fillMode: VideoOutput.PreserveAspectCrop
                visible: scanner.cameraActive
            }
            Rectangle {
                // The middle of the frame: the decoder looks there closer when nothing is found.
                anchors.centerIn: parent
                width: parent.width / 2
                height: parent.height / 2
                color: "transparent"
                border.color: Material.accent
                border.width: 3
                radius: 8
                visible: scanner.cameraActive
            }
            Rectangle {
                id: flashOverlay
                anchors.fill: parent
                color: "white"
                opacity: 0
                SequentialAnimation {
                    id: flash
                    NumberAnimation { target: flashOverlay; property: "opacity"; to: 0.8; duration: 60 }
                    NumberAnimation { target: flashOverlay; property: "opacity"; to: 0; duration: 240 }
                }
            }
            Label {
                anchors.centerIn: parent
                width: parent.width - 32
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.WordWrap
                color: "white"
                visible: !scanner.cameraActive
                text: scanner.complete ? qsTr("Done.")
                    : scanner.cameraMessage !== "" ? scanner.cameraMessage
                    : !scanner.cameraAvailable ? qsTr("No camera found on this device. Use a barcode scanner, or type the number.")
                    : qsTr("Camera off.")
            }
        }

        // Manual entry: the same checks as a scan.
        RowLayout {
            Layout.fillWidth: true
            TextField {
                id: manual
                objectName: "manualField"
                Layout.fillWidth: true
                Layout.preferredHeight: 56
                font.pixelSize: 20
                enabled: !scanner.complete
                placeholderText: scanner.expecting === ScanController.AssetTagField ? qsTr("Type the asset tag")
                                                                                     : qsTr("Type the serial number")
                inputMethodHints: Qt.ImhNoPredictiveText | Qt.ImhPreferUppercase
                onAccepted: if (text.trim() !== "") scanner.submit(text, "manual")
            }
            Button {
                objectName: "useButton"
                text: qsTr("Use")
                enabled: manual.text.trim() !== "" && !scanner.complete
                implicitHeight: 56
                implicitWidth: 88
                highlighted: true
                onClicked: scanner.submit(manual.text, "manual")
            }
        }
        Label {
            // What the checks would say about what is typed, before it is used.
            readonly property var check: manual.text.trim() === "" ? null : scanner.checkText(manual.text)
            visible: check !== null && !check.accepted
            text: check !== null ? check.reason : ""
            color: Material.color(Material.Orange)
            wrapMode: Text.WordWrap
            Layout.fillWidth: true
        }
    }

    // Several codes in one frame: the technician picks the one meant.
    Dialog {
        id: pickDialog
        modal: true
        anchors.centerIn: parent
        width: Math.min(parent.width - 32, 560)
        title: qsTr("Several codes in view: which one?")
        visible: scanner.candidates.length > 1 && root.onTop
        standardButtons: Dialog.Cancel
        onRejected: scanner.clearCandidates()
        ListView {
            implicitHeight: Math.min(contentHeight, 360)
            width: parent.width
            clip: true
            model: scanner.candidates
            delegate: ItemDelegate {
                required property var modelData
                required property int index
                width: ListView.view.width
                height: Math.max(56, implicitHeight)
                text: modelData.text + "  ·  " + modelData.format
                      + (modelData.accepted ? "" : "\n" + modelData.reason)
                onClicked: scanner.pick(index)
            }
        }
    }

    // A refused scan: the reason, and an override that must be confirmed with a reason.
    Dialog {
        id: refusalDialog
        objectName: "refusalDialog"
        modal: true
        anchors.centerIn: parent
        width: Math.min(parent.width - 32, 560)
        title: qsTr("Not taken")
        visible: scanner.refusalReason !== "" && root.onTop
        closePolicy: Popup.NoAutoClose
        ColumnLayout {
            width: parent.width
            spacing: 12
            Label {
                text: scanner.refusalReason
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
            }
            TextField {
                id: overrideReason
                objectName: "overrideReasonField"
                visible: scanner.canOverride
                Layout.fillWidth: true
                Layout.preferredHeight: 56
                placeholderText: qsTr("Why is it right anyway? (recorded)")
            }
            RowLayout {
                Layout.fillWidth: true
                Button {
                    text: qsTr("Scan again")
                    implicitHeight: 48
                    Layout.fillWidth: true
                    onClicked: {
                        overrideReason.text = ""
                        scanner.dismissRefusal()
                    }
                }
                Button {
                    objectName: "useAnywayButton"
                    visible: scanner.canOverride
                    enabled: overrideReason.text.trim() !== ""
                    text: qsTr("Use it anyway")
                    implicitHeight: 48
                    Layout.fillWidth: true
                    onClicked: confirmOverride.open()
                }
            }
        }
    }

    Dialog {
        id: confirmOverride
        objectName: "confirmOverrideDialog"
        modal: true
        anchors.centerIn: parent
        title: qsTr("Use %1 anyway?").arg(scanner.refusedValue)
        standardButtons: Dialog.Yes | Dialog.No
        Label {
            text: qsTr("This will be recorded with your reason: %1").arg(overrideReason.text)
            wrapMode: Text.WordWrap
            width: parent.width
        }
        onAccepted: {
            scanner.overrideRefusal(overrideReason.text)
            overrideReason.text = ""
        }
    }
}
