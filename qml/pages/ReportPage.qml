pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Dialogs
import QtQuick.Layouts
import ReleaseDesk

// The monthly Release Management report, for the release manager: a month (back and forth, not past
// this one), FITS's five counts and the ITIL measures as tiles, each opening the list behind it, the
// 12 months of the count chosen last as a chart, and the month saved as CSV or PDF.
Page {
    id: page
    required property AppSession session
    property alias model: report
    property alias exporter: exporter
    property alias saveDialog: saveDialog
    /** The count whose list was opened last: outlined, and in the chart. */
    property string chosenKey: ""
    /** The month's list behind the count @p measure is asked for. */
    signal openList(string month, string measure)
    /** The month shown changed (a list open beside the page follows it). */
    signal monthShown(string month)
    title: qsTr("Report")

    ReportModel {
        id: report
        session: page.session
        onMonthChanged: page.monthShown(report.month)
    }
    ReportExport {
        id: exporter
        session: page.session
        month: report.month
    }

    function choose(key: string) {
        page.chosenKey = key
        report.chartKey = key
        page.openList(report.month, key)
    }
    /** Saves the month as @p format ("csv" or "pdf") to @p file, and says how it went under the buttons. */
    function save(format: string, file: url) {
        const answer = format === "pdf" ? exporter.savePdf(file) : exporter.saveCsv(file)
        // The answer is a QVariantMap: Qt 6.4's qmllint cannot see its keys.
        exportMessage.failed = !answer.ok // qmllint disable type
        exportMessage.text = answer.ok ? qsTr("Saved as %1").arg(answer.path) : answer.error // qmllint disable type
    }
    function askWhere(format: string) {
        saveDialog.format = format
        saveDialog.selectedFile = exporter.suggestedFile(format)
        saveDialog.open()
    }

    header: ColumnLayout {
        spacing: 0
        Label {
            Layout.leftMargin: 16
            Layout.topMargin: 12
            text: qsTr("Monthly report")
            font.pixelSize: 22
            font.bold: true
        }
        RowLayout {
            Layout.fillWidth: true
            Layout.leftMargin: 4
            Layout.rightMargin: 4
            ToolButton {
                objectName: "previousMonth"
                implicitWidth: 52
                implicitHeight: 52
                text: "‹"
                font.pixelSize: 28
                onClicked: report.previousMonth()
                ToolTip.visible: hovered
                ToolTip.text: qsTr("The month before")
            }
            Label {
                objectName: "monthLabel"
                Layout.fillWidth: true
                horizontalAlignment: Text.AlignHCenter
                text: report.monthName
                font.pixelSize: 19
                font.bold: true
            }
            ToolButton {
                objectName: "nextMonth"
                implicitWidth: 52
                implicitHeight: 52
                text: "›"
                font.pixelSize: 28
                enabled: !report.latest
                onClicked: report.nextMonth()
                ToolTip.visible: hovered
                ToolTip.text: qsTr("The month after")
            }
        }
    }

    Flickable {
        id: flick
        objectName: "reportFlick"
        anchors.fill: parent
        contentHeight: column.implicitHeight + 24
        clip: true
        ScrollIndicator.vertical: ScrollIndicator {}

        ColumnLayout {
            id: column
            x: 12
            width: flick.width - 24
            spacing: 8

            Label {
                Layout.topMargin: 4
                text: qsTr("FITS measurements")
                font.pixelSize: 17
                font.bold: true
            }
            GridLayout {
                objectName: "fitsTiles"
                Layout.fillWidth: true
                columns: column.width >= 380 ? 2 : 1
                columnSpacing: 8
                rowSpacing: 8
                Repeater {
                    model: report
                    delegate: ReportTile {
                        id: fitsTile
                        required property string key
                        required property bool fits
                        required property string rule
                        objectName: fitsTile.fits ? "tile_" + fitsTile.key : ""
                        visible: fitsTile.fits
                        Layout.fillWidth: true
                        Layout.preferredWidth: 1 // the columns share the width alike
                        warn: fitsTile.key === "services_to_document"
                        chosen: page.chosenKey === fitsTile.key
                        onClicked: page.choose(fitsTile.key)
                        ToolTip.visible: hovered
                        ToolTip.delay: 600
                        ToolTip.text: fitsTile.rule
                    }
                }
            }
            Label {
                Layout.topMargin: 8
                text: qsTr("ITIL measures")
                font.pixelSize: 17
                font.bold: true
            }
            GridLayout {
                objectName: "itilTiles"
                Layout.fillWidth: true
                columns: column.width >= 380 ? 2 : 1
                columnSpacing: 8
                rowSpacing: 8
                Repeater {
                    model: report
                    delegate: ReportTile {
                        id: itilTile
                        required property string key
                        required property bool fits
                        required property string rule
                        objectName: itilTile.fits ? "" : "tile_" + itilTile.key
                        visible: !itilTile.fits
                        Layout.fillWidth: true
                        Layout.preferredWidth: 1
                        warn: true
                        chosen: page.chosenKey === itilTile.key
                        onClicked: page.choose(itilTile.key)
                        ToolTip.visible: hovered
                        ToolTip.delay: 600
                        ToolTip.text: itilTile.rule
                    }
                }
            }
            Label {
                objectName: "chartTitle"
                Layout.fillWidth: true
                Layout.topMargin: 12
                text: report.chartTitle
                font.pixelSize: 17
                font.bold: true
                wrapMode: Text.Wrap
            }
            ReportChart {
                objectName: "chart"
                Layout.fillWidth: true
                labels: report.chartLabels
                values: report.chartValues
            }
            Label {
                Layout.fillWidth: true
                text: qsTr("Tap a count to see the records behind it; the chart then shows its 12 months.")
                wrapMode: Text.Wrap
                opacity: 0.7
            }
            RowLayout {
                Layout.topMargin: 8
                spacing: 8
                Button {
                    objectName: "exportCsvButton"
                    Layout.preferredHeight: 52
                    text: qsTr("Export CSV…")
                    onClicked: page.askWhere("csv")
                }
                Button {
                    objectName: "exportPdfButton"
                    Layout.preferredHeight: 52
                    highlighted: true
                    text: qsTr("Export PDF…")
                    onClicked: page.askWhere("pdf")
                }
            }
            Label {
                id: exportMessage
                objectName: "exportMessage"
                property bool failed: false
                Layout.fillWidth: true
                visible: text.length > 0
                wrapMode: Text.Wrap
                color: exportMessage.failed ? Material.color(Material.Red) : Material.foreground
            }
            Label {
                Layout.fillWidth: true
                visible: report.error.length > 0
                text: report.error
                wrapMode: Text.Wrap
                color: Material.color(Material.Red)
            }
        }
    }

    FileDialog {
        id: saveDialog
        objectName: "saveDialog"
        property string format: "csv"
        title: saveDialog.format === "pdf" ? qsTr("Save the report as PDF") : qsTr("Save the report as CSV")
        fileMode: FileDialog.SaveFile
        acceptLabel: qsTr("Save") // Qt 6.4's own dialog says "Open" otherwise
        currentFolder: exporter.folder
        defaultSuffix: saveDialog.format
        nameFilters: saveDialog.format === "pdf" ? [qsTr("PDF documents (*.pdf)")] : [qsTr("CSV files (*.csv)")]
        onAccepted: page.save(saveDialog.format, saveDialog.selectedFile)
    }
}
