pragma ComponentBehavior: Bound

import QtQuick
import QtTest
import ReleaseDesk
import ReleaseDesk.Testing

// The sync page's conflicts, for a build draft two build developers saved: which draft, whose save
// was kept and when, how many lines each has, and keeping theirs or mine.
TestCase {
    id: testCase
    Fixture { id: fixture }
    BuildFixture { id: builds }
    name: "DraftConflict"
    width: 900
    height: 1100
    visible: true
    when: windowShown

    Component { id: pageComponent; SyncPage {} }
    Component { id: workbenchComponent; Workbench {} }

    function open(session) {
        const bench = createTemporaryObject(workbenchComponent, testCase, {session: session})
        return createTemporaryObject(pageComponent, testCase, {session: session, workbench: bench,
                                                              width: 900, height: 1100})
    }

    function test_aDraftSavedTwiceIsReadable() {
        const session = fixture.demoTablet("devi")
        builds.draftConflict(session, builds.buildId(session, "MIS client", 1))
        const page = open(session)
        tryCompare(page.conflicts, "count", 1)
        const card = findChild(page, "conflictList").itemAtIndex(0)
        compare(card.record, "Build procedure MIS client v1")
        compare(findChild(card, "keptTitle").text, "Kept: Kim Doyle's save")
        verify(findChild(card, "keptLabel").text.indexOf("Revision 2: 12 lines") === 0, findChild(card, "keptLabel").text)
        compare(findChild(card, "lostTitle").text, "Yours, not kept")
        verify(findChild(card, "lostLabel").text.indexOf("11 lines, saved") === 0, findChild(card, "lostLabel").text)
        compare(findChild(card, "keepButton").text, "Keep theirs")
        compare(findChild(card, "takeButton").text, "Keep mine")
    }

    function test_keepingMineSendsItWhole() {
        const session = fixture.demoTablet("devi")
        builds.draftConflict(session, builds.buildId(session, "MIS client", 1))
        const page = open(session)
        tryCompare(page.conflicts, "count", 1)
        const pending = session.pendingChanges
        mouseClick(findChild(findChild(page, "conflictList").itemAtIndex(0), "takeButton"))
        tryCompare(page.conflicts, "count", 0)
        tryCompare(session, "pendingChanges", pending + 1)
        const kinds = builds.outboxKinds(session)
        compare(kinds[kinds.length - 1], "resolveConflict")
    }

    function test_keepingTheirsChangesNothingHere() {
        const session = fixture.demoTablet("devi")
        const buildId = builds.buildId(session, "MIS client", 1)
        builds.draftConflict(session, buildId)
        const page = open(session)
        tryCompare(page.conflicts, "count", 1)
        mouseClick(findChild(findChild(page, "conflictList").itemAtIndex(0), "keepButton"))
        tryCompare(page.conflicts, "count", 0)
        compare(builds.build(session, buildId).designNotes, "Kim's notes")
    }
}
