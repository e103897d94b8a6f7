pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import ReleaseDesk

// The user's acceptance sign-off: their name and a finger signature, kept as strokes. Then the
// installation is complete and counts toward its release. The sign-off takes a seat of each
// per-seat or subscription licence of the build's software; when one has no seat left, the page
// says which before the user signs, and asks the installer why it goes ahead anyway (recorded).
Page {
    id: page
    required property AppSession session
    required property Workbench workbench
    property string installationId
    property alias nameField: userName
    property alias pad: pad
    property alias seatReasonField: seatReason
    /**
     * The licence seats this sign-off takes, as [{licenceId, name, seats, used, full}]; read again
     * whenever the tablet's data changes (a sync may bring seats given elsewhere).
     */
    readonly property var seats: {
        const revision = page.session.revision // read again at every local change
        return revision >= 0 && page.workbench ? page.workbench.seatsForSignOff(page.installationId) : []
    }
    /** The licences among them with no seat left: the sign-off needs the installer's reason. */
    readonly property var fullLicences: page.seats.filter(s => s.full)
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
        if (page.fullLicences.length > 0 && seatReason.text.trim().length === 0) {
            errorLabel.text = qsTr("Say why the installation goes ahead without a free licence seat.")
            seatReason.forceActiveFocus()
            return false
        }
        const answer = workbench.signOff(installationId, userName.text, pad.strokes,
                                         page.fullLicences.length > 0 ? seatReason.text : "")
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
            Card {
                objectName: "seatCard"
                Layout.fillWidth: true
                // Asked before the user signs: only when a licence of the build has no seat left.
                visible: page.fullLicences.length > 0
                ColumnLayout {
                    anchors.fill: parent
                    spacing: 6
                    Label {
                        objectName: "fullLicenceLabel"
                        Layout.fillWidth: true
                        wrapMode: Text.Wrap
                        font.bold: true
                        color: Material.color(Material.Orange, Material.Shade800)
                        text: page.fullLicences.map(l => qsTr("%1 has no seat left (%2 of %3 given).").arg(l.name).arg(l.used).arg(l.seats)).join(" ")
                    }
                    Label {
                        Layout.fillWidth: true
                        wrapMode: Text.Wrap
                        text: qsTr("This installation takes one more. Say why it goes ahead anyway; your reason is recorded with the sign-off, and the office sees it.")
                    }
                    TextArea {
                        id: seatReason
                        objectName: "seatReasonField"
                        Layout.fillWidth: true
                        Layout.minimumHeight: 80
                        wrapMode: TextEdit.Wrap
                        placeholderText: qsTr("The office PC this replaces gives its seat back today…")
                    }
                }
            }
            Label {
                objectName: "seatsLabel"
                Layout.fillWidth: true
                visible: page.seats.length > 0 && page.fullLicences.length === 0
                wrapMode: Text.Wrap
                opacity: 0.75
                text: qsTr("Signing takes a licence seat of: %1.").arg(page.seats.map(l => l.name).join(", "))
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
