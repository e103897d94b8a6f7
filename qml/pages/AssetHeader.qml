pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import ReleaseDesk

// Above an asset's history (AssetPage's list header): the asset itself, or why there is nothing
// to show. Made by the list from this file, as ReleaseHeader.qml says why.
ColumnLayout {
    id: header
    readonly property HistoryModel history: header.ListView.view.model as HistoryModel
    width: header.ListView.view.width
    Card {
        Layout.fillWidth: true
        Layout.bottomMargin: 8
        ColumnLayout {
            anchors.fill: parent
            RowLayout {
                Label {
                    text: header.history.asset.assetTag || qsTr("No asset tag")
                    font.pixelSize: 24
                    font.bold: true
                }
                StatusChip { status: header.history.asset.status }
            }
            InfoLine { label: qsTr("Serial"); value: header.history.asset.serial }
            InfoLine {
                label: qsTr("Make and model")
                value: header.history.asset.loaded ? header.history.asset.make + " " + header.history.asset.model : ""
            }
            InfoLine { label: qsTr("Category"); value: header.history.asset.category }
            InfoLine {
                label: qsTr("Where")
                value: header.history.asset.site + (header.history.asset.room.length > 0 ? ", " + header.history.asset.room : "")
            }
            InfoLine { label: qsTr("User"); value: header.history.asset.assignedUser }
        }
    }
    Label {
        text: qsTr("History")
        font.pixelSize: 20
        font.bold: true
        leftPadding: 8
    }
    EmptyState {
        Layout.fillWidth: true
        visible: header.history.count === 0
        title: header.history.error.length > 0 ? qsTr("Cannot show this asset") : ""
        text: header.history.error.length > 0 ? header.history.error : qsTr("Nothing has been installed on this asset, and nothing about it has changed yet.")
    }
}
