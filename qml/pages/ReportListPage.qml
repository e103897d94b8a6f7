pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import ReleaseDesk

// The records behind one count of the monthly report: what it counts (its rule), then each record
// with where, who and when. A tap opens the asset's history, the service, or the build procedure
// version.
Page {
    id: page
    required property AppSession session
    property string month
    property string measure
    property alias model: items
    signal openAsset(string assetId)
    signal openService(string serviceId)
    signal openBuild(string buildId)
    title: qsTr("%1, %2").arg(items.title).arg(items.monthName)

    ReportListModel {
        id: items
        session: page.session
        month: page.month
        measure: page.measure
    }

    header: ColumnLayout {
        spacing: 2
        Label {
            objectName: "listTitle"
            Layout.fillWidth: true
            Layout.leftMargin: 16
            Layout.rightMargin: 16
            Layout.topMargin: 12
            text: items.title
            font.pixelSize: 22
            font.bold: true
            wrapMode: Text.Wrap
        }
        Label {
            objectName: "listCount"
            Layout.leftMargin: 16
            text: qsTr("%1: %n record(s)", "", items.count).arg(items.monthName)
            opacity: 0.75
        }
        Label {
            Layout.fillWidth: true
            Layout.leftMargin: 16
            Layout.rightMargin: 16
            Layout.bottomMargin: 4
            text: items.rule
            wrapMode: Text.Wrap
            font.pixelSize: 15
            opacity: 0.75
        }
    }

    ListView {
        id: list
        objectName: "reportList"
        anchors.fill: parent
        anchors.margins: 8
        spacing: 4
        clip: true
        model: items
        ScrollIndicator.vertical: ScrollIndicator {}
        delegate: ItemDelegate {
            id: row
            required property string title
            required property string subtitle
            required property string detail
            required property string when
            required property string opens
            required property string targetId
            width: ListView.view.width
            padding: 14
            onClicked: {
                if (row.opens === "asset")
                    page.openAsset(row.targetId)
                else if (row.opens === "service")
                    page.openService(row.targetId)
                else if (row.opens === "build")
                    page.openBuild(row.targetId)
            }
            contentItem: ColumnLayout {
                spacing: 2
                RowLayout {
                    Layout.fillWidth: true
                    Label {
                        Layout.fillWidth: true
                        text: row.title
                        font.pixelSize: 18
                        font.bold: true
                        elide: Text.ElideRight
                    }
                    Label {
                        text: row.when
                        opacity: 0.75
                    }
                }
                Label {
                    Layout.fillWidth: true
                    visible: row.subtitle.length > 0
                    text: row.subtitle
                    elide: Text.ElideRight
                }
                Label {
                    Layout.fillWidth: true
                    visible: row.detail.length > 0
                    text: row.detail
                    wrapMode: Text.Wrap
                    font.pixelSize: 15
                    opacity: 0.75
                }
            }
        }
    }
    EmptyState {
        anchors.centerIn: parent
        width: Math.min(parent.width - 48, 480)
        visible: items.count === 0
        title: items.error.length > 0 ? qsTr("Cannot show the list") : qsTr("None in %1").arg(items.monthName)
        text: items.error
    }
}
