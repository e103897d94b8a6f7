pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import ReleaseDesk

// One part of a build procedure in the build editor: the installation steps, the stability tests
// or the acceptance tests, in order (BuildLineEditor for each line), and "Add a line". A list of
// its own per part, so that a 60-line procedure makes only the lines in view.
Item {
    id: pane
    required property BuildLinesModel lines
    /** What the part is for, above its lines. */
    property string hint
    property alias list: list
    /** The line being worked on (the one with the focus), or -1. */
    property int currentRow: -1

    // Where the list was when the part was left, to come back to it.
    property int topRow: 0
    onVisibleChanged: {
        if (!pane.visible)
            pane.topRow = Math.max(0, list.indexAt(0, list.contentY))
    }

    /** A new line after @p row (at the end for -1), with the focus in its words; answers its row. */
    function addAfter(row: int): int {
        const added = pane.lines.add(row)
        if (added >= 0)
            pane.focusLine(added)
        return added
    }
    /** Brings line @p row into view with the focus in its words. */
    function focusLine(row: int) {
        list.currentIndex = row
        pane.currentRow = row
        list.positionViewAtIndex(row, ListView.Contain)
        list.forceLayout()
        const editor = list.itemAtIndex(row) as BuildLineEditor
        if (editor)
            editor.focusTitle()
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 8
        spacing: 8
        Label {
            Layout.fillWidth: true
            visible: text.length > 0
            text: pane.hint
            wrapMode: Text.Wrap
            opacity: 0.75
        }
        ListView {
            id: list
            objectName: "lineList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: 6
            clip: true
            // Lines are made only while their part is shown (the editor has three parts in tabs),
            // and only those in view: a 60-line procedure opens at once.
            model: pane.visible ? pane.lines : null
            cacheBuffer: 0
            onModelChanged: {
                if (list.model && pane.topRow > 0) {
                    list.forceLayout()
                    list.positionViewAtIndex(pane.topRow, ListView.Beginning)
                }
            }
            // The line with the focus stays in view; the list does not move by itself otherwise.
            highlightFollowsCurrentItem: false
            delegate: BuildLineEditor {
                id: editor
                lines: pane.lines
                wide: pane.width >= 760
                current: editor.index === pane.currentRow
                onFocused: {
                    pane.currentRow = editor.index
                    list.currentIndex = editor.index
                }
                onAddBelow: pane.addAfter(editor.index)
            }
            EmptyState {
                anchors.centerIn: parent
                width: parent.width - 64
                visible: pane.lines.count === 0
                title: qsTr("No lines yet")
                text: pane.lines.readOnly ? "" : qsTr("Add the first one: each line is one thing to do or check, in order.")
            }
        }
        Button {
            objectName: "addLineButton"
            Layout.fillWidth: true
            Layout.preferredHeight: 52
            visible: !pane.lines.readOnly
            text: qsTr("Add a line at the end")
            onClicked: pane.addAfter(-1)
        }
    }
}
