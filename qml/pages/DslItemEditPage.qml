pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import ReleaseDesk

// Adding a software item to the Definitive Software Library, or changing one: product, version,
// vendor, the original media and where they are kept, where the build software is and its SHA-256,
// and the licence type. The fields, their checks and the saving are the form's (DslItemForm).
// Leaving with changes not saved asks first (confirmLeave).
Page {
    id: page
    required property OfficeLibrary library
    property string dslItemId
    property alias form: form
    property alias productField: product
    property alias leaveDialog: leaveDialog
    signal saved(string dslItemId)
    signal cancelled()
    title: form.adding ? qsTr("Add a software item") : qsTr("Change %1 %2").arg(form.product).arg(form.version)

    DslItemForm {
        id: form
        library: page.library
        dslItemId: page.dslItemId
        onSaved: (dslItemId) => page.saved(dslItemId)
    }

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
                text: qsTr("Only release managers and build developers change the software library.")
            }
            GridLayout {
                Layout.fillWidth: true
                columns: page.width > 700 ? 2 : 1
                columnSpacing: 12
                rowSpacing: 2
                ColumnLayout {
                    Layout.fillWidth: true
                    Layout.alignment: Qt.AlignTop
                    Label { text: qsTr("Product"); opacity: 0.7 }
                    TextField {
                        id: product
                        objectName: "productField"
                        Layout.fillWidth: true
                        Layout.preferredHeight: 56
                        readOnly: form.readOnly
                        placeholderText: qsTr("SIMS .net, SMART Notebook…")
                        onTextChanged: form.product = product.text
                        Binding { target: product; property: "text"; value: form.product }
                        Component.onCompleted: if (form.adding) product.forceActiveFocus()
                    }
                    Label {
                        objectName: "productError"
                        Layout.fillWidth: true
                        visible: text.length > 0 && (product.text.length > 0 || !form.adding)
                        text: form.productError
                        wrapMode: Text.Wrap
                        color: Material.color(Material.Red)
                    }
                }
                ColumnLayout {
                    Layout.fillWidth: true
                    Layout.alignment: Qt.AlignTop
                    Label { text: qsTr("Version"); opacity: 0.7 }
                    TextField {
                        id: version
                        objectName: "versionField"
                        Layout.fillWidth: true
                        Layout.preferredHeight: 56
                        readOnly: form.readOnly
                        placeholderText: qsTr("7.214, 22.1, 23H2…")
                        onTextChanged: form.version = version.text
                        Binding { target: version; property: "text"; value: form.version }
                    }
                    Label {
                        objectName: "versionError"
                        Layout.fillWidth: true
                        visible: text.length > 0 && (version.text.length > 0 || !form.adding)
                        text: form.versionError
                        wrapMode: Text.Wrap
                        color: Material.color(Material.Red)
                    }
                }
            }
            Label { text: qsTr("Vendor"); opacity: 0.7 }
            TextField {
                id: vendor
                objectName: "vendorField"
                Layout.fillWidth: true
                Layout.preferredHeight: 56
                readOnly: form.readOnly
                placeholderText: qsTr("ESS, SMART Technologies, Microsoft…")
                onTextChanged: form.vendor = vendor.text
                Binding { target: vendor; property: "text"; value: form.vendor }
            }
            Label {
                objectName: "vendorError"
                Layout.fillWidth: true
                visible: text.length > 0 && (vendor.text.length > 0 || !form.adding)
                text: form.vendorError
                wrapMode: Text.Wrap
                color: Material.color(Material.Red)
            }
            RowLayout {
                Layout.fillWidth: true
                spacing: 12
                ComboBox {
                    id: mediaKind
                    objectName: "mediaKindBox"
                    Layout.fillWidth: true
                    Layout.preferredHeight: 56
                    enabled: !form.readOnly
                    model: form.mediaKinds
                    textRole: "name"
                    displayText: qsTr("Original media: %1").arg(currentText)
                    currentIndex: form.mediaKindIndex
                    onActivated: (index) => form.mediaKindIndex = index
                }
                ComboBox {
                    id: licenceType
                    objectName: "licenceTypeBox"
                    Layout.fillWidth: true
                    Layout.preferredHeight: 56
                    enabled: !form.readOnly
                    model: form.licenceTypes
                    textRole: "name"
                    displayText: qsTr("Licence: %1").arg(currentText)
                    currentIndex: form.licenceTypeIndex
                    onActivated: (index) => form.licenceTypeIndex = index
                }
            }
            Label { text: qsTr("Where the original media are kept"); opacity: 0.7 }
            TextField {
                id: mediaLocation
                objectName: "mediaLocationField"
                Layout.fillWidth: true
                Layout.preferredHeight: 56
                readOnly: form.readOnly
                placeholderText: qsTr("Cupboard A, shelf 1")
                onTextChanged: form.mediaLocation = mediaLocation.text
                Binding { target: mediaLocation; property: "text"; value: form.mediaLocation }
            }
            Label {
                Layout.fillWidth: true
                visible: text.length > 0
                text: form.mediaLocationError
                wrapMode: Text.Wrap
                color: Material.color(Material.Red)
            }
            Label { text: qsTr("Where the build software is"); opacity: 0.7 }
            TextField {
                id: buildLocation
                objectName: "buildLocationField"
                Layout.fillWidth: true
                Layout.preferredHeight: 56
                readOnly: form.readOnly
                placeholderText: qsTr("\\\\fs01\\dsl\\sims-7.214, or a disk image's path")
                onTextChanged: form.buildLocation = buildLocation.text
                Binding { target: buildLocation; property: "text"; value: form.buildLocation }
            }
            Label {
                Layout.fillWidth: true
                visible: text.length > 0
                text: form.buildLocationError
                wrapMode: Text.Wrap
                color: Material.color(Material.Red)
            }
            Label { text: qsTr("SHA-256 of the build software"); opacity: 0.7 }
            TextField {
                id: checksum
                objectName: "checksumField"
                Layout.fillWidth: true
                Layout.preferredHeight: 56
                readOnly: form.readOnly
                font.family: "monospace"
                inputMethodHints: Qt.ImhNoPredictiveText | Qt.ImhNoAutoUppercase
                placeholderText: qsTr("64 hexadecimal digits, as sha256sum prints them")
                onTextChanged: form.buildSha256 = checksum.text
                Binding { target: checksum; property: "text"; value: form.buildSha256 }
            }
            Label {
                objectName: "checksumError"
                Layout.fillWidth: true
                visible: text.length > 0
                text: form.buildSha256Error
                wrapMode: Text.Wrap
                color: Material.color(Material.Red)
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
                    text: form.adding ? qsTr("Add the item") : qsTr("Save the changes")
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
                text: qsTr("The changes to this software item are not saved yet.")
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
