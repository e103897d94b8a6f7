pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import ReleaseDesk

// Planning a release, or changing a plan: what (service, build version, type), where and how many
// (site, single or rollout, units, particular rooms or assets), who installs it, when, why (a
// request or an RFC), the back-out plan, and what users are told. The fields, their checks and the
// saving are the form's (ReleasePlanForm); the page shows them.
Page {
    id: page
    required property OfficeReleases releases
    property string releaseId
    property alias form: form
    signal saved(string releaseId, bool planned)
    title: form.isNew ? qsTr("Plan a release") : qsTr("Edit the plan of %1").arg(form.number)

    ReleasePlanForm {
        id: form
        releases: page.releases
        releaseId: page.releaseId
        onSaved: (releaseId) => page.saved(releaseId, page.releaseId.length === 0)
    }
    /** Plans (or saves) what the form holds; the store checks it all again. */
    function submit(): bool {
        form.submit()
        return form.error.length === 0
    }

    component Heading: Label {
        Layout.fillWidth: true
        Layout.topMargin: 12
        font.pixelSize: 20
        font.bold: true
    }
    component Caption: Label {
        Layout.fillWidth: true
        font.pixelSize: 15
        opacity: 0.7
    }
    component FieldError: Label {
        Layout.fillWidth: true
        visible: text.length > 0
        wrapMode: Text.Wrap
        color: Material.color(Material.Red)
    }

    Flickable {
        id: flick
        objectName: "planFlick"
        anchors.fill: parent
        contentHeight: column.implicitHeight + 48
        clip: true
        ScrollBar.vertical: ScrollBar {}
        ColumnLayout {
            id: column
            width: Math.min(flick.width - 32, 760)
            x: (flick.width - width) / 2
            y: 16
            spacing: 8

            // --- what ---
            Heading { text: qsTr("What") }
            ComboBox {
                id: service
                objectName: "serviceBox"
                Layout.fillWidth: true
                Layout.preferredHeight: 56
                enabled: form.isNew
                model: form.services
                textRole: "name"
                currentIndex: form.serviceIndex
                displayText: currentIndex < 0 ? qsTr("Choose the service") : qsTr("Service: %1").arg(currentText)
                onActivated: (index) => form.serviceIndex = index
            }
            ComboBox {
                id: build
                objectName: "buildBox"
                Layout.fillWidth: true
                Layout.preferredHeight: 56
                visible: form.serviceId.length > 0
                model: form.builds
                textRole: "name"
                currentIndex: form.buildIndex
                displayText: qsTr("Build procedure: %1").arg(currentText)
                onActivated: (index) => form.buildIndex = index
            }
            Caption { text: qsTr("Release number") }
            TextField {
                id: number
                objectName: "numberField"
                Layout.fillWidth: true
                Layout.preferredHeight: 56
                placeholderText: qsTr("Release number")
                onTextChanged: form.number = number.text
                Binding { target: number; property: "text"; value: form.number }
            }
            FieldError { objectName: "numberError"; text: form.numberError }
            Flow {
                Layout.fillWidth: true
                spacing: 12
                RadioButton {
                    objectName: "majorButton"
                    text: qsTr("Major")
                    checked: form.releaseType === "major"
                    onToggled: form.releaseType = "major"
                }
                RadioButton {
                    objectName: "minorButton"
                    text: qsTr("Minor")
                    checked: form.releaseType === "minor"
                    onToggled: form.releaseType = "minor"
                }
                RadioButton {
                    objectName: "emergencyButton"
                    text: qsTr("Emergency")
                    checked: form.releaseType === "emergency"
                    onToggled: form.releaseType = "emergency"
                }
            }

            // --- where, and how many ---
            Heading { text: qsTr("Where, and how many") }
            ComboBox {
                id: site
                objectName: "siteBox"
                Layout.fillWidth: true
                Layout.preferredHeight: 56
                enabled: form.isNew
                model: form.sites
                textRole: "name"
                currentIndex: form.siteIndex
                displayText: currentIndex < 0 ? qsTr("Choose the site") : qsTr("Site: %1").arg(currentText)
                onActivated: (index) => form.siteIndex = index
            }
            Flow {
                Layout.fillWidth: true
                spacing: 12
                RadioButton {
                    objectName: "singleButton"
                    text: qsTr("Single installation")
                    checked: form.kind === "single"
                    onToggled: form.kind = "single"
                }
                RadioButton {
                    objectName: "rolloutButton"
                    text: qsTr("Rollout of")
                    checked: form.kind === "rollout"
                    onToggled: form.kind = "rollout"
                }
                Row {
                    spacing: 8
                    SpinBox {
                        id: units
                        objectName: "unitsBox"
                        height: 52
                        enabled: form.kind === "rollout"
                        editable: true
                        from: 1
                        to: 10000
                        onValueModified: form.units = units.value
                        Binding { target: units; property: "value"; value: form.units }
                    }
                    Label {
                        height: 52
                        verticalAlignment: Text.AlignVCenter
                        text: qsTr("units")
                        enabled: form.kind === "rollout"
                    }
                }
            }
            FieldError { objectName: "unitsError"; text: form.unitsError }
            Label {
                Layout.fillWidth: true
                visible: form.rooms.length > 0
                wrapMode: Text.Wrap
                text: qsTr("Only in these rooms (none chosen: anywhere at the site):")
                opacity: 0.75
            }
            Flow {
                Layout.fillWidth: true
                spacing: 4
                Repeater {
                    model: form.rooms
                    delegate: CheckBox {
                        id: roomBox
                        required property var modelData
                        objectName: "room_" + roomBox.modelData.name
                        text: roomBox.modelData.name
                        checked: roomBox.modelData.chosen
                        onToggled: form.setRoomChosen(roomBox.modelData.id, roomBox.checked)
                    }
                }
            }
            TextField {
                id: assetSearch
                objectName: "assetSearchField"
                Layout.fillWidth: true
                Layout.preferredHeight: 52
                visible: form.siteId.length > 0
                placeholderText: qsTr("Only these assets: asset tag or serial")
                inputMethodHints: Qt.ImhNoPredictiveText | Qt.ImhPreferUppercase
                onTextChanged: form.assetSearch = assetSearch.text
                Binding { target: assetSearch; property: "text"; value: form.assetSearch }
            }
            Repeater {
                model: form.assetMatches
                delegate: ItemDelegate {
                    id: match
                    required property var modelData
                    objectName: "match_" + match.modelData.label
                    Layout.fillWidth: true
                    text: qsTr("%1 · %2").arg(match.modelData.label).arg(match.modelData.detail)
                    onClicked: form.addTargetAsset(match.modelData.id)
                }
            }
            Flow {
                Layout.fillWidth: true
                spacing: 8
                visible: form.targetAssets.length > 0
                Repeater {
                    model: form.targetAssets
                    delegate: Button {
                        id: target
                        required property var modelData
                        objectName: "target_" + target.modelData.label
                        height: 48
                        text: qsTr("%1  ✕").arg(target.modelData.label)
                        flat: true
                        onClicked: form.removeTargetAsset(target.modelData.id)
                        ToolTip.visible: hovered
                        ToolTip.text: target.modelData.detail
                    }
                }
            }

            // --- who ---
            Heading { text: qsTr("Who installs it") }
            Label {
                Layout.fillWidth: true
                visible: form.siteId.length > 0 && form.installers.length === 0
                wrapMode: Text.Wrap
                text: qsTr("Nobody installs at this site yet: add installers under People.")
                opacity: 0.75
            }
            Flow {
                Layout.fillWidth: true
                spacing: 4
                Repeater {
                    model: form.installers
                    delegate: CheckBox {
                        id: person
                        required property var modelData
                        objectName: "installer_" + person.modelData.name
                        text: qsTr("%1 (%2)").arg(person.modelData.name).arg(person.modelData.detail)
                        checked: person.modelData.chosen
                        onToggled: form.setInstallerChosen(person.modelData.id, person.checked)
                    }
                }
            }

            // --- when ---
            Heading { text: qsTr("When") }
            GridLayout {
                Layout.fillWidth: true
                columns: 2
                columnSpacing: 12
                rowSpacing: 0
                // Two columns of one width (equal preferred widths, both filling).
                Caption { text: qsTr("Start (YYYY-MM-DD)"); Layout.preferredWidth: 100 }
                Caption { text: qsTr("Done by (optional)"); Layout.preferredWidth: 100 }
                TextField {
                    id: start
                    objectName: "startField"
                    Layout.fillWidth: true
                    Layout.preferredWidth: 100
                    Layout.preferredHeight: 56
                    placeholderText: qsTr("YYYY-MM-DD")
                    inputMethodHints: Qt.ImhDate
                    onTextChanged: form.plannedDate = start.text
                    Binding { target: start; property: "text"; value: form.plannedDate }
                }
                TextField {
                    id: end
                    objectName: "endField"
                    Layout.fillWidth: true
                    Layout.preferredWidth: 100
                    Layout.preferredHeight: 56
                    placeholderText: qsTr("YYYY-MM-DD")
                    inputMethodHints: Qt.ImhDate
                    onTextChanged: form.plannedEnd = end.text
                    Binding { target: end; property: "text"; value: form.plannedEnd }
                }
            }
            FieldError { objectName: "startError"; text: form.plannedDateError }
            FieldError { objectName: "endError"; text: form.plannedEndError }

            // --- why ---
            Heading { text: qsTr("Asked for by") }
            Flow {
                Layout.fillWidth: true
                spacing: 12
                RadioButton {
                    objectName: "noTriggerButton"
                    text: qsTr("Nobody in particular")
                    checked: form.trigger === "none"
                    onToggled: form.trigger = "none"
                }
                RadioButton {
                    objectName: "requestButton"
                    text: qsTr("A user's request")
                    checked: form.trigger === "request"
                    onToggled: form.trigger = "request"
                }
                RadioButton {
                    objectName: "rfcButton"
                    text: qsTr("An RFC")
                    checked: form.trigger === "rfc"
                    onToggled: form.trigger = "rfc"
                }
            }
            Caption {
                visible: form.trigger !== "none"
                text: form.trigger === "rfc" ? qsTr("RFC reference") : qsTr("Request reference")
            }
            TextField {
                id: ref
                objectName: "refField"
                Layout.fillWidth: true
                Layout.preferredHeight: 56
                visible: form.trigger !== "none"
                placeholderText: form.trigger === "rfc" ? qsTr("RFC reference") : qsTr("Request reference")
                onTextChanged: form.triggerRef = ref.text
                Binding { target: ref; property: "text"; value: form.triggerRef }
            }
            FieldError { objectName: "refError"; text: form.triggerRefError }

            // --- if it goes wrong ---
            Heading { text: qsTr("Back-out plan") }
            RadioButton {
                objectName: "buildBackOutButton"
                text: qsTr("The build procedure's")
                checked: form.useBuildBackOut
                onToggled: form.useBuildBackOut = true
            }
            Label {
                objectName: "buildBackOutLabel"
                Layout.fillWidth: true
                Layout.leftMargin: 40
                visible: form.useBuildBackOut && text.length > 0
                text: form.buildBackOutPlan
                wrapMode: Text.Wrap
                opacity: 0.75
            }
            RadioButton {
                objectName: "ownBackOutButton"
                text: qsTr("Its own, for this release")
                checked: !form.useBuildBackOut
                onToggled: form.useBuildBackOut = false
            }
            TextArea {
                id: backOut
                objectName: "backOutField"
                Layout.fillWidth: true
                Layout.minimumHeight: 96
                visible: !form.useBuildBackOut
                wrapMode: TextArea.Wrap
                placeholderText: qsTr("How to take it back out")
                onTextChanged: form.backOutPlan = backOut.text
                Binding { target: backOut; property: "text"; value: form.backOutPlan }
            }
            FieldError { text: form.backOutPlanError }

            // --- what users are told ---
            Heading { text: qsTr("What users are told") }
            TextArea {
                id: notice
                objectName: "noticeField"
                Layout.fillWidth: true
                Layout.minimumHeight: 96
                wrapMode: TextArea.Wrap
                placeholderText: qsTr("When it happens, what changes for them, whom to ask")
                onTextChanged: form.userNotice = notice.text
                Binding { target: notice; property: "text"; value: form.userNotice }
            }
            FieldError { text: form.userNoticeError }

            Label {
                objectName: "missingLabel"
                Layout.fillWidth: true
                Layout.topMargin: 12
                visible: text.length > 0
                wrapMode: Text.Wrap
                text: form.missing
                font.italic: true
            }
            FieldError { objectName: "errorLabel"; text: form.error }
            Button {
                objectName: "submitButton"
                Layout.fillWidth: true
                Layout.preferredHeight: 56
                highlighted: true
                enabled: form.canSubmit
                text: form.isNew ? qsTr("Plan the release") : qsTr("Save the plan")
                onClicked: page.submit()
            }
        }
    }
}
