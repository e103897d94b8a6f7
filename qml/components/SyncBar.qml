pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import ReleaseDesk

// Always on screen: online or not, changes waiting, the last sync, conflicts waiting. A tap opens
// the Sync page.
ToolBar {
    id: bar
    required property AppSession session
    signal clicked()
    Material.background: session.openConflicts > 0 ? Material.color(Material.Orange, Material.Shade100)
                                                 : (Material.theme === Material.Dark ? "#37474f" : "#eceff1")
    Material.foreground: Material.theme === Material.Dark && session.openConflicts === 0 ? "white" : "#212121"
    implicitHeight: 48

    // "synced 5 min ago" moves on by itself.
    property double now: Date.now()
    Timer {
        interval: 30000
        running: bar.visible
        repeat: true
        onTriggered: bar.now = Date.now()
    }

    function ago(when: date, now: real): string {
        if (!when || isNaN(when.getTime()))
            return qsTr("never synced")
        const minutes = Math.floor((Math.max(now, when.getTime()) - when.getTime()) / 60000)
        if (minutes < 1)
            return qsTr("synced just now")
        if (minutes < 60)
            return qsTr("synced %1 min ago").arg(minutes)
        return qsTr("synced %1").arg(Qt.formatDateTime(when, "ddd d MMM hh:mm"))
    }

    MouseArea {
        anchors.fill: parent
        onClicked: bar.clicked()
    }
    RowLayout {
        anchors.fill: parent
        anchors.leftMargin: 16
        anchors.rightMargin: 16
        spacing: 16
        Rectangle {
            width: 14; height: 14; radius: 7
            color: bar.session.online ? Material.color(Material.Green) : Material.color(Material.Grey)
        }
        Label {
            objectName: "onlineLabel"
            text: bar.session.sync.busy ? qsTr("Syncing…") : bar.session.online ? qsTr("Online") : qsTr("Offline")
            font.bold: true
        }
        Label {
            objectName: "pendingLabel"
            text: bar.session.pendingChanges === 0 ? qsTr("nothing waiting")
                  : qsTr("%n change(s) waiting", "", bar.session.pendingChanges)
        }
        Label {
            Layout.fillWidth: true
            text: bar.ago(bar.session.lastSyncAt, bar.now)
            elide: Text.ElideRight
            opacity: 0.8
        }
        Label {
            objectName: "conflictsLabel"
            visible: bar.session.openConflicts > 0
            text: qsTr("%n conflict(s) to resolve", "", bar.session.openConflicts)
            font.bold: true
        }
    }
}
