import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import ReleaseDesk

// A release: its build procedure (design details with the DSL software and where the media are,
// the back-out plan) and, for a rollout, its units and where each stands.
Page {
    id: page
    property AppSession session
    property Workbench workbench
    property string releaseId
    property alias units: unitsModel
    signal startInstallation(string releaseId)
    signal openInstallation(string installationId)
    signal openAsset(string assetId)
    title: unitsModel.release.number ? qsTr("Release %1").arg(unitsModel.release.number) : qsTr("Release")

    UnitsModel {
        id: unitsModel
        session: page.session
        releaseId: page.releaseId
    }
    SoftwareModel {
        id: software
        session: page.session
        buildId: unitsModel.build.buildId || ""
    }

    ListView {
        id: list
        objectName: "unitList"
        anchors.fill: parent
        anchors.margins: 8
        spacing: 4
        clip: true
        model: unitsModel
        header: ColumnLayout {
            width: list.width
            spacing: 12

            Card {
                Layout.fillWidth: true
                ColumnLayout {
                    anchors.fill: parent
                    spacing: 6
                    RowLayout {
                        Label {
                            text: unitsModel.release.number || ""
                            font.pixelSize: 24
                            font.bold: true
                        }
                        StatusChip { status: unitsModel.release.status || "" }
                    }
                    InfoLine { label: qsTr("Service"); value: unitsModel.release.service || "" }
                    InfoLine { label: qsTr("Site"); value: unitsModel.release.site || "" }
                    InfoLine { label: qsTr("Planned for"); value: unitsModel.release.plannedDate || "" }
                    InfoLine {
                        label: qsTr("Units")
                        value: unitsModel.release.units === undefined ? ""
                               : qsTr("%1 of %2 accepted, %3 under way").arg(unitsModel.release.unitsDone)
                                     .arg(unitsModel.release.units).arg(unitsModel.release.unitsStarted)
                    }
                    InfoLine {
                        label: qsTr("Asked for by")
                        value: unitsModel.release.triggerRef || ""
                    }
                    Button {
                        objectName: "startButton"
                        Layout.fillWidth: true
                        Layout.preferredHeight: 56
                        highlighted: true
                        text: qsTr("Start an installation")
                        enabled: unitsModel.release.status !== "closed"
                                 && unitsModel.release.unitsDone + unitsModel.release.unitsStarted < unitsModel.release.units
                        onClicked: page.startInstallation(page.releaseId)
                    }
                }
            }
            Card {
                Layout.fillWidth: true
                ColumnLayout {
                    anchors.fill: parent
                    spacing: 6
                    Label {
                        text: qsTr("Build procedure: %1, version %2").arg(unitsModel.build.service || "")
                                                                      .arg(unitsModel.build.version || "")
                        font.pixelSize: 18
                        font.bold: true
                        Layout.fillWidth: true
                        wrapMode: Text.Wrap
                    }
                    InfoLine { label: qsTr("Hardware"); value: unitsModel.build.hardwareModel || "" }
                    InfoLine { label: qsTr("Design notes"); value: unitsModel.build.designNotes || "" }
                    InfoLine {
                        label: qsTr("Checklist")
                        value: unitsModel.build.version === undefined ? ""
                               : qsTr("%1 installation steps, %2 stability tests, %3 acceptance tests")
                                     .arg(unitsModel.build.installationSteps).arg(unitsModel.build.stabilityTests)
                                     .arg(unitsModel.build.acceptanceTests)
                    }
                    Label {
                        text: qsTr("Software (Definitive Software Library)")
                        font.bold: true
                        topPadding: 8
                    }
                    Repeater {
                        model: software
                        delegate: ColumnLayout {
                            required property string product
                            required property string version
                            required property string mediaLocation
                            required property string mediaKind
                            Layout.fillWidth: true
                            spacing: 0
                            Label {
                                Layout.fillWidth: true
                                text: qsTr("%1 %2").arg(product).arg(version)
                                wrapMode: Text.Wrap
                            }
                            Label {
                                Layout.fillWidth: true
                                text: qsTr("Media (%1): %2").arg(mediaKind).arg(mediaLocation)
                                opacity: 0.7
                                font.pixelSize: 14
                                wrapMode: Text.WrapAnywhere
                            }
                        }
                    }
                    Label {
                        text: qsTr("Back-out plan")
                        font.bold: true
                        topPadding: 8
                    }
                    Label {
                        objectName: "backOutPlan"
                        Layout.fillWidth: true
                        wrapMode: Text.Wrap
                        text: unitsModel.build.backOutPlan || ""
                    }
                }
            }
            Label {
                text: qsTr("Units")
                font.pixelSize: 20
                font.bold: true
                leftPadding: 8
                visible: unitsModel.count > 0
            }
            Item { height: 4 }
        }
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
            onClicked: status === "in-progress" ? page.openInstallation(installationId) : page.openAsset(assetId)
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
        footer: EmptyState {
            width: list.width
            visible: unitsModel.count === 0
            title: unitsModel.error.length > 0 ? qsTr("Cannot show this release") : ""
            text: unitsModel.error.length > 0 ? unitsModel.error : qsTr("No unit started yet.")
        }
    }
}
