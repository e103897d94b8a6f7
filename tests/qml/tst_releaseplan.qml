pragma ComponentBehavior: Bound

import QtQuick
import QtTest
import ReleaseDesk
import ReleaseDesk.Testing

TestCase {
    id: testCase
    Fixture { id: fixture }
    OfficeFixture { id: office }
    name: "ReleasePlanPage"
    width: 800
    height: 1200
    visible: true
    when: windowShown

    Component { id: pageComponent; ReleasePlanPage {} }
    Component { id: releasesComponent; OfficeReleases {} }
    SignalSpy { id: savedSpy; signalName: "saved" }

    function open(session, releaseId) {
        const releases = createTemporaryObject(releasesComponent, testCase, {session: session})
        const page = createTemporaryObject(pageComponent, testCase,
                                           {releases: releases, releaseId: releaseId, width: 800, height: 1200})
        savedSpy.target = page
        savedSpy.clear()
        return page
    }
    /** Chooses @p text in a ComboBox as a finger does: the entry, then "activated". */
    function choose(box, text) {
        const index = box.find(text)
        verify(index >= 0, text)
        box.currentIndex = index
        box.activated(index)
    }
    /** Types @p text into @p field as a keyboard does, after emptying it. */
    function type(field, text) {
        field.forceActiveFocus()
        field.selectAll()
        keyClick(Qt.Key_Delete)
        for (const c of text)
            keyClick(c)
    }
    /** Scrolls the form so that @p item is in view, as a finger would. */
    function show(page, item) {
        const flick = findChild(page, "planFlick")
        // The form's layout moves when a message above the item appears or goes: measure it laid out.
        waitForItemPolished(flick.contentItem.children[0])
        const y = item.mapToItem(flick.contentItem, 0, 0).y
        flick.contentY = Math.max(0, Math.min(y - 100, flick.contentHeight - flick.height))
        const inView = item.mapToItem(flick, 0, 0).y
        verify(inView >= 0 && inView + item.height <= flick.height, "in view")
    }
    function tap(page, name) {
        const item = findChild(page, name)
        verify(item, name)
        show(page, item)
        mouseClick(item)
    }

    function test_aRolloutIsPlannedByHand() {
        const session = fixture.demoTablet("morgan")
        const page = open(session, "")
        compare(page.title, "Plan a release")
        const submit = findChild(page, "submitButton")
        verify(!submit.enabled)
        verify(findChild(page, "missingLabel").text.indexOf("a service") > 0)

        choose(findChild(page, "serviceBox"), "Curriculum laptop")
        verify(findChild(page, "buildBox").displayText.indexOf("Version 2") > 0)
        choose(findChild(page, "siteBox"), "Riverside Academy - Upper School")
        type(findChild(page, "numberField"), "R-2026-130")
        tap(page, "rolloutButton")
        compare(page.form.kind, "rollout")
        page.form.units = 30 // the spin box's field, as typed
        tap(page, "installer_Sam Okafor")
        tap(page, "installer_Jo Whitaker")
        tap(page, "room_ICT Suite 2")
        tap(page, "rfcButton")
        verify(findChild(page, "missingLabel").text.indexOf("RFC") > 0)
        type(findChild(page, "refField"), "RFC-0121")
        type(findChild(page, "noticeField"), "Save your work first.")
        tryCompare(findChild(page, "missingLabel"), "visible", false)
        verify(submit.enabled)
        tap(page, "submitButton")
        compare(findChild(page, "errorLabel").text, "")
        compare(savedSpy.count, 1)
        compare(savedSpy.signalArguments[0][1], true)
        const planned = office.release(session, "R-2026-130")
        verify(planned)
        compare(savedSpy.signalArguments[0][0], planned.releaseId)
        compare(planned.kind, "rollout")
        compare(planned.units, 30)
        compare(planned.installers, 2)
        compare(planned.targets, 1)
        compare(planned.status, "planned")
        compare(office.queued(session, "planRelease"), 1)
    }

    function test_errorsAreSaidUnderTheirFields() {
        const session = fixture.demoTablet("morgan")
        const page = open(session, "")
        type(findChild(page, "numberField"), "R-2026-047")
        tryVerify(() => findChild(page, "numberError").visible)
        compare(findChild(page, "numberError").text, "Release number R-2026-047 is already used: choose another.")
        type(findChild(page, "startField"), "2027-13-01")
        tryVerify(() => findChild(page, "startError").visible)
        verify(findChild(page, "startError").text.indexOf("is not a date") > 0)
        type(findChild(page, "startField"), "2027-03-01")
        type(findChild(page, "endField"), "2027-02-01")
        compare(findChild(page, "endError").text, "Planned end: is before the planned start")
        verify(!findChild(page, "startError").visible)
        verify(!findChild(page, "submitButton").enabled)
    }

    function test_aPlanIsChangedKeepingItsServiceAndSite() {
        const session = fixture.demoTablet("morgan")
        const page = open(session, fixture.releaseId(session, "R-2026-047"))
        compare(page.title, "Edit the plan of R-2026-047")
        verify(!findChild(page, "serviceBox").enabled)
        verify(!findChild(page, "siteBox").enabled)
        compare(findChild(page, "numberField").text, "R-2026-047")
        verify(findChild(page, "installer_Jo Whitaker").checked)
        tap(page, "installer_Jo Whitaker")
        tryVerify(() => !findChild(page, "installer_Jo Whitaker").checked)
        tap(page, "ownBackOutButton")
        verify(!findChild(page, "submitButton").enabled) // its own plan, not written yet
        type(findChild(page, "backOutField"), "Give the old laptop back.")
        tap(page, "submitButton")
        compare(findChild(page, "errorLabel").text, "")
        compare(savedSpy.count, 1)
        compare(savedSpy.signalArguments[0][1], false)
        compare(office.release(session, "R-2026-047").installers, 1)
        compare(office.queued(session, "setReleaseInstallers"), 1)
        compare(office.queued(session, "setReleaseFields"), 1)
    }
}
