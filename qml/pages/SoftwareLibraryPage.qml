pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import ReleaseDesk

// The Definitive Software Library (FITS step 2): every software item with its version and vendor,
// where its original media are kept and where its build software is, the build's SHA-256, its
// licence, and whether its original media are out, with whom and until when (red when overdue).
// Release managers and build developers add items; everyone reads it, and an item opens its
// in/out book.
Page {
    id: page
    required property AppSession session
    required property OfficeLibrary library
    property alias items: itemsModel
    property alias search: searchField
    signal openDslItem(string dslItemId)
    signal addDslItem()
    title: qsTr("Software library")

    DslItemsModel {
        id: itemsModel
        session: page.session
        query: searchField.text
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
                spacing: 12
                TextField {
                    id: searchField
                    objectName: "searchField"
                    Layout.fillWidth: true
                    Layout.preferredHeight: 52
                    placeholderText: qsTr("Search product, vendor, version or where it is")
                    inputMethodHints: Qt.ImhNoPredictiveText
                }
                Button {
                    objectName: "addItemButton"
                    Layout.preferredHeight: 52
                    visible: page.library.canEditLibrary
                    highlighted: true
                    text: qsTr("Add an item")
                    onClicked: page.addDslItem()
                }
            }
            Label {
                objectName: "summaryLabel"
                Layout.fillWidth: true
                wrapMode: Text.Wrap
                opacity: 0.8
                text: (itemsModel.count === 1 ? qsTr("1 software item") : qsTr("%1 software items").arg(itemsModel.count))
                      + (itemsModel.mediaOut === 1 ? qsTr(", 1 with its original media out")
                         : itemsModel.mediaOut > 1 ? qsTr(", %1 with their original media out").arg(itemsModel.mediaOut) : "")
            }
        }
    }

    ListView {
        id: list
        objectName: "itemList"
        anchors.fill: parent
        anchors.margins: 8
        spacing: 4
        clip: true
        model: itemsModel
        delegate: ItemDelegate {
            id: item
            required property string dslItemId
            required property string product
            required property string version
            required property string vendor
            required property string mediaKind
            required property string mediaLocation
            required property string buildLocation
            required property string checksum
            required property string licenceType
            required property string licences
            required property bool mediaOut
            required property string outWith
            required property var outSince
            required property var expectedBack
            required property bool overdue
            width: ListView.view.width
            padding: 12
            onClicked: page.openDslItem(item.dslItemId)
            contentItem: ColumnLayout {
                spacing: 2
                RowLayout {
                    Layout.fillWidth: true
                    Label {
                        Layout.fillWidth: true
                        text: qsTr("%1 %2").arg(item.product).arg(item.version)
                        font.bold: true
                        font.pixelSize: 18
                        elide: Text.ElideRight
                    }
                    Label {
                        text: item.licenceType
                        opacity: 0.75
                    }
                }
                Label {
                    Layout.fillWidth: true
                    text: item.licences.length > 0 ? qsTr("%1 · licence: %2").arg(item.vendor).arg(item.licences) : item.vendor
                    elide: Text.ElideRight
                    opacity: 0.8
                }
                Label {
                    Layout.fillWidth: true
                    visible: item.mediaLocation.length > 0
                    text: qsTr("Media (%1): %2").arg(item.mediaKind).arg(item.mediaLocation)
                    wrapMode: Text.WrapAnywhere
                    font.pixelSize: 15
                    opacity: 0.75
                }
                Label {
                    Layout.fillWidth: true
                    visible: item.buildLocation.length > 0
                    text: qsTr("Build software: %1").arg(item.buildLocation)
                    wrapMode: Text.WrapAnywhere
                    font.pixelSize: 15
                    opacity: 0.75
                }
                Label {
                    Layout.fillWidth: true
                    visible: item.checksum.length > 0
                    text: qsTr("SHA-256 %1…%2").arg(item.checksum.slice(0, 12)).arg(item.checksum.slice(-6))
                    font.family: "monospace"
                    font.pixelSize: 15
                    opacity: 0.7
                }
                Label {
                    objectName: "outLabel"
                    Layout.fillWidth: true
                    visible: item.mediaOut
                    wrapMode: Text.Wrap
                    font.bold: item.overdue
                    color: item.overdue ? Material.color(Material.Red) : Material.color(Material.Orange, Material.Shade800)
                    text: {
                        const since = Qt.formatDate(item.outSince, "d MMM")
                        if (isNaN(item.expectedBack.getTime()))
                            return qsTr("Media out with %1 since %2").arg(item.outWith).arg(since)
                        const due = Qt.formatDate(item.expectedBack, "d MMM")
                        return item.overdue ? qsTr("Media out with %1 since %2: overdue, due back %3").arg(item.outWith).arg(since).arg(due)
                                            : qsTr("Media out with %1 since %2, due back %3").arg(item.outWith).arg(since).arg(due)
                    }
                }
            }
        }
    }

    EmptyState {
        anchors.centerIn: parent
        width: parent.width - 64
        visible: itemsModel.count === 0
        title: itemsModel.error.length > 0 ? qsTr("The library cannot be read")
               : searchField.text.length > 0 ? qsTr("Nothing matches") : qsTr("The library is empty")
        text: itemsModel.error.length > 0 ? itemsModel.error
              : searchField.text.length > 0 ? qsTr("No software item has “%1” in its product, vendor, version or locations.").arg(searchField.text)
              : qsTr("Each piece of software the school installs goes in the library: where its original media are kept, and where its build software is.")
    }
}
