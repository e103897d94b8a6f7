pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import ReleaseDesk

// What the Definitive Software Library and the licence log want from the office today, on Today:
// "Media overdue" (original media out past the day they were due back: what, with whom, since
// when) and "Licences to look at" (over-used, expired, or expiring within 30 days). Each card shows
// only when it has something; a line opens its item or licence.
ColumnLayout {
    id: root
    required property AppSession session
    property alias overdue: overdueModel
    property alias licenceAlerts: alertsModel
    signal openDslItem(string dslItemId)
    signal openLicence(string licenceId)
    spacing: 8
    visible: overdueModel.count > 0 || alertsModel.count > 0

    // Read again when shown, not while a page is on top of Today's.
    OverdueMediaModel {
        id: overdueModel
        session: root.session
        active: root.parent !== null && root.parent.visible
    }
    LicenceAlertsModel {
        id: alertsModel
        session: root.session
        active: overdueModel.active
    }

    Card {
        objectName: "overdueCard"
        Layout.fillWidth: true
        visible: overdueModel.count > 0
        ColumnLayout {
            anchors.fill: parent
            spacing: 4
            Label {
                Layout.fillWidth: true
                text: qsTr("Media overdue (%1)").arg(overdueModel.count)
                font.pixelSize: 18
                font.bold: true
                color: Material.color(Material.Red)
            }
            Repeater {
                model: overdueModel
                delegate: ItemDelegate {
                    id: loan
                    required property string dslItemId
                    required property string product
                    required property string takenBy
                    required property var expectedBack
                    required property int daysOverdue
                    objectName: "overdue_" + loan.product
                    Layout.fillWidth: true
                    leftPadding: 0
                    rightPadding: 0
                    onClicked: root.openDslItem(loan.dslItemId)
                    contentItem: ColumnLayout {
                        spacing: 0
                        Label {
                            Layout.fillWidth: true
                            text: loan.product
                            font.bold: true
                            elide: Text.ElideRight
                        }
                        Label {
                            Layout.fillWidth: true
                            wrapMode: Text.Wrap
                            opacity: 0.8
                            text: qsTr("With %1, due back %2").arg(loan.takenBy).arg(Qt.formatDate(loan.expectedBack, "ddd d MMM"))
                                  + (loan.daysOverdue === 1 ? qsTr(" (a day ago)")
                                     : loan.daysOverdue > 1 ? qsTr(" (%1 days ago)").arg(loan.daysOverdue) : "")
                        }
                    }
                }
            }
        }
    }
    Card {
        objectName: "licencesCard"
        Layout.fillWidth: true
        visible: alertsModel.count > 0
        ColumnLayout {
            anchors.fill: parent
            spacing: 4
            Label {
                Layout.fillWidth: true
                text: qsTr("Licences to look at (%1)").arg(alertsModel.count)
                font.pixelSize: 18
                font.bold: true
                color: Material.color(Material.Orange, Material.Shade800)
            }
            Repeater {
                model: alertsModel
                delegate: ItemDelegate {
                    id: entry
                    required property string licenceId
                    required property string name
                    required property string alert
                    required property string words
                    objectName: "licenceAlert_" + entry.name
                    Layout.fillWidth: true
                    leftPadding: 0
                    rightPadding: 0
                    onClicked: root.openLicence(entry.licenceId)
                    contentItem: ColumnLayout {
                        spacing: 0
                        Label {
                            Layout.fillWidth: true
                            text: entry.name
                            font.bold: true
                            elide: Text.ElideRight
                        }
                        Label {
                            Layout.fillWidth: true
                            text: entry.alert === "over-used" ? qsTr("Over-used: %1").arg(entry.words)
                                  : entry.alert === "expired" ? qsTr("Expired: %1").arg(entry.words)
                                  : qsTr("Soon: %1").arg(entry.words)
                            color: entry.alert === "expiring" ? Material.foreground : Material.color(Material.Red)
                            opacity: entry.alert === "expiring" ? 0.8 : 1
                        }
                    }
                }
            }
        }
    }
}
