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

    function open(session, installationId, height) {
        const bench = createTemporaryObject(workbenchComponent, testCase, {session: session})
        return createTemporaryObject(pageComponent, testCase, {session: session, workbench: bench,
                                                              installationId: installationId,
                                                              width: 800, height: height || 1200})
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
        verify(!findChild(page, "failedLabel").visible)
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
        mouseClick(findChild(page.list.itemAtIndex(0), "changeResultButton"))
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

    function test_aFailOffersFixAndRetestFirst() {
        const session = fixture.demoTablet("sam")
        const id = newInstallation(session)
        const page = open(session, id)
        mouseClick(currentButton(page, "failButton"))
        compare(fixture.installation(session, id).latest[0], "fail")
        const dialog = page.backOutDialog
        tryCompare(dialog, "opened", true)
        verify(dialog.title.indexOf("failed") > 0, dialog.title)
        // Backing out is not beside the retest as one tap: no reason is asked yet, no back-out done.
        verify(findChild(dialog.contentItem, "retestButton").visible)
        verify(!findChild(dialog.contentItem, "reasonField").visible)
        verify(!findChild(dialog.contentItem, "continueBackOutButton").visible)
        compare(fixture.installation(session, id).status, "in-progress")
    }

    function test_backingOutAsksAReasonThenAConfirmation() {
        const session = fixture.demoTablet("sam")
        const id = newInstallation(session)
        const page = open(session, id)
        backedOut.target = page
        backedOut.clear()
        mouseClick(currentButton(page, "failButton"))
        const dialog = page.backOutDialog
        tryCompare(dialog, "opened", true)
        mouseClick(findChild(dialog.contentItem, "backOutInsteadButton"))
        const reason = findChild(dialog.contentItem, "reasonField")
        tryCompare(reason, "visible", true)
        compare(reason.text, "", "the reason is typed, not filled in")
        const next = findChild(dialog.contentItem, "continueBackOutButton")
        verify(!next.enabled, "no back-out without a reason")
        reason.text = "the printer driver will not install"
        verify(next.enabled)
        mouseClick(next)
        const confirm = page.confirmBackOutDialog
        tryCompare(confirm, "opened", true)
        // Cancel changes nothing.
        mouseClick(findChild(confirm.contentItem, "cancelConfirmButton"))
        tryCompare(confirm, "visible", false)
        compare(fixture.installation(session, id).status, "in-progress")
        compare(fixture.count(session, "backouts"), 0)
        compare(backedOut.count, 0)
        // Confirmed, it is done, with the failed line and the reason.
        mouseClick(next)
        tryCompare(confirm, "opened", true)
        mouseClick(findChild(confirm.contentItem, "confirmBackOutButton"))
        compare(backedOut.count, 1)
        compare(backedOut.signalArguments[0][0], fixture.releaseId(session, "R-2026-047"))
        compare(fixture.installation(session, id).status, "backed-out")
        compare(fixture.count(session, "backouts"), 1)
    }

    function test_theFooterBackOutCancelsWithNothingChanged() {
        const session = fixture.demoTablet("sam")
        const id = newInstallation(session)
        const page = open(session, id)
        page.list.positionViewAtEnd()
        const footerButton = findChild(page.list.footerItem, "backOutButton")
        tryVerify(() => footerButton.visible)
        mouseClick(footerButton)
        const dialog = page.backOutDialog
        tryCompare(dialog, "opened", true)
        verify(findChild(dialog.contentItem, "reasonField").visible)
        mouseClick(findChild(dialog.contentItem, "cancelBackOutButton"))
        tryCompare(dialog, "visible", false)
        compare(fixture.installation(session, id).status, "in-progress")
        compare(fixture.count(session, "backouts"), 0)
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
        compare(findChild(page, "progressLabel").text, "0 of 12 done")
        verify(findChild(page, "failedLabel").visible)
        compare(findChild(page, "failedLabel").text, "· 1 failed")
        // The failed line asks for its result again: pass replaces the fail, which stays in its history.
        const line = page.list.itemAtIndex(0)
        const pass = findChild(line, "passButton")
        verify(pass.visible)
        mouseClick(pass)
        verify(!page.checklist.hasFailure)
        compare(findChild(page, "progressLabel").text, "1 of 12 done")
        verify(!findChild(page, "failedLabel").visible)
        compare(fixture.installation(session, id).status, "in-progress")
        compare(fixture.installation(session, id).results, 2)
        const history = findChild(page.list.itemAtIndex(0), "historyLabel")
        verify(history.visible)
        verify(history.text.indexOf("Failed") >= 0, history.text)
    }

    function test_aRecordedLineChangesOnlyThroughChangeResult() {
        const session = fixture.demoTablet("sam")
        const id = newInstallation(session)
        const page = open(session, id)
        mouseClick(currentButton(page, "passButton"))
        const line = page.list.itemAtIndex(0)
        // Recorded: its result shown, no live buttons for a stray tap.
        verify(!findChild(line, "passButton").visible)
        verify(!findChild(line, "failButton").visible)
        verify(!findChild(line, "historyLabel").visible)
        verify(findChild(line, "changeResultButton").visible)
        compare(fixture.installation(session, id).results, 1)
        // Changed on purpose: a new result, the old one kept and shown.
        mouseClick(findChild(line, "changeResultButton"))
        verify(findChild(line, "naButton").visible)
        mouseClick(findChild(line, "keepResultButton"))
        verify(!findChild(line, "failButton").visible, "keeping the result hides the buttons again")
        mouseClick(findChild(line, "changeResultButton"))
        mouseClick(findChild(line, "failButton"))
        compare(fixture.installation(session, id).results, 2)
        compare(fixture.installation(session, id).latest[0], "fail")
        const dialog = page.backOutDialog
        tryCompare(dialog, "opened", true)
        mouseClick(findChild(dialog.contentItem, "retestButton"))
        tryCompare(dialog, "visible", false)
        const history = findChild(page.list.itemAtIndex(0), "historyLabel")
        verify(history.visible)
        verify(history.text.indexOf("Earlier: Passed") === 0, history.text)
        compare(page.checklist.data(page.checklist.index(0, 0), ChecklistModel.EarlierRole).length, 1)
        // Opened again, the page reads the history from the store.
        const again = open(session, id)
        compare(again.checklist.data(again.checklist.index(0, 0), ChecklistModel.EarlierRole).length, 1)
    }

    function test_theNextLineLooksNeutralUntilRecorded() {
        const session = fixture.demoTablet("sam")
        const page = open(session, newInstallation(session))
        const pass = currentButton(page, "passButton")
        verify(!pass.highlighted, "the next line's Pass does not look passed")
        verify(!currentButton(page, "failButton").highlighted)
    }

    function test_theLastLineBringsTheSignOffIntoView() {
        const session = fixture.demoTablet("sam")
        const id = newInstallation(session)
        const page = open(session, id, 700)
        while (page.checklist.currentIndex < page.checklist.count)
            mouseClick(currentButton(page, "passButton"))
        verify(page.checklist.readyForSignOff)
        const list = page.list
        tryVerify(() => {
            const button = list.footerItem ? findChild(list.footerItem, "signOffButton") : null
            if (!button)
                return false
            const at = button.mapToItem(list, 0, 0)
            return at.y >= 0 && at.y + button.height <= list.height
        }, 2000, "the sign-off button is in view")
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
