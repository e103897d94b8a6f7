pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import ReleaseDesk

// One asset and its history: every installation on it and every step recorded, newest first.
Page {
    id: page
    required property AppSession session
    property string assetId
    property alias history: history
    signal openInstallation(string installationId)
    title: history.asset.assetTag.length > 0 ? qsTr("Asset %1").arg(history.asset.assetTag) : qsTr("Asset")

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
        // A file of its own, made by the list: see ReleaseHeader.qml.
        header: Qt.createComponent("AssetHeader.qml", Component.PreferSynchronous, list)
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
            enabled: entry.installationId.length > 0
            onClicked: page.openInstallation(entry.installationId)
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
    }
}
