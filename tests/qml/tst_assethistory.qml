pragma ComponentBehavior: Bound

import QtQuick
import QtTest
import ReleaseDesk
import ReleaseDesk.Testing

TestCase {
    id: testCase
    Fixture { id: fixture }
    LibraryFixture { id: lib }
    name: "AssetHistory"
    width: 800
    height: 1200
    visible: true
    when: windowShown

    Component { id: assetComponent; AssetPage {} }
    Component { id: workbenchComponent; Workbench {} }
    SignalSpy { id: openedInstallation; signalName: "openInstallation" }

    function open(session, assetId) {
        const page = createTemporaryObject(assetComponent, testCase, {session: session, assetId: assetId,
                                                                     width: 800, height: 1200})
        openedInstallation.target = page
        openedInstallation.clear()
        tryVerify(() => page.history.asset.loaded)
        return page
    }
    /** The history's rows as the list shows them: [{what, who, release, kind, item}], newest first. */
    function rows(page) {
        const list = findChild(page, "historyList")
        const out = []
        for (let i = 0; i < list.count; ++i) {
            list.positionViewAtIndex(i, ListView.Contain)
            let item = null
            tryVerify(() => (item = list.itemAtIndex(i)) !== null)
            out.push({what: item.what, who: item.who, release: item.release, kind: item.kind, item: item})
        }
        return out
    }

    function test_everyFieldChangeIsThereWithWhoAndWhen() {
        const session = fixture.demoTablet("sam")
        const before = fixture.assetByTag(session, "RAU-00001")
        const room = lib.assetChanged(session, "RAU-00001", "spare", "morgan")
        const page = open(session, before.assetId)
        const history = rows(page)
        compare(history.length, 2)
        compare(history[0].what, "Status changed from in use to spare")
        compare(history[0].who, "Morgan Hale")
        compare(history[0].kind, "change")
        compare(history[1].what, "Room changed from " + before.room + " to " + room)
        const kind = findChild(history[0].item, "kindLabel")
        verify(kind.visible)
        compare(kind.text, "Change")
        mouseClick(history[0].item)
        compare(openedInstallation.count, 0) // a change opens nothing
    }

    function test_seatsAndTheWorkAreInOneTimeOrder() {
        const session = fixture.demoTablet("sam")
        const id = fixture.completedChecklist(session, "R-2026-047")
        const bench = createTemporaryObject(workbenchComponent, testCase, {session: session})
        bench.signOff(id, "Ms A. Okafor", "10,10 20,20;30,30 40,45")
        compare(fixture.installation(session, id).status, "accepted")
        const assetId = fixture.installation(session, id).assetId
        const page = open(session, assetId)
        const history = rows(page)
        const seats = history.filter(r => r.kind === "licence")
        compare(seats.length, 2)
        verify(seats.some(r => r.what === "Seat of Sophos Endpoint (education) given"), JSON.stringify(seats.map(r => r.what)))
        compare(seats[0].release, "R-2026-047")
        compare(seats[0].who, "Sam Okafor")
        verify(history.some(r => r.what === "Accepted by Ms A. Okafor"))
        verify(history.filter(r => r.kind === "work").length > 10)
        // A seat given at a sign-off opens the installation it came with.
        mouseClick(seats[0].item)
        compare(openedInstallation.count, 1)
        compare(openedInstallation.signalArguments[0][0], id)
    }
}
