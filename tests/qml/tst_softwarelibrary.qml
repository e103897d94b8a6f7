pragma ComponentBehavior: Bound

import QtQuick
import QtTest
import ReleaseDesk
import ReleaseDesk.Testing

TestCase {
    id: testCase
    Fixture { id: fixture }
    LibraryFixture { id: lib }
    name: "SoftwareLibraryPage"
    width: 1000
    height: 1000
    visible: true
    when: windowShown

    Component { id: pageComponent; SoftwareLibraryPage {} }
    Component { id: libraryComponent; OfficeLibrary {} }
    SignalSpy { id: opened; signalName: "openDslItem" }
    SignalSpy { id: adding; signalName: "addDslItem" }

    function open(session) {
        const library = libraryComponent.createObject(testCase, {session: session}) // outlives the page, as Main's does
        const page = createTemporaryObject(pageComponent, testCase, {session: session, library: library,
                                                                    width: 1000, height: 1000})
        opened.target = page
        opened.clear()
        adding.target = page
        adding.clear()
        return page
    }
    /** The list's row for @p product, once the list has made it. */
    function row(page, product) {
        const list = findChild(page, "itemList")
        let found = null
        tryVerify(() => {
            for (let i = 0; i < list.count; ++i) {
                list.positionViewAtIndex(i, ListView.Contain)
                const item = list.itemAtIndex(i)
                if (item && item.product === product) {
                    found = item
                    return true
                }
            }
            return false
        })
        return found
    }
    function type(field, text) {
        field.forceActiveFocus()
        for (let i = 0; i < text.length; ++i)
            keyClick(text[i])
    }

    function test_theLibrarySaysWhereEachItemIsAndWhatIsOut() {
        const session = fixture.demoTablet("devi")
        const page = open(session)
        compare(page.items.count, 9)
        compare(findChild(page, "summaryLabel").text, "9 software items, 1 with its original media out")
        verify(findChild(page, "addItemButton").visible)
        const smart = row(page, "SMART Notebook")
        verify(smart.mediaOut)
        const out = findChild(smart, "outLabel")
        verify(out.visible)
        verify(out.text.indexOf("Media out with Sam Okafor since") === 0, out.text)
        verify(out.text.indexOf("overdue") < 0)
        compare(smart.mediaLocation, "Cupboard B, shelf 2")
        compare(smart.checksum.length, 64)
        compare(smart.licences, "SMART Learning Suite site licence")
        verify(!findChild(row(page, "SIMS .net"), "outLabel").visible)
    }

    function test_mediaPastTheirDayBackAreOverdue() {
        const session = fixture.demoTablet("morgan")
        lib.mediaTakenOut(session, "SIMS .net", "devi", 6, 2)
        const page = open(session)
        const sims = row(page, "SIMS .net")
        verify(sims.overdue)
        const out = findChild(sims, "outLabel")
        verify(out.text.indexOf("Media out with Devi Raman since") === 0, out.text)
        verify(out.text.indexOf("overdue, due back") > 0, out.text)
        verify(out.font.bold)
    }

    function test_aSearchAsTypedAndAnItemOpens() {
        const session = fixture.demoTablet("sam")
        const page = open(session)
        verify(!findChild(page, "addItemButton").visible, "installers read the library")
        type(page.search, "cupboard")
        compare(page.items.count, 2)
        page.search.text = ""
        type(page.search, "sims")
        compare(page.items.count, 1)
        mouseClick(row(page, "SIMS .net"))
        compare(opened.count, 1)
        compare(opened.signalArguments[0][0], lib.dslItemId(session, "SIMS .net"))
        page.search.text = "nothing like it"
        compare(page.items.count, 0)
    }

    function test_theOfficeAddsAnItem() {
        const session = fixture.demoTablet("devi")
        const page = open(session)
        mouseClick(findChild(page, "addItemButton"))
        compare(adding.count, 1)
    }
}
