pragma ComponentBehavior: Bound

import QtQuick
import QtTest
import ReleaseDesk
import ReleaseDesk.Testing

TestCase {
    id: testCase
    Fixture { id: fixture }
    BuildFixture { id: builds }
    name: "ServicePage"
    width: 1000
    height: 900
    visible: true
    when: windowShown

    Component { id: pageComponent; ServicePage {} }
    Component { id: officeComponent; OfficeBench {} }
    SignalSpy { id: openBuild; signalName: "openBuild" }
    SignalSpy { id: compareBuilds; signalName: "compareBuilds" }
    SignalSpy { id: editService; signalName: "editService" }

    function open(session, serviceName) {
        // Outlives the page, as Main's does: the page reads it until it goes.
        const office = officeComponent.createObject(testCase, {session: session})
        const page = createTemporaryObject(pageComponent, testCase,
                                           {session: session, office: office, width: 1000, height: 900,
                                            serviceId: builds.serviceId(session, serviceName)})
        for (const spy of [openBuild, compareBuilds, editService]) {
            spy.target = page
            spy.clear()
        }
        return page
    }
    function versionRow(page, row) {
        return findChild(page, "versionList").itemAtIndex(row)
    }

    function test_itsVersionsNewestFirstWithWhoAndWhen() {
        const session = fixture.demoTablet("devi")
        const page = open(session, "Curriculum laptop")
        compare(page.title, "Curriculum laptop")
        compare(page.versions.count, 2)
        const v2 = versionRow(page, 0)
        compare(v2.version, 2)
        compare(v2.status, "approved")
        compare(v2.who, "Morgan Hale")
        compare(versionRow(page, 1).status, "retired")
        compare(findChild(findChild(page, "versionList").headerItem, "stateLabel").text, "documented (v2 approved)")
        mouseClick(v2)
        compare(openBuild.count, 1)
        compare(openBuild.signalArguments[0][0], builds.buildId(session, "Curriculum laptop", 2))
        mouseClick(findChild(page, "compareButton"))
        compare(compareBuilds.count, 1)
        compare(compareBuilds.signalArguments[0][1], builds.buildId(session, "Curriculum laptop", 1))
        compare(compareBuilds.signalArguments[0][2], builds.buildId(session, "Curriculum laptop", 2))
    }

    function test_aBuildDeveloperDraftsTheNextVersionFromTheApprovedOne() {
        const session = fixture.demoTablet("devi")
        const page = open(session, "Curriculum laptop")
        const outbox = fixture.count(session, "outbox")
        const draft = findChild(page, "draftButton")
        verify(draft.visible)
        compare(draft.text, "Draft a new version")
        mouseClick(draft)
        compare(openBuild.count, 1)
        const v3 = builds.build(session, openBuild.signalArguments[0][0])
        compare(v3.version, 3)
        compare(v3.status, "draft")
        compare(v3.installation.length, 6) // copied from v2
        compare(fixture.count(session, "outbox"), outbox + 1)
        tryCompare(page.versions, "count", 3)
        // A build developer changes a service, but only a release manager retires one.
        verify(!findChild(page, "retireButton").visible)
        verify(findChild(page, "editButton").visible)
    }

    function test_aServiceWithoutABuildProcedureGetsItsFirst() {
        const session = fixture.demoTablet("devi")
        const page = open(session, "Exam room PC")
        compare(page.versions.count, 0)
        const draft = findChild(page, "draftButton")
        compare(draft.text, "Write its build procedure")
        verify(!findChild(page, "compareButton").visible)
        mouseClick(draft)
        compare(openBuild.count, 1)
        const v1 = builds.build(session, openBuild.signalArguments[0][0])
        compare(v1.version, 1)
        compare(v1.installation.length, 0)
    }

    function test_aReturnedVersionSaysWhy() {
        const session = fixture.demoTablet("morgan")
        const mis = builds.buildId(session, "MIS client", 1)
        builds.submitted(session, mis)
        const office = createTemporaryObject(officeComponent, testCase, {session: session})
        verify(office.returnBuild(mis, "Say which SIMS version the office runs").ok)
        const page = open(session, "MIS client")
        const returned = findChild(versionRow(page, 0), "returnedLabel")
        verify(returned.visible)
        compare(returned.text, "Returned: Say which SIMS version the office runs")
        // A release manager writes no build procedure.
        verify(!findChild(page, "draftButton").visible)
    }

    function test_aReleaseManagerRetiresAServiceWithAConfirm() {
        const session = fixture.demoTablet("morgan")
        const page = open(session, "Library kiosk")
        const retire = findChild(page, "retireButton")
        verify(retire.visible)
        mouseClick(retire)
        tryCompare(page.retireDialog, "opened", true)
        mouseClick(findChild(page.retireDialog.contentItem, "confirmRetireButton"))
        tryCompare(page.retireDialog, "visible", false)
        verify(builds.service(session, builds.serviceId(session, "Library kiosk")).retired)
        tryCompare(retire, "visible", false)
        // One with an open release stays, and the dialog says why.
        const laptop = open(session, "Curriculum laptop")
        mouseClick(findChild(laptop, "retireButton"))
        tryCompare(laptop.retireDialog, "opened", true)
        mouseClick(findChild(laptop.retireDialog.contentItem, "confirmRetireButton"))
        const error = findChild(laptop.retireDialog.contentItem, "retireError")
        verify(error.text.indexOf("still open") >= 0, error.text)
        verify(!builds.service(session, builds.serviceId(session, "Curriculum laptop")).retired)
    }
}
