pragma ComponentBehavior: Bound

import QtQuick
import QtTest
import ReleaseDesk
import ReleaseDesk.Testing

// The software library and the licence log in the app's window: two office places on the side,
// the office's Today warning of overdue media and licences to look at (each line opening its page),
// the installer's way in from the menu, unsaved edits asking before they are left, and the History
// on a service's and a release's pages.
TestCase {
    id: testCase
    Fixture { id: fixture }
    LibraryFixture { id: lib }
    BuildFixture { id: builds }
    name: "LibraryNavigation"
    when: windowShown

    Component { id: windowComponent; Main {} }

    function open(session, width, height) {
        const window = createTemporaryObject(windowComponent, testCase, {session: session, width: width || 1280,
                                                                        height: height || 800})
        verify(window)
        settle(window)
        return window
    }
    function settle(window) {
        tryCompare(window.stack, "busy", false)
    }

    function test_theOfficeHasTheLibraryAndTheLicencesOnTheSide() {
        const session = fixture.demoTablet("devi")
        const window = open(session)
        const nav = findChild(window.contentItem, "sideNav")
        const left = findChild(window.contentItem, "leftPane")
        mouseClick(findChild(nav, "nav_library"))
        tryCompare(left.currentItem, "title", "Software library")
        // An item opens on the right, beside the list.
        left.currentItem.openDslItem(lib.dslItemId(session, "SIMS .net"))
        settle(window)
        compare(window.stack.currentItem.title, "SIMS .net 7.214")
        left.currentItem.openDslItem(lib.dslItemId(session, "Sophos Endpoint"))
        settle(window)
        compare(window.stack.currentItem.title, "Sophos Endpoint 2023.2")
        compare(window.stack.depth, 2) // instead of the first, not on top of it

        mouseClick(findChild(nav, "nav_licences"))
        tryCompare(left.currentItem, "title", "Licences")
        left.currentItem.openLicence(lib.licenceId(session, "SIMS .net client licences"))
        settle(window)
        compare(window.stack.currentItem.title, "SIMS .net client licences")
        // The licence's software, and back.
        window.stack.currentItem.openDslItem(lib.dslItemId(session, "SIMS .net"))
        settle(window)
        compare(window.stack.currentItem.title, "SIMS .net 7.214")
        window.back()
        settle(window)
        compare(window.stack.currentItem.title, "SIMS .net client licences")
    }

    function test_todayWarnsTheOfficeOfOverdueMediaAndLicences() {
        const session = fixture.demoTablet("morgan")
        lib.mediaTakenOut(session, "SIMS .net", "devi", 6, 2)
        lib.setLicence(session, "Microsoft A3 for faculty and students", 600, lib.dayFromToday(10))
        const window = open(session)
        const today = findChild(window.contentItem, "leftPane").currentItem
        compare(today.title, "Today")
        const alerts = findChild(today, "libraryAlerts")
        tryVerify(() => alerts.visible)
        const overdue = findChild(alerts, "overdueCard")
        verify(overdue.visible)
        compare(alerts.overdue.count, 1)
        const line = findChild(overdue, "overdue_SIMS .net 7.214")
        verify(line)
        mouseClick(line)
        settle(window)
        compare(window.stack.currentItem.title, "SIMS .net 7.214")
        const licences = findChild(alerts, "licencesCard")
        verify(licences.visible)
        mouseClick(findChild(licences, "licenceAlert_Microsoft A3 for faculty and students"))
        settle(window)
        compare(window.stack.currentItem.title, "Microsoft A3 for faculty and students")
        compare(window.stack.depth, 2)
    }

    function test_nothingToWarnOfShowsNoCard() {
        const window = open(fixture.demoTablet("devi"))
        const today = findChild(window.contentItem, "leftPane").currentItem
        verify(!findChild(today, "libraryAlerts").visible) // the SMART media have no day to be back by
    }

    function test_anInstallerReadsTheLibraryFromTheMenu() {
        const session = fixture.demoTablet("sam")
        lib.mediaTakenOut(session, "SIMS .net", "devi", 6, 2)
        const window = open(session, 800, 1200)
        // No office warnings on an installer's Today, and no office places.
        verify(!findChild(window.stack.currentItem, "libraryAlerts").visible)
        verify(!findChild(window.stack.currentItem, "shortcut_library"))
        mouseClick(findChild(window, "menuButton"))
        const item = findChild(window, "libraryMenuItem")
        tryVerify(() => item.visible)
        tryCompare(item.menu, "opened", true) // not while it grows: a tap then lands elsewhere
        mouseClick(item)
        settle(window)
        compare(window.stack.currentItem.title, "Software library")
        window.stack.currentItem.openDslItem(lib.dslItemId(session, "SIMS .net"))
        settle(window)
        compare(window.stack.currentItem.title, "SIMS .net 7.214")
        compare(window.stack.depth, 3) // Today, the library, the item: Back returns to the library
        // The office's menu has no such entry: the library is one of its places.
        const devi = open(fixture.demoTablet("devi"))
        mouseClick(findChild(devi, "menuButton"))
        const none = findChild(devi, "libraryMenuItem")
        wait(200)
        verify(!none.visible)
    }

    function test_unsavedEditsAskBeforeAnotherPlace() {
        const session = fixture.demoTablet("devi")
        const window = open(session)
        window.library.editLicence(lib.licenceId(session, "SIMS .net client licences"))
        settle(window)
        const form = window.stack.currentItem
        compare(form.title, "Change SIMS .net client licences")
        form.form.seats = 9
        window.showPlace("library")
        tryCompare(form.leaveDialog, "opened", true)
        mouseClick(findChild(form.leaveDialog.contentItem, "discardButton"))
        tryCompare(findChild(window.contentItem, "leftPane").currentItem, "title", "Software library")
        compare(lib.licence(session, "SIMS .net client licences").seats, 6)
    }

    function test_aServiceAndAReleaseShowTheirHistory() {
        const session = fixture.demoTablet("morgan")
        const window = open(session)
        window.services.openService(builds.serviceId(session, "Library kiosk"))
        settle(window)
        const service = window.stack.currentItem
        const history = findChild(service, "versionList").footerItem
        verify(history)
        compare(history.history.count, 0)
        const office = window.services.office
        const form = createTemporaryObject(serviceFormComponent, testCase, {office: office,
                                                                           serviceId: builds.serviceId(session, "Library kiosk")})
        form.userBenefit = "Find a book and where it is shelved"
        form.submit()
        tryCompare(history.history, "count", 1)
        compare(findChild(history, "historyRepeater").itemAt(0).what, "What users get set to Find a book and where it is shelved")
        compare(findChild(history, "historyRepeater").itemAt(0).who, "Morgan Hale")

        window.openOfficeRelease(fixture.releaseId(session, "R-2026-047"))
        settle(window)
        const releaseHistory = findChild(window.stack.currentItem, "unitList").footerItem
        verify(releaseHistory)
        compare(releaseHistory.recordId, fixture.releaseId(session, "R-2026-047"))
        verify(findChild(releaseHistory, "historyHeading").visible)
    }

    Component { id: serviceFormComponent; ServiceForm {} }
}
