pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import ReleaseDesk

// The user's acceptance sign-off: their name and a finger signature, kept as strokes. Then the
// installation is complete and counts toward its release.
Page {
    id: page
    required property AppSession session
    required property Workbench workbench
    property string installationId
    property alias nameField: userName
    property alias pad: pad
    signal signedOff(string releaseId)
    title: qsTr("Acceptance sign-off")

    ChecklistModel {
        id: lines
        session: page.session
        installationId: page.installationId
    }

    function accept(): bool {
        errorLabel.text = ""
        if (userName.text.trim().length === 0) {
            errorLabel.text = qsTr("Ask the user to type their name.")
            return false
        }
        if (pad.empty) {
            errorLabel.text = qsTr("Ask the user to sign in the box.")
            return false
        }
        const answer = workbench.signOff(installationId, userName.text, pad.strokes)
        // The Workbench answers a QVariantMap, {ok, error}: Qt 6.4's qmllint cannot see a map's keys.
        if (!answer.ok) { // qmllint disable type
            errorLabel.text = answer.error
            return false
        }
        signedOff(lines.installation.releaseId)
        return true
    }

    Flickable {
        anchors.fill: parent
        contentHeight: form.implicitHeight + 48
        clip: true
        ColumnLayout {
            id: form
            width: Math.min(parent.width - 32, 760)
            x: (parent.width - width) / 2
            y: 16
            spacing: 12

            Label {
                Layout.fillWidth: true
                wrapMode: Text.Wrap
                font.pixelSize: 18
                text: qsTr("%1, tag %2, serial %3 (release %4)").arg(lines.installation.model)
                          .arg(lines.installation.assetTag || qsTr("none"))
                          .arg(lines.installation.serial).arg(lines.installation.releaseNumber)
            }
            Label {
                Layout.fillWidth: true
                wrapMode: Text.Wrap
                text: qsTr("By signing, the user accepts that the installation works as they need: %1 of %2 checklist lines were recorded.")
                          .arg(lines.recordedCount).arg(lines.count)
            }
            TextField {
                id: userName
                objectName: "userNameField"
                Layout.fillWidth: true
                Layout.preferredHeight: 56
                font.pixelSize: 20
                placeholderText: qsTr("The user's name")
            }
            SignaturePad {
                id: pad
                objectName: "signaturePad"
                Layout.fillWidth: true
                Layout.preferredHeight: 240
            }
            Button {
                text: qsTr("Clear the signature")
                flat: true
                Layout.preferredHeight: 48
                onClicked: pad.clear()
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
                objectName: "acceptButton"
                Layout.fillWidth: true
                Layout.preferredHeight: 60
                highlighted: true
                enabled: lines.readyForSignOff
                text: lines.readyForSignOff ? qsTr("Accept and sign off") : qsTr("The checklist is not complete")
                onClicked: page.accept()
            }
        }
    }
}
