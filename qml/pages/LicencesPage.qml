pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import ReleaseDesk

// The licence log (FITS step 2): every licence with its software, seats given of seats bought,
// expiry, supplier and purchase reference, and its key, masked until asked (the office only).
// Licences over-used, full, expired or expiring within 30 days say so. A licence opens its seats.
Page {
    id: page
    required property AppSession session
    required property OfficeLibrary library
    property alias licences: licencesModel
    property alias search: searchField
    signal openLicence(string licenceId)
    signal addLicence()
    title: qsTr("Licences")

    LicencesModel {
        id: licencesModel
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
                    placeholderText: qsTr("Search name, software, supplier or order")
                    inputMethodHints: Qt.ImhNoPredictiveText
                }
                Button {
                    objectName: "addLicenceButton"
                    Layout.preferredHeight: 52
                    visible: page.library.canEditLicences
                    highlighted: true
                    text: qsTr("Add a licence")
                    onClicked: page.addLicence()
                }
            }
            Label {
                objectName: "summaryLabel"
                Layout.fillWidth: true
                wrapMode: Text.Wrap
                opacity: 0.8
                text: (licencesModel.count === 1 ? qsTr("1 licence") : qsTr("%1 licences").arg(licencesModel.count))
                      + (licencesModel.needingAttention > 0 ? qsTr(", %1 to look at").arg(licencesModel.needingAttention) : "")
            }
        }
    }

    ListView {
        id: list
        objectName: "licenceList"
        anchors.fill: parent
        anchors.margins: 8
        spacing: 4
        clip: true
        model: licencesModel
        delegate: ItemDelegate {
            id: licence
            required property string licenceId
            required property string name
            required property string software
            required property string key
            required property bool hasKey
            required property int seats
            required property int used
            required property bool full
            required property bool overUsed
            required property string expiresOn
            required property bool expired
            required property bool expiringSoon
            required property string supplier
            required property string purchaseRef
            /** The key is shown once asked for, and hidden again when the row goes. */
            property bool keyShown: false
            width: ListView.view.width
            padding: 12
            onClicked: page.openLicence(licence.licenceId)
            contentItem: ColumnLayout {
                spacing: 2
                RowLayout {
                    Layout.fillWidth: true
                    Label {
                        Layout.fillWidth: true
                        text: licence.name
                        font.bold: true
                        font.pixelSize: 18
                        elide: Text.ElideRight
                    }
                    Label {
                        objectName: "seatsLabel"
                        text: qsTr("%1 of %2 seats given").arg(licence.used).arg(licence.seats)
                        font.bold: licence.full
                        color: licence.overUsed ? Material.color(Material.Red)
                               : licence.full ? Material.color(Material.Orange, Material.Shade800) : Material.foreground
                    }
                }
                Label {
                    Layout.fillWidth: true
                    visible: licence.software.length > 0
                    text: licence.software
                    opacity: 0.8
                }
                Label {
                    objectName: "expiryLabel"
                    Layout.fillWidth: true
                    text: licence.expiresOn.length === 0 ? qsTr("Does not expire")
                          : licence.expired ? qsTr("Expired on %1").arg(licence.expiresOn)
                          : qsTr("Expires on %1").arg(licence.expiresOn)
                    font.bold: licence.expired || licence.expiringSoon
                    color: licence.expired ? Material.color(Material.Red)
                           : licence.expiringSoon ? Material.color(Material.Orange, Material.Shade800) : Material.foreground
                    opacity: licence.expired || licence.expiringSoon ? 1 : 0.75
                }
                Label {
                    Layout.fillWidth: true
                    visible: text.length > 0
                    text: licence.supplier.length > 0 && licence.purchaseRef.length > 0
                          ? qsTr("%1 · order %2").arg(licence.supplier).arg(licence.purchaseRef)
                          : licence.purchaseRef.length > 0 ? qsTr("Order %1").arg(licence.purchaseRef) : licence.supplier
                    opacity: 0.75
                }
                RowLayout {
                    Layout.fillWidth: true
                    visible: licence.hasKey
                    Label {
                        objectName: "keyLabel"
                        Layout.fillWidth: true
                        text: qsTr("Key: %1").arg(licence.keyShown ? licence.key : "••••••••••••")
                        font.family: "monospace"
                        wrapMode: Text.WrapAnywhere
                    }
                    Button {
                        objectName: "showKeyButton"
                        flat: true
                        text: licence.keyShown ? qsTr("Hide") : qsTr("Show the key")
                        onClicked: licence.keyShown = !licence.keyShown
                    }
                }
            }
        }
    }

    EmptyState {
        anchors.centerIn: parent
        width: parent.width - 64
        visible: licencesModel.count === 0
        title: licencesModel.error.length > 0 ? qsTr("The licence log cannot be read")
               : searchField.text.length > 0 ? qsTr("Nothing matches") : qsTr("The licence log is empty")
        text: licencesModel.error.length > 0 ? licencesModel.error
              : searchField.text.length > 0 ? qsTr("No licence has “%1” in its name, software, supplier or order.").arg(searchField.text)
              : qsTr("Each licence the school holds goes here: its key, its seats and when it expires.")
    }
}
