pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import ReleaseDesk

// Above a release's units (ReleasePage's list header): the release, its build procedure with the
// DSL software and the back-out plan, and "Start an installation".
//
// The pattern for a list's header, footer or section heading in this app: a file of its own,
// given to the list as `Qt.createComponent("File.qml", Component.PreferSynchronous, list)`. Qt 6.4
// cannot make a header from an inline component of a file that says ComponentBehavior: Bound (it
// says "Cannot instantiate bound component outside its creation context" and shows nothing), and
// every file here says it, so that delegates may use the page's ids. The list is the component's
// parent: without one, the JavaScript garbage collector deletes it under the list. The file reads
// the list's own model (ListView.view.model) and says what is asked with signals, which the page
// takes with Connections on list.headerItem.
ColumnLayout {
    id: header
    readonly property UnitsModel units: header.ListView.view.model as UnitsModel
    signal startInstallation()
    width: header.ListView.view.width
    spacing: 12

    Card {
        Layout.fillWidth: true
        ColumnLayout {
            anchors.fill: parent
            spacing: 6
            RowLayout {
                Label {
                    text: header.units.release.number
                    font.pixelSize: 24
                    font.bold: true
                }
                StatusChip { status: header.units.release.status }
            }
            InfoLine { label: qsTr("Service"); value: header.units.release.service }
            InfoLine { label: qsTr("Site"); value: header.units.release.site }
            InfoLine { label: qsTr("Planned for"); value: header.units.release.plannedDate }
            InfoLine {
                label: qsTr("Units")
                value: !header.units.release.loaded ? ""
                       : qsTr("%1 of %2 accepted, %3 under way").arg(header.units.release.unitsDone)
                             .arg(header.units.release.units).arg(header.units.release.unitsStarted)
            }
            InfoLine {
                label: qsTr("Asked for by")
                value: header.units.release.triggerRef
            }
            Button {
                objectName: "startButton"
                Layout.fillWidth: true
                Layout.preferredHeight: 56
                highlighted: true
                text: qsTr("Start an installation")
                enabled: header.units.release.status !== "closed"
                         && header.units.release.unitsDone + header.units.release.unitsStarted < header.units.release.units
                onClicked: header.startInstallation()
            }
        }
    }
    Card {
        Layout.fillWidth: true
        ColumnLayout {
            anchors.fill: parent
            spacing: 6
            Label {
                text: header.units.build.loaded
                      ? qsTr("Build procedure: %1, version %2").arg(header.units.build.service)
                                                              .arg(header.units.build.version)
                      : qsTr("Build procedure")
                font.pixelSize: 18
                font.bold: true
                Layout.fillWidth: true
                wrapMode: Text.Wrap
            }
            InfoLine { label: qsTr("Hardware"); value: header.units.build.hardwareModel }
            InfoLine { label: qsTr("Design notes"); value: header.units.build.designNotes }
            InfoLine {
                label: qsTr("Checklist")
                value: !header.units.build.loaded ? ""
                       : qsTr("%1 installation steps, %2 stability tests, %3 acceptance tests")
                             .arg(header.units.build.installationSteps).arg(header.units.build.stabilityTests)
                             .arg(header.units.build.acceptanceTests)
            }
            Label {
                text: qsTr("Software (Definitive Software Library)")
                font.bold: true
                topPadding: 8
            }
            Repeater {
                model: software
                delegate: ColumnLayout {
                    id: item
                    required property string product
                    required property string version
                    required property string mediaLocation
                    required property string mediaKind
                    Layout.fillWidth: true
                    spacing: 0
                    Label {
                        Layout.fillWidth: true
                        text: qsTr("%1 %2").arg(item.product).arg(item.version)
                        wrapMode: Text.Wrap
                    }
                    Label {
                        Layout.fillWidth: true
                        text: qsTr("Media (%1): %2").arg(item.mediaKind).arg(item.mediaLocation)
                        opacity: 0.7
                        font.pixelSize: 15
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
                text: header.units.build.backOutPlan
            }
        }
    }
    Label {
        text: qsTr("Units")
        font.pixelSize: 20
        font.bold: true
        leftPadding: 8
        visible: header.units.count > 0
    }
    EmptyState {
        Layout.fillWidth: true
        visible: header.units.count === 0
        title: header.units.error.length > 0 ? qsTr("Cannot show this release") : ""
        text: header.units.error.length > 0 ? header.units.error : qsTr("No unit started yet.")
    }
    Item { height: 4 }

    SoftwareModel {
        id: software
        session: header.units.session
        buildId: header.units.build.buildId
        active: header.visible // read again when shown, not under another page
    }
}
