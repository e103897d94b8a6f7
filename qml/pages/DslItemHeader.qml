pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import ReleaseDesk

// Above a DSL item's in/out book (DslItemPage's list header): the item (where its media and build
// software are, its SHA-256, its licence type and licences), whether its original media are out,
// and what may be done: take them out, book them back in, change the item. A file of its own: see
// ReleaseHeader.qml; the page takes its signals.
ColumnLayout {
    id: header
    readonly property MediaBookModel book: header.ListView.view.model as MediaBookModel
    readonly property dslItemInfo item: header.book.item
    /** Whether the signed-in person may change the item, take the media out, see its licences' pages. */
    property bool canEdit: false
    property bool canBorrow: false
    property bool canOpenLicences: false
    /** Why the last action failed, in words; the page sets it. */
    property string error
    signal takeOut()
    signal bookIn()
    signal edit()
    signal openLicence(string licenceId)
    width: header.ListView.view.width
    spacing: 12

    Card {
        Layout.fillWidth: true
        ColumnLayout {
            anchors.fill: parent
            spacing: 6
            Label {
                Layout.fillWidth: true
                text: qsTr("%1 %2").arg(header.item.product).arg(header.item.version)
                font.pixelSize: 24
                font.bold: true
                wrapMode: Text.Wrap
            }
            InfoLine { label: qsTr("Vendor"); value: header.item.vendor }
            InfoLine {
                label: qsTr("Original media")
                value: !header.item.loaded ? "" : header.item.mediaLocation.length > 0
                       ? qsTr("%1, %2").arg(header.item.mediaKind).arg(header.item.mediaLocation) : header.item.mediaKind
            }
            InfoLine { label: qsTr("Build software"); value: header.item.buildLocation }
            RowLayout {
                Layout.fillWidth: true
                spacing: 12
                visible: header.item.loaded
                Label {
                    Layout.preferredWidth: 150
                    Layout.alignment: Qt.AlignTop
                    text: qsTr("SHA-256")
                    opacity: 0.7
                }
                // Selectable, so that it can be copied to check the build software against it.
                TextEdit {
                    objectName: "checksumText"
                    Layout.fillWidth: true
                    readOnly: true
                    selectByMouse: true
                    wrapMode: TextEdit.WrapAnywhere
                    font.family: "monospace"
                    font.pixelSize: 15
                    color: header.Material.foreground
                    text: header.item.checksum.length > 0 ? header.item.checksum : qsTr("not recorded")
                }
            }
            InfoLine {
                label: qsTr("Licence")
                value: !header.item.loaded ? "" : header.item.takesSeats
                       ? qsTr("%1: a sign-off takes a seat").arg(header.item.licenceType) : header.item.licenceType
            }
            Repeater {
                model: header.book.licences
                delegate: RowLayout {
                    id: licence
                    required property var modelData
                    Layout.fillWidth: true
                    spacing: 12
                    Item { Layout.preferredWidth: 150 }
                    Label {
                        Layout.fillWidth: true
                        wrapMode: Text.Wrap
                        text: qsTr("%1: %2 of %3 seats given").arg(licence.modelData.name)
                                  .arg(licence.modelData.used).arg(licence.modelData.seats)
                    }
                    Button {
                        visible: header.canOpenLicences
                        flat: true
                        text: qsTr("Open")
                        onClicked: header.openLicence(licence.modelData.licenceId)
                    }
                }
            }
        }
    }

    Card {
        objectName: "mediaCard"
        Layout.fillWidth: true
        visible: header.item.loaded
        ColumnLayout {
            anchors.fill: parent
            spacing: 8
            Label {
                objectName: "mediaState"
                Layout.fillWidth: true
                wrapMode: Text.Wrap
                font.bold: true
                color: header.item.overdue ? Material.color(Material.Red) : Material.foreground
                text: {
                    if (!header.item.mediaOut)
                        return header.item.mediaLocation.length > 0 ? qsTr("The original media are in: %1.").arg(header.item.mediaLocation)
                                                                    : qsTr("The original media are in.")
                    const since = Qt.formatDateTime(header.item.outSince, "ddd d MMM hh:mm")
                    if (isNaN(header.item.expectedBack.getTime()))
                        return qsTr("Out with %1 since %2.").arg(header.item.outWith).arg(since)
                    const due = Qt.formatDate(header.item.expectedBack, "ddd d MMM")
                    return header.item.overdue ? qsTr("Out with %1 since %2, and overdue: due back %3.").arg(header.item.outWith).arg(since).arg(due)
                                               : qsTr("Out with %1 since %2, due back %3.").arg(header.item.outWith).arg(since).arg(due)
                }
            }
            Label {
                Layout.fillWidth: true
                visible: header.item.mediaOut && header.item.purpose.length > 0
                wrapMode: Text.Wrap
                text: qsTr("For: %1").arg(header.item.purpose)
                opacity: 0.8
            }
            Label {
                objectName: "actionError"
                Layout.fillWidth: true
                visible: header.error.length > 0
                wrapMode: Text.Wrap
                color: Material.color(Material.Red)
                text: header.error
            }
            Flow {
                Layout.fillWidth: true
                spacing: 8
                Button {
                    objectName: "takeOutButton"
                    height: 52
                    visible: header.canBorrow
                    highlighted: !header.item.mediaOut
                    text: qsTr("Take the media out…")
                    onClicked: header.takeOut()
                }
                Button {
                    objectName: "bookInButton"
                    height: 52
                    visible: header.canBorrow && header.item.mediaOut
                    highlighted: true
                    text: qsTr("Book them back in")
                    onClicked: header.bookIn()
                }
                Button {
                    objectName: "editButton"
                    height: 52
                    visible: header.canEdit
                    text: qsTr("Change the item")
                    onClicked: header.edit()
                }
            }
        }
    }
    Label {
        text: qsTr("In/out book")
        font.pixelSize: 20
        font.bold: true
        leftPadding: 8
    }
    EmptyState {
        Layout.fillWidth: true
        visible: header.book.count === 0
        title: header.book.error.length > 0 ? qsTr("Cannot show this item") : ""
        text: header.book.error.length > 0 ? header.book.error : qsTr("The original media have never been taken out.")
    }
    Item { implicitHeight: 2 }
}
