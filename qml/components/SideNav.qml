pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts

// The places down the side, for the office roles on a wide screen (instead of the tab bar):
// everyone's first, then, under "Office", the office's of the signed-in role, as Main.qml lists
// them ([{name, title, office}]). A tap says which place; the current one is raised.
Pane {
    id: nav
    property var places: []
    property string current
    signal chosen(string name)
    padding: 0
    topPadding: 8

    ColumnLayout {
        anchors.left: parent.left
        anchors.right: parent.right
        spacing: 0
        Repeater {
            model: nav.places
            delegate: ColumnLayout {
                id: entry
                required property var modelData
                required property int index
                readonly property bool firstOfOffice: entry.modelData.office
                                                      && (entry.index === 0 || !nav.places[entry.index - 1].office)
                Layout.fillWidth: true
                spacing: 0
                Label {
                    visible: entry.firstOfOffice
                    Layout.fillWidth: true
                    leftPadding: 20
                    topPadding: 20
                    bottomPadding: 4
                    text: qsTr("Office")
                    font.pixelSize: 15
                    font.bold: true
                    opacity: 0.7
                }
                ItemDelegate {
                    objectName: "nav_" + entry.modelData.name
                    Layout.fillWidth: true
                    Layout.preferredHeight: 52
                    leftPadding: 20
                    text: entry.modelData.title
                    highlighted: entry.modelData.name === nav.current
                    font.bold: highlighted
                    onClicked: nav.chosen(entry.modelData.name)
                }
            }
        }
    }
}
