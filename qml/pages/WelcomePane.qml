pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import ReleaseDesk

// The right pane on a wide screen before anything is chosen.
Page {
    id: page
    required property AppSession session
    title: qsTr("Release Desk")
    EmptyState {
        anchors.centerIn: parent
        width: Math.min(parent.width - 48, 480)
        title: qsTr("Hello, %1").arg(page.session.displayName)
        text: qsTr("Choose a release on the left to see its build procedure and units, or search the inventory.")
    }
}
