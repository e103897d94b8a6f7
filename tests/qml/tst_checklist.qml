pragma ComponentBehavior: Bound

import QtQuick
import QtTest
import ReleaseDesk
import ReleaseDesk.Testing

TestCase {
    id: testCase
    Fixture { id: fixture }
    name: "ChecklistPage"
    width: 800
    height: 1200
    visible: true
    when: windowShown

    Component { id: pageComponent; ChecklistPage {} }
    Component { id: workbenchComponent; Workbench {} }
    SignalSpy { id: backedOut; signalName: "backedOut" }
    SignalSpy { id: signOff; signalName: "openSignOff" }

    function open(session, installationId) {
        const bench = createTemporaryObject(workbenchComponent, testCase, {session: session})
        return createTemporaryObject(pageComponent, testCase, {session: session, workbench: bench,
                                                              installationId: installationId,
                                                              width: 800, height: 1200})
    }
    function newInstallation(session) {
        const bench = createTemporaryObject(workbenchComponent, testCase, {session: session})
        const answer = bench.startInstallation(fixture.releaseId(session, "R-2026-047"),
                                               fixture.freeAsset(session, "R-2026-047"), "", "", "", "", "")
        verify(answer.ok, answer.error)
        return answer.id
    }
    function currentButton(page, name) {
        const list = page.list
        list.positionViewAtIndex(page.checklist.currentIndex, ListView.Contain)
        wait(0)
        const line = list.itemAtIndex(page.checklist.currentIndex)
        verify(line, "the current line is shown")
        return findChild(line, name)
    }

    function test_eachTapIsCommittedAndMovesOn() {
        const session = fixture.demoTablet("sam")
        const id = newInstallation(session)
        const page = open(session, id)
        compare(page.checklist.count, 12)
        compare(page.checklist.currentIndex, 0)
        const pending = session.pendingChanges
        mouseClick(currentButton(page, "passButton"))
        compare(fixture.installation(session, id).results, 1)
        compare(page.checklist.currentIndex, 1)
        compare(findChild(page, "progressLabel").text, "1 of 12 done")
        tryCompare(session, "pendingChanges", pending + 1)

        // A note and scanned evidence go with the result.
        const line = page.list.itemAtIndex(1)
        findChild(line, "noteField").text = "BIOS 1.14.0"
        mouseClick(currentButton(page, "passButton"))
        compare(fixture.installation(session, id).latest[1], "pass")
        compare(page.checklist.data(page.checklist.index(1, 0), ChecklistModel.NoteRole), "BIOS 1.14.0")
    }

    function test_aNoteGoesWithItsOwnLineOnly() {
        const session = fixture.demoTablet("sam")
        const id = newInstallation(session)
        const page = open(session, id)
        const pass = currentButton(page, "passButton")
        const line0 = page.list.itemAtIndex(0)
        findChild(line0, "noteField").text = "BIOS 1.14.0"
        mouseClick(pass)
        compare(page.checklist.data(page.checklist.index(0, 0), ChecklistModel.NoteRole), "BIOS 1.14.0")
        // The next line's fields start empty; and a retest of line 0 does not carry the old note.
        compare(findChild(page.list.itemAtIndex(1), "noteField").text, "")
        findChild(page.list.itemAtIndex(1), "noteField").text = "meant for line 2"
        mouseClick(findChild(page.list.itemAtIndex(0), "failButton"))
        compare(fixture.installation(session, id).latest[0], "fail")
        compare(page.checklist.data(page.checklist.index(0, 0), ChecklistModel.NoteRole), "")
    }

    function test_aDoubleTapRecordsOnce() {
        const session = fixture.demoTablet("sam")
        const id = newInstallation(session)
        const page = open(session, id)
        const pass = currentButton(page, "passButton")
        mouseClick(pass)
        mouseClick(findChild(page.list.itemAtIndex(0), "passButton"))
        compare(fixture.installation(session, id).results, 1)
    }

    function test_notApplicableOnlyForOptionalLines() {
        const session = fixture.demoTablet("sam")
        const page = open(session, newInstallation(session))
        verify(!currentButton(page, "naButton").enabled, "a required step cannot be skipped")
    }

    function test_aFailOffersTheBackOutPlan() {
        const session = fixture.demoTablet("sam")
        const id = newInstallation(session)
        const page = open(session, id)
        backedOut.target = page
        backedOut.clear()
        mouseClick(currentButton(page, "failButton"))
        compare(fixture.installation(session, id).latest[0], "fail")
        const dialog = page.backOutDialog
        tryCompare(dialog, "opened", true)
        verify(dialog.title.indexOf("failed") > 0, dialog.title)
        const reason = findChild(dialog.contentItem, "reasonField")
        verify(reason.text.indexOf("Failed:") === 0, reason.text)
        mouseClick(findChild(dialog.contentItem, "confirmBackOutButton"))
        compare(backedOut.count, 1)
        compare(backedOut.signalArguments[0][0], fixture.releaseId(session, "R-2026-047"))
        compare(fixture.installation(session, id).status, "backed-out")
        compare(fixture.count(session, "backouts"), 1)
    }

    function test_fixAndRetestKeepsTheInstallation() {
        const session = fixture.demoTablet("sam")
        const id = newInstallation(session)
        const page = open(session, id)
        mouseClick(currentButton(page, "failButton"))
        const dialog = page.backOutDialog
        tryCompare(dialog, "opened", true)
        mouseClick(findChild(dialog.contentItem, "retestButton"))
        tryCompare(dialog, "visible", false)
        verify(page.checklist.hasFailure)
        // Record the line again: pass replaces the fail.
        const line = page.list.itemAtIndex(0)
        mouseClick(findChild(line, "passButton"))
        verify(!page.checklist.hasFailure)
        compare(fixture.installation(session, id).status, "in-progress")
        compare(fixture.installation(session, id).results, 2)
    }

    function test_signOffOpensOnceEveryRequiredLineIsDone() {
        const session = fixture.demoTablet("sam")
        const id = fixture.completedChecklist(session, "R-2026-047")
        const page = open(session, id)
        verify(page.checklist.readyForSignOff)
        signOff.target = page
        signOff.clear()
        const button = findChild(page.list.footerItem, "signOffButton")
        verify(button.enabled)
        compare(button.text, "Acceptance sign-off")
        button.clicked()
        compare(signOff.count, 1)
        compare(signOff.signalArguments[0][0], id)
    }

    // Issue 12: a line that asks for a photo takes one instead of a scan, shows it, and records it.
    function test_aLineThatAsksForAPhotoKeepsOneWithItsResult() {
        const session = fixture.demoTablet("sam")
        const id = newInstallation(session)
        const page = open(session, id)
        fixture.askForPhoto(session, page.checklist.data(page.checklist.index(0, 0), ChecklistModel.StepIdRole))
        tryVerify(() => findChild(page.list.itemAtIndex(0), "photoButton").visible)
        const photoButton = currentButton(page, "photoButton")
        compare(photoButton.text, "Take the photo")
        verify(!findChild(page.list.itemAtIndex(0), "evidenceField").visible)

        // The camera dialog's answer: a photo kept (shrunk) on the tablet, waiting on the line.
        const evidence = fixture.takePhoto(session)
        verify(evidence.startsWith("photo:sha256:"), session.photos.error)
        page.photoTaken(0, evidence)
        const thumbnail = findChild(page.list.itemAtIndex(0), "linePhoto")
        verify(thumbnail.visible)
        tryCompare(thumbnail, "status", Image.Ready)
        compare(thumbnail.implicitWidth, 480) // drawn at most 480 px across from the 1600 px photo
        compare(photoButton.text, "Take the photo again")

        mouseClick(currentButton(page, "passButton"))
        compare(fixture.installation(session, id).results, 1)
        const line = page.list.itemAtIndex(0)
        verify(line.hasPhoto)
        compare(line.evidence, evidence)
        verify(findChild(line, "linePhoto").visible)
        verify(!findChild(line, "photoButton").visible)
    }
}
