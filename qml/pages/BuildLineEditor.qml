pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import ReleaseDesk

// One line of a build procedure in the build editor (BuildLinesPane's delegate): its words, its
// detail, whether it is optional, and the evidence it asks for, with move up, move down and
// remove. Each field writes to the lines' model as it is typed, and follows it (Binding). From the
// keyboard: Enter in the words adds the next line, Alt+Up and Alt+Down move the line. Read-only
// (an approved version, a role that does not write): the line as an installer reads it.
Pane {
    id: line
    required property BuildLinesModel lines
    required property int index
    required property int position
    required property string title
    required property string detail
    required property bool required
    required property int evidenceIndex
    required property string evidenceWords
    required property string titleError
    required property string detailError
    /** Words and detail side by side (a desk), or one above the other (a tablet). */
    property bool wide: true
    property bool current: false
    readonly property bool readOnly: line.lines.readOnly
    // The fields' room: the line's width less its number (32) and the spacing after it (8). Said
    // from the line's own width, which the list gives, so that no layout waits on another.
    readonly property real fieldsWidth: line.availableWidth - 40
    /** Enter in the words: the person wants the next line. */
    signal addBelow()
    /** A field of this line took the focus. */
    signal focused()

    function focusTitle() {
        titleField.forceActiveFocus(Qt.OtherFocusReason)
    }
    /** Alt+Up, Alt+Down: the line moves, the focus with it. */
    function handleKey(event: var) {
        if (!(event.modifiers & Qt.AltModifier) || line.readOnly)
            return
        if (event.key === Qt.Key_Up) {
            line.lines.moveUp(line.index)
            event.accepted = true
        } else if (event.key === Qt.Key_Down) {
            line.lines.moveDown(line.index)
            event.accepted = true
        }
    }

    width: ListView.view ? ListView.view.width : implicitWidth
    padding: 8
    Material.elevation: line.current && !line.readOnly ? 4 : 1

    RowLayout {
        anchors.fill: parent
        spacing: 8
        Label {
            Layout.alignment: Qt.AlignTop
            Layout.preferredWidth: 32
            topPadding: line.readOnly ? 0 : 14
            text: line.position
            font.bold: true
            horizontalAlignment: Text.AlignRight
            opacity: 0.7
        }
        // As an installer reads it.
        ColumnLayout {
            Layout.fillWidth: true
            visible: line.readOnly
            spacing: 2
            Label {
                objectName: "titleLabel"
                Layout.fillWidth: true
                text: line.title
                font.bold: true
                wrapMode: Text.Wrap
            }
            Label {
                Layout.fillWidth: true
                visible: text.length > 0
                text: line.detail
                wrapMode: Text.Wrap
                textFormat: Text.PlainText
            }
            Label {
                Layout.fillWidth: true
                visible: text.length > 0
                opacity: 0.7
                text: !line.required && line.evidenceIndex > 0 ? qsTr("Optional · asks for %1").arg(line.evidenceWords)
                      : !line.required ? qsTr("Optional")
                      : line.evidenceIndex > 0 ? qsTr("Asks for %1").arg(line.evidenceWords) : ""
            }
        }
        // As its build developer writes it.
        ColumnLayout {
            Layout.fillWidth: true
            visible: !line.readOnly
            spacing: 4
            // Both fields wrap, so their widths are given, not taken from their text; a positioner,
            // not a layout, so that each is as tall as its text at once.
            Grid {
                id: fields
                Layout.fillWidth: true
                columns: line.wide ? 2 : 1
                columnSpacing: 8
                rowSpacing: 4
                TextArea {
                    id: titleField
                    objectName: "titleField"
                    width: line.wide ? (line.fieldsWidth - fields.columnSpacing) * 0.45 : line.fieldsWidth
                    height: Math.max(52, implicitHeight)
                    wrapMode: TextEdit.Wrap
                    font.bold: true
                    placeholderText: qsTr("What to do or check")
                    onTextChanged: line.lines.setTitle(line.index, titleField.text)
                    onActiveFocusChanged: if (activeFocus) line.focused()
                    // The words are one line: Enter asks for the next line of the procedure.
                    Keys.onReturnPressed: (event) => {
                        event.accepted = true
                        line.addBelow()
                    }
                    Keys.onEnterPressed: (event) => {
                        event.accepted = true
                        line.addBelow()
                    }
                    Keys.onTabPressed: (event) => {
                        titleField.nextItemInFocusChain().forceActiveFocus(Qt.TabFocusReason)
                        event.accepted = true
                    }
                    Keys.onPressed: (event) => line.handleKey(event)
                    Binding { target: titleField; property: "text"; value: line.title }
                }
                TextArea {
                    id: detailField
                    objectName: "detailField"
                    width: line.wide ? (line.fieldsWidth - fields.columnSpacing) * 0.55 : line.fieldsWidth
                    height: Math.max(52, implicitHeight)
                    wrapMode: TextEdit.Wrap
                    placeholderText: qsTr("How, where, what to look for (optional)")
                    onTextChanged: line.lines.setDetail(line.index, detailField.text)
                    onActiveFocusChanged: if (activeFocus) line.focused()
                    // Tab goes on to the next field, as in the rest of the form, not into the text.
                    Keys.onTabPressed: (event) => {
                        detailField.nextItemInFocusChain().forceActiveFocus(Qt.TabFocusReason)
                        event.accepted = true
                    }
                    Keys.onPressed: (event) => line.handleKey(event)
                    Binding { target: detailField; property: "text"; value: line.detail }
                }
            }
            Label {
                objectName: "lineError"
                Layout.fillWidth: true
                // A new line's empty words are not shouted at while they are being typed.
                visible: text.length > 0 && (line.title.length > 0 || !titleField.activeFocus)
                text: line.titleError.length > 0 ? line.titleError : line.detailError
                wrapMode: Text.Wrap
                color: Material.color(Material.Red)
            }
            RowLayout {
                Layout.fillWidth: true
                spacing: 4
                CheckBox {
                    objectName: "optionalBox"
                    text: qsTr("Optional")
                    checked: !line.required
                    onToggled: line.lines.setRequired(line.index, !checked)
                    onActiveFocusChanged: if (activeFocus) line.focused()
                }
                ComboBox {
                    objectName: "evidenceBox"
                    Layout.preferredWidth: 290
                    Layout.preferredHeight: 48
                    model: line.lines.evidenceKinds
                    textRole: "text"
                    currentIndex: line.evidenceIndex
                    onActivated: (index) => line.lines.setEvidenceIndex(line.index, index)
                    onActiveFocusChanged: if (activeFocus) line.focused()
                }
                Item { Layout.fillWidth: true }
                ToolButton {
                    objectName: "upButton"
                    implicitWidth: 48
                    implicitHeight: 48
                    text: "↑"
                    enabled: line.index > 0
                    ToolTip.visible: hovered
                    ToolTip.text: qsTr("Move up (Alt+Up)")
                    onClicked: line.lines.moveUp(line.index)
                }
                ToolButton {
                    objectName: "downButton"
                    implicitWidth: 48
                    implicitHeight: 48
                    text: "↓"
                    enabled: line.index < line.lines.count - 1
                    ToolTip.visible: hovered
                    ToolTip.text: qsTr("Move down (Alt+Down)")
                    onClicked: line.lines.moveDown(line.index)
                }
                ToolButton {
                    objectName: "removeButton"
                    implicitWidth: 48
                    implicitHeight: 48
                    text: "✕"
                    ToolTip.visible: hovered
                    ToolTip.text: qsTr("Remove this line")
                    onClicked: line.lines.remove(line.index)
                }
            }
        }
    }
}
