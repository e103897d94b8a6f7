pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import ReleaseDesk

// Above a licence's seats (LicencePage's list header): the licence (its software, the key masked
// until asked, seats given of seats bought, expiry, supplier, purchase reference) and what may be
// done: show the key, give a seat, change the licence. A file of its own: see ReleaseHeader.qml;
// the page takes its signals and tells it the key once shown.
ColumnLayout {
    id: header
    readonly property LicenceSeatsModel seats: header.ListView.view.model as LicenceSeatsModel
    readonly property licenceInfo licence: header.seats.licence
    /** The key, once the page fetched it for "Show the key"; empty while masked. */
    property string shownKey
    property bool canGiveSeats: false
    property bool canEdit: false
    /** Why the last action failed, in words; the page sets it. */
    property string error
    signal showKey()
    signal hideKey()
    signal giveSeat()
    signal edit()
    signal openDslItem(string dslItemId)
    width: header.ListView.view.width
    spacing: 12

    Card {
        Layout.fillWidth: true
        ColumnLayout {
            anchors.fill: parent
            spacing: 6
            Label {
                Layout.fillWidth: true
                text: header.licence.name
                font.pixelSize: 24
                font.bold: true
                wrapMode: Text.Wrap
            }
            RowLayout {
                Layout.fillWidth: true
                spacing: 12
                visible: header.licence.software.length > 0
                Label {
                    Layout.preferredWidth: 150
                    text: qsTr("Software")
                    opacity: 0.7
                }
                Label {
                    Layout.fillWidth: true
                    wrapMode: Text.Wrap
                    text: header.licence.licenceType.length > 0
                          ? qsTr("%1 (%2)").arg(header.licence.software).arg(header.licence.licenceType) : header.licence.software
                }
                Button {
                    objectName: "openItemButton"
                    flat: true
                    text: qsTr("Open")
                    onClicked: header.openDslItem(header.licence.dslItemId)
                }
            }
            RowLayout {
                objectName: "keyRow"
                Layout.fillWidth: true
                spacing: 12
                // The office's only: an installer's page has no key row at all.
                visible: header.licence.hasKey
                Label {
                    Layout.preferredWidth: 150
                    text: qsTr("Key")
                    opacity: 0.7
                }
                TextEdit {
                    objectName: "keyText"
                    Layout.fillWidth: true
                    readOnly: true
                    selectByMouse: header.shownKey.length > 0
                    wrapMode: TextEdit.WrapAnywhere
                    font.family: "monospace"
                    font.pixelSize: 17
                    color: header.Material.foreground
                    text: header.shownKey.length > 0 ? header.shownKey : "••••••••••••"
                }
                Button {
                    objectName: "showKeyButton"
                    flat: true
                    text: header.shownKey.length > 0 ? qsTr("Hide") : qsTr("Show the key")
                    onClicked: header.shownKey.length > 0 ? header.hideKey() : header.showKey()
                }
            }
            Label {
                objectName: "seatsLabel"
                Layout.fillWidth: true
                wrapMode: Text.Wrap
                font.bold: header.licence.full
                color: header.licence.overUsed ? Material.color(Material.Red)
                       : header.licence.full ? Material.color(Material.Orange, Material.Shade800) : Material.foreground
                text: !header.licence.loaded ? ""
                      : header.licence.overUsed ? qsTr("%1 of %2 seats given: over-used by %3").arg(header.licence.used)
                                                      .arg(header.licence.seats).arg(header.licence.used - header.licence.seats)
                      : header.licence.full ? qsTr("%1 of %2 seats given: none left").arg(header.licence.used).arg(header.licence.seats)
                      : qsTr("%1 of %2 seats given, %3 free").arg(header.licence.used).arg(header.licence.seats)
                            .arg(header.licence.seats - header.licence.used)
            }
            Label {
                objectName: "expiryLabel"
                Layout.fillWidth: true
                visible: header.licence.loaded
                font.bold: header.licence.expired || header.licence.expiringSoon
                color: header.licence.expired ? Material.color(Material.Red)
                       : header.licence.expiringSoon ? Material.color(Material.Orange, Material.Shade800) : Material.foreground
                text: header.licence.expiresOn.length === 0 ? qsTr("Does not expire")
                      : header.licence.expired ? qsTr("Expired on %1").arg(header.licence.expiresOn)
                      : qsTr("Expires on %1").arg(header.licence.expiresOn)
            }
            InfoLine { label: qsTr("Supplier"); value: header.licence.supplier }
            InfoLine { label: qsTr("Purchase reference"); value: header.licence.purchaseRef }
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
                visible: header.canGiveSeats || header.canEdit
                Button {
                    objectName: "giveSeatButton"
                    height: 52
                    visible: header.canGiveSeats
                    highlighted: true
                    text: qsTr("Give a seat…")
                    onClicked: header.giveSeat()
                }
                Button {
                    objectName: "editButton"
                    height: 52
                    visible: header.canEdit
                    text: qsTr("Change the licence")
                    onClicked: header.edit()
                }
            }
        }
    }
    Label {
        text: qsTr("Seats")
        font.pixelSize: 20
        font.bold: true
        leftPadding: 8
    }
    EmptyState {
        Layout.fillWidth: true
        visible: header.seats.count === 0
        title: header.seats.error.length > 0 ? qsTr("Cannot show this licence") : ""
        text: header.seats.error.length > 0 ? header.seats.error : qsTr("No asset has a seat of this licence yet.")
    }
    Item { implicitHeight: 2 }
}
