pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import ReleaseDesk

// A person: add one (sign-in name, display name, role, sites), or change their role and sites,
// switch them off or on, and set their password (online: it never waits on this computer). The
// fields, their checks and the saving are the form's (PersonForm); the page shows them.
Page {
    id: page
    required property OfficePeople people
    property string userId
    property alias form: form
    property alias passwordField: password
    // The actions may go before the page does (a test's objects): the bindings then read nothing.
    readonly property bool settingPassword: page.people?.settingPassword ?? false
    readonly property bool online: page.people?.session?.online ?? false
    signal saved(string userId, bool added)
    title: form.isNew ? qsTr("Add a person") : form.displayName

    PersonForm {
        id: form
        people: page.people
        userId: page.userId
        onSaved: (userId) => page.saved(userId, page.userId.length === 0)
    }
    /** Adds the person or saves the changes; the store checks it all again. */
    function submit(): bool {
        form.submit()
        return form.error.length === 0
    }
    /** Sets the typed password on the server; passwordResult says how it went. */
    function setPassword() {
        passwordResult.text = ""
        page.people.setPassword(page.userId, password.text)
    }
    Connections {
        target: page.people
        function onPasswordFinished(ok: bool, message: string) {
            passwordResult.text = message
            passwordResult.ok = ok
            if (ok)
                password.text = ""
        }
    }

    component Caption: Label {
        Layout.fillWidth: true
        font.pixelSize: 15
        opacity: 0.7
    }
    component FieldError: Label {
        Layout.fillWidth: true
        visible: text.length > 0
        wrapMode: Text.Wrap
        color: Material.color(Material.Red)
    }

    Flickable {
        id: flick
        objectName: "personFlick"
        anchors.fill: parent
        contentHeight: column.implicitHeight + 48
        clip: true
        ColumnLayout {
            id: column
            width: Math.min(flick.width - 32, 720)
            x: (flick.width - width) / 2
            y: 16
            spacing: 8

            Caption { text: qsTr("Sign-in name") }
            TextField {
                id: name
                objectName: "nameField"
                Layout.fillWidth: true
                Layout.preferredHeight: 56
                enabled: form.isNew
                placeholderText: qsTr("sam")
                inputMethodHints: Qt.ImhNoAutoUppercase | Qt.ImhNoPredictiveText
                onTextChanged: form.name = name.text
                Binding { target: name; property: "text"; value: form.name }
            }
            FieldError { objectName: "nameError"; text: form.nameError }
            Caption { text: qsTr("Name as others see it") }
            TextField {
                id: displayName
                objectName: "displayNameField"
                Layout.fillWidth: true
                Layout.preferredHeight: 56
                placeholderText: qsTr("Sam Okafor")
                onTextChanged: form.displayName = displayName.text
                Binding { target: displayName; property: "text"; value: form.displayName }
            }
            FieldError { text: form.displayNameError }
            ComboBox {
                id: role
                objectName: "roleBox"
                Layout.fillWidth: true
                Layout.preferredHeight: 56
                // Nobody gives up their own role as release manager: another one changes it.
                enabled: !form.isMe
                model: form.roles
                textRole: "name"
                currentIndex: form.roleIndex
                displayText: qsTr("Role: %1").arg(currentText)
                onActivated: (index) => form.roleIndex = index
            }
            Label {
                Layout.fillWidth: true
                Layout.topMargin: 8
                wrapMode: Text.Wrap
                text: form.role === "release-manager"
                      ? qsTr("Sites (a release manager sees every site; those chosen are where they also install):")
                      : qsTr("Sites: they see these sites' releases and inventory.")
                opacity: 0.75
            }
            Flow {
                Layout.fillWidth: true
                spacing: 4
                Repeater {
                    model: form.sites
                    delegate: CheckBox {
                        id: siteBox
                        required property var modelData
                        objectName: "site_" + siteBox.modelData.name
                        text: siteBox.modelData.name
                        checked: siteBox.modelData.chosen
                        onToggled: form.setSiteChosen(siteBox.modelData.id, siteBox.checked)
                    }
                }
            }
            Label {
                objectName: "missingLabel"
                Layout.fillWidth: true
                visible: text.length > 0
                wrapMode: Text.Wrap
                text: form.missing
                font.italic: true
            }
            FieldError { objectName: "errorLabel"; text: form.error }
            Button {
                objectName: "submitButton"
                Layout.fillWidth: true
                Layout.preferredHeight: 56
                highlighted: true
                enabled: form.canSubmit
                text: form.isNew ? qsTr("Add the person") : qsTr("Save the changes")
                onClicked: page.submit()
            }

            Card {
                Layout.fillWidth: true
                Layout.topMargin: 16
                visible: !form.isNew
                ColumnLayout {
                    anchors.fill: parent
                    spacing: 8
                    Switch {
                        id: active
                        objectName: "activeSwitch"
                        Layout.fillWidth: true
                        enabled: !form.isMe
                        checked: form.active
                        text: form.active ? qsTr("Switched on: signs in and syncs")
                                          : qsTr("Switched off: cannot sign in or sync; their tablet keeps unsent work")
                        onToggled: form.setActive(active.checked)
                        Binding { target: active; property: "checked"; value: form.active }
                    }
                }
            }
            Card {
                Layout.fillWidth: true
                visible: !form.isNew
                ColumnLayout {
                    anchors.fill: parent
                    spacing: 8
                    Label {
                        text: qsTr("Password")
                        font.pixelSize: 18
                        font.bold: true
                    }
                    Label {
                        Layout.fillWidth: true
                        wrapMode: Text.Wrap
                        opacity: 0.75
                        text: page.online
                              ? qsTr("Set online, straight on the server: it is never kept on this computer. Their devices then ask them to sign in again.")
                              : qsTr("This computer is offline: the password can be set once it reaches the server.")
                    }
                    RowLayout {
                        Layout.fillWidth: true
                        TextField {
                            id: password
                            objectName: "passwordField"
                            Layout.fillWidth: true
                            Layout.preferredHeight: 52
                            echoMode: TextInput.Password
                            placeholderText: qsTr("New password (at least 8 characters)")
                        }
                        Button {
                            objectName: "passwordButton"
                            Layout.preferredHeight: 52
                            enabled: password.text.length > 0 && !page.settingPassword
                            text: page.settingPassword ? qsTr("Setting…") : qsTr("Set the password")
                            onClicked: page.setPassword()
                        }
                    }
                    Label {
                        id: passwordResult
                        objectName: "passwordResult"
                        property bool ok
                        Layout.fillWidth: true
                        visible: text.length > 0
                        wrapMode: Text.Wrap
                        color: ok ? Material.color(Material.Green, Material.Shade800) : Material.color(Material.Red)
                    }
                }
            }
        }
    }
}
