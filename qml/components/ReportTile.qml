pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts

// One count of the monthly report as a tile: the number large, what it counts under it. A tap
// opens the list behind it; the tile chosen last is outlined. A count worth a look (something to
// document, a back-out, a failed line...) shows its number in orange. Title and value are required:
// a Repeater over ReportModel gives them from its roles of the same names.
ItemDelegate {
    id: tile
    required property string title
    required property int value
    property bool warn
    property bool chosen
    implicitHeight: 96
    padding: 12
    background: Rectangle {
        radius: 6
        color: tile.chosen ? Qt.rgba(tile.Material.accent.r, tile.Material.accent.g, tile.Material.accent.b, 0.12)
                           : tile.down ? tile.Material.rippleColor : "transparent"
        border.width: tile.chosen ? 2 : 1
        border.color: tile.chosen ? tile.Material.accent : tile.Material.dividerColor
    }
    contentItem: ColumnLayout {
        spacing: 0
        Label {
            objectName: "value"
            text: tile.value
            font.pixelSize: 32
            font.bold: true
            color: tile.warn && tile.value > 0 ? tile.Material.color(Material.Orange, Material.Shade800)
                                               : tile.Material.foreground
        }
        Label {
            // From the top: the numbers of a row of tiles stay level when a title takes two lines.
            Layout.fillWidth: true
            Layout.fillHeight: true
            verticalAlignment: Text.AlignTop
            text: tile.title
            font.pixelSize: 15
            wrapMode: Text.Wrap
            maximumLineCount: 2
            elide: Text.ElideRight
        }
    }
}
