pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import ReleaseDesk

// Adding a service to the catalogue, or changing one: its name, what it is, what users get from
// it, and who owns it. The fields, their checks and the saving are the form's (ServiceForm); the
// page shows them. Leaving with changes not saved asks first (confirmLeave).
Page {
    id: page
    required property OfficeBench office
    property string serviceId
    property alias form: form
    property alias nameField: name
    property alias leaveDialog: leaveDialog
    signal saved(string serviceId)
    signal cancelled()
    title: form.adding ? qsTr("Add a service") : qsTr("Change %1").arg(form.name)

    ServiceForm {
        id: form
        office: page.office
        serviceId: page.serviceId
        onSaved: (serviceId) => page.saved(serviceId)
    }

    /**
     * Whether leaving now would drop changes: then the page asks, and calls @p proceed once they
     * are saved or dropped. False when there is nothing to lose: the caller leaves at once.
     */
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
            spacing: 8

            Label {
                Layout.fillWidth: true
                visible: form.readOnly
                wrapMode: Text.Wrap
                font.italic: true
                text: form.retired ? qsTr("This service is retired; it no longer changes.")
                                   : qsTr("Only release managers and build developers change the service catalogue.")
            }
            Label { text: qsTr("Name"); opacity: 0.7 }
            TextField {
                id: name
                objectName: "nameField"
                Layout.fillWidth: true
                Layout.preferredHeight: 56
                readOnly: form.readOnly
                placeholderText: qsTr("Curriculum laptop, Interactive whiteboard, MIS client…")
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
            Label { text: qsTr("What it is"); opacity: 0.7 }
            TextArea {
                id: description
                objectName: "descriptionField"
                Layout.fillWidth: true
                Layout.minimumHeight: 96
                readOnly: form.readOnly
                wrapMode: TextEdit.Wrap
                placeholderText: qsTr("Student laptop for lessons, on the curriculum network")
                onTextChanged: form.description = description.text
                Keys.onTabPressed: (event) => {
                    description.nextItemInFocusChain().forceActiveFocus(Qt.TabFocusReason)
                    event.accepted = true
                }
                Binding { target: description; property: "text"; value: form.description }
            }
            Label {
                objectName: "descriptionError"
                Layout.fillWidth: true
                visible: text.length > 0
                text: form.descriptionError
                wrapMode: Text.Wrap
                color: Material.color(Material.Red)
            }
            Label { text: qsTr("What users get"); opacity: 0.7 }
            TextArea {
                id: benefit
                objectName: "userBenefitField"
                Layout.fillWidth: true
                Layout.minimumHeight: 96
                readOnly: form.readOnly
                wrapMode: TextEdit.Wrap
                placeholderText: qsTr("In their words: a laptop of their own in every lesson, with their files")
                onTextChanged: form.userBenefit = benefit.text
                Keys.onTabPressed: (event) => {
                    benefit.nextItemInFocusChain().forceActiveFocus(Qt.TabFocusReason)
                    event.accepted = true
                }
                Binding { target: benefit; property: "text"; value: form.userBenefit }
            }
            Label {
                objectName: "userBenefitError"
                Layout.fillWidth: true
                visible: text.length > 0
                text: form.userBenefitError
                wrapMode: Text.Wrap
                color: Material.color(Material.Red)
            }
            ComboBox {
                id: owner
                objectName: "ownerBox"
                Layout.fillWidth: true
                Layout.preferredHeight: 56
                enabled: !form.readOnly
                model: form.owners
                textRole: "name"
                displayText: qsTr("Owner: %1").arg(currentText)
                currentIndex: form.ownerIndex
                onActivated: (index) => form.ownerIndex = index
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
                    text: form.adding ? qsTr("Add the service") : qsTr("Save the changes")
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
                text: qsTr("The changes to this service are not saved yet.")
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
