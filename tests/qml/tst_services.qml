pragma ComponentBehavior: Bound

import QtQuick
import QtTest
import ReleaseDesk
import ReleaseDesk.Testing

TestCase {
    id: testCase
    Fixture { id: fixture }
    BuildFixture { id: builds }
    name: "ServicesPage"
    width: 1000
    height: 900
    visible: true
    when: windowShown

    Component { id: pageComponent; ServicesPage {} }
    Component { id: officeComponent; OfficeBench {} }
    SignalSpy { id: opened; signalName: "openService" }
    SignalSpy { id: adding; signalName: "addService" }

    function open(session) {
        // Outlives the page, as Main's does: the page reads it until it goes.
        const office = officeComponent.createObject(testCase, {session: session})
        const page = createTemporaryObject(pageComponent, testCase, {session: session, office: office,
                                                                    width: 1000, height: 900})
        opened.target = page
        opened.clear()
        adding.target = page
        adding.clear()
        return page
    }
    /** The list's row showing the service named @p name. */
    function row(page, name) {
        const list = findChild(page, "serviceList")
        for (let i = 0; i < list.count; ++i) {
            const item = list.itemAtIndex(i)
            if (item && item.name === name)
                return item
        }
        return null
    }

    function test_theCatalogueSaysWhatIsDocumented() {
        const session = fixture.demoTablet("morgan")
        const page = open(session)
        compare(page.services.count, 6)
        compare(findChild(page, "summaryLabel").text, "6 services, 3 still to document")
        const laptop = row(page, "Curriculum laptop")
        verify(laptop)
        compare(findChild(laptop, "stateLabel").text, "documented (v2 approved)")
        const mis = row(page, "MIS client")
        compare(findChild(mis, "stateLabel").text, "still to document")
        compare(mis.work, "v1 is being written")
    }

    function test_aServiceOpensItsVersions() {
        const session = fixture.demoTablet("devi")
        const page = open(session)
        mouseClick(row(page, "Interactive whiteboard"))
        compare(opened.count, 1)
        compare(opened.signalArguments[0][0], builds.serviceId(session, "Interactive whiteboard"))
    }

    function test_theOfficeAddsServicesAndInstallersDoNot() {
        const devi = open(fixture.demoTablet("devi"))
        const add = findChild(devi, "addServiceButton")
        verify(add.visible)
        mouseClick(add)
        compare(adding.count, 1)
        const sam = open(fixture.demoTablet("sam"))
        verify(!findChild(sam, "addServiceButton").visible)
    }

    function test_retiredServicesWhenAskedFor() {
        const session = fixture.demoTablet("morgan")
        const page = open(session)
        const office = createTemporaryObject(officeComponent, testCase, {session: session})
        verify(office.retireService(builds.serviceId(session, "Library kiosk")).ok)
        tryCompare(page.services, "count", 5)
        compare(row(page, "Library kiosk"), null)
        compare(findChild(page, "summaryLabel").text, "5 services, 2 still to document")
        mouseClick(findChild(page, "retiredSwitch"))
        tryCompare(page.services, "count", 6)
        const kiosk = row(page, "Library kiosk")
        verify(kiosk)
        compare(findChild(kiosk, "stateLabel").text, "retired")
    }
}
