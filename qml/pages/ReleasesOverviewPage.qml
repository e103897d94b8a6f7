pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import ReleaseDesk

// The release manager's releases: every release, open ones first, with its units done, under way
// and backed out; filtered by status and site, searched by number; "Plan a release".
Page {
    id: page
    required property AppSession session
    property alias model: overview
    property alias search: search
    property alias statusBox: statusBox
    property alias siteBox: siteBox
    signal openRelease(string releaseId)
    signal planRelease()
    title: qsTr("Releases")

    ReleasesOverviewModel {
        id: overview
        session: page.session
        search: search.text
        status: statusBox.currentValue ?? ""
        siteId: siteBox.currentValue ?? ""
    }

    header: ColumnLayout {
        spacing: 8
        RowLayout {
            Layout.fillWidth: true
            Layout.leftMargin: 16
            Layout.rightMargin: 8
            Layout.topMargin: 12
            ColumnLayout {
                Layout.fillWidth: true
                spacing: 0
                Label {
                    text: qsTr("Releases")
                    font.pixelSize: 22
                    font.bold: true
                }
                Label {
                    objectName: "countLabel"
                    text: qsTr("%1 releases, %2 open").arg(overview.total).arg(overview.open)
                    opacity: 0.75
                }
            }
            Button {
                objectName: "planButton"
                Layout.preferredHeight: 52
                highlighted: true
                text: qsTr("Plan a release")
                onClicked: page.planRelease()
            }
        }
        TextField {
            id: search
            objectName: "searchField"
            Layout.fillWidth: true
            Layout.leftMargin: 16
            Layout.rightMargin: 16
            Layout.preferredHeight: 52
            placeholderText: qsTr("Release number")
            inputMethodHints: Qt.ImhNoPredictiveText | Qt.ImhPreferUppercase
        }
        RowLayout {
            Layout.fillWidth: true
            Layout.leftMargin: 16
            Layout.rightMargin: 16
            Layout.bottomMargin: 4
            ComboBox {
                id: statusBox
                objectName: "statusBox"
                Layout.fillWidth: true
                Layout.preferredHeight: 52
                textRole: "text"
                valueRole: "value"
                model: [
                    {value: "", text: qsTr("Every status")},
                    {value: "planned", text: qsTr("Planned")},
                    {value: "in-progress", text: qsTr("In progress")},
                    {value: "installed", text: qsTr("Installed")},
                    {value: "accepted", text: qsTr("Accepted")},
                    {value: "backed-out", text: qsTr("Backed out")},
                    {value: "closed", text: qsTr("Closed")}
                ]
            }
            ComboBox {
                id: siteBox
                objectName: "siteBox"
                Layout.fillWidth: true
                Layout.preferredHeight: 52
                textRole: "name"
                valueRole: "id"
                model: overview.sites
            }
        }
    }

    ListView {
        id: list
        objectName: "releaseList"
        anchors.fill: parent
        anchors.margins: 8
        spacing: 4
        clip: true
        model: overview
        delegate: ItemDelegate {
            id: row
            required property string releaseId
            required property string number
            required property string kind
            required property string type
            required property string status
            required property string service
            required property int buildVersion
            required property string site
            required property int units
            required property int unitsDone
            required property int unitsUnderWay
            required property int unitsBackedOut
            required property string plannedDate
            required property string plannedEnd
            required property bool overdue
            width: ListView.view.width
            padding: 14
            onClicked: page.openRelease(row.releaseId)
            contentItem: ColumnLayout {
                spacing: 4
                RowLayout {
                    Layout.fillWidth: true
                    Label {
                        text: row.number
                        font.pixelSize: 20
                        font.bold: true
                    }
                    StatusChip { status: row.status }
                    Label {
                        visible: row.type === "emergency"
                        text: qsTr("Emergency")
                        color: Material.color(Material.Red)
                        font.bold: true
                    }
                    Item { Layout.fillWidth: true }
                    Label {
                        text: row.plannedEnd.length > 0 && row.plannedEnd !== row.plannedDate
                              ? qsTr("%1 to %2").arg(row.plannedDate).arg(row.plannedEnd) : row.plannedDate
                        color: row.overdue ? Material.color(Material.Red) : Material.foreground
                        font.bold: row.overdue
                    }
                }
                Label {
                    Layout.fillWidth: true
                    text: qsTr("%1 · build v%2 · %3").arg(row.service).arg(row.buildVersion).arg(row.site)
                    opacity: 0.75
                    elide: Text.ElideRight
                }
                RowLayout {
                    Layout.fillWidth: true
                    ProgressBar {
                        Layout.fillWidth: true
                        from: 0
                        to: row.units
                        value: row.unitsDone
                    }
                    Label {
                        objectName: "unitsLabel"
                        text: qsTr("%1 of %2 done").arg(row.unitsDone).arg(row.units)
                              + (row.unitsUnderWay > 0 ? qsTr(", %1 under way").arg(row.unitsUnderWay) : "")
                    }
                    Label {
                        visible: row.unitsBackedOut > 0
                        text: qsTr("%1 backed out").arg(row.unitsBackedOut)
                        color: Material.color(Material.Red)
                        font.bold: true
                    }
                }
            }
        }
    }
    EmptyState {
        objectName: "emptyState"
        anchors.centerIn: parent
        width: Math.min(parent.width - 48, 480)
        visible: overview.count === 0
        title: overview.error.length > 0 ? qsTr("Cannot show the releases")
               : overview.total === 0 && search.text.length === 0 && statusBox.currentIndex === 0
                 && siteBox.currentIndex === 0 ? qsTr("No release yet") : qsTr("No release matches")
        text: overview.error.length > 0 ? overview.error
              : qsTr("Plan a release of a service's approved build procedure: one installation, or a rollout.")
    }
}
