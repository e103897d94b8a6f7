pragma ComponentBehavior: Bound

import QtQuick
import QtTest
import ReleaseDesk
import ReleaseDesk.Testing

TestCase {
    id: testCase
    Fixture { id: fixture }
    BuildFixture { id: builds }
    name: "BuildEditorPage"
    width: 1100
    height: 900
    visible: true
    when: windowShown

    Component { id: pageComponent; BuildEditorPage {} }
    Component { id: officeComponent; OfficeBench {} }
    SignalSpy { id: openBuild; signalName: "openBuild" }

    function open(session, buildId) {
        // Outlives the page, as Main's does: the page reads it until it goes.
        const office = officeComponent.createObject(testCase, {session: session})
        const page = createTemporaryObject(pageComponent, testCase, {session: session, office: office,
                                                                    buildId: buildId, width: 1100, height: 900})
        openBuild.target = page
        openBuild.clear()
        return page
    }
    function type(text) {
        for (let i = 0; i < text.length; ++i)
            keyClick(text[i])
    }
    /** The editor of line @p row in the part's pane @p paneName ("installationPane" ...). */
    function line(page, paneName, row) {
        const pane = findChild(page, paneName)
        pane.list.positionViewAtIndex(row, 0)
        return pane.list.itemAtIndex(row)
    }

    function test_aDraftIsWrittenFromTheKeyboard() {
        const session = fixture.demoTablet("devi")
        const buildId = builds.buildId(session, "MIS client", 1)
        const page = open(session, buildId)
        compare(page.title, "MIS client v1")
        compare(page.tabs.count, 5)
        const hardware = findChild(page, "hardwareField")
        compare(hardware.text, "HP ProDesk 400 G9")
        hardware.forceActiveFocus()
        hardware.cursorPosition = hardware.text.length
        type(", or EliteDesk 800 G9")
        verify(page.form.dirty)
        verify(findChild(page, "dirtyLabel").visible)

        // To the installation steps with Ctrl+PgDown; a line added at the end takes the focus.
        keySequence("Ctrl+PgDown")
        compare(page.tabs.currentIndex, 1)
        tryCompare(findChild(page, "installationPane"), "visible", true)
        mouseClick(findChild(findChild(page, "installationPane"), "addLineButton"))
        compare(page.form.installation.count, 7)
        type("Label the power supply")
        // Enter: the next line, with the focus.
        keyClick(Qt.Key_Return)
        compare(page.form.installation.count, 8)
        type("Record the MAC address")
        // Alt+Up: the line moves above the one before it, the focus with it.
        keyClick(Qt.Key_Up, Qt.AltModifier)
        const moved = line(page, "installationPane", 6)
        compare(moved.title, "Record the MAC address")
        verify(findChild(moved, "titleField").activeFocus)
        // What it asks for, and optional: from the keyboard and a tap.
        const evidence = findChild(moved, "evidenceBox")
        evidence.forceActiveFocus()
        keyClick(Qt.Key_Down)
        compare(moved.evidenceIndex, 1)
        mouseClick(findChild(moved, "optionalBox"))
        verify(!moved.required)

        const outbox = fixture.count(session, "outbox")
        keySequence("Ctrl+S")
        compare(page.form.error, "")
        verify(!page.form.dirty)
        compare(fixture.count(session, "outbox"), outbox + 1)
        const stored = builds.build(session, buildId)
        compare(stored.revision, 2)
        compare(stored.hardwareModel, "HP ProDesk 400 G9, or EliteDesk 800 G9")
        compare(stored.installation.length, 8)
        compare(stored.installation[6].title, "Record the MAC address")
        compare(stored.installation[6].evidence, "scan")
        compare(stored.installation[6].required, false)
        compare(stored.installation[7].title, "Label the power supply")
        compare(findChild(page, "savedLabel").text.indexOf("revision 2"), 0)
    }

    function test_aLineWithoutWordsIsSaidAndKeepsItFromBeingSaved() {
        const session = fixture.demoTablet("devi")
        const page = open(session, builds.buildId(session, "MIS client", 1))
        page.tabs.currentIndex = 3
        mouseClick(findChild(findChild(page, "acceptancePane"), "addLineButton"))
        keyClick(Qt.Key_Tab) // away from the empty words: now they are wanted
        const empty = line(page, "acceptancePane", 3)
        const error = findChild(empty, "lineError")
        tryVerify(() => error.visible)
        compare(error.text, "The step title is required.")
        verify(!findChild(page, "saveButton").enabled)
        mouseClick(findChild(empty, "removeButton"))
        compare(page.form.acceptance.count, 3)
        verify(findChild(page, "saveButton").enabled, "the edits are still there to save")
    }

    function test_aPartKeepsItsPlaceWhenAnotherIsShown() {
        const session = fixture.demoTablet("devi")
        const page = open(session, builds.buildId(session, "MIS client", 1))
        for (let i = 0; i < 24; ++i)
            page.form.installation.setTitle(page.form.installation.add(), "Check port " + i)
        page.tabs.currentIndex = 1
        const pane = findChild(page, "installationPane")
        tryCompare(pane, "visible", true)
        pane.list.positionViewAtIndex(20, 0) // ListView.Beginning
        const top = pane.list.indexAt(0, pane.list.contentY)
        verify(top >= 15, top)
        keySequence("Ctrl+PgUp") // the design details
        tryCompare(pane, "visible", false)
        keySequence("Ctrl+PgDown")
        tryCompare(pane, "visible", true)
        tryVerify(() => pane.list.indexAt(0, pane.list.contentY) === top)
        compare(page.form.installation.count, 30) // the lines were only out of sight
    }

    function test_submittingHandsItIn() {
        const session = fixture.demoTablet("devi")
        const buildId = builds.buildId(session, "MIS client", 1)
        const page = open(session, buildId)
        const submit = findChild(page, "submitButton")
        verify(submit.visible && submit.enabled)
        mouseClick(submit)
        compare(builds.build(session, buildId).status, "submitted")
        tryCompare(findChild(page, "readOnlyLabel"), "visible", true)
        verify(!findChild(page, "saveButton").visible)
        verify(!findChild(page, "submitButton").visible)
        compare(findChild(page, "statusChip").status, "submitted")
    }

    function test_anApprovedVersionCannotBeEditedThroughTheApp() {
        const session = fixture.demoTablet("devi")
        const buildId = builds.buildId(session, "Curriculum laptop", 2)
        const before = builds.build(session, buildId)
        const page = open(session, buildId)
        const readOnly = findChild(page, "readOnlyLabel")
        verify(readOnly.visible)
        verify(readOnly.text.indexOf("never changes") >= 0, readOnly.text)
        verify(!findChild(page, "saveButton").visible)
        verify(!findChild(page, "submitButton").visible)
        // Typing changes nothing ...
        const hardware = findChild(page, "hardwareField")
        verify(hardware.readOnly)
        hardware.forceActiveFocus()
        type("X")
        compare(hardware.text, "Dell Latitude 3440")
        page.tabs.currentIndex = 1
        verify(!findChild(findChild(page, "installationPane"), "addLineButton").visible)
        const first = line(page, "installationPane", 0)
        verify(findChild(first, "titleLabel").visible)
        verify(!findChild(first, "titleField").visible)
        // ... and a save forced anyway is refused in words, with nothing written.
        const outbox = fixture.count(session, "outbox")
        verify(!page.save())
        const error = findChild(page, "formError")
        verify(error.text.indexOf("approved") >= 0, error.text)
        compare(fixture.count(session, "outbox"), outbox)
        compare(builds.build(session, buildId), before)
        // The way to change it: a new version drafted from it.
        const draft = findChild(page, "draftFromButton")
        verify(draft.visible)
        mouseClick(draft)
        compare(openBuild.count, 1)
        const v3 = builds.build(session, openBuild.signalArguments[0][0])
        compare(v3.version, 3)
        compare(v3.status, "draft")
        compare(v3.hardwareModel, "Dell Latitude 3440")
    }

    function test_aReleaseManagerApprovesASubmittedVersion() {
        const session = fixture.demoTablet("morgan")
        const buildId = builds.buildId(session, "MIS client", 1)
        builds.submitted(session, buildId)
        const page = open(session, buildId)
        verify(!findChild(page, "saveButton").visible, "a release manager does not write it")
        const approve = findChild(page, "approveButton")
        verify(approve.visible)
        mouseClick(approve)
        tryCompare(page.approveDialog, "opened", true)
        mouseClick(findChild(page.approveDialog.contentItem, "confirmApproveButton"))
        compare(builds.build(session, buildId).status, "approved")
        tryCompare(findChild(page, "statusChip"), "status", "approved")
        verify(!approve.visible)
        verify(!findChild(page, "returnButton").visible)
    }

    function test_aReleaseManagerReturnsItWithAReason() {
        const session = fixture.demoTablet("morgan")
        const buildId = builds.buildId(session, "MIS client", 1)
        builds.submitted(session, buildId)
        const page = open(session, buildId)
        mouseClick(findChild(page, "returnButton"))
        tryCompare(page.returnDialog, "opened", true)
        const confirm = findChild(page.returnDialog.contentItem, "confirmReturnButton")
        verify(!confirm.enabled, "a return needs its reason")
        verify(findChild(page.returnDialog.contentItem, "reasonField").activeFocus)
        type("Say which SIMS version the office runs")
        verify(confirm.enabled)
        mouseClick(confirm)
        tryCompare(page.returnDialog, "visible", false)
        const stored = builds.build(session, buildId)
        compare(stored.status, "draft")
        compare(stored.returnedReason, "Say which SIMS version the office runs")
        const returned = findChild(page, "returnedLabel")
        tryCompare(returned, "visible", true)
        compare(returned.text, "Returned by Morgan Hale: Say which SIMS version the office runs")
    }

    function test_leavingWithUnsavedEditsAsks() {
        const session = fixture.demoTablet("devi")
        const buildId = builds.buildId(session, "MIS client", 1)
        const page = open(session, buildId)
        let left = 0
        verify(!page.confirmLeave(() => ++left), "nothing to lose: no question")
        page.tabs.currentIndex = 4
        const plan = findChild(page, "backOutField")
        plan.forceActiveFocus()
        plan.cursorPosition = plan.text.length
        type(" Keep the old PC for a week.")
        verify(page.confirmLeave(() => ++left))
        tryCompare(page.leaveDialog, "opened", true)
        mouseClick(findChild(page.leaveDialog.contentItem, "saveAndLeaveButton"))
        compare(left, 1)
        verify(builds.build(session, buildId).backOutPlan.endsWith("Keep the old PC for a week."))
    }

    function test_aColleaguesNewerSaveIsNotWrittenOverInSilence() {
        const session = fixture.demoTablet("devi")
        const buildId = builds.buildId(session, "MIS client", 1)
        const page = open(session, buildId)
        const notes = findChild(page, "notesField")
        notes.forceActiveFocus()
        notes.cursorPosition = notes.text.length
        type(" Mine.")
        // A sync brings a colleague's save of this draft meanwhile.
        builds.draftConflict(session, buildId)
        tryVerify(() => page.form.newerElsewhere)
        verify(notes.text.endsWith(" Mine."), "the edits stay")
        const outbox = fixture.count(session, "outbox")
        keySequence("Ctrl+S")
        verify(page.form.error.indexOf("changed by someone else") >= 0, page.form.error)
        compare(fixture.count(session, "outbox"), outbox)
        mouseClick(findChild(page, "saveOverButton"))
        compare(page.form.error, "")
        verify(builds.build(session, buildId).designNotes.endsWith(" Mine."))
        compare(fixture.count(session, "outbox"), outbox + 1)
    }
}
