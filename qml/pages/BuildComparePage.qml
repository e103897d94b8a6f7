pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import ReleaseDesk

// What changed between two versions of a service's build procedure, line by line: the design
// details and software, each part's lines (added, removed, changed and how, moved), and the
// back-out plan. Any two versions of the service can be chosen; the comparison is the core's.
Page {
    id: page
    required property AppSession session
    property string serviceId
    property string fromBuildId
    property string toBuildId
    property alias diff: diffModel
    title: versions.service.loaded ? qsTr("%1: what changed").arg(versions.service.name) : qsTr("What changed")

    BuildVersionsModel {
        id: versions
        session: page.session
        serviceId: page.serviceId
    }
    BuildDiffModel {
        id: diffModel
        session: page.session
        fromBuildId: page.fromBuildId
        toBuildId: page.toBuildId
    }

    function tone(kind: string): color {
        return kind === "added" ? Material.color(Material.Green)
             : kind === "removed" ? Material.color(Material.Red)
             : kind === "changed" ? Material.color(Material.Orange)
             : kind === "moved" ? Material.color(Material.Blue)
             : Material.color(Material.Grey)
    }

    header: Pane {
        Material.elevation: 1
        padding: 8
        leftPadding: 16
        rightPadding: 16
        ColumnLayout {
            anchors.fill: parent
            spacing: 4
            RowLayout {
                Layout.fillWidth: true
                spacing: 8
                ComboBox {
                    id: fromBox
                    objectName: "fromBox"
                    Layout.preferredWidth: 220
                    Layout.preferredHeight: 52
                    model: versions
                    textRole: "label"
                    currentIndex: versions.rowOf(page.fromBuildId)
                    onActivated: (index) => page.fromBuildId = versions.buildIdAt(index)
                }
                Label { text: "→"; font.pixelSize: 22 }
                ComboBox {
                    id: toBox
                    objectName: "toBox"
                    Layout.preferredWidth: 220
                    Layout.preferredHeight: 52
                    model: versions
                    textRole: "label"
                    currentIndex: versions.rowOf(page.toBuildId)
                    onActivated: (index) => page.toBuildId = versions.buildIdAt(index)
                }
                Item { Layout.fillWidth: true }
                Switch {
                    objectName: "unchangedSwitch"
                    text: qsTr("Unchanged lines too")
                    checked: diffModel.showUnchanged
                    onToggled: diffModel.showUnchanged = checked
                }
            }
            Label {
                objectName: "summaryLabel"
                Layout.fillWidth: true
                wrapMode: Text.Wrap
                font.bold: true
                text: diffModel.error.length > 0 ? diffModel.error : diffModel.summary
            }
        }
    }

    ListView {
        id: list
        objectName: "diffList"
        anchors.fill: parent
        anchors.margins: 8
        spacing: 4
        clip: true
        model: diffModel
        section.property: "section"
        // A file of its own, made by the list, as ReleaseHeader.qml says why.
        section.delegate: Qt.createComponent("../components/SectionHeading.qml", Component.PreferSynchronous, list)
        delegate: Pane {
            id: row
            required property string kind
            required property string kindWords
            required property string label
            required property string before
            required property string after
            required property string beforeDetail
            required property string afterDetail
            required property string what
            readonly property color tone: page.tone(row.kind)
            width: ListView.view.width
            padding: 10
            Material.elevation: 1
            RowLayout {
                anchors.fill: parent
                spacing: 12
                Rectangle {
                    Layout.alignment: Qt.AlignTop
                    implicitWidth: 96 // one width for every kind, so that the texts line up
                    implicitHeight: 26
                    radius: 13
                    color: Qt.rgba(row.tone.r, row.tone.g, row.tone.b, 0.18)
                    border.color: row.tone
                    Label {
                        id: kindLabel
                        anchors.centerIn: parent
                        text: row.kindWords
                        font.pixelSize: 15
                        font.bold: true
                    }
                }
                Label {
                    Layout.alignment: Qt.AlignTop
                    Layout.preferredWidth: 140
                    text: row.label
                    wrapMode: Text.Wrap
                    opacity: 0.75
                }
                ColumnLayout {
                    Layout.fillWidth: true
                    spacing: 2
                    Label {
                        objectName: "beforeLabel"
                        Layout.fillWidth: true
                        // The older words, struck through when they were removed or replaced.
                        visible: row.before.length > 0 && (row.kind === "removed" || row.before !== row.after)
                        text: row.before
                        wrapMode: Text.Wrap
                        textFormat: Text.PlainText
                        font.strikeout: row.kind !== "same"
                        opacity: 0.7
                    }
                    Label {
                        objectName: "afterLabel"
                        Layout.fillWidth: true
                        visible: row.after.length > 0
                        text: row.after
                        wrapMode: Text.Wrap
                        textFormat: Text.PlainText
                        font.bold: row.kind === "added" || row.kind === "changed"
                    }
                    Label {
                        Layout.fillWidth: true
                        visible: row.beforeDetail !== row.afterDetail
                        text: qsTr("Detail was: %1").arg(row.beforeDetail.length > 0 ? row.beforeDetail : qsTr("(none)"))
                        wrapMode: Text.Wrap
                        textFormat: Text.PlainText
                        opacity: 0.7
                    }
                    Label {
                        Layout.fillWidth: true
                        visible: row.beforeDetail !== row.afterDetail
                        text: qsTr("Detail now: %1").arg(row.afterDetail.length > 0 ? row.afterDetail : qsTr("(none)"))
                        wrapMode: Text.Wrap
                        textFormat: Text.PlainText
                    }
                    Label {
                        objectName: "whatLabel"
                        Layout.fillWidth: true
                        visible: row.what.length > 0
                        text: row.what
                        font.italic: true
                        wrapMode: Text.Wrap
                    }
                }
            }
        }
    }

    EmptyState {
        anchors.centerIn: parent
        width: parent.width - 64
        visible: diffModel.count === 0 && diffModel.error.length === 0
        title: diffModel.same ? qsTr("The same") : qsTr("Choose two versions")
        text: diffModel.same ? diffModel.summary : qsTr("Pick the older version on the left and the newer on the right.")
    }
}
