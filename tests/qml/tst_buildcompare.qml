pragma ComponentBehavior: Bound

import QtQuick
import QtTest
import ReleaseDesk
import ReleaseDesk.Testing

TestCase {
    id: testCase
    Fixture { id: fixture }
    BuildFixture { id: builds }
    name: "BuildComparePage"
    width: 1100
    height: 900
    visible: true
    when: windowShown

    Component { id: pageComponent; BuildComparePage {} }
    Component { id: officeComponent; OfficeBench {} }

    function open(session, service, from, to) {
        return createTemporaryObject(pageComponent, testCase,
                                     {session: session, width: 1100, height: 900,
                                      serviceId: builds.serviceId(session, service),
                                      fromBuildId: builds.buildId(session, service, from),
                                      toBuildId: builds.buildId(session, service, to)})
    }
    function rowAt(page, index) {
        const list = findChild(page, "diffList")
        list.positionViewAtIndex(index, 0)
        return list.itemAtIndex(index)
    }

    function test_whatV2ChangedFromV1() {
        const session = fixture.demoTablet("morgan")
        const page = open(session, "Curriculum laptop", 1, 2)
        compare(page.title, "Curriculum laptop: what changed")
        compare(findChild(page, "summaryLabel").text, "1 software item added; notes changed")
        compare(findChild(page, "fromBox").currentText, "v1 · Retired")
        compare(findChild(page, "toBox").currentText, "v2 · Approved")
        compare(page.diff.count, 2)
        const notes = rowAt(page, 0)
        compare(notes.kind, "changed")
        compare(findChild(notes, "afterLabel").text, "v2: adds GeoGebra Classic for maths; otherwise as v1.")
        verify(findChild(notes, "beforeLabel").font.strikeout)
        const geogebra = rowAt(page, 1)
        compare(geogebra.kind, "added")
        compare(geogebra.label, "GeoGebra Classic")
        // With the unchanged lines too, every line is there once.
        mouseClick(findChild(page, "unchangedSwitch"))
        compare(page.diff.count, 3 + 6 + 12)
    }

    function test_aDraftComparedLineByLine() {
        const session = fixture.demoTablet("devi")
        const office = createTemporaryObject(officeComponent, testCase, {session: session})
        const v2 = builds.buildId(session, "Curriculum laptop", 2)
        verify(office.draftBuild(builds.serviceId(session, "Curriculum laptop"), v2).ok)
        const page = open(session, "Curriculum laptop", 2, 2)
        compare(page.diff.count, 0)
        compare(findChild(page, "summaryLabel").text, "No differences: the two versions are the same.")
        // The newer one chosen from the list: v3, a copy of v2 so far.
        const to = findChild(page, "toBox")
        to.forceActiveFocus()
        keyClick(Qt.Key_Up)
        compare(to.currentText, "v3 · Draft")
        compare(page.toBuildId, builds.buildId(session, "Curriculum laptop", 3))
        compare(page.diff.count, 0)
    }
}
