pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import ReleaseDesk

// Below the build install checklist (ChecklistPage's list footer): why a tap was refused, where
// the installation stands, the acceptance sign-off (once every required line is done) and the
// back-out. Made by the list from this file, as ReleaseHeader.qml says why.
ColumnLayout {
    id: footer
    readonly property ChecklistModel lines: footer.ListView.view.model as ChecklistModel
    signal signOffRequested()
    signal backOutRequested()
    width: footer.ListView.view.width
    spacing: 8
    Item { height: 8 }
    Label {
        objectName: "errorLabel"
        Layout.fillWidth: true
        visible: footer.lines.error.length > 0
        text: footer.lines.error
        wrapMode: Text.Wrap
        color: Material.color(Material.Red)
    }
    Label {
        Layout.fillWidth: true
        visible: footer.lines.installation.loaded && footer.lines.installation.status !== "in-progress"
        text: footer.lines.installation.status === "accepted" ? qsTr("This installation is accepted and signed off.")
                                                              : qsTr("This installation was backed out.")
        wrapMode: Text.Wrap
        font.bold: true
    }
    Button {
        objectName: "signOffButton"
        Layout.fillWidth: true
        Layout.preferredHeight: 60
        highlighted: true
        visible: footer.lines.installation.status === "in-progress"
        enabled: footer.lines.readyForSignOff
        text: footer.lines.readyForSignOff ? qsTr("Acceptance sign-off")
                                    : footer.lines.hasFailure ? qsTr("A line failed: retest it or back out")
                                                       : qsTr("Sign-off after every required line")
        onClicked: footer.signOffRequested()
    }
    Button {
        objectName: "backOutButton"
        Layout.fillWidth: true
        Layout.preferredHeight: 56
        flat: true
        visible: footer.lines.installation.status === "in-progress"
        text: qsTr("Back out this installation…")
        onClicked: footer.backOutRequested()
    }
    Item { height: 16 }
}
