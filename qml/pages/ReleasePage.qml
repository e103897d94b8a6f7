pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import ReleaseDesk

// A release: its build procedure (design details with the DSL software and where the media are,
// the back-out plan) and, for a rollout, its units and where each stands.
Page {
    id: page
    required property AppSession session
    property string releaseId
    property alias units: unitsModel
    signal startInstallation(string releaseId)
    signal openInstallation(string installationId)
    signal openAsset(string assetId)
    title: unitsModel.release.loaded ? qsTr("Release %1").arg(unitsModel.release.number) : qsTr("Release")

    UnitsModel {
        id: unitsModel
        session: page.session
        releaseId: page.releaseId
        active: page.visible // read once when shown again, not on every tap of its checklist
    }

    Connections {
        target: list.headerItem as ReleaseHeader
        function onStartInstallation() { page.startInstallation(page.releaseId) }
    }

    ListView {
        id: list
        objectName: "unitList"
        anchors.fill: parent
        anchors.margins: 8
        spacing: 4
        clip: true
        model: unitsModel
        // A file of its own, made by the list: see ReleaseHeader.qml.
        header: Qt.createComponent("ReleaseHeader.qml", Component.PreferSynchronous, list)
        delegate: ItemDelegate {
            id: unit
            required property string installationId
            required property string assetId
            required property string assetTag
            required property string serial
            required property string model
            required property string room
            required property string status
            required property int stepsRecorded
            required property int stepsTotal
            required property bool failing
            width: ListView.view.width
            padding: 12
            onClicked: unit.status === "in-progress" ? page.openInstallation(unit.installationId) : page.openAsset(unit.assetId)
            contentItem: RowLayout {
                spacing: 12
                ColumnLayout {
                    Layout.fillWidth: true
                    spacing: 2
                    Label {
                        text: unit.assetTag.length > 0 ? unit.assetTag + " · " + unit.serial : unit.serial
                        font.bold: true
                        font.pixelSize: 18
                    }
                    Label {
                        Layout.fillWidth: true
                        text: unit.room.length > 0 ? unit.model + " · " + unit.room : unit.model
                        opacity: 0.75
                        elide: Text.ElideRight
                    }
                }
                Label {
                    text: qsTr("%1/%2 lines").arg(unit.stepsRecorded).arg(unit.stepsTotal)
                    visible: unit.status === "in-progress"
                }
                StatusChip { status: unit.failing && unit.status === "in-progress" ? "fail" : unit.status }
            }
        }
    }
}
