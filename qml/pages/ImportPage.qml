pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Dialogs
import QtQuick.Layouts
import ReleaseDesk

// Importing assets from a CSV file (a Snipe-IT export or Release Desk's own): choose the file, see
// its dry run (each row's outcome by kind, a refused row's line and reason), then import; the
// counts after. ImportForm holds the state; this page only lays it out.
Page {
    id: page
    required property AppSession session
    property alias form: form
    signal importedAssets(int added, int updated)
    title: qsTr("Import assets")

    ImportForm {
        id: form
        session: page.session
        onImported: (added, updated) => page.importedAssets(added, updated)
    }

    FileDialog {
        id: chooser
        objectName: "fileChooser"
        title: qsTr("Choose a CSV file to import")
        nameFilters: [qsTr("CSV files (*.csv *.txt)"), qsTr("All files (*)")]
        onAccepted: {
            form.file = String(chooser.selectedFile)
            form.check()
        }
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 16
        spacing: 10

        Label {
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            text: form.allowed
                  ? qsTr("A Snipe-IT export or Release Desk's own, as CSV. The check shows what each row would do; "
                         + "nothing changes until you import.")
                  : qsTr("Only a release manager imports assets.")
        }
        RowLayout {
            Layout.fillWidth: true
            spacing: 8
            TextField {
                id: fileField
                objectName: "fileField"
                Layout.fillWidth: true
                placeholderText: qsTr("The CSV file")
                enabled: form.allowed
                onTextEdited: form.file = text
                Binding on text {
                    value: form.path
                }
                onAccepted: form.check()
            }
            Button {
                objectName: "chooseButton"
                Layout.preferredHeight: 52
                text: qsTr("Choose…")
                enabled: form.allowed
                onClicked: chooser.open()
            }
            Button {
                objectName: "checkButton"
                Layout.preferredHeight: 52
                text: qsTr("Check")
                enabled: form.allowed && form.canCheck
                onClicked: form.check()
            }
        }
        Label {
            objectName: "errorLabel"
            Layout.fillWidth: true
            visible: form.error.length > 0
            text: form.error
            wrapMode: Text.Wrap
            color: Material.color(Material.Red)
        }
        Label {
            objectName: "summaryLabel"
            Layout.fillWidth: true
            visible: text.length > 0
            text: form.summary
            wrapMode: Text.Wrap
            font.bold: true
        }
        Label {
            Layout.fillWidth: true
            visible: text.length > 0
            text: form.fileNotes
            wrapMode: Text.Wrap
            opacity: 0.7
            font.pixelSize: 15
        }
        // Which rows the list shows: all, or one kind with its count.
        Flow {
            Layout.fillWidth: true
            spacing: 6
            visible: form.stage !== "choose"
            Repeater {
                model: [
                    {kind: "refused", title: qsTr("Refused"), count: form.refused},
                    {kind: "new", title: qsTr("New"), count: form.added},
                    {kind: "updated", title: qsTr("Updated"), count: form.updated},
                    {kind: "unchanged", title: qsTr("Unchanged"), count: form.unchanged},
                    {kind: "same-serial", title: qsTr("Same serial"), count: form.sameSerial},
                    {kind: "", title: qsTr("All"), count: form.added + form.updated + form.unchanged
                                                          + form.sameSerial + form.refused}
                ]
                delegate: Button {
                    required property var modelData
                    objectName: "kind_" + (modelData.kind || "all")
                    visible: modelData.count > 0 || modelData.kind === ""
                    checkable: true
                    checked: form.outcomes.kind === modelData.kind
                    flat: !checked
                    text: qsTr("%1 (%2)").arg(modelData.title).arg(modelData.count)
                    onClicked: form.outcomes.kind = modelData.kind
                }
            }
        }
        ListView {
            id: list
            objectName: "outcomesList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            spacing: 2
            model: form.outcomes
            ScrollBar.vertical: ScrollBar {}
            delegate: ItemDelegate {
                id: row
                required property int line
                required property string kind
                required property string kindWords
                required property string detail
                required property string asset
                readonly property color tone: row.kind === "new" ? Material.color(Material.Green)
                                            : row.kind === "updated" ? Material.color(Material.Blue)
                                            : row.kind === "refused" ? Material.color(Material.Red)
                                            : row.kind === "same-serial" ? Material.color(Material.Orange)
                                            : Material.color(Material.Grey)
                width: ListView.view.width
                padding: 10
                contentItem: RowLayout {
                    spacing: 12
                    Label {
                        Layout.preferredWidth: 90
                        Layout.alignment: Qt.AlignTop
                        text: qsTr("Line %1").arg(row.line)
                        font.bold: true
                    }
                    Label {
                        Layout.alignment: Qt.AlignTop
                        leftPadding: 10
                        rightPadding: 10
                        topPadding: 3
                        bottomPadding: 3
                        text: row.kindWords
                        font.pixelSize: 15
                        font.bold: true
                        background: Rectangle {
                            radius: height / 2
                            color: Qt.rgba(row.tone.r, row.tone.g, row.tone.b, 0.18)
                            border.color: row.tone
                        }
                    }
                    ColumnLayout {
                        Layout.fillWidth: true
                        spacing: 2
                        Label {
                            Layout.fillWidth: true
                            elide: Text.ElideRight
                            text: row.asset
                        }
                        Label {
                            Layout.fillWidth: true
                            text: row.detail
                            wrapMode: Text.Wrap
                            opacity: 0.8
                            font.pixelSize: 15
                        }
                    }
                }
            }
        }
        Button {
            objectName: "importButton"
            Layout.fillWidth: true
            Layout.preferredHeight: 56
            highlighted: true
            visible: form.stage !== "imported"
            enabled: form.canImport
            text: form.canImport ? qsTr("Import %1 assets (%2 new, %3 updated)").arg(form.added + form.updated)
                                                                                .arg(form.added).arg(form.updated)
                                 : qsTr("Import")
            onClicked: form.submit()
        }
    }
}
