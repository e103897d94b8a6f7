pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import ReleaseDesk

// The right pane on a wide screen before anything is chosen.
Page {
    id: page
    required property AppSession session
    /** What to do first in the place on the left; a place may say its own. */
    property string hint: qsTr("Choose a release on the left to see its build procedure and units, or search the inventory.")
    title: qsTr("Release Desk")
    EmptyState {
        anchors.centerIn: parent
        width: Math.min(parent.width - 48, 480)
        title: qsTr("Hello, %1").arg(page.session.displayName)
        text: page.hint
    }
}
