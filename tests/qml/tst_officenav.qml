pragma ComponentBehavior: Bound

import QtQuick
import QtTest
import ReleaseDesk
import ReleaseDesk.Testing

TestCase {
    id: testCase
    Fixture { id: fixture }
    name: "OfficeNavigation"
    when: windowShown

    Component { id: windowComponent; Main {} }

    function open(session, width, height) {
        const window = createTemporaryObject(windowComponent, testCase, {session: session, width: width,
                                                                        height: height})
        verify(window)
        return window
    }

    function test_aReleaseManagerAtADeskHasTheOfficeOnTheSide() {
        const session = fixture.demoTablet("morgan")
        const window = open(session, 1280, 800)
        const nav = findChild(window.contentItem, "sideNav")
        verify(nav.visible)
        verify(!window.footer.visible) // the side has every place: no tab bar
        verify(findChild(nav, "nav_releases"))
        verify(findChild(nav, "nav_people"))
        // Services, and their build procedures, are the third office place.
        verify(findChild(nav, "nav_services"))
        mouseClick(findChild(nav, "nav_services"))
        const services = findChild(window.contentItem, "leftPane")
        tryCompare(services.currentItem, "title", "Services")
        mouseClick(findChild(nav, "nav_releases"))
        const left = findChild(window.contentItem, "leftPane")
        tryCompare(left.currentItem, "title", "Releases")
        verify(findChild(nav, "nav_releases").highlighted)

        // A release opens on the right, and its plan above it.
        window.openOfficeRelease(fixture.releaseId(session, "R-2026-047"))
        tryCompare(window.stack, "busy", false)
        compare(window.stack.currentItem.title, "Release R-2026-047")
        window.editReleasePlan(fixture.releaseId(session, "R-2026-047"))
        tryCompare(window.stack, "busy", false)
        compare(window.stack.currentItem.title, "Edit the plan of R-2026-047")

        mouseClick(findChild(nav, "nav_people"))
        tryCompare(left.currentItem, "title", "People")
        window.addPerson()
        tryCompare(window.stack, "busy", false)
        compare(window.stack.currentItem.title, "Add a person")
        mouseClick(findChild(nav, "nav_today"))
        tryCompare(left.currentItem, "title", "Today")
    }

    function test_onATabletInPortraitTheOfficeIsReachedFromToday() {
        const session = fixture.demoTablet("morgan")
        const window = open(session, 800, 1200)
        verify(!findChild(window.contentItem, "sideNav").visible)
        verify(window.footer.visible)
        compare(window.stack.currentItem.title, "Today")
        const shortcut = findChild(window.stack.currentItem, "shortcut_releases")
        verify(shortcut)
        verify(findChild(window.stack.currentItem, "shortcut_people"))
        mouseClick(shortcut)
        tryCompare(window.stack, "busy", false)
        compare(window.stack.currentItem.title, "Releases")
        window.planRelease()
        tryCompare(window.stack, "busy", false)
        compare(window.stack.currentItem.title, "Plan a release")
        compare(window.stack.depth, 2) // Back returns to the releases
        window.back()
        tryCompare(window.stack, "busy", false)
        compare(window.stack.currentItem.title, "Releases")
    }

    function test_aBuildDeveloperSeesNoReleasesOrPeople() {
        const session = fixture.demoTablet("devi")
        const window = open(session, 1280, 800)
        const nav = findChild(window.contentItem, "sideNav")
        verify(nav.visible)
        verify(!findChild(nav, "nav_releases"))
        verify(!findChild(nav, "nav_people"))
        verify(findChild(nav, "nav_today"))
        window.showPlace("people") // not theirs: nothing happens
        compare(findChild(window.contentItem, "leftPane").currentItem.title, "Today")
    }

    function test_installersKeepTodaysApp() {
        const session = fixture.demoTablet("sam")
        const window = open(session, 1280, 800)
        verify(!findChild(window.contentItem, "sideNav").visible)
        verify(window.footer.visible)
        const narrow = open(session, 800, 1200)
        verify(!findChild(narrow.stack.currentItem, "shortcut_releases"))
    }
}
