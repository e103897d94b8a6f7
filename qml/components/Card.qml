pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material

// A raised panel that groups one thing on a page (the build procedure, a unit, a conflict).
Pane {
    Material.elevation: 2
    padding: 16
}
