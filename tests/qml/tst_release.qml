pragma ComponentBehavior: Bound

import QtQuick
import QtTest
import ReleaseDesk
import ReleaseDesk.Testing

TestCase {
    id: testCase
    Fixture { id: fixture }
    name: "ReleasePage"
    width: 800
    height: 1200
    visible: true
    when: windowShown

    Component { id: pageComponent; ReleasePage {} }
    SignalSpy { id: startSpy; signalName: "startInstallation" }
    SignalSpy { id: openSpy; signalName: "openInstallation" }

    function test_showsTheBuildAndUnits() {
        const session = fixture.demoTablet("sam")
        const releaseId = fixture.releaseId(session, "R-2026-047")
        const page = createTemporaryObject(pageComponent, testCase,
                                           {session: session, releaseId: releaseId, width: 800, height: 1200})
        compare(page.title, "Release R-2026-047")
        compare(page.units.count, 2)
        compare(page.units.build.version, 2)
        const plan = findChild(page, "backOutPlan")
        verify(plan.text.indexOf("Re-image") === 0, plan.text)

        startSpy.target = page
        startSpy.clear()
        const start = findChild(page, "startButton")
        verify(start.enabled)
        mouseClick(start)
        compare(startSpy.count, 1)
        compare(startSpy.signalArguments[0][0], releaseId)
    }

    function test_aUnitUnderWayOpensItsChecklist() {
        const session = fixture.demoTablet("sam")
        const page = createTemporaryObject(pageComponent, testCase,
                                           {session: session, releaseId: fixture.releaseId(session, "R-2026-047"),
                                            width: 800, height: 1200})
        const list = findChild(page, "unitList")
        list.positionViewAtEnd()
        wait(0)
        const unit = list.itemAtIndex(0)
        verify(unit)
        openSpy.target = page
        openSpy.clear()
        mouseClick(unit)
        compare(openSpy.count, 1)
        verify(fixture.installations(session, "R-2026-047").indexOf(openSpy.signalArguments[0][0]) >= 0)
    }
}
