pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import ReleaseDesk

// The end-of-day sync: a true progress bar (rows and bytes, per phase), what happened in plain
// words, and the conflicts to resolve with both values side by side.
Page {
    id: page
    required property AppSession session
    required property Workbench workbench
    property alias conflicts: conflicts
    signal signInRequested()
    title: qsTr("Sync")

    ConflictsModel {
        id: conflicts
        session: page.session
    }
    Connections {
        target: list.headerItem as SyncHeader
        function onSignInRequested() { page.signInRequested() }
    }

    ListView {
        id: list
        objectName: "conflictList"
        anchors.fill: parent
        anchors.margins: 8
        spacing: 8
        clip: true
        model: conflicts
        // A file of its own, made by the list: see ReleaseHeader.qml.
        header: Qt.createComponent("SyncHeader.qml", Component.PreferSynchronous, list)
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
            required property string keptTitle
            required property string lostTitle
            required property string keepText
            required property string takeText
            width: ListView.view.width
            function resolve(value: string) {
                const answer = page.workbench.resolveConflict(conflict.conflictId, value)
                // The Workbench answers a QVariantMap, {ok, error}: Qt 6.4's qmllint cannot see a map's keys.
                resolveError.text = answer.ok ? "" : answer.error // qmllint disable type
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
                    Label { objectName: "keptTitle"; text: conflict.keptTitle; opacity: 0.7 }
                    Label { objectName: "lostTitle"; text: conflict.lostTitle; opacity: 0.7 }
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
                        text: conflict.keepText
                        onClicked: conflict.resolve(conflict.keptValue)
                    }
                    Button {
                        objectName: "takeButton"
                        Layout.fillWidth: true
                        Layout.preferredHeight: 52
                        text: conflict.takeText
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
