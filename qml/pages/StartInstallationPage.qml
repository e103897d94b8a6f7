import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import ReleaseDesk

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
    // The label rules' verdicts on what is in the fields, and the installer's overrides of refusals.
    property var serialCheck: ({accepted: true})
    property var tagCheck: ({accepted: true})
    property var overrides: ({})
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
    // An override holds for the value it was given for: any change of the text asks again.
    function checkSerial() {
        serialCheck = serial.text.trim().length > 0 ? workbench.checkSerial(serial.text) : {accepted: true}
        duplicates = workbench.assetsWithSerial(serialCheck.value || serial.text)
        if (overrides.serial)
            overrides = Object.assign({}, overrides, {serial: undefined})
    }
    function checkTag() {
        tagCheck = tag.text.trim().length > 0 ? workbench.checkAssetTag(tag.text, releaseId) : {accepted: true}
        if (overrides.assetTag)
            overrides = Object.assign({}, overrides, {assetTag: undefined})
    }
    /** Takes a refused label on the installer's word; the reason is recorded with the asset. */
    function overrideRefusal(field, reason) {
        const copy = Object.assign({}, overrides)
        copy[field] = reason
        overrides = copy
    }
    readonly property bool serialBlocked: !serialCheck.accepted && !overrides.serial
    readonly property bool tagBlocked: !tagCheck.accepted && !overrides.assetTag
    /** The camera (and scanner) page: both labels in one flow, with the same rules. */
    function openScanner() {
        const scanner = StackView.view.push(scanComponent, {mode: ScanController.Paired,
                                                          assetTagPattern: workbench.tagPatternForRelease(releaseId)})
        scanner.scanned.connect((assetTag, serialValue, overridden, overrideReason) => {
            page.unlink()
            tag.text = assetTag
            serial.text = serialValue
            page.checkTag()
            page.checkSerial()
            if (overridden) {
                // The scan page took one refused label on the installer's word: keep its reason.
                if (!serialCheck.accepted)
                    page.overrideRefusal("serial", overrideReason)
                if (!tagCheck.accepted)
                    page.overrideRefusal("assetTag", overrideReason)
            }
            StackView.view.pop()
            const found = assetTag.length > 0 ? workbench.assetWithTag(assetTag) : {found: false}
            if (found.found)
                page.duplicates = [found]
        })
        scanner.cancelled.connect(() => StackView.view.pop())
    }
    Component { id: scanComponent; ScanPage {} }
    function start() {
        errorLabel.text = ""
        const roomId = room.currentIndex > 0 ? rooms[room.currentIndex - 1].id : ""
        const answer = workbench.startInstallation(releaseId, linkAssetId, tag.text, serial.text,
                                                   make.text, model.text, roomId, overrides)
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
                text: qsTr("Scan the asset tag, then the manufacturer's serial: with a scanner gun into the fields, or with the camera. You can also type.")
            }
            ScanField {
                id: tag
                objectName: "tagField"
                Layout.fillWidth: true
                label: qsTr("Asset tag")
                enabled: page.linkAssetId.length === 0
                field.onTextChanged: page.checkTag()
                warning: page.tagBlocked ? page.tagCheck.reason : ""
                onScanned: (value) => {
                    page.checkTag()
                    if (page.tagCheck.accepted && page.tagCheck.value !== value)
                        tag.text = page.tagCheck.value // the tag a GS1 label holds
                    const found = page.workbench.assetWithTag(page.tagCheck.value || value)
                    if (found.found)
                        page.duplicates = [found]
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
                cameraAvailable: true
                onCameraRequested: page.openScanner()
                field.onTextChanged: page.checkSerial()
                onScanned: (value) => {
                    page.checkSerial()
                    if (page.serialCheck.accepted && page.serialCheck.value && page.serialCheck.value !== value)
                        serial.text = page.serialCheck.value // "S/N: 5CG..." or a GS1 label: the serial itself
                }
                warning: page.serialBlocked ? page.serialCheck.reason
                         : page.duplicates.length > 0 && page.linkAssetId.length === 0
                           ? qsTr("Already in the inventory. Use the asset below rather than adding it twice.") : ""
            }
            RowLayout {
                Layout.fillWidth: true
                visible: page.linkAssetId.length === 0
                         && ((page.serialBlocked && page.serialCheck.canOverride) || (page.tagBlocked && page.tagCheck.canOverride))
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
                        if (page.serialBlocked)
                            page.overrideRefusal("serial", overrideReason.text.trim())
                        if (page.tagBlocked)
                            page.overrideRefusal("assetTag", overrideReason.text.trim())
                        overrideReason.text = ""
                    }
                }
            }
            Label {
                objectName: "overrideLabel"
                Layout.fillWidth: true
                wrapMode: Text.Wrap
                visible: !!(page.overrides.serial || page.overrides.assetTag)
                text: qsTr("Used on your word, and recorded: %1").arg(page.overrides.serial || page.overrides.assetTag || "")
                font.italic: true
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
                // A serial already in the inventory is that asset: link it (Use this asset) instead.
                enabled: page.linkAssetId.length > 0
                         || (serial.text.trim().length > 0 && !page.serialBlocked && !page.tagBlocked
                             && page.duplicates.length === 0)
                onClicked: page.start()
            }
        }
    }
}
