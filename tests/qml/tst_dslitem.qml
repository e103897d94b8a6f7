pragma ComponentBehavior: Bound

import QtQuick
import QtTest
import ReleaseDesk
import ReleaseDesk.Testing

TestCase {
    id: testCase
    Fixture { id: fixture }
    LibraryFixture { id: lib }
    OfficeFixture { id: office }
    name: "DslItemPage"
    width: 1000
    height: 1200
    visible: true
    when: windowShown

    Component { id: pageComponent; DslItemPage {} }
    Component { id: libraryComponent; OfficeLibrary {} }
    Component { id: formComponent; DslItemForm {} }
    SignalSpy { id: editing; signalName: "editDslItem" }
    SignalSpy { id: openingLicence; signalName: "openLicence" }

    function open(session, product) {
        const library = libraryComponent.createObject(testCase, {session: session}) // outlives the page, as Main's does
        const page = createTemporaryObject(pageComponent, testCase, {session: session, library: library,
                                                                    dslItemId: lib.dslItemId(session, product),
                                                                    width: 1000, height: 1200})
        editing.target = page
        editing.clear()
        openingLicence.target = page
        openingLicence.clear()
        tryVerify(() => page.book.item.loaded && findChild(page, "bookList").headerItem !== null)
        waitForRendering(page) // the header laid out: its buttons where a tap finds them
        return page
    }
    function header(page) {
        return findChild(page, "bookList").headerItem
    }
    function type(field, text) {
        field.forceActiveFocus()
        for (let i = 0; i < text.length; ++i)
            keyClick(text[i])
    }
    /** Opens the take-out dialog from the page's button, as a tap does. */
    function openTakeOut(page) {
        mouseClick(findChild(header(page), "takeOutButton"))
        tryCompare(page.takeOutDialog, "opened", true)
    }

    function test_mediaAreTakenOutOnceAndBookedBackIn() {
        const session = fixture.demoTablet("sam") // anyone takes the media out, as themselves
        const page = open(session, "SIMS .net")
        compare(page.title, "SIMS .net 7.214")
        compare(findChild(header(page), "mediaState").text, "The original media are in: Cupboard A, shelf 1.")
        verify(!findChild(header(page), "bookInButton").visible)
        verify(!findChild(header(page), "editButton").visible, "installers do not change the library")
        compare(page.book.count, 1) // Devi's, last week

        openTakeOut(page)
        verify(page.takeOutDialog.purpose.activeFocus)
        verify(page.takeOutDialog.expectedBack.text.length === 10, "a week ahead unless said otherwise")
        type(page.takeOutDialog.purpose, "Rebuild the exam room PCs")
        const back = lib.dayFromToday(2)
        page.takeOutDialog.expectedBack.text = back
        mouseClick(findChild(page.takeOutDialog.contentItem, "confirmTakeOutButton"))
        tryCompare(page.takeOutDialog, "visible", false)
        let loans = lib.loans(session, "SIMS .net")
        compare(loans.length, 2)
        verify(loans[0].out)
        compare(loans[0].takenBy, "Sam Okafor")
        compare(loans[0].purpose, "Rebuild the exam room PCs")
        compare(office.queued(session, "takeOutMedia"), 1)
        tryVerify(() => findChild(header(page), "mediaState").text.indexOf("Out with Sam Okafor since") === 0)
        verify(findChild(header(page), "bookInButton").visible)
        compare(page.book.count, 2)

        // A second time: refused, in the core's words, and nothing written.
        openTakeOut(page)
        type(page.takeOutDialog.purpose, "Again")
        mouseClick(findChild(page.takeOutDialog.contentItem, "confirmTakeOutButton"))
        compare(findChild(page.takeOutDialog.contentItem, "takeOutError").text,
                "the original media are already out with Sam Okafor; they must be booked back in first")
        verify(page.takeOutDialog.visible)
        page.takeOutDialog.close()
        tryCompare(page.takeOutDialog, "visible", false)
        compare(lib.loans(session, "SIMS .net").length, 2)
        compare(office.queued(session, "takeOutMedia"), 1)

        mouseClick(findChild(header(page), "bookInButton"))
        loans = lib.loans(session, "SIMS .net")
        verify(!loans[0].out)
        compare(loans[0].returnedBy, "Sam Okafor")
        compare(office.queued(session, "returnMedia"), 1)
        tryVerify(() => !findChild(header(page), "bookInButton").visible)
    }

    function test_aDayBackThatIsNotADateIsSaid() {
        const session = fixture.demoTablet("devi")
        const page = open(session, "Sophos Endpoint")
        openTakeOut(page)
        page.takeOutDialog.expectedBack.text = "next week"
        mouseClick(findChild(page.takeOutDialog.contentItem, "confirmTakeOutButton"))
        compare(findChild(page.takeOutDialog.contentItem, "takeOutError").text,
                "expected back: 'next week' is not a date (YYYY-MM-DD)")
        compare(lib.loans(session, "Sophos Endpoint").length, 0)
        // No day at all: allowed, and never overdue.
        page.takeOutDialog.expectedBack.text = ""
        mouseClick(findChild(page.takeOutDialog.contentItem, "confirmTakeOutButton"))
        tryCompare(page.takeOutDialog, "visible", false)
        compare(lib.loans(session, "Sophos Endpoint")[0].expectedBack, 0)
    }

    function test_overdueMediaSaySo() {
        const session = fixture.demoTablet("morgan")
        lib.mediaTakenOut(session, "SIMS .net", "devi", 6, 2)
        const page = open(session, "SIMS .net")
        const state = findChild(header(page), "mediaState")
        verify(state.text.indexOf("Out with Devi Raman since") === 0, state.text)
        verify(state.text.indexOf("and overdue: due back") > 0, state.text)
        // The release manager books them back in for Devi, as themselves.
        mouseClick(findChild(header(page), "bookInButton"))
        compare(lib.loans(session, "SIMS .net")[0].returnedBy, "Morgan Hale")
    }

    function test_theItemShowsItsChecksumLicencesAndHistory() {
        const session = fixture.demoTablet("devi")
        const page = open(session, "SIMS .net")
        compare(findChild(header(page), "checksumText").text.length, 64)
        verify(findChild(header(page), "editButton").visible)
        mouseClick(findChild(header(page), "editButton"))
        compare(editing.count, 1)
        const list = findChild(page, "bookList")
        const history = list.footerItem
        verify(history)
        compare(history.history.count, 0)
        compare(history.recordId, lib.dslItemId(session, "SIMS .net"))

        // The item changed in the office: its history says who changed what, and when.
        const form = createTemporaryObject(formComponent, testCase, {library: page.library, dslItemId: page.dslItemId})
        form.mediaLocation = "Safe in the bursar's office"
        form.submit()
        compare(form.error, "")
        tryCompare(history.history, "count", 1)
        const repeater = findChild(history, "historyRepeater")
        compare(repeater.itemAt(0).what, "Where the media are changed from Cupboard A, shelf 1 to Safe in the bursar's office")
        compare(repeater.itemAt(0).who, "Devi Raman")
        tryCompare(findChild(header(page), "mediaState"), "text", "The original media are in: Safe in the bursar's office.")
    }
}
