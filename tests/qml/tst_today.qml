pragma ComponentBehavior: Bound

import QtQuick
import QtTest
import ReleaseDesk
import ReleaseDesk.Testing

TestCase {
    id: testCase
    Fixture { id: fixture }
    name: "TodayPage"
    width: 800
    height: 1200
    visible: true
    when: windowShown

    Component { id: pageComponent; TodayPage {} }
    SignalSpy { id: opened; signalName: "openRelease" }

    function test_listsMyReleasesAndOpensOne() {
        const session = fixture.demoTablet("sam")
        const page = createTemporaryObject(pageComponent, testCase, {session: session, width: 800, height: 1200})
        verify(page)
        const list = findChild(page, "releaseList")
        compare(list.count, 3)
        compare(page.model.count, 3)
        opened.target = page
        opened.clear()
        // The laptop rollout is the second by date; tap it.
        list.positionViewAtIndex(1, ListView.Beginning)
        const row = list.itemAtIndex(1)
        verify(row)
        compare(row.number, "R-2026-047")
        mouseClick(row)
        compare(opened.count, 1)
        compare(opened.signalArguments[0][0], fixture.releaseId(session, "R-2026-047"))
    }

    function test_unitsDoneShowAsWords() {
        const session = fixture.demoTablet("sam")
        fixture.completedChecklist(session, "R-2026-047")
        const page = createTemporaryObject(pageComponent, testCase, {session: session, width: 800, height: 1200})
        const list = findChild(page, "releaseList")
        const row = list.itemAtIndex(1)
        compare(row.number, "R-2026-047")
        const label = findChild(row, "unitsLabel")
        verify(label.text.indexOf("0 of 30 done") === 0, label.text)
        verify(label.text.indexOf("3 under way") > 0, label.text)
    }

    function test_anEmptyDayExplainsItself() {
        const session = fixture.demoTablet("morgan")
        const page = createTemporaryObject(pageComponent, testCase, {session: session, width: 800, height: 1200})
        // The release manager sees every open release, not only their own (they are named on none).
        verify(page.model.count >= 3)
        verify(!findChild(page, "emptyState").visible)
        // Another installer sees the open releases they are named on, counted straight from the store.
        const alex = fixture.demoTablet("alex")
        const mine = createTemporaryObject(pageComponent, testCase, {session: alex, width: 800, height: 1200})
        compare(mine.model.count, fixture.openReleasesNamingUser(alex))
        // A tablet nobody has signed in to yet shows nobody's releases, and says so.
        const blank = createTemporaryObject(pageComponent, testCase, {session: fixture.newTablet(), width: 800, height: 1200})
        compare(blank.model.count, 0)
        const empty = findChild(blank, "emptyState")
        verify(empty.visible)
        compare(empty.title, "No open releases")
    }
}
