pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import ReleaseDesk

// The school's service catalogue (FITS step 3): each service with what users get and who owns
// it, and whether it is documented by an approved build procedure or still to document. Release
// managers and build developers add services here; a service opens its build procedure versions.
Page {
    id: page
    required property AppSession session
    required property OfficeBench office
    property alias services: servicesModel
    signal openService(string serviceId)
    signal addService()
    title: qsTr("Services")

    ServicesModel {
        id: servicesModel
        session: page.session
    }

    header: Pane {
        Material.elevation: 1
        padding: 8
        leftPadding: 16
        rightPadding: 16
        RowLayout {
            anchors.fill: parent
            spacing: 12
            Label {
                objectName: "summaryLabel"
                Layout.fillWidth: true
                wrapMode: Text.Wrap
                text: servicesModel.stillToDocument > 0
                      ? qsTr("%1 services, %2 still to document").arg(servicesModel.count).arg(servicesModel.stillToDocument)
                      : qsTr("%1 services, every one documented").arg(servicesModel.count)
            }
            Switch {
                objectName: "retiredSwitch"
                text: qsTr("Retired too")
                checked: servicesModel.showRetired
                onToggled: servicesModel.showRetired = checked
            }
            Button {
                objectName: "addServiceButton"
                Layout.preferredHeight: 52
                visible: page.office.canEditServices
                highlighted: true
                text: qsTr("Add a service")
                onClicked: page.addService()
            }
        }
    }

    ListView {
        id: list
        objectName: "serviceList"
        anchors.fill: parent
        anchors.margins: 8
        spacing: 4
        clip: true
        model: servicesModel
        delegate: ItemDelegate {
            id: service
            required property string serviceId
            required property string name
            required property string description
            required property string userBenefit
            required property string owner
            required property bool documented
            required property bool retired
            required property string state
            required property string work
            width: ListView.view.width
            padding: 12
            opacity: service.retired ? 0.6 : 1
            onClicked: page.openService(service.serviceId)
            contentItem: RowLayout {
                spacing: 12
                ColumnLayout {
                    Layout.fillWidth: true
                    spacing: 2
                    Label {
                        Layout.fillWidth: true
                        text: service.name
                        font.bold: true
                        font.pixelSize: 18
                        elide: Text.ElideRight
                    }
                    Label {
                        Layout.fillWidth: true
                        visible: text.length > 0
                        text: service.description
                        wrapMode: Text.Wrap
                        maximumLineCount: 2
                        elide: Text.ElideRight
                        opacity: 0.8
                    }
                    Label {
                        Layout.fillWidth: true
                        visible: service.userBenefit.length > 0
                        text: qsTr("What users get: %1").arg(service.userBenefit)
                        wrapMode: Text.Wrap
                        maximumLineCount: 2
                        elide: Text.ElideRight
                        opacity: 0.8
                    }
                    Label {
                        Layout.fillWidth: true
                        text: service.owner.length > 0 ? qsTr("Owner: %1").arg(service.owner) : qsTr("No owner yet")
                        opacity: 0.7
                    }
                }
                ColumnLayout {
                    spacing: 2
                    Label {
                        objectName: "stateLabel"
                        Layout.alignment: Qt.AlignRight
                        text: service.state
                        font.bold: true
                        color: service.retired ? page.Material.foreground
                               : service.documented ? Material.color(Material.Green, Material.Shade700)
                               : Material.color(Material.Orange, Material.Shade800)
                    }
                    Label {
                        Layout.alignment: Qt.AlignRight
                        visible: text.length > 0
                        text: service.work
                        opacity: 0.75
                    }
                }
            }
        }
    }

    EmptyState {
        anchors.centerIn: parent
        width: parent.width - 64
        visible: servicesModel.count === 0
        title: servicesModel.error.length > 0 ? qsTr("The services cannot be read") : qsTr("No services yet")
        text: servicesModel.error.length > 0 ? servicesModel.error
              : qsTr("Each kind of thing users get (a curriculum laptop, a whiteboard, the MIS client) is a service. Add the first one.")
    }
}
