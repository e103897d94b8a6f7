pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Dialogs
import QtQuick.Layouts
import ReleaseDesk

// The release manager's way in and out of the inventory: import assets from a CSV file (the
// Import page), export the inventory, and export the installations of a period, each to a CSV
// file chosen in a dialog.
Page {
    id: page
    required property AppSession session
    property alias exporter: exporter
    signal openImport()
    title: qsTr("Import and export")

    InventoryExport {
        id: exporter
        session: page.session
    }

    /** Writes @p what ("inventory" or "installations") to @p file and says how it went. */
    function save(what: string, file: string) {
        const answer = what === "inventory" ? exporter.exportInventory(file)
                                            : exporter.exportInstallations(file, fromField.text, toField.text)
        // InventoryExport answers a QVariantMap, {ok, error, message}: Qt 6.4's qmllint cannot see a map's keys.
        result.text = answer.ok ? answer.message : answer.error // qmllint disable type
        result.failed = !answer.ok // qmllint disable type
    }

    FileDialog {
        id: saveDialog
        objectName: "saveDialog"
        property string what: "inventory"
        fileMode: FileDialog.SaveFile
        defaultSuffix: "csv"
        nameFilters: [qsTr("CSV files (*.csv)")]
        onAccepted: page.save(saveDialog.what, String(saveDialog.selectedFile))
    }
    function chooseFile(what: string) {
        saveDialog.what = what
        saveDialog.title = what === "inventory" ? qsTr("Export the inventory to") : qsTr("Export the installations to")
        saveDialog.selectedFile = exporter.suggestedFile(what)
        saveDialog.open()
    }

    header: Label {
        leftPadding: 16
        topPadding: 12
        text: qsTr("Import and export")
        font.pixelSize: 22
        font.bold: true
    }

    ScrollView {
        anchors.fill: parent
        contentWidth: availableWidth
        ColumnLayout {
            width: parent.width
            spacing: 12
            Card {
                Layout.fillWidth: true
                Layout.margins: 8
                ColumnLayout {
                    anchors.left: parent.left
                    anchors.right: parent.right
                    spacing: 8
                    Label {
                        text: qsTr("Import assets")
                        font.pixelSize: 19
                        font.bold: true
                    }
                    Label {
                        Layout.fillWidth: true
                        wrapMode: Text.Wrap
                        text: qsTr("From a Snipe-IT export or a spreadsheet with its columns (Asset Tag, Serial, "
                                   + "Manufacturer, Model, Category, Location, Status, Checked Out To, Purchase Date, "
                                   + "Notes). A check first: nothing changes until you import.")
                    }
                    Button {
                        objectName: "openImportButton"
                        Layout.preferredHeight: 52
                        highlighted: true
                        text: qsTr("Import a CSV file…")
                        enabled: exporter.allowed
                        onClicked: page.openImport()
                    }
                }
            }
            Card {
                Layout.fillWidth: true
                Layout.margins: 8
                ColumnLayout {
                    anchors.left: parent.left
                    anchors.right: parent.right
                    spacing: 8
                    Label {
                        text: qsTr("Export")
                        font.pixelSize: 19
                        font.bold: true
                    }
                    Label {
                        Layout.fillWidth: true
                        wrapMode: Text.Wrap
                        text: qsTr("The inventory as this computer has it, in the columns an import reads back.")
                    }
                    Button {
                        objectName: "exportInventoryButton"
                        Layout.preferredHeight: 52
                        text: qsTr("Export the inventory…")
                        enabled: exporter.allowed
                        onClicked: page.chooseFile("inventory")
                    }
                    Label {
                        Layout.fillWidth: true
                        Layout.topMargin: 8
                        wrapMode: Text.Wrap
                        text: qsTr("The installations started in a period: asset, release, build version, who, "
                                   + "when, outcome, sign-off and back-out.")
                    }
                    RowLayout {
                        Layout.fillWidth: true
                        Label { text: qsTr("From") }
                        TextField {
                            id: fromField
                            objectName: "fromField"
                            Layout.fillWidth: true
                            placeholderText: qsTr("From (YYYY-MM-DD)")
                            text: exporter.monthStart()
                            inputMethodHints: Qt.ImhDate
                        }
                        Label { text: qsTr("to") }
                        TextField {
                            id: toField
                            objectName: "toField"
                            Layout.fillWidth: true
                            placeholderText: qsTr("To (YYYY-MM-DD)")
                            text: exporter.today()
                            inputMethodHints: Qt.ImhDate
                        }
                    }
                    Button {
                        objectName: "exportInstallationsButton"
                        Layout.preferredHeight: 52
                        text: qsTr("Export installations…")
                        enabled: exporter.allowed
                        onClicked: page.chooseFile("installations")
                    }
                    Label {
                        id: result
                        objectName: "exportResult"
                        property bool failed: false
                        Layout.fillWidth: true
                        visible: text.length > 0
                        wrapMode: Text.Wrap
                        color: failed ? Material.color(Material.Red) : page.Material.foreground
                    }
                }
            }
        }
    }
}
