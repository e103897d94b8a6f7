pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import ReleaseDesk

// Adding a licence to the licence log, or changing one: its name, the key or entitlement (masked
// until shown), the seats bought, when it expires, the supplier and purchase reference, and the
// software it licenses. The fields, their checks and the saving are the form's (LicenceForm).
// Leaving with changes not saved asks first (confirmLeave).
Page {
    id: page
    required property OfficeLibrary library
    property string licenceId
    /** For a new licence: the software item it licenses, chosen already. */
    property string dslItemId
    property alias form: form
    property alias nameField: name
    property alias keyField: key
    property alias leaveDialog: leaveDialog
    signal saved(string licenceId)
    signal cancelled()
    title: form.adding ? qsTr("Add a licence") : qsTr("Change %1").arg(form.name)

    LicenceForm {
        id: form
        library: page.library
        licenceId: page.licenceId
        onSaved: (licenceId) => page.saved(licenceId)
    }
    Component.onCompleted: if (form.adding && page.dslItemId.length > 0) form.dslItemId = page.dslItemId

    /** Whether leaving now would drop changes: then the page asks, and calls @p proceed once settled. */
    function confirmLeave(proceed: var): bool {
        if (!form.dirty || form.readOnly)
            return false
        leaveDialog.proceed = proceed
        leaveDialog.open()
        return true
    }
    /** Goes on as the person chose in the leave dialog (@p then: the caller's way out). */
    function leave(then: var) {
        then()
    }
    function save(): bool {
        form.submit()
        return form.error.length === 0
    }

    Shortcut {
        sequence: "Ctrl+S"
        enabled: page.visible
        onActivated: if (form.canSubmit) page.save()
    }

    Flickable {
        anchors.fill: parent
        contentHeight: column.implicitHeight + 48
        clip: true
        ColumnLayout {
            id: column
            width: Math.min(parent.width - 32, 720)
            x: (parent.width - width) / 2
            y: 16
            spacing: 6

            Label {
                Layout.fillWidth: true
                visible: form.readOnly
                wrapMode: Text.Wrap
                font.italic: true
                text: qsTr("Only release managers and build developers change the licence log.")
            }
            Label { text: qsTr("Name"); opacity: 0.7 }
            TextField {
                id: name
                objectName: "nameField"
                Layout.fillWidth: true
                Layout.preferredHeight: 56
                readOnly: form.readOnly
                placeholderText: qsTr("SIMS .net client licences")
                onTextChanged: form.name = name.text
                Binding { target: name; property: "text"; value: form.name }
                Component.onCompleted: if (form.adding) name.forceActiveFocus()
            }
            Label {
                objectName: "nameError"
                Layout.fillWidth: true
                visible: text.length > 0 && (name.text.length > 0 || !form.adding)
                text: form.nameError
                wrapMode: Text.Wrap
                color: Material.color(Material.Red)
            }
            Label { text: qsTr("Key, agreement number or entitlement"); opacity: 0.7; visible: !form.readOnly }
            RowLayout {
                Layout.fillWidth: true
                visible: !form.readOnly
                TextField {
                    id: key
                    objectName: "keyField"
                    property bool shown: false
                    Layout.fillWidth: true
                    Layout.preferredHeight: 56
                    font.family: "monospace"
                    echoMode: key.shown ? TextInput.Normal : TextInput.Password
                    inputMethodHints: Qt.ImhNoPredictiveText | Qt.ImhSensitiveData | Qt.ImhNoAutoUppercase
                    placeholderText: qsTr("XXXXX-XXXXX-XXXXX-XXXXX")
                    onTextChanged: form.key = key.text
                    Binding { target: key; property: "text"; value: form.key }
                }
                Button {
                    objectName: "showKeyButton"
                    flat: true
                    text: key.shown ? qsTr("Hide") : qsTr("Show")
                    onClicked: key.shown = !key.shown
                }
            }
            Label {
                objectName: "keyError"
                Layout.fillWidth: true
                visible: text.length > 0 && !form.readOnly && (key.text.length > 0 || !form.adding)
                text: form.keyError
                wrapMode: Text.Wrap
                color: Material.color(Material.Red)
            }
            GridLayout {
                Layout.fillWidth: true
                columns: page.width > 700 ? 2 : 1
                columnSpacing: 12
                rowSpacing: 2
                ColumnLayout {
                    Layout.fillWidth: true
                    Layout.alignment: Qt.AlignTop
                    Label { text: qsTr("Seats bought"); opacity: 0.7 }
                    SpinBox {
                        id: seats
                        objectName: "seatsBox"
                        Layout.fillWidth: true
                        Layout.preferredHeight: 56
                        enabled: !form.readOnly
                        editable: true
                        from: 0
                        to: 1000000
                        value: form.seats
                        onValueModified: form.seats = seats.value
                    }
                }
                ColumnLayout {
                    Layout.fillWidth: true
                    Layout.alignment: Qt.AlignTop
                    Label { text: qsTr("Expires on (YYYY-MM-DD, or empty)"); opacity: 0.7 }
                    TextField {
                        id: expires
                        objectName: "expiresField"
                        Layout.fillWidth: true
                        Layout.preferredHeight: 56
                        readOnly: form.readOnly
                        inputMethodHints: Qt.ImhDate
                        placeholderText: qsTr("2027-08-31")
                        onTextChanged: form.expiresOn = expires.text
                        Binding { target: expires; property: "text"; value: form.expiresOn }
                    }
                }
            }
            Label {
                objectName: "seatsWarning"
                Layout.fillWidth: true
                visible: text.length > 0
                text: form.seatsError.length > 0 ? form.seatsError : form.seatsWarning
                wrapMode: Text.Wrap
                color: form.seatsError.length > 0 ? Material.color(Material.Red) : Material.color(Material.Orange, Material.Shade800)
            }
            Label {
                objectName: "expiresError"
                Layout.fillWidth: true
                visible: text.length > 0
                text: form.expiresOnError
                wrapMode: Text.Wrap
                color: Material.color(Material.Red)
            }
            GridLayout {
                Layout.fillWidth: true
                columns: page.width > 700 ? 2 : 1
                columnSpacing: 12
                rowSpacing: 2
                ColumnLayout {
                    Layout.fillWidth: true
                    Layout.alignment: Qt.AlignTop
                    Label { text: qsTr("Supplier"); opacity: 0.7 }
                    TextField {
                        id: supplier
                        objectName: "supplierField"
                        Layout.fillWidth: true
                        Layout.preferredHeight: 56
                        readOnly: form.readOnly
                        placeholderText: qsTr("ESS, Softcat, the local authority…")
                        onTextChanged: form.supplier = supplier.text
                        Binding { target: supplier; property: "text"; value: form.supplier }
                    }
                    Label {
                        Layout.fillWidth: true
                        visible: text.length > 0
                        text: form.supplierError
                        wrapMode: Text.Wrap
                        color: Material.color(Material.Red)
                    }
                }
                ColumnLayout {
                    Layout.fillWidth: true
                    Layout.alignment: Qt.AlignTop
                    Label { text: qsTr("Purchase reference"); opacity: 0.7 }
                    TextField {
                        id: purchase
                        objectName: "purchaseRefField"
                        Layout.fillWidth: true
                        Layout.preferredHeight: 56
                        readOnly: form.readOnly
                        placeholderText: qsTr("The order or invoice, PO-1187")
                        onTextChanged: form.purchaseRef = purchase.text
                        Binding { target: purchase; property: "text"; value: form.purchaseRef }
                    }
                    Label {
                        Layout.fillWidth: true
                        visible: text.length > 0
                        text: form.purchaseRefError
                        wrapMode: Text.Wrap
                        color: Material.color(Material.Red)
                    }
                }
            }
            ComboBox {
                id: software
                objectName: "softwareBox"
                Layout.fillWidth: true
                Layout.preferredHeight: 56
                enabled: !form.readOnly
                model: form.dslItems
                textRole: "name"
                displayText: qsTr("Software: %1").arg(currentText)
                currentIndex: form.dslItemIndex
                onActivated: (index) => form.dslItemIndex = index
            }
            Label {
                objectName: "errorLabel"
                Layout.fillWidth: true
                wrapMode: Text.Wrap
                color: Material.color(Material.Red)
                visible: text.length > 0
                text: form.error
            }
            RowLayout {
                Layout.fillWidth: true
                Layout.topMargin: 8
                spacing: 12
                Button {
                    objectName: "cancelButton"
                    Layout.fillWidth: true
                    Layout.preferredHeight: 56
                    text: qsTr("Cancel")
                    onClicked: page.cancelled()
                }
                Button {
                    objectName: "saveButton"
                    Layout.fillWidth: true
                    Layout.preferredHeight: 56
                    highlighted: true
                    enabled: form.canSubmit
                    text: form.adding ? qsTr("Add the licence") : qsTr("Save the changes")
                    onClicked: page.save()
                }
            }
        }
    }

    Dialog {
        id: leaveDialog
        objectName: "leaveDialog"
        property var proceed: null
        anchors.centerIn: parent
        width: Math.min(page.width - 32, 520)
        modal: true
        title: qsTr("Save your changes?")
        ColumnLayout {
            anchors.fill: parent
            spacing: 8
            Label {
                Layout.fillWidth: true
                wrapMode: Text.Wrap
                text: qsTr("The changes to this licence are not saved yet.")
            }
            RowLayout {
                Layout.fillWidth: true
                Button {
                    objectName: "stayButton"
                    Layout.fillWidth: true
                    Layout.preferredHeight: 52
                    text: qsTr("Stay")
                    onClicked: leaveDialog.close()
                }
                Button {
                    objectName: "discardButton"
                    Layout.fillWidth: true
                    Layout.preferredHeight: 52
                    text: qsTr("Drop them")
                    onClicked: {
                        leaveDialog.close()
                        form.revert()
                        page.leave(leaveDialog.proceed)
                    }
                }
                Button {
                    objectName: "saveAndLeaveButton"
                    Layout.fillWidth: true
                    Layout.preferredHeight: 52
                    highlighted: true
                    enabled: form.canSubmit
                    text: qsTr("Save")
                    onClicked: {
                        leaveDialog.close()
                        if (page.save())
                            page.leave(leaveDialog.proceed)
                    }
                }
            }
        }
    }
}
