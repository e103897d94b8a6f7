pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import ReleaseDesk

// First run (or the sign-in expired): the server's address, the user's name and password. After
// the first sign-in the app works offline; the sign-in is needed again only to sync.
Page {
    id: page
    required property AppSession session
    signal signedIn()
    title: qsTr("Sign in")

    Connections {
        target: page.session.sync
        function onSignInFinished(ok: bool, message: string) {
            busy.running = false
            if (ok) {
                password.text = ""
                page.signedIn()
            } else {
                errorLabel.text = message
            }
        }
    }

    Flickable {
        anchors.fill: parent
        contentHeight: form.implicitHeight + 64
        ColumnLayout {
            id: form
            width: Math.min(parent.width - 48, 520)
            x: (parent.width - width) / 2
            y: 32
            spacing: 12

            Label {
                text: qsTr("Release Desk")
                font.pixelSize: 30
                font.bold: true
            }
            Label {
                Layout.fillWidth: true
                wrapMode: Text.Wrap
                text: qsTr("Sign in once in the office. After that the app works all day without a network, and syncs when you are back.")
            }
            TextField {
                id: server
                objectName: "serverField"
                Layout.fillWidth: true
                Layout.preferredHeight: 56
                placeholderText: qsTr("Server address, e.g. releasedesk.school.local:8080")
                text: page.session.serverUrl
                inputMethodHints: Qt.ImhUrlCharactersOnly | Qt.ImhNoAutoUppercase
            }
            TextField {
                id: name
                objectName: "nameField"
                Layout.fillWidth: true
                Layout.preferredHeight: 56
                placeholderText: qsTr("Your sign-in name")
                text: page.session.userName
                inputMethodHints: Qt.ImhNoAutoUppercase | Qt.ImhNoPredictiveText
            }
            TextField {
                id: password
                objectName: "passwordField"
                Layout.fillWidth: true
                Layout.preferredHeight: 56
                placeholderText: qsTr("Password")
                echoMode: TextInput.Password
                onAccepted: signInButton.clicked()
            }
            Label {
                id: errorLabel
                objectName: "errorLabel"
                Layout.fillWidth: true
                wrapMode: Text.Wrap
                color: Material.color(Material.Red)
                visible: text.length > 0
            }
            Button {
                id: signInButton
                objectName: "signInButton"
                Layout.fillWidth: true
                Layout.preferredHeight: 56
                highlighted: true
                text: qsTr("Sign in")
                enabled: !busy.running
                onClicked: {
                    errorLabel.text = ""
                    if (server.text.trim().length === 0 || name.text.trim().length === 0 || password.text.length === 0) {
                        errorLabel.text = qsTr("Fill in the server address, your name and your password.")
                        return
                    }
                    busy.running = true
                    page.session.signIn(server.text, name.text.trim(), password.text)
                }
            }
            BusyIndicator {
                id: busy
                Layout.alignment: Qt.AlignHCenter
                running: false
                visible: running
            }
        }
    }
}
