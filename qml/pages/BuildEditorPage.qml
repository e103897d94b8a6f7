pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import ReleaseDesk

// The build editor: one version of a service's build procedure in FITS's four parts, one tab each
// (the design details with the DSL software, the installation steps, the stability tests and the
// acceptance tests, and the back-out plan). A build developer writes a draft here, saves it
// (Ctrl+S) and submits it; a release manager approves a submitted version or returns it with a
// reason; an approved or retired version reads as it is, and a new version is drafted from it.
// The form (BuildForm) keeps what is typed until it is saved: leaving with unsaved edits asks.
Page {
    id: page
    required property AppSession session
    required property OfficeBench office
    property string buildId
    property alias form: form
    property alias tabs: tabs
    property alias approveDialog: approveDialog
    property alias returnDialog: returnDialog
    property alias leaveDialog: leaveDialog
    signal openBuild(string buildId)
    signal compareBuilds(string serviceId, string fromBuildId, string toBuildId)
    title: form.loaded ? qsTr("%1 v%2").arg(form.service).arg(form.version) : qsTr("Build procedure")

    BuildForm {
        id: form
        office: page.office
        buildId: page.buildId
    }
    // The service's versions: the one before this, to compare with.
    BuildVersionsModel {
        id: versions
        session: page.session
        serviceId: form.serviceId
    }
    readonly property string previousBuildId: versions.buildIdAt(versions.rowOf(page.buildId) + 1)
    readonly property bool writing: form.status === "draft" && page.office.canWriteBuilds
    readonly property bool deciding: form.status === "submitted" && page.office.canDecideBuilds

    /** Saves the edits; false (and the reason on the page) when they cannot be. */
    function save(): bool {
        form.save()
        return form.error.length === 0
    }
    function submit(): bool {
        form.submit()
        return form.error.length === 0
    }
    function approve(): bool {
        const answer = page.office.approveBuild(page.buildId)
        // The OfficeBench answers a QVariantMap, {ok, error}: Qt 6.4's qmllint cannot see a map's keys.
        actionError.text = answer.ok ? "" : answer.error // qmllint disable type
        return actionError.text.length === 0
    }
    function returnWithReason(reason: string): bool {
        const answer = page.office.returnBuild(page.buildId, reason)
        // {ok, error}: see approve.
        returnError.text = answer.ok ? "" : answer.error // qmllint disable type
        return returnError.text.length === 0
    }
    /** A new draft version copied from this one, opened. */
    function draftNewVersion() {
        const answer = page.office.draftBuild(form.serviceId, page.buildId)
        // {ok, id, error}: see approve.
        actionError.text = answer.ok ? "" : answer.error // qmllint disable type
        if (answer.ok) // qmllint disable type
            page.openBuild(answer.id) // qmllint disable type
    }
    /**
     * Whether leaving now would drop edits: then the page asks, and calls @p proceed once they are
     * saved or dropped. False when there is nothing to lose: the caller leaves at once.
     */
    function confirmLeave(proceed: var): bool {
        if (!form.dirty || form.readOnly)
            return false
        leaveDialog.proceed = proceed
        leaveDialog.open()
        return true
    }
    /** Goes on as the person chose in the leave dialog (@p then: the caller's way out). */
    function leave(then: var) {
        then()
    }
    /** The lines' pane of the tab shown, if it is one. */
    function currentLines(): BuildLinesPane {
        return tabs.currentIndex === 1 ? installationPane : tabs.currentIndex === 2 ? stabilityPane
             : tabs.currentIndex === 3 ? acceptancePane : null
    }

    Shortcut {
        sequence: "Ctrl+S"
        enabled: page.visible && page.writing
        onActivated: page.save()
    }
    Shortcut {
        sequences: ["Ctrl+Return", "Ctrl+Enter"]
        enabled: page.visible && page.writing
        onActivated: {
            const lines = page.currentLines()
            if (lines)
                lines.addAfter(lines.currentRow)
        }
    }
    Shortcut {
        sequence: "Ctrl+PgDown"
        enabled: page.visible
        onActivated: tabs.currentIndex = (tabs.currentIndex + 1) % tabs.count
    }
    Shortcut {
        sequence: "Ctrl+PgUp"
        enabled: page.visible
        onActivated: tabs.currentIndex = (tabs.currentIndex + tabs.count - 1) % tabs.count
    }
    // Closing the window with unsaved edits asks too.
    Connections {
        target: page.Window.window
        function onClosing(close: CloseEvent) {
            if (page.confirmLeave(() => page.Window.window.close()))
                close.accepted = false
        }
    }

    header: Pane {
        Material.elevation: 1
        padding: 8
        leftPadding: 16
        rightPadding: 16
        bottomPadding: 0
        ColumnLayout {
            anchors.fill: parent
            spacing: 6
            RowLayout {
                Layout.fillWidth: true
                spacing: 12
                StatusChip {
                    objectName: "statusChip"
                    status: form.status
                }
                Label {
                    objectName: "savedLabel"
                    Layout.fillWidth: true
                    elide: Text.ElideRight
                    text: !form.loaded ? ""
                          : form.status === "draft"
                            ? qsTr("revision %1, saved by %2, %3").arg(form.revision).arg(form.savedBy)
                                  .arg(form.savedAt.toLocaleString(Qt.locale(), Locale.ShortFormat))
                            : qsTr("%1, %2").arg(form.stateWords)
                                  .arg(form.stateAt.toLocaleString(Qt.locale(), Locale.ShortFormat))
                }
                Label {
                    objectName: "dirtyLabel"
                    visible: form.dirty
                    text: qsTr("Not saved yet")
                    font.italic: true
                    color: Material.color(Material.Orange, Material.Shade800)
                }
            }
            Label {
                objectName: "returnedLabel"
                Layout.fillWidth: true
                visible: form.returnedReason.length > 0
                wrapMode: Text.Wrap
                text: qsTr("Returned by %1: %2").arg(form.returnedBy).arg(form.returnedReason)
                color: Material.color(Material.Orange, Material.Shade800)
                font.bold: true
            }
            Label {
                objectName: "readOnlyLabel"
                Layout.fillWidth: true
                visible: form.loaded && form.readOnly
                wrapMode: Text.Wrap
                text: form.readOnlyReason
                font.italic: true
            }
            RowLayout {
                Layout.fillWidth: true
                visible: form.newerElsewhere
                Label {
                    Layout.fillWidth: true
                    wrapMode: Text.Wrap
                    text: qsTr("Someone else saved this version since you opened it. Saving yours would replace theirs.")
                    color: Material.color(Material.Orange, Material.Shade800)
                }
                Button {
                    objectName: "saveOverButton"
                    Layout.preferredHeight: 48
                    text: qsTr("Save mine over theirs")
                    onClicked: form.saveOverNewer()
                }
                Button {
                    objectName: "showTheirsButton"
                    Layout.preferredHeight: 48
                    flat: true
                    text: qsTr("Drop mine, show theirs")
                    onClicked: form.revert()
                }
            }
            TabBar {
                id: tabs
                objectName: "partTabs"
                Layout.fillWidth: true
                TabButton { text: qsTr("Design"); width: implicitWidth; height: 52 }
                TabButton { text: qsTr("Installation (%1)").arg(form.installation.count); width: implicitWidth; height: 52 }
                TabButton { text: qsTr("Stability (%1)").arg(form.stability.count); width: implicitWidth; height: 52 }
                TabButton { text: qsTr("Acceptance (%1)").arg(form.acceptance.count); width: implicitWidth; height: 52 }
                TabButton { text: qsTr("Back-out plan"); width: implicitWidth; height: 52 }
            }
        }
    }

    StackLayout {
        anchors.fill: parent
        currentIndex: tabs.currentIndex

        // The design details: the hardware, the software from the DSL, the notes.
        Flickable {
            objectName: "designPane"
            contentHeight: design.implicitHeight + 32
            clip: true
            ColumnLayout {
                id: design
                width: Math.min(parent.width - 32, 900)
                x: 16
                y: 16
                spacing: 6
                Label { text: qsTr("Hardware model(s)"); opacity: 0.7 }
                TextField {
                    id: hardware
                    objectName: "hardwareField"
                    Layout.fillWidth: true
                    Layout.preferredHeight: 52
                    readOnly: form.readOnly
                    placeholderText: qsTr("Dell Latitude 3440, or HP ProBook 440 G10")
                    onTextChanged: form.hardwareModel = hardware.text
                    Binding { target: hardware; property: "text"; value: form.hardwareModel }
                }
                Label {
                    Layout.fillWidth: true
                    visible: text.length > 0
                    text: form.hardwareModelError
                    wrapMode: Text.Wrap
                    color: Material.color(Material.Red)
                }
                Label { text: qsTr("Notes"); opacity: 0.7 }
                TextArea {
                    id: notes
                    objectName: "notesField"
                    Layout.fillWidth: true
                    Layout.minimumHeight: 96
                    readOnly: form.readOnly
                    wrapMode: TextEdit.Wrap
                    placeholderText: qsTr("What this build is for, what it needs, what it leaves out")
                    onTextChanged: form.designNotes = notes.text
                    Keys.onTabPressed: (event) => {
                        notes.nextItemInFocusChain().forceActiveFocus(Qt.TabFocusReason)
                        event.accepted = true
                    }
                    Binding { target: notes; property: "text"; value: form.designNotes }
                }
                Label {
                    Layout.fillWidth: true
                    visible: text.length > 0
                    text: form.designNotesError
                    wrapMode: Text.Wrap
                    color: Material.color(Material.Red)
                }
                Label {
                    Layout.topMargin: 8
                    text: form.readOnly ? qsTr("Software from the DSL (%1)").arg(form.software.pickedCount)
                                        : qsTr("Software from the DSL: %1 picked").arg(form.software.pickedCount)
                    font.bold: true
                }
                Repeater {
                    model: form.software
                    delegate: CheckDelegate {
                        id: item
                        required property int index
                        required property string product
                        required property string version
                        required property string vendor
                        required property string mediaLocation
                        required property bool picked
                        objectName: "softwareItem"
                        Layout.fillWidth: true
                        Layout.preferredHeight: 52
                        text: qsTr("%1 %2 · %3").arg(item.product).arg(item.version).arg(item.vendor)
                        checked: item.picked
                        // An approved version lists only what it installs; its boxes do not change.
                        checkable: !form.readOnly
                        indicator.visible: !form.readOnly
                        onToggled: form.software.setPicked(item.index, item.checked)
                    }
                }
            }
        }
        BuildLinesPane {
            id: installationPane
            objectName: "installationPane"
            lines: form.installation
            hint: qsTr("The steps an installer follows, in order: the build install checklist.")
        }
        BuildLinesPane {
            id: stabilityPane
            objectName: "stabilityPane"
            lines: form.stability
            hint: qsTr("What shows that the new service works within its environment without harming it.")
        }
        BuildLinesPane {
            id: acceptancePane
            objectName: "acceptancePane"
            lines: form.acceptance
            hint: qsTr("What the user checks before they accept it: the functionality test criteria.")
        }
        Flickable {
            objectName: "backOutPane"
            contentHeight: backOutColumn.implicitHeight + 32
            clip: true
            ColumnLayout {
                id: backOutColumn
                width: Math.min(parent.width - 32, 900)
                x: 16
                y: 16
                spacing: 6
                Label {
                    Layout.fillWidth: true
                    wrapMode: Text.Wrap
                    opacity: 0.75
                    text: qsTr("How an installer takes an installation back out when it fails, step by step.")
                }
                TextArea {
                    id: backOut
                    objectName: "backOutField"
                    Layout.fillWidth: true
                    Layout.minimumHeight: 200
                    readOnly: form.readOnly
                    wrapMode: TextEdit.Wrap
                    placeholderText: qsTr("Re-image with the previous build from the DSL; record the back-out; tell the release manager.")
                    onTextChanged: form.backOutPlan = backOut.text
                    Binding { target: backOut; property: "text"; value: form.backOutPlan }
                }
                Label {
                    Layout.fillWidth: true
                    visible: text.length > 0
                    text: form.backOutPlanError
                    wrapMode: Text.Wrap
                    color: Material.color(Material.Red)
                }
            }
        }
    }

    footer: Pane {
        Material.elevation: 4
        padding: 8
        leftPadding: 16
        rightPadding: 16
        ColumnLayout {
            anchors.fill: parent
            spacing: 4
            Label {
                id: actionError
                objectName: "actionError"
                Layout.fillWidth: true
                visible: text.length > 0
                wrapMode: Text.Wrap
                color: Material.color(Material.Red)
            }
            Label {
                objectName: "formError"
                Layout.fillWidth: true
                visible: text.length > 0
                wrapMode: Text.Wrap
                text: form.error
                color: Material.color(Material.Red)
            }
            Flow {
                Layout.fillWidth: true
                spacing: 8
                Button {
                    objectName: "compareButton"
                    height: 52
                    visible: page.previousBuildId.length > 0
                    flat: true
                    text: qsTr("What changed since v%1").arg(form.version - 1)
                    onClicked: page.compareBuilds(form.serviceId, page.previousBuildId, page.buildId)
                }
                Button {
                    objectName: "draftFromButton"
                    height: 52
                    visible: page.office.canWriteBuilds && (form.status === "approved" || form.status === "retired")
                    text: qsTr("Draft a new version from this one")
                    onClicked: page.draftNewVersion()
                }
                Button {
                    objectName: "returnButton"
                    height: 52
                    visible: page.deciding
                    text: qsTr("Return with a reason…")
                    onClicked: returnDialog.open()
                }
                Button {
                    objectName: "approveButton"
                    height: 52
                    visible: page.deciding
                    highlighted: true
                    text: qsTr("Approve…")
                    onClicked: approveDialog.open()
                }
                Button {
                    objectName: "saveButton"
                    height: 52
                    visible: page.writing
                    enabled: form.canSave
                    text: qsTr("Save draft")
                    onClicked: page.save()
                }
                Button {
                    objectName: "submitButton"
                    height: 52
                    visible: page.writing
                    enabled: form.canSubmit
                    highlighted: true
                    text: qsTr("Submit for approval")
                    onClicked: page.submit()
                }
            }
        }
    }

    Dialog {
        id: approveDialog
        objectName: "approveDialog"
        anchors.centerIn: parent
        width: Math.min(page.width - 32, 560)
        modal: true
        title: qsTr("Approve %1 v%2?").arg(form.service).arg(form.version)
        ColumnLayout {
            anchors.fill: parent
            spacing: 8
            Label {
                Layout.fillWidth: true
                wrapMode: Text.Wrap
                text: qsTr("New releases install this version, and it never changes again. The version approved before it retires; installations already under way keep the version they started with.")
            }
            RowLayout {
                Layout.fillWidth: true
                Button {
                    Layout.fillWidth: true
                    Layout.preferredHeight: 52
                    text: qsTr("Cancel")
                    onClicked: approveDialog.close()
                }
                Button {
                    objectName: "confirmApproveButton"
                    Layout.fillWidth: true
                    Layout.preferredHeight: 52
                    highlighted: true
                    text: qsTr("Approve")
                    onClicked: {
                        page.approve()
                        approveDialog.close()
                    }
                }
            }
        }
    }

    Dialog {
        id: returnDialog
        objectName: "returnDialog"
        anchors.centerIn: parent
        width: Math.min(page.width - 32, 640)
        modal: true
        title: qsTr("Return %1 v%2 to its build developer").arg(form.service).arg(form.version)
        onAboutToShow: {
            reason.text = ""
            returnError.text = ""
        }
        onOpened: reason.forceActiveFocus()
        ColumnLayout {
            anchors.fill: parent
            spacing: 8
            Label {
                Layout.fillWidth: true
                wrapMode: Text.Wrap
                text: qsTr("It goes back to draft. Say what must change before you approve it.")
            }
            TextArea {
                id: reason
                objectName: "reasonField"
                Layout.fillWidth: true
                Layout.minimumHeight: 120
                wrapMode: TextEdit.Wrap
                placeholderText: qsTr("The stability tests leave out the printers in the ICT suite")
            }
            Label {
                id: returnError
                objectName: "returnError"
                Layout.fillWidth: true
                visible: text.length > 0
                wrapMode: Text.Wrap
                color: Material.color(Material.Red)
            }
            RowLayout {
                Layout.fillWidth: true
                Button {
                    Layout.fillWidth: true
                    Layout.preferredHeight: 52
                    text: qsTr("Cancel")
                    onClicked: returnDialog.close()
                }
                Button {
                    objectName: "confirmReturnButton"
                    Layout.fillWidth: true
                    Layout.preferredHeight: 52
                    highlighted: true
                    enabled: reason.text.trim().length > 0
                    text: qsTr("Return it")
                    onClicked: {
                        if (page.returnWithReason(reason.text))
                            returnDialog.close()
                    }
                }
            }
        }
    }

    Dialog {
        id: leaveDialog
        objectName: "leaveDialog"
        property var proceed: null
        anchors.centerIn: parent
        width: Math.min(page.width - 32, 560)
        modal: true
        title: qsTr("Save your edits to v%1?").arg(form.version)
        ColumnLayout {
            anchors.fill: parent
            spacing: 8
            Label {
                Layout.fillWidth: true
                wrapMode: Text.Wrap
                text: qsTr("Your edits to this draft are not saved yet.")
            }
            Label {
                Layout.fillWidth: true
                visible: form.errorCount > 0
                wrapMode: Text.Wrap
                color: Material.color(Material.Red)
                text: qsTr("%n field(s) or line(s) need putting right before it can be saved.", "", form.errorCount)
            }
            RowLayout {
                Layout.fillWidth: true
                Button {
                    objectName: "stayButton"
                    Layout.fillWidth: true
                    Layout.preferredHeight: 52
                    text: qsTr("Stay")
                    onClicked: leaveDialog.close()
                }
                Button {
                    objectName: "discardButton"
                    Layout.fillWidth: true
                    Layout.preferredHeight: 52
                    text: qsTr("Drop them")
                    onClicked: {
                        leaveDialog.close()
                        form.revert()
                        page.leave(leaveDialog.proceed)
                    }
                }
                Button {
                    objectName: "saveAndLeaveButton"
                    Layout.fillWidth: true
                    Layout.preferredHeight: 52
                    highlighted: true
                    enabled: form.canSave
                    text: qsTr("Save")
                    onClicked: {
                        leaveDialog.close()
                        if (page.save())
                            page.leave(leaveDialog.proceed)
                    }
                }
            }
        }
    }
}
