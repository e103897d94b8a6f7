pragma ComponentBehavior: Bound

import QtQuick
import QtTest
import ReleaseDesk
import ReleaseDesk.Testing

TestCase {
    id: testCase
    Fixture { id: fixture }
    name: "SyncPageAndBar"
    width: 800
    height: 1200
    visible: true
    when: windowShown

    Component { id: pageComponent; SyncPage {} }
    Component { id: barComponent; SyncBar {} }
    Component { id: workbenchComponent; Workbench {} }
    Component { id: checklistComponent; ChecklistModel {} }

    function open(session) {
        const bench = createTemporaryObject(workbenchComponent, testCase, {session: session})
        return createTemporaryObject(pageComponent, testCase, {session: session, workbench: bench,
                                                              width: 800, height: 1200})
    }

    function test_conflictsSideBySideAndResolved() {
        const session = fixture.demoTablet("sam")
        fixture.roomConflict(session, "RAU-00001")
        const page = open(session)
        tryCompare(page.conflicts, "count", 1)
        const card = findChild(page, "conflictList").itemAtIndex(0)
        verify(card)
        const asset = fixture.assetByTag(session, "RAU-00001")
        const lost = findChild(card, "lostLabel").text
        verify(findChild(card, "keptLabel").text.length > 0)
        verify(lost.length > 0 && lost !== findChild(card, "keptLabel").text)
        const pending = session.pendingChanges
        mouseClick(findChild(card, "takeButton"))
        tryCompare(page.conflicts, "count", 0)
        tryCompare(session, "openConflicts", 0)
        compare(fixture.roomName(session, fixture.assetByTag(session, "RAU-00001").roomId), lost)
        verify(session.pendingChanges > pending)
    }

    function test_aSyncThatCannotReachTheOfficeSaysSo() {
        const session = fixture.demoTablet("sam")
        const page = open(session)
        const button = findChild(page, "syncButton")
        mouseClick(button)
        tryVerify(() => !session.sync.busy, 10000)
        const outcome = findChild(page, "outcomeLabel")
        tryVerify(() => outcome.visible && outcome.text.length > 0, 5000)
        verify(outcome.text.length > 10, outcome.text)
        verify(button.enabled)
    }

    function test_theBarSaysWhatWaits() {
        const session = fixture.demoTablet("sam")
        const bar = createTemporaryObject(barComponent, testCase, {session: session, width: 800})
        compare(findChild(bar, "onlineLabel").text, "Offline")
        compare(findChild(bar, "pendingLabel").text, "nothing waiting")
        verify(!findChild(bar, "conflictsLabel").visible)
        fixture.completedChecklist(session, "R-2026-047")
        tryVerify(() => findChild(bar, "pendingLabel").text.indexOf("waiting") > 0
                        && findChild(bar, "pendingLabel").text !== "nothing waiting")
        fixture.roomConflict(session, "RAU-00004")
        tryVerify(() => findChild(bar, "conflictsLabel").visible)
    }

    // Plural forms come from the English translation (i18n/releasedesk_en.ts), not "change(s)".
    function test_theBarSaysItsCountsInWords() {
        const session = fixture.demoTablet("sam")
        const bar = createTemporaryObject(barComponent, testCase, {session: session, width: 800})
        const lines = createTemporaryObject(checklistComponent, testCase, {
            session: session, installationId: fixture.installations(session, "R-2026-047")[0]})
        compare(lines.count, 12)
        verify(lines.record(0, "pass"), lines.error)
        tryCompare(findChild(bar, "pendingLabel"), "text", "1 change waiting")
        // Twelve more: each line once more, the first one changed again.
        for (let i = 1; i <= 12; ++i)
            verify(lines.record(i % 12, i === 12 ? "fail" : "pass"), lines.error)
        tryCompare(findChild(bar, "pendingLabel"), "text", "13 changes waiting")
        compare(session.pendingChanges, 13)
        fixture.roomConflict(session, "RAU-00004")
        tryCompare(findChild(bar, "conflictsLabel"), "text", "1 conflict to resolve")
    }
}
