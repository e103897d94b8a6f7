import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import ReleaseDesk

// The end-of-day sync: a true progress bar (rows and bytes, per phase), what happened in plain
// words, and the conflicts to resolve with both values side by side.
Page {
    id: page
    property AppSession session
    property Workbench workbench
    property alias conflicts: conflicts
    property string outcome
    property bool needsSignIn: false
    readonly property var client: session ? session.sync : null
    signal signInRequested()
    title: qsTr("Sync")

    ConflictsModel {
        id: conflicts
        session: page.session
    }
    Connections {
        target: page.client
        function onFinished(ok, summary) { page.outcome = summary }
        function onSignInRequired(why) {
            page.needsSignIn = true
            page.outcome = why
        }
    }

    function phaseWords(phase) {
        switch (phase) {
        case SyncClient.SignIn: return qsTr("Signing in")
        case SyncClient.Push: return qsTr("Sending this tablet's work")
        case SyncClient.Pull: return qsTr("Receiving the office's changes")
        default: return ""
        }
    }
    function size(bytes) {
        if (bytes < 1024) return qsTr("%1 bytes").arg(bytes)
        if (bytes < 1024 * 1024) return qsTr("%1 KB").arg(Math.round(bytes / 1024))
        return qsTr("%1 MB").arg((bytes / 1024 / 1024).toFixed(1))
    }

    ListView {
        id: list
        objectName: "conflictList"
        anchors.fill: parent
        anchors.margins: 8
        spacing: 8
        clip: true
        model: conflicts
        header: ColumnLayout {
            width: list.width
            spacing: 12
            Card {
                Layout.fillWidth: true
                ColumnLayout {
                    anchors.fill: parent
                    spacing: 8
                    Label {
                        Layout.fillWidth: true
                        wrapMode: Text.Wrap
                        text: page.session && page.session.pendingChanges > 0
                              ? qsTr("%n change(s) on this tablet wait to be sent.", "", page.session.pendingChanges)
                              : qsTr("Everything recorded on this tablet has been sent.")
                    }
                    Label {
                        objectName: "phaseLabel"
                        Layout.fillWidth: true
                        visible: page.client && page.client.busy
                        text: page.client ? page.phaseWords(page.client.phase) : ""
                        font.bold: true
                    }
                    ProgressBar {
                        objectName: "progressBar"
                        Layout.fillWidth: true
                        visible: page.client && page.client.busy
                        from: 0
                        to: page.client && page.client.rowsTotal > 0 ? page.client.rowsTotal : 1
                        value: page.client ? page.client.rowsDone : 0
                        indeterminate: page.client && page.client.busy && page.client.rowsTotal === 0
                    }
                    Label {
                        Layout.fillWidth: true
                        visible: page.client && page.client.busy
                        text: page.client ? qsTr("%1 of %2 records · %3 of %4")
                                                .arg(page.client.rowsDone).arg(page.client.rowsTotal)
                                                .arg(page.size(page.client.bytesDone)).arg(page.size(page.client.bytesTotal)) : ""
                        opacity: 0.75
                    }
                    Label {
                        objectName: "outcomeLabel"
                        Layout.fillWidth: true
                        wrapMode: Text.Wrap
                        visible: text.length > 0 && !(page.client && page.client.busy)
                        text: page.outcome.length > 0 ? page.outcome : (page.client ? page.client.lastSummary : "")
                    }
                    Label {
                        Layout.fillWidth: true
                        wrapMode: Text.Wrap
                        visible: page.session && page.session.refusedChanges > 0
                        color: Material.color(Material.Orange, Material.Shade800)
                        text: page.session ? qsTr("%n change(s) were refused by the office; the release manager sees why.", "",
                                                  page.session.refusedChanges) : ""
                    }
                    RowLayout {
                        Layout.fillWidth: true
                        Button {
                            objectName: "syncButton"
                            Layout.fillWidth: true
                            Layout.preferredHeight: 56
                            highlighted: true
                            visible: !page.needsSignIn
                            enabled: page.client && !page.client.busy
                            text: qsTr("Sync now")
                            onClicked: {
                                page.outcome = ""
                                page.client.sync()
                            }
                        }
                        Button {
                            Layout.fillWidth: true
                            Layout.preferredHeight: 56
                            visible: page.needsSignIn
                            highlighted: true
                            text: qsTr("Sign in again")
                            onClicked: page.signInRequested()
                        }
                        Button {
                            objectName: "cancelButton"
                            Layout.preferredHeight: 56
                            visible: page.client && page.client.busy
                            text: qsTr("Stop")
                            onClicked: page.client.cancel()
                        }
                    }
                }
            }
            Label {
                text: conflicts.count > 0 ? qsTr("Conflicts to resolve") : qsTr("No conflicts")
                font.pixelSize: 20
                font.bold: true
                leftPadding: 8
            }
            Label {
                Layout.fillWidth: true
                visible: conflicts.count > 0
                wrapMode: Text.Wrap
                leftPadding: 8
                text: qsTr("Two devices changed the same thing. The office kept one value; choose which is right.")
            }
        }
        delegate: Card {
            id: conflict
            required property string conflictId
            required property string record
            required property string field
            required property string keptValue
            required property string keptLabel
            required property string lostValue
            required property string lostLabel
            required property string lostBy
            width: ListView.view.width
            function resolve(value) {
                const answer = page.workbench.resolveConflict(conflictId, value)
                resolveError.text = answer.ok ? "" : answer.error
            }
            ColumnLayout {
                anchors.fill: parent
                spacing: 8
                Label {
                    Layout.fillWidth: true
                    text: qsTr("%1: %2").arg(conflict.record).arg(conflict.field)
                    font.bold: true
                    wrapMode: Text.Wrap
                }
                GridLayout {
                    Layout.fillWidth: true
                    columns: 2
                    columnSpacing: 12
                    Label { text: qsTr("Kept by the office"); opacity: 0.7 }
                    Label { text: qsTr("From %1").arg(conflict.lostBy); opacity: 0.7 }
                    Label {
                        objectName: "keptLabel"
                        Layout.fillWidth: true
                        text: conflict.keptLabel
                        font.pixelSize: 20
                        wrapMode: Text.Wrap
                    }
                    Label {
                        objectName: "lostLabel"
                        Layout.fillWidth: true
                        text: conflict.lostLabel
                        font.pixelSize: 20
                        wrapMode: Text.Wrap
                    }
                    Button {
                        objectName: "keepButton"
                        Layout.fillWidth: true
                        Layout.preferredHeight: 52
                        text: qsTr("Keep this")
                        onClicked: conflict.resolve(conflict.keptValue)
                    }
                    Button {
                        objectName: "takeButton"
                        Layout.fillWidth: true
                        Layout.preferredHeight: 52
                        text: qsTr("Use this instead")
                        onClicked: conflict.resolve(conflict.lostValue)
                    }
                }
                Label {
                    id: resolveError
                    objectName: "resolveError"
                    Layout.fillWidth: true
                    visible: text.length > 0
                    wrapMode: Text.Wrap
                    color: Material.color(Material.Red)
                }
            }
        }
    }
}
