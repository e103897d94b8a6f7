import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import ReleaseDesk

// One asset and its history: every installation on it and every step recorded, newest first.
Page {
    id: page
    property AppSession session
    property Workbench workbench
    property string assetId
    property alias history: history
    signal openInstallation(string installationId)
    title: history.asset.assetTag ? qsTr("Asset %1").arg(history.asset.assetTag) : qsTr("Asset")

    HistoryModel {
        id: history
        session: page.session
        assetId: page.assetId
    }

    ListView {
        id: list
        objectName: "historyList"
        anchors.fill: parent
        anchors.margins: 8
        spacing: 2
        clip: true
        model: history
        header: ColumnLayout {
            width: list.width
            Card {
                Layout.fillWidth: true
                Layout.bottomMargin: 8
                ColumnLayout {
                    anchors.fill: parent
                    RowLayout {
                        Label {
                            text: history.asset.assetTag || qsTr("No asset tag")
                            font.pixelSize: 24
                            font.bold: true
                        }
                        StatusChip { status: history.asset.status || "" }
                    }
                    InfoLine { label: qsTr("Serial"); value: history.asset.serial || "" }
                    InfoLine { label: qsTr("Make and model"); value: (history.asset.make || "") + " " + (history.asset.model || "") }
                    InfoLine { label: qsTr("Category"); value: history.asset.category || "" }
                    InfoLine { label: qsTr("Where"); value: (history.asset.site || "") + (history.asset.room ? ", " + history.asset.room : "") }
                    InfoLine { label: qsTr("User"); value: history.asset.assignedUser || "" }
                }
            }
            Label {
                text: qsTr("History")
                font.pixelSize: 20
                font.bold: true
                leftPadding: 8
            }
        }
        delegate: ItemDelegate {
            id: entry
            required property var at
            required property string release
            required property string installationId
            required property string what
            required property string who
            required property string detail
            width: ListView.view.width
            padding: 10
            enabled: installationId.length > 0
            onClicked: page.openInstallation(installationId)
            contentItem: ColumnLayout {
                spacing: 2
                Label {
                    Layout.fillWidth: true
                    text: entry.what
                    font.bold: true
                    wrapMode: Text.Wrap
                }
                Label {
                    Layout.fillWidth: true
                    text: qsTr("%1 · %2 · release %3").arg(Qt.formatDateTime(entry.at, "ddd d MMM yyyy hh:mm"))
                              .arg(entry.who).arg(entry.release)
                          + (entry.detail.length > 0 ? " · " + entry.detail : "")
                    wrapMode: Text.Wrap
                    opacity: 0.75
                    font.pixelSize: 14
                }
            }
        }
        footer: EmptyState {
            width: list.width
            visible: history.count === 0
            title: history.error.length > 0 ? qsTr("Cannot show this asset") : ""
            text: history.error.length > 0 ? history.error : qsTr("Nothing has been installed on this asset yet.")
        }
    }
}
