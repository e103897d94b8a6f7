pragma ComponentBehavior: Bound

import QtQuick
import QtTest
import ReleaseDesk
import ReleaseDesk.Testing

TestCase {
    id: testCase
    Fixture { id: fixture }
    name: "MainWindow"
    when: windowShown

    Component { id: windowComponent; Main {} }

    function open(session, width, height) {
        const window = createTemporaryObject(windowComponent, testCase, {session: session, width: width,
                                                                        height: height})
        verify(window)
        return window
    }

    function test_firstRunAsksToSignIn() {
        const window = open(fixture.newTablet(), 800, 1200)
        compare(window.stack.currentItem.title, "Sign in")
        verify(!findChild(window.contentItem, "syncBar").visible)
    }

    function test_narrowIsOnePaneWideIsTwo() {
        const session = fixture.demoTablet("sam")
        const narrow = open(session, 800, 1200)
        compare(narrow.stack.currentItem.title, "Today")
        verify(!findChild(narrow.contentItem, "leftPane").visible)
        narrow.openRelease(fixture.releaseId(session, "R-2026-047"))
        tryCompare(narrow.stack, "busy", false)
        compare(narrow.stack.depth, 2)
        compare(narrow.stack.currentItem.title, "Release R-2026-047")

        const wide = open(session, 1280, 800)
        verify(findChild(wide.contentItem, "leftPane").visible)
        compare(findChild(wide.contentItem, "leftPane").currentItem.title, "Today")
        compare(wide.stack.currentItem.title, "Release Desk")
    }

    function test_anInstallerAuditsARoomFromToday() {
        // Issue 12: Today's "Audit a room" opens the audit; Back returns to Today.
        const session = fixture.demoTablet("sam")
        const window = open(session, 800, 1200)
        compare(window.stack.currentItem.title, "Today")
        const button = findChild(window.stack.currentItem, "auditRoomButton")
        verify(button && button.visible)
        mouseClick(button)
        tryCompare(window.stack, "busy", false)
        compare(window.stack.currentItem.objectName, "roomAuditPage")
        compare(window.stack.currentItem.title, "Audit a room")
        window.stack.currentItem.controller.submit("ROOM:RAU/ICT Suite 1", "scanner")
        compare(window.stack.currentItem.title, "Audit of ICT Suite 1")
        window.back()
        tryCompare(window.stack, "busy", false)
        compare(window.stack.currentItem.title, "Today")
    }

    function test_reopensAtTheChecklistItWasOn() {
        const session = fixture.demoTablet("sam")
        const installationId = fixture.installations(session, "R-2026-047")[0]
        const first = open(session, 800, 1200)
        first.openRelease(fixture.releaseId(session, "R-2026-047"))
        first.openInstallation(installationId)
        tryCompare(first.stack, "busy", false)
        compare(session.resumeInstallation(), installationId)
        first.destroy()
        wait(0)

        // As if the app was killed here and started again.
        const again = open(session, 800, 1200)
        tryCompare(again.stack, "busy", false)
        compare(again.stack.currentItem.objectName, "checklistPage")
        compare(again.stack.currentItem.installationId, installationId)
        compare(again.stack.depth, 3) // Today, the release, the checklist: Back works as before
        // Going back forgets the place.
        again.stack.pop()
        tryCompare(again.stack, "busy", false)
        compare(session.resumeInstallation(), "")
    }

    function test_finishingAnInstallationReturnsToItsRelease() {
        const session = fixture.demoTablet("sam")
        const window = open(session, 800, 1200)
        const id = fixture.completedChecklist(session, "R-2026-047")
        window.openInstallation(id)
        const signOff = window.openSignOff(id)
        tryCompare(window.stack, "busy", false)
        signOff.nameField.text = "Ms A. Okafor"
        signOff.pad.addStroke([{x: 10, y: 10}, {x: 50, y: 30}, {x: 90, y: 12}])
        verify(signOff.accept())
        tryCompare(window.stack, "busy", false)
        compare(window.stack.currentItem.title, "Release R-2026-047")
        compare(session.resumeInstallation(), "")
        compare(fixture.installation(session, id).status, "accepted")
    }

    function test_turningTheTabletKeepsTheWorkInHand() {
        const session = fixture.demoTablet("sam")
        const window = open(session, 800, 1200)
        window.openRelease(fixture.releaseId(session, "R-2026-047"))
        const start = window.startInstallation(fixture.releaseId(session, "R-2026-047"))
        tryCompare(window.stack, "busy", false)
        start.serialField.text = "7CD9F00B"
        window.width = 1280
        window.height = 800
        tryVerify(() => window.wide)
        verify(findChild(window.contentItem, "leftPane").visible)
        compare(window.stack.currentItem, start)
        compare(start.serialField.text, "7CD9F00B")
        window.width = 800
        window.height = 1200
        compare(window.stack.currentItem, start)
    }
}
