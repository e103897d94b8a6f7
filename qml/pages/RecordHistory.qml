pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import ReleaseDesk

// A record's history (a service, a release, a DSL item, a licence): every change of its fields,
// newest first, who made it and when. Given to a list as its footer, as ReleaseHeader.qml says
// how; the page tells it the session and the record with Bindings on list.footerItem.
ColumnLayout {
    id: root
    property AppSession session
    property string recordId
    property alias history: changes
    width: root.ListView.view ? root.ListView.view.width : implicitWidth
    spacing: 2

    RecordHistoryModel {
        id: changes
        session: root.session
        recordId: root.recordId
    }

    Label {
        objectName: "historyHeading"
        topPadding: 16
        bottomPadding: 4
        leftPadding: 8
        text: qsTr("History")
        font.pixelSize: 20
        font.bold: true
    }
    Label {
        Layout.fillWidth: true
        leftPadding: 8
        visible: changes.count === 0
        wrapMode: Text.Wrap
        opacity: 0.75
        text: changes.error.length > 0 ? changes.error : qsTr("No change recorded yet.")
    }
    Repeater {
        objectName: "historyRepeater"
        model: changes
        delegate: ColumnLayout {
            id: change
            required property var at
            required property string what
            required property string who
            Layout.fillWidth: true
            Layout.leftMargin: 8
            Layout.rightMargin: 8
            Layout.bottomMargin: 6
            spacing: 0
            Label {
                Layout.fillWidth: true
                text: change.what
                wrapMode: Text.Wrap
                textFormat: Text.PlainText
            }
            Label {
                Layout.fillWidth: true
                text: qsTr("%1 · %2").arg(Qt.formatDateTime(change.at, "ddd d MMM yyyy hh:mm")).arg(change.who)
                opacity: 0.7
                font.pixelSize: 15
            }
        }
    }
    Item { implicitHeight: 8 }
}
