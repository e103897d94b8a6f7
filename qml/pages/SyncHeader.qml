pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import ReleaseDesk

// Above the conflicts (SyncPage's list header): what waits to be sent, the sync under way with its
// true progress (rows and bytes, per phase), what the last one did in plain words, and the sync
// and sign-in buttons. Made by the list from this file, as ReleaseHeader.qml says why.
ColumnLayout {
    id: header
    readonly property ConflictsModel conflicts: header.ListView.view.model as ConflictsModel
    readonly property AppSession session: header.conflicts.session
    readonly property SyncClient client: header.session.sync
    property string outcome
    property bool needsSignIn: false
    signal signInRequested()
    width: header.ListView.view.width
    spacing: 12

    Connections {
        target: header.client
        function onFinished(ok: bool, summary: string) { header.outcome = summary }
        function onSignInRequired(why: string) {
            header.needsSignIn = true
            header.outcome = why
        }
    }

    function phaseWords(phase: int): string {
        switch (phase) {
        case SyncClient.SignIn: return qsTr("Signing in")
        case SyncClient.Push: return qsTr("Sending this tablet's work")
        case SyncClient.Pull: return qsTr("Receiving the office's changes")
        default: return ""
        }
    }
    function size(bytes: real): string {
        if (bytes < 1024) return qsTr("%1 bytes").arg(bytes)
        if (bytes < 1024 * 1024) return qsTr("%1 KB").arg(Math.round(bytes / 1024))
        return qsTr("%1 MB").arg((bytes / 1024 / 1024).toFixed(1))
    }

    Card {
        Layout.fillWidth: true
        ColumnLayout {
            anchors.fill: parent
            spacing: 8
            Label {
                Layout.fillWidth: true
                wrapMode: Text.Wrap
                text: header.session.pendingChanges > 0
                      ? qsTr("%n change(s) on this tablet wait to be sent.", "", header.session.pendingChanges)
                      : qsTr("Everything recorded on this tablet has been sent.")
            }
            Label {
                objectName: "phaseLabel"
                Layout.fillWidth: true
                visible: header.client.busy
                text: header.phaseWords(header.client.phase)
                font.bold: true
            }
            ProgressBar {
                objectName: "progressBar"
                Layout.fillWidth: true
                visible: header.client.busy
                from: 0
                to: header.client.rowsTotal > 0 ? header.client.rowsTotal : 1
                value: header.client.rowsDone
                indeterminate: header.client.busy && header.client.rowsTotal === 0
            }
            Label {
                Layout.fillWidth: true
                visible: header.client.busy
                text: qsTr("%1 of %2 records · %3 of %4").arg(header.client.rowsDone).arg(header.client.rowsTotal)
                          .arg(header.size(header.client.bytesDone)).arg(header.size(header.client.bytesTotal))
                opacity: 0.75
            }
            Label {
                objectName: "outcomeLabel"
                Layout.fillWidth: true
                wrapMode: Text.Wrap
                visible: text.length > 0 && !header.client.busy
                text: header.outcome.length > 0 ? header.outcome : header.client.lastSummary
            }
            Label {
                Layout.fillWidth: true
                wrapMode: Text.Wrap
                visible: header.session.refusedChanges > 0
                color: Material.color(Material.Orange, Material.Shade800)
                text: qsTr("%n change(s) were refused by the office; the release manager sees why.", "",
                           header.session.refusedChanges)
            }
            RowLayout {
                Layout.fillWidth: true
                Button {
                    objectName: "syncButton"
                    Layout.fillWidth: true
                    Layout.preferredHeight: 56
                    highlighted: true
                    visible: !header.needsSignIn
                    enabled: !header.client.busy
                    text: qsTr("Sync now")
                    onClicked: {
                        header.outcome = ""
                        header.client.sync()
                    }
                }
                Button {
                    Layout.fillWidth: true
                    Layout.preferredHeight: 56
                    visible: header.needsSignIn
                    highlighted: true
                    text: qsTr("Sign in again")
                    onClicked: header.signInRequested()
                }
                Button {
                    objectName: "cancelButton"
                    Layout.preferredHeight: 56
                    visible: header.client.busy
                    text: qsTr("Stop")
                    onClicked: header.client.cancel()
                }
            }
        }
    }
    Label {
        text: header.conflicts.count > 0 ? qsTr("Conflicts to resolve") : qsTr("No conflicts")
        font.pixelSize: 20
        font.bold: true
        leftPadding: 8
    }
    Label {
        Layout.fillWidth: true
        visible: header.conflicts.count > 0
        wrapMode: Text.Wrap
        leftPadding: 8
        text: qsTr("Two devices changed the same thing. The office kept one value; choose which is right.")
    }
}
