import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import ReleaseDesk

// The right pane on a wide screen before anything is chosen.
Page {
    id: page
    property AppSession session
    property Workbench workbench
    title: qsTr("Release Desk")
    EmptyState {
        anchors.centerIn: parent
        width: Math.min(parent.width - 48, 480)
        title: page.session ? qsTr("Hello, %1").arg(page.session.displayName) : ""
        text: qsTr("Choose a release on the left to see its build procedure and units, or search the inventory.")
    }
}
