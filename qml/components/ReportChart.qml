pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material

// The 12 months of one count as bars, oldest first, each with its number above and its month
// below; the report's month (the last) in the accent colour, the others lighter. Drawn with plain
// items: no chart module to install, and it follows the theme.
Item {
    id: chart
    /** The months' short names ("Dec", "Jan" ...) and their counts, in the same order. */
    property var labels: []
    property var values: []
    readonly property int highest: chart.values.reduce((most, v) => Math.max(most, v), 1)
    implicitHeight: 190

    Rectangle {
        // The baseline.
        x: 0
        y: chart.height - 22
        width: chart.width
        height: 1
        color: chart.Material.dividerColor
    }
    Row {
        anchors.fill: parent
        Repeater {
            model: chart.values.length
            delegate: Item {
                id: slot
                required property int index
                readonly property int value: chart.values[slot.index]
                readonly property bool last: slot.index === chart.values.length - 1
                readonly property real barHeight: bar.height
                objectName: "bar_" + slot.index
                width: chart.width / Math.max(1, chart.values.length)
                height: chart.height
                Label {
                    anchors.horizontalCenter: parent.horizontalCenter
                    anchors.bottom: bar.top
                    anchors.bottomMargin: 2
                    text: slot.value
                    font.pixelSize: 13
                    font.bold: slot.last
                }
                Rectangle {
                    id: bar
                    anchors.horizontalCenter: parent.horizontalCenter
                    y: chart.height - 22 - height
                    width: Math.max(4, slot.width * 0.6)
                    height: Math.max(slot.value > 0 ? 2 : 0, (chart.height - 44) * slot.value / chart.highest)
                    radius: 2
                    color: slot.last ? chart.Material.accent
                                     : Qt.rgba(chart.Material.accent.r, chart.Material.accent.g,
                                               chart.Material.accent.b, 0.4)
                }
                Label {
                    anchors.horizontalCenter: parent.horizontalCenter
                    y: chart.height - 20
                    text: chart.labels[slot.index] ?? ""
                    font.pixelSize: 12
                    font.bold: slot.last
                    opacity: slot.last ? 1 : 0.75
                }
            }
        }
    }
}
