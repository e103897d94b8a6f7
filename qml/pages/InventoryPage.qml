pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Dialogs
import QtQuick.Layouts
import ReleaseDesk

// Inventory: instant search by serial, asset tag or room over the tablet's own copy. The release
// manager prints asset labels for the assets a search lists (a room, a tag range, one asset) as PDF.
Page {
    id: page
    required property AppSession session
    property alias search: search
    property alias model: inventory
    property alias labels: labels
    property alias labelDialog: labelDialog
    property alias labelFileDialog: labelFileDialog
    signal openAsset(string assetId)
    title: qsTr("Inventory")

    InventoryModel {
        id: inventory
        session: page.session
        query: search.text
    }

    LabelExport {
        id: labels
        session: page.session
    }

    /** Saves the labels of the assets listed to @p file, and says how it went under the search. */
    function saveLabels(file: url) {
        const answer = labels.savePdf(file, search.text)
        // The answer is a QVariantMap: Qt 6.4's qmllint cannot see its keys.
        labelMessage.failed = !answer.ok // qmllint disable type
        labelMessage.text = answer.ok // qmllint disable type
            ? qsTr("%n label(s) saved as %1", "", answer.labels).arg(answer.path) // qmllint disable type
            : answer.error // qmllint disable type
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 8
        spacing: 8
        RowLayout {
            Layout.fillWidth: true
            visible: page.session.role === "release-manager"
            Label {
                id: labelMessage
                objectName: "labelMessage"
                property bool failed: false
                Layout.fillWidth: true
                wrapMode: Text.Wrap
                color: labelMessage.failed ? Material.color(Material.Red) : Material.foreground
            }
            Button {
                objectName: "printLabelsButton"
                text: qsTr("Print labels…")
                enabled: inventory.count > 0
                onClicked: labelDialog.open()
            }
        }
        ScanField {
            id: search
            objectName: "searchField"
            Layout.fillWidth: true
            label: qsTr("Serial, asset tag or room")
            onScanned: () => {
                if (inventory.count === 1)
                    page.openAsset(inventory.data(inventory.index(0, 0), InventoryModel.AssetIdRole))
            }
        }
        ListView {
            id: list
            objectName: "assetList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: inventory
            delegate: ItemDelegate {
                id: row
                required property string assetId
                required property string assetTag
                required property string serial
                required property string make
                required property string model
                required property string site
                required property string room
                required property string status
                width: ListView.view.width
                padding: 12
                onClicked: page.openAsset(row.assetId)
                contentItem: RowLayout {
                    ColumnLayout {
                        Layout.fillWidth: true
                        spacing: 2
                        Label {
                            text: (row.assetTag.length > 0 ? row.assetTag : qsTr("no tag")) + " · " + row.serial
                            font.bold: true
                            font.pixelSize: 18
                        }
                        Label {
                            Layout.fillWidth: true
                            text: row.make + " " + row.model + " · " + row.site + (row.room.length > 0 ? ", " + row.room : "")
                            elide: Text.ElideRight
                            opacity: 0.75
                        }
                    }
                    StatusChip { status: row.status }
                }
            }
            ScrollIndicator.vertical: ScrollIndicator {}
        }
        EmptyState {
            Layout.fillWidth: true
            Layout.fillHeight: true
            visible: inventory.count === 0
            title: inventory.error.length > 0 ? qsTr("Cannot search") : qsTr("Nothing matches")
            text: inventory.error.length > 0 ? inventory.error
                  : qsTr("No asset on this tablet has a serial or tag starting with “%1”, or is in such a room.").arg(search.text)
        }
    }

    Dialog {
        id: labelDialog
        objectName: "labelDialog"
        title: qsTr("Print asset labels")
        anchors.centerIn: parent
        modal: true
        standardButtons: Dialog.Cancel
        property var preview: ({})
        onAboutToShow: labelDialog.preview = labels.preview(search.text)
        ColumnLayout {
            spacing: 12
            Label {
                // qmllint disable type
                text: qsTr("Labels for the %n asset(s) listed", "", labelDialog.preview.labels ?? 0)
                      + ((labelDialog.preview.skipped ?? 0) > 0
                         ? qsTr(" (%n without an asset tag left out)", "", labelDialog.preview.skipped) : "")
                // qmllint enable type
                wrapMode: Text.Wrap
                Layout.maximumWidth: 420
            }
            Label {
                text: qsTr("Each label: a Data Matrix and a Code 128 of the asset tag, the school and the tag.")
                wrapMode: Text.Wrap
                Layout.maximumWidth: 420
                opacity: 0.8
            }
            ComboBox {
                id: layoutChoice
                objectName: "layoutChoice"
                Layout.fillWidth: true
                model: labels.layouts
                textRole: "name"
                valueRole: "id"
                Component.onCompleted: layoutChoice.currentIndex = layoutChoice.indexOfValue(labels.layoutId)
                onActivated: () => {
                    labels.layoutId = layoutChoice.currentValue
                    labelDialog.preview = labels.preview(search.text)
                }
            }
            Button {
                objectName: "saveLabelsButton"
                text: qsTr("Save as PDF…")
                highlighted: true
                enabled: (labelDialog.preview.labels ?? 0) > 0 // qmllint disable type
                onClicked: {
                    labelDialog.close()
                    labelFileDialog.selectedFile = labels.suggestedFile()
                    labelFileDialog.open()
                }
            }
        }
    }

    FileDialog {
        id: labelFileDialog
        objectName: "labelFileDialog"
        title: qsTr("Save the asset labels as PDF")
        fileMode: FileDialog.SaveFile
        acceptLabel: qsTr("Save") // Qt 6.4's own dialog says "Open" otherwise
        currentFolder: labels.folder
        defaultSuffix: "pdf"
        nameFilters: [qsTr("PDF documents (*.pdf)")]
        onAccepted: page.saveLabels(labelFileDialog.selectedFile)
    }
}
