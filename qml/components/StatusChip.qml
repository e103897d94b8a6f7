pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material

// A status word in a coloured pill: in progress, accepted, backed out, fail, pass...
Rectangle {
    id: chip
    property string status
    readonly property var words: ({
        "in-progress": qsTr("In progress"), "accepted": qsTr("Accepted"), "backed-out": qsTr("Backed out"),
        "planned": qsTr("Planned"), "installed": qsTr("Installed"), "closed": qsTr("Closed"),
        "pass": qsTr("Pass"), "fail": qsTr("Fail"), "not-applicable": qsTr("N/A"),
        "in-stock": qsTr("In stock"), "in-use": qsTr("In use"), "spare": qsTr("Spare"),
        "on-order": qsTr("On order"), "retired": qsTr("Retired"), "disposed": qsTr("Disposed"),
        "missing": qsTr("Missing"),
        "draft": qsTr("Draft"), "submitted": qsTr("Submitted"), "approved": qsTr("Approved")
    })
    readonly property color tone: status === "accepted" || status === "pass" || status === "approved" ? Material.color(Material.Green)
                                : status === "fail" || status === "backed-out" || status === "missing" ? Material.color(Material.Red)
                                : status === "in-progress" || status === "installed" || status === "submitted" ? Material.color(Material.Blue)
                                : Material.color(Material.Grey)
    implicitWidth: label.implicitWidth + 20
    implicitHeight: 28
    radius: height / 2
    color: Qt.rgba(tone.r, tone.g, tone.b, 0.18)
    border.color: tone

    Label {
        id: label
        anchors.centerIn: parent
        text: chip.words[chip.status] || chip.status
        font.pixelSize: 15
        font.bold: true
        color: chip.Material.theme === Material.Dark ? Qt.lighter(chip.tone, 1.4) : Qt.darker(chip.tone, 1.3)
    }
}
