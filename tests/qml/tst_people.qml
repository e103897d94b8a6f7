pragma ComponentBehavior: Bound

import QtQuick
import QtTest
import ReleaseDesk
import ReleaseDesk.Testing

TestCase {
    id: testCase
    Fixture { id: fixture }
    OfficeFixture { id: office }
    name: "PeoplePage"
    width: 800
    height: 1200
    visible: true
    when: windowShown

    Component { id: pageComponent; PeoplePage {} }
    Component { id: peopleComponent; OfficePeople {} }
    SignalSpy { id: openSpy; signalName: "openPerson" }
    SignalSpy { id: addSpy; signalName: "addPerson" }

    function open(session) {
        const page = createTemporaryObject(pageComponent, testCase, {session: session, width: 800, height: 1200})
        openSpy.target = page
        openSpy.clear()
        addSpy.target = page
        addSpy.clear()
        return page
    }

    function test_everyoneWithTheirRoleAndSites() {
        const session = fixture.demoTablet("morgan")
        const page = open(session)
        const list = findChild(page, "peopleList")
        tryCompare(list, "count", 5)
        // Sam, an installer, is the last of the five; a tap opens them.
        list.positionViewAtEnd()
        wait(0)
        const sam = list.itemAtIndex(4)
        verify(sam)
        mouseClick(sam)
        compare(openSpy.count, 1)
        compare(openSpy.signalArguments[0][0], office.person(session, "sam").userId)
        mouseClick(findChild(page, "addButton"))
        compare(addSpy.count, 1)
    }

    function test_someoneSwitchedOffIsSaidSo() {
        const session = fixture.demoTablet("morgan")
        const people = createTemporaryObject(peopleComponent, testCase, {session: session})
        const page = open(session)
        const list = findChild(page, "peopleList")
        tryCompare(list, "count", 5)
        people.setActive(office.person(session, "jo").userId, false)
        list.positionViewAtEnd()
        wait(0)
        let off = 0
        for (let i = 0; i < list.count; ++i) {
            const row = list.itemAtIndex(i)
            if (row && findChild(row, "offLabel").visible)
                ++off
        }
        tryVerify(() => off === 1)
        compare(office.person(session, "jo").active, false)
    }
}
