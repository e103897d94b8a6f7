pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import ReleaseDesk

// Everyone who signs in: name, role, sites, switched on or off; "Add a person".
Page {
    id: page
    required property AppSession session
    property alias model: people
    signal openPerson(string userId)
    signal addPerson()
    title: qsTr("People")

    PeopleModel {
        id: people
        session: page.session
    }

    header: RowLayout {
        Label {
            Layout.fillWidth: true
            leftPadding: 16
            topPadding: 12
            text: qsTr("People")
            font.pixelSize: 22
            font.bold: true
        }
        Button {
            objectName: "addButton"
            Layout.rightMargin: 8
            Layout.topMargin: 12
            Layout.preferredHeight: 52
            highlighted: true
            text: qsTr("Add a person")
            onClicked: page.addPerson()
        }
    }

    ListView {
        id: list
        objectName: "peopleList"
        anchors.fill: parent
        anchors.margins: 8
        spacing: 4
        clip: true
        model: people
        delegate: ItemDelegate {
            id: row
            required property string userId
            required property string name
            required property string displayName
            required property string roleName
            required property bool active
            required property string sites
            required property int openReleases
            required property bool isMe
            width: ListView.view.width
            padding: 14
            onClicked: page.openPerson(row.userId)
            contentItem: ColumnLayout {
                spacing: 2
                opacity: row.active ? 1 : 0.55
                RowLayout {
                    Layout.fillWidth: true
                    Label {
                        text: row.isMe ? qsTr("%1 (you)").arg(row.displayName) : row.displayName
                        font.pixelSize: 19
                        font.bold: true
                    }
                    Label {
                        text: row.name
                        opacity: 0.7
                    }
                    Item { Layout.fillWidth: true }
                    Label {
                        objectName: "offLabel"
                        visible: !row.active
                        text: qsTr("Switched off")
                        font.bold: true
                        color: Material.color(Material.Red)
                    }
                    Label { text: row.roleName }
                }
                Label {
                    Layout.fillWidth: true
                    text: row.sites.length > 0 ? row.sites : qsTr("No site yet")
                    opacity: 0.75
                    elide: Text.ElideRight
                }
                Label {
                    visible: row.openReleases > 0
                    text: qsTr("Installs on %n open release(s)", "", row.openReleases)
                    opacity: 0.75
                }
            }
        }
    }
    EmptyState {
        anchors.centerIn: parent
        width: Math.min(parent.width - 48, 480)
        visible: people.count === 0
        title: people.error.length > 0 ? qsTr("Cannot show the people") : qsTr("Nobody yet")
        text: people.error
    }
}
