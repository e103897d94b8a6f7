pragma ComponentBehavior: Bound

import QtQuick
import QtTest
import ReleaseDesk
import ReleaseDesk.Testing

TestCase {
    id: testCase
    Fixture { id: fixture }
    name: "ReleasesOverviewPage"
    width: 800
    height: 1200
    visible: true
    when: windowShown

    Component { id: pageComponent; ReleasesOverviewPage {} }
    SignalSpy { id: openSpy; signalName: "openRelease" }
    SignalSpy { id: planSpy; signalName: "planRelease" }

    function open(session) {
        const page = createTemporaryObject(pageComponent, testCase, {session: session, width: 800, height: 1200})
        openSpy.target = page
        openSpy.clear()
        planSpy.target = page
        planSpy.clear()
        return page
    }
    /** The numbers the page lists, in order. */
    function numbers(page) {
        const out = []
        for (let i = 0; i < page.model.count; ++i)
            out.push(page.model.data(page.model.index(i, 0), ReleasesOverviewModel.NumberRole))
        return out
    }

    function test_everyReleaseOpenFirstWithItsUnits() {
        const session = fixture.demoTablet("morgan")
        const page = open(session)
        compare(findChild(page, "countLabel").text, "4 releases, 3 open")
        const list = findChild(page, "releaseList")
        tryCompare(list, "count", 4)
        compare(numbers(page), ["R-2026-048", "R-2026-047", "R-2026-049", "R-2026-041"])
        const laptops = list.itemAtIndex(1)
        compare(findChild(laptops, "unitsLabel").text, "0 of 30 done, 2 under way")
        mouseClick(laptops)
        compare(openSpy.count, 1)
        compare(openSpy.signalArguments[0][0], fixture.releaseId(session, "R-2026-047"))
        mouseClick(findChild(page, "planButton"))
        compare(planSpy.count, 1)
    }

    function test_filteredByStatusAndSiteAndSearchedByNumber() {
        const session = fixture.demoTablet("morgan")
        const page = open(session)
        const list = findChild(page, "releaseList")
        // As a finger chooses from the list: "Closed".
        page.statusBox.currentIndex = 6
        page.statusBox.activated(6)
        tryCompare(list, "count", 1)
        compare(numbers(page), ["R-2026-041"])
        page.statusBox.currentIndex = 0
        // The Lower School: the whiteboards only.
        page.siteBox.currentIndex = page.siteBox.find("Riverside Academy - Lower School")
        tryCompare(list, "count", 1)
        compare(numbers(page), ["R-2026-049"])
        page.siteBox.currentIndex = 0
        tryCompare(list, "count", 4)
        page.search.forceActiveFocus()
        for (const c of "047")
            keyClick(c)
        tryCompare(list, "count", 1)
        compare(numbers(page), ["R-2026-047"])
        for (const c of "9")
            keyClick(c)
        tryCompare(list, "count", 0)
        verify(findChild(page, "emptyState").visible)
        compare(findChild(page, "emptyState").title, "No release matches")
    }
}
