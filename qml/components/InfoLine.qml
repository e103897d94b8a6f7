pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// "Label: value" on one line, the value wrapping; hidden when there is no value.
RowLayout {
    property alias label: nameLabel.text
    property alias value: valueLabel.text
    visible: valueLabel.text.length > 0
    spacing: 12

    Label {
        id: nameLabel
        Layout.preferredWidth: 150
        Layout.alignment: Qt.AlignTop
        opacity: 0.7
        wrapMode: Text.Wrap
    }
    Label {
        id: valueLabel
        Layout.fillWidth: true
        wrapMode: Text.Wrap
        textFormat: Text.PlainText
    }
}
