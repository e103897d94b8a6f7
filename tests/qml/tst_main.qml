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

    function test_twoPanesShowTheOpenReleaseAndAllItsUnits() {
        const session = fixture.demoTablet("sam")
        const wide = open(session, 1280, 800)
        const releaseId = fixture.releaseId(session, "R-2026-047")
        wide.openRelease(releaseId)
        tryCompare(wide.stack, "busy", false)
        const today = findChild(wide.contentItem, "leftPane").currentItem
        const list = findChild(today, "releaseList")
        let selected = 0
        for (let i = 0; i < list.count; ++i) {
            const row = list.itemAtIndex(i)
            if (row && row.highlighted) {
                ++selected
                compare(row.releaseId, releaseId)
            }
        }
        compare(selected, 1, "the release open on the right is the one selected on the left")
        // The unit list ends above the tab bar, not under it.
        const units = findChild(wide.stack.currentItem, "unitList")
        verify(units)
        const tabs = wide.footer
        verify(tabs.visible)
        const unitsBottom = units.mapToItem(null, 0, units.height).y
        const tabsTop = tabs.mapToItem(null, 0, 0).y
        verify(unitsBottom <= tabsTop + 0.5, unitsBottom + " > " + tabsTop)
        // The tab bar holds its buttons whole, inside the window (its buttons are 56 px high).
        for (let i = 0; i < tabs.count; ++i) {
            const tab = tabs.itemAt(i)
            verify(tab.height <= tabs.height + 0.5, "tab " + i + ": " + tab.height + " in a bar of " + tabs.height)
            verify(tab.mapToItem(null, 0, tab.height).y <= wide.height + 0.5, "tab " + i + " ends in the window")
        }
    }

    /** WCAG's contrast ratio of two colours. */
    function contrast(a, b) {
        const lum = (c) => {
            const f = (v) => v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4)
            return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b)
        }
        const la = lum(a), lb = lum(b)
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05)
    }

    function test_theDarkThemeIsDoneWhole() {
        const session = fixture.demoTablet("sam")
        session.darkMode = true
        const window = open(session, 800, 1200)
        const lum = (c) => 0.2126 * c.r + 0.7152 * c.g + 0.0722 * c.b
        const header = findChild(window, "appHeader")
        verify(lum(header.background.color) < 0.3, "the header is dark: " + header.background.color)
        const bar = findChild(window.contentItem, "syncBar")
        verify(lum(bar.background.color) < 0.3, "the sync bar is dark: " + bar.background.color)
        verify(contrast(findChild(bar, "pendingLabel").color, bar.background.color) >= 4.5)
        // A checklist's buttons: readable text, highlighted or not.
        window.openRelease(fixture.releaseId(session, "R-2026-047"))
        window.openInstallation(fixture.installations(session, "R-2026-047")[0])
        tryCompare(window.stack, "busy", false)
        const page = window.stack.currentItem
        page.backOutDialog.failedStep = "Printers"
        page.backOutDialog.open()
        tryCompare(page.backOutDialog, "opened", true)
        page.confirmBackOutDialog.open()
        tryCompare(page.confirmBackOutDialog, "opened", true)
        for (const button of [findChild(page.backOutDialog.contentItem, "retestButton"),
                              findChild(page.confirmBackOutDialog.contentItem, "confirmBackOutButton"),
                              findChild(page.confirmBackOutDialog.contentItem, "cancelConfirmButton")]) {
            // A Material button's colour may be see-through: what shows is it over the dialog.
            const under = page.confirmBackOutDialog.background.color
            const bg = button.background.color
            const shown = Qt.rgba(bg.r * bg.a + under.r * (1 - bg.a), bg.g * bg.a + under.g * (1 - bg.a),
                                  bg.b * bg.a + under.b * (1 - bg.a), 1)
            const ratio = contrast(button.contentItem.color, shown)
            verify(ratio >= 4.5, button.objectName + ": contrast " + ratio + " of " + button.contentItem.color
                                 + " on " + button.background.color)
        }
        page.confirmBackOutDialog.close()
        page.backOutDialog.close()
        session.darkMode = false
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
