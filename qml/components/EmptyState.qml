pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// What a list says when it has nothing to show, and why, instead of a blank page.
ColumnLayout {
    id: root
    property alias title: titleLabel.text
    property alias text: textLabel.text
    spacing: 8

    Label {
        id: titleLabel
        Layout.fillWidth: true
        horizontalAlignment: Text.AlignHCenter
        font.pixelSize: 20
        font.bold: true
        wrapMode: Text.Wrap
    }
    Label {
        id: textLabel
        Layout.fillWidth: true
        horizontalAlignment: Text.AlignHCenter
        wrapMode: Text.Wrap
        opacity: 0.75
    }
}
