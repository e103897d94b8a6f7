pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import ReleaseDesk

// One asset and its history, newest first: every installation on it and every step recorded,
// every change of its room, status, user or site, and the licence seats it was given, with who and
// when.
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
            required property string kind
            required property string photo
            width: ListView.view.width
            padding: 10
            // A line of an installation opens it; a field change opens nothing (and is not greyed).
            hoverEnabled: entry.installationId.length > 0
            onClicked: if (entry.installationId.length > 0) page.openInstallation(entry.installationId)
            contentItem: ColumnLayout {
                spacing: 2
                RowLayout {
                    Layout.fillWidth: true
                    Label {
                        Layout.fillWidth: true
                        text: entry.what
                        font.bold: true
                        wrapMode: Text.Wrap
                    }
                    Label {
                        objectName: "kindLabel"
                        visible: entry.kind !== "work"
                        text: entry.kind === "change" ? qsTr("Change") : qsTr("Licence")
                        font.pixelSize: 15
                        opacity: 0.8
                    }
                }
                Label {
                    Layout.fillWidth: true
                    text: (entry.release.length > 0
                           ? qsTr("%1 · %2 · release %3").arg(Qt.formatDateTime(entry.at, "ddd d MMM yyyy hh:mm"))
                                 .arg(entry.who).arg(entry.release)
                           : qsTr("%1 · %2").arg(Qt.formatDateTime(entry.at, "ddd d MMM yyyy hh:mm")).arg(entry.who))
                          + (entry.detail.length > 0 ? " · " + entry.detail : "")
                    wrapMode: Text.Wrap
                    opacity: 0.75
                    font.pixelSize: 15
                }
                PhotoThumbnail {
                    photos: page.session.photos
                    evidence: entry.photo
                }
            }
        }
    }
}
