pragma ComponentBehavior: Bound

import QtQuick
import QtTest
import ReleaseDesk
import ReleaseDesk.Testing

// A room audit on the installer's tablet (issue 12): the room chosen by its door label read by the
// scanner gun, a burst of its assets' tags (one read twice), one tag typed that the inventory does
// not know and one of another room from the camera; the counts on the page follow each read. The
// audit is kept; the one not found is marked missing and the unknown one added to the room.
TestCase {
    id: testCase
    Fixture { id: fixture }
    name: "RoomAuditPage"
    width: 800
    height: 1000
    visible: true
    when: windowShown

    Component { id: pageComponent; RoomAuditPage { cameraWanted: false } }
    Component { id: sitesComponent; SitesPage {} }
    SignalSpy { id: auditRoomSpy; signalName: "auditRoom" }

    function open(session) {
        return createTemporaryObject(pageComponent, testCase, {session: session, width: 800, height: 1000})
    }

    function rowItem(list, index) {
        list.positionViewAtIndex(index, ListView.Contain)
        return list.itemAtIndex(index)
    }

    function test_anAuditByDoorLabelAndBursts() {
        const session = fixture.demoTablet("sam")
        const page = open(session)
        verify(findChild(page, "roomList").count > 10) // the rooms of sam's sites, to choose from
        page.controller.submit("ROOM:RAU/Library", "scanner") // the door label
        compare(page.audit.roomName, "Library")
        const tags = fixture.assetTagsInRoom(session, "Library")
        verify(tags.length >= 3)
        compare(findChild(page, "expectedCount").value, tags.length)
        compare(findChild(page, "missingCount").value, tags.length)

        for (let i = 0; i < tags.length - 1; ++i)
            page.controller.submit(tags[i], "scanner")
        page.controller.submit(tags[0], "scanner") // the burst's second read of the first
        const manual = findChild(page, "manualField")
        manual.text = "RAU-99999"
        mouseClick(findChild(page, "manualButton"))
        compare(manual.text, "")
        page.controller.submit(fixture.tagElsewhere(session, "Library"), "camera")

        compare(findChild(page, "expectedCount").value, tags.length)
        compare(findChild(page, "foundCount").value, tags.length - 1)
        compare(findChild(page, "missingCount").value, 1)
        compare(findChild(page, "unexpectedCount").value, 2)
        const list = findChild(page, "auditList")
        tryCompare(list, "count", tags.length + 2)

        mouseClick(findChild(page, "finishButton"))
        tryCompare(page.audit, "finished", true)
        compare(fixture.count(session, "room_audits"), 1)
        compare(fixture.count(session, "room_audit_lines"), tags.length + 2)

        // The asset not found, marked missing.
        const missing = rowItem(list, tags.length - 1)
        compare(missing.outcome, "missing")
        const mark = findChild(missing, "markMissingButton")
        verify(mark.visible)
        mouseClick(mark)
        tryCompare(missing, "markedMissing", true)
        compare(fixture.assetByTag(session, tags[tags.length - 1]).status, "missing")

        // The unknown tag added to the inventory here: expected and found now.
        const unknown = rowItem(list, tags.length)
        compare(unknown.outcome, "unknown")
        mouseClick(findChild(unknown, "addUnknownButton"))
        const dialog = page.addDialog
        tryCompare(dialog, "opened", true)
        dialog.makeField.text = "Dell"
        dialog.modelField.text = "Latitude 3440"
        mouseClick(findChild(dialog.contentItem, "saveAssetButton"))
        tryCompare(dialog, "visible", false)
        compare(findChild(page, "expectedCount").value, tags.length + 1)
        compare(findChild(page, "unexpectedCount").value, 1)
        verify(fixture.assetByTag(session, "RAU-99999"))

        // The office's view: the room's last audit and what it did not find, and an audit from the room.
        const sites = createTemporaryObject(sitesComponent, testCase, {session: session, width: 800, height: 1000})
        let library = null
        tryVerify(() => {
            library = findChild(sites, "room_Library")
            return library !== null
        })
        verify(library.lastAudit.length > 0)
        compare(library.missing, 1)
        auditRoomSpy.target = sites
        mouseClick(findChild(library, "auditButton"))
        compare(auditRoomSpy.count, 1)
        compare(auditRoomSpy.signalArguments[0][0], page.audit.roomId)
    }

    function test_anUnknownDoorLabelIsSaid() {
        const session = fixture.demoTablet("sam")
        const page = open(session)
        page.controller.submit("ROOM:RAU/Nowhere", "scanner")
        compare(page.audit.roomName, "")
        verify(page.audit.error.length > 0)
    }
}
