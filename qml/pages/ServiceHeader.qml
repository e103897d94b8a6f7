pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import ReleaseDesk

// Above a service's build procedure versions (ServicePage's list header): the service as the
// catalogue holds it, and where its documentation stands. Made by the list from this file, as
// ReleaseHeader.qml says why.
ColumnLayout {
    id: header
    readonly property BuildVersionsModel versions: header.ListView.view.model as BuildVersionsModel
    width: header.ListView.view.width
    spacing: 12

    Card {
        Layout.fillWidth: true
        ColumnLayout {
            anchors.fill: parent
            spacing: 6
            RowLayout {
                Label {
                    Layout.fillWidth: true
                    text: header.versions.service.name
                    font.pixelSize: 24
                    font.bold: true
                    wrapMode: Text.Wrap
                }
                Label {
                    objectName: "stateLabel"
                    text: header.versions.service.state
                    font.bold: true
                    color: header.versions.service.retired ? header.Material.foreground
                           : header.versions.service.documented ? Material.color(Material.Green, Material.Shade700)
                           : Material.color(Material.Orange, Material.Shade800)
                }
            }
            InfoLine { label: qsTr("Description"); value: header.versions.service.description }
            InfoLine { label: qsTr("What users get"); value: header.versions.service.userBenefit }
            InfoLine { label: qsTr("Owner"); value: header.versions.service.owner }
        }
    }
    Label {
        text: header.versions.count > 0 ? qsTr("Build procedure versions") : qsTr("No build procedure yet")
        font.pixelSize: 20
        font.bold: true
        leftPadding: 8
    }
    Label {
        Layout.fillWidth: true
        visible: header.versions.count === 0
        wrapMode: Text.Wrap
        leftPadding: 8
        text: qsTr("A build developer writes its build procedure: the design details, the installation steps, the stability and acceptance tests, and the back-out plan.")
    }
}
