pragma ComponentBehavior: Bound

import QtQuick
import QtTest
import ReleaseDesk
import ReleaseDesk.Testing

TestCase {
    id: testCase
    Fixture { id: fixture }
    OfficeFixture { id: office }
    name: "OfficeReleasePage"
    width: 800
    height: 1200
    visible: true
    when: windowShown

    Component { id: pageComponent; OfficeReleasePage {} }
    Component { id: releasesComponent; OfficeReleases {} }
    SignalSpy { id: editSpy; signalName: "editPlan" }
    SignalSpy { id: assetSpy; signalName: "openAsset" }

    function open(session, number) {
        const releases = createTemporaryObject(releasesComponent, testCase, {session: session})
        const page = createTemporaryObject(pageComponent, testCase,
                                           {session: session, releases: releases, width: 800, height: 1200,
                                            releaseId: fixture.releaseId(session, number)})
        editSpy.target = page
        editSpy.clear()
        assetSpy.target = page
        assetSpy.clear()
        return page
    }
    function header(page) {
        return findChild(page, "unitList").headerItem
    }

    function test_thePlanAndEachUnitThatNeedsTheReleaseManagerFirst() {
        const session = fixture.demoTablet("morgan")
        const page = open(session, "R-2026-047")
        compare(page.title, "Release R-2026-047")
        compare(page.followUp.count, 2)
        const head = header(page)
        verify(head)
        compare(findChild(head, "unitCounts").text, "0 of 30 accepted · 2 under way (1 failing)")
        verify(findChild(head, "backOutPlan").value.indexOf("Re-image") === 0)
        verify(findChild(head, "status_installed"))
        verify(findChild(head, "status_backed-out"))
        verify(!findChild(head, "closeButton").visible)
        mouseClick(findChild(head, "editPlanButton"))
        compare(editSpy.count, 1)
        compare(editSpy.signalArguments[0][0], fixture.releaseId(session, "R-2026-047"))

        // A unit opens the asset, with its whole history.
        const list = findChild(page, "unitList")
        list.positionViewAtEnd()
        wait(0)
        const failing = list.itemAtIndex(0)
        verify(failing)
        mouseClick(failing)
        compare(assetSpy.count, 1)
    }

    function test_aUnitBackedOutAndInstalledAgainKeepsItsBackOut() {
        const session = fixture.demoTablet("morgan")
        const page = open(session, "R-2026-047")
        verify(office.reinstallFailingUnit(session, "R-2026-047").length > 0)
        tryCompare(findChild(header(page), "unitCounts"), "text", "0 of 30 accepted · 2 under way · 1 installed again")
        const list = findChild(page, "unitList")
        list.positionViewAtEnd()
        wait(0)
        let again = null
        for (let i = 0; i < list.count; ++i) {
            const row = list.itemAtIndex(i)
            if (row && findChild(row, "historyLabel").visible)
                again = row
        }
        verify(again)
        verify(findChild(again, "historyLabel").text.indexOf("Print server certificate missing") > 0)
        verify(findChild(again, "historyLabel").text.indexOf("Installed again") === 0)
    }

    function test_statusChangesTheRulesAllowThenCloseWithAReview() {
        const session = fixture.demoTablet("morgan")
        const page = open(session, "R-2026-047")
        mouseClick(findChild(header(page), "status_installed"))
        tryCompare(page.followUp.plan, "status", "installed")
        compare(office.release(session, "R-2026-047").status, "installed")
        waitForRendering(page) // the new buttons laid out where a finger finds them
        mouseClick(findChild(header(page), "status_accepted"))
        tryCompare(page.followUp.plan, "status", "accepted")
        compare(office.queued(session, "setReleaseStatus"), 2)

        // Closing while two units are in progress: the dialog says why, nothing is closed.
        const close = findChild(header(page), "closeButton")
        verify(close.visible)
        mouseClick(close)
        tryCompare(page.closeDialog, "opened", true)
        const confirm = findChild(page.closeDialog.contentItem, "confirmCloseButton")
        verify(!confirm.enabled) // no review note yet
        page.closeDialog.note.forceActiveFocus()
        for (const c of "Good")
            keyClick(c)
        verify(confirm.enabled)
        mouseClick(confirm)
        const error = findChild(page.closeDialog.contentItem, "closeError")
        tryVerify(() => error.text.indexOf("in progress") > 0, 1000, error.text)
        verify(page.closeDialog.opened)
        compare(office.release(session, "R-2026-047").status, "accepted")
    }

    function test_aPlannedReleaseIsDroppedWithItsReview() {
        const session = fixture.demoTablet("morgan")
        const page = open(session, "R-2026-048")
        // Planned, nothing started: it may be closed (dropped) with its review.
        mouseClick(findChild(header(page), "closeButton"))
        tryCompare(page.closeDialog, "opened", true)
        page.closeDialog.note.text = "Dropped: the PCs come next term."
        mouseClick(findChild(page.closeDialog.contentItem, "confirmCloseButton"))
        tryCompare(page.closeDialog, "opened", false)
        compare(office.release(session, "R-2026-048").status, "closed")
        compare(office.release(session, "R-2026-048").reviewNote, "Dropped: the PCs come next term.")
        compare(office.queued(session, "closeRelease"), 1)
        tryCompare(findChild(header(page), "reviewNote"), "value", "Dropped: the PCs come next term.")
        verify(!findChild(header(page), "editPlanButton").visible)
        verify(!findChild(header(page), "closeButton").visible)
    }

    function test_aRefusedStatusChangeIsSaid() {
        const session = fixture.demoTablet("morgan")
        const page = open(session, "R-2026-048")
        verify(!page.setStatus("accepted"))
        const error = findChild(header(page), "actionError")
        tryVerify(() => error.visible)
        verify(error.text.indexOf("planned") > 0, error.text)
        compare(office.release(session, "R-2026-048").status, "planned")
    }
}
