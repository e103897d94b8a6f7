pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import ReleaseDesk

// Inventory: instant search by serial, asset tag or room over the tablet's own copy.
Page {
    id: page
    required property AppSession session
    property alias search: search
    property alias model: inventory
    signal openAsset(string assetId)
    title: qsTr("Inventory")

    InventoryModel {
        id: inventory
        session: page.session
        query: search.text
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 8
        spacing: 8
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
}
