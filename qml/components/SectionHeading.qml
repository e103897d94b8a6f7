pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls

// The heading of a part of a list (ListView's section.delegate): "Installation steps", ... Made by
// the list from this file, as pages/ReleaseHeader.qml says why.
Label {
    id: heading
    required property string section
    width: heading.ListView.view.width
    topPadding: 16
    bottomPadding: 4
    leftPadding: 8
    text: heading.section
    font.pixelSize: 20
    font.bold: true
}
