pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts

// A field for a label's value: typed, or scanned by a keyboard-wedge scanner (a burst of keys that
// ends in Enter or Tab). `scanned` fires when a value is complete; `warning` shows under the field.
// Its label stays above it, filled or not (a placeholder alone is gone once there is a value).
ColumnLayout {
    id: root
    property alias label: caption.text
    property alias text: field.text
    property alias field: field
    property string warning
    property bool cameraAvailable: false
    signal scanned(string value)
    signal cameraRequested()
    spacing: 2

    Label {
        id: caption
        objectName: "fieldLabel"
        Layout.fillWidth: true
        visible: text.length > 0
        font.pixelSize: 15
        elide: Text.ElideRight
    }
    RowLayout {
        Layout.fillWidth: true
        TextField {
            id: field
            Layout.fillWidth: true
            Layout.preferredHeight: 56
            font.pixelSize: 20
            inputMethodHints: Qt.ImhNoPredictiveText | Qt.ImhPreferUppercase
            onAccepted: root.scanned(text.trim())
            Keys.onTabPressed: (event) => {
                root.scanned(text.trim())
                event.accepted = false
            }
        }
        Button {
            visible: root.cameraAvailable
            text: qsTr("Camera")
            Layout.preferredHeight: 56
            onClicked: root.cameraRequested()
        }
    }
    Label {
        objectName: "warning"
        Layout.fillWidth: true
        visible: root.warning.length > 0
        text: root.warning
        wrapMode: Text.Wrap
        color: Material.color(Material.Orange, Material.Shade800)
        font.bold: true
    }
}
