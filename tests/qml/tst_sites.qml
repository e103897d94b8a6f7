pragma ComponentBehavior: Bound

import QtQuick
import QtTest
import ReleaseDesk
import ReleaseDesk.Testing

// A school's sites and rooms, as a release manager sets them up: a site added (refused with the
// core's words when its code is taken), then a room, each shown in the list at once.
TestCase {
    id: testCase
    Fixture { id: fixture }
    name: "SitesPage"
    width: 800
    height: 1000
    visible: true
    when: windowShown

    Component { id: pageComponent; SitesPage {} }

    function open(session) {
        return createTemporaryObject(pageComponent, testCase, {session: session, width: 800, height: 1000})
    }

    function test_aSiteAndARoomAdded() {
        const session = fixture.demoTablet("morgan")
        const page = open(session)
        const list = findChild(page, "sitesList")
        tryCompare(list, "count", 2) // the demo school's two sites

        mouseClick(findChild(page, "addSiteButton"))
        const dialog = page.addSiteDialog
        tryCompare(dialog, "opened", true)
        dialog.nameField.text = "Riverside Sixth Form"
        dialog.codeField.text = "RAU" // the Upper School's code
        mouseClick(findChild(dialog.contentItem, "saveSiteButton"))
        verify(dialog.error.length > 0) // refused in words: nothing added
        compare(list.count, 2)
        dialog.codeField.text = "RSF"
        mouseClick(findChild(dialog.contentItem, "saveSiteButton"))
        tryCompare(dialog, "visible", false) // closed, its dimming gone: the page takes taps again
        tryCompare(list, "count", 3)
        compare(session.pendingChanges, 1) // queued for the server

        let row = null
        for (let i = 0; i < list.count; ++i) {
            list.positionViewAtIndex(i, ListView.Beginning) // each site's rooms make the rows tall
            const item = list.itemAtIndex(i)
            if (item && item.name === "Riverside Sixth Form")
                row = item
        }
        verify(row)
        compare(row.roomCount, 0)
        mouseClick(findChild(row, "addRoomButton"))
        const rooms = page.addRoomDialog
        tryCompare(rooms, "opened", true)
        rooms.nameField.text = "Study Centre"
        mouseClick(findChild(rooms.contentItem, "saveRoomButton"))
        tryCompare(rooms, "opened", false)
        tryVerify(() => {
            for (let i = 0; i < list.count; ++i) {
                const item = list.itemAtIndex(i)
                if (item && item.name === "Riverside Sixth Form")
                    return item.roomCount === 1 && item.rooms === "Study Centre"
            }
            return false
        })
        compare(session.pendingChanges, 2)
    }

    function test_anInstallerCannotAddASite() {
        const session = fixture.demoTablet("sam")
        const page = open(session)
        mouseClick(findChild(page, "addSiteButton"))
        const dialog = page.addSiteDialog
        tryCompare(dialog, "opened", true)
        dialog.nameField.text = "Nowhere"
        dialog.codeField.text = "NW"
        mouseClick(findChild(dialog.contentItem, "saveSiteButton"))
        verify(dialog.error.indexOf("release manager") >= 0)
        compare(session.pendingChanges, 0)
    }
}
