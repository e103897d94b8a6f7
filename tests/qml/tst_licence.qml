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
    name: "LicencePage"
    width: 1000
    height: 1200
    visible: true
    when: windowShown

    Component { id: pageComponent; LicencePage {} }
    Component { id: libraryComponent; OfficeLibrary {} }
    SignalSpy { id: openedAsset; signalName: "openAsset" }
    SignalSpy { id: editing; signalName: "editLicence" }

    function open(session, name) {
        const library = libraryComponent.createObject(testCase, {session: session}) // outlives the page, as Main's does
        const page = createTemporaryObject(pageComponent, testCase, {session: session, library: library,
                                                                    licenceId: lib.licenceId(session, name),
                                                                    width: 1000, height: 1200})
        openedAsset.target = page
        openedAsset.clear()
        editing.target = page
        editing.clear()
        tryVerify(() => page.seats.licence.loaded && findChild(page, "seatList").headerItem !== null)
        waitForRendering(page) // the header laid out: its buttons where a tap finds them
        return page
    }
    function header(page) {
        return findChild(page, "seatList").headerItem
    }
    function type(field, text) {
        field.forceActiveFocus()
        for (let i = 0; i < text.length; ++i)
            keyClick(text[i])
    }

    function test_theKeyIsMaskedUntilAsked() {
        const session = fixture.demoTablet("devi")
        const page = open(session, "SIMS .net client licences")
        compare(page.title, "SIMS .net client licences")
        const key = findChild(header(page), "keyText")
        verify(findChild(header(page), "keyRow").visible)
        verify(key.text.indexOf("ESS") < 0, key.text)
        mouseClick(findChild(header(page), "showKeyButton"))
        compare(key.text, "ESS-AGR-20417")
        mouseClick(findChild(header(page), "showKeyButton"))
        verify(key.text.indexOf("ESS") < 0)
        compare(findChild(header(page), "seatsLabel").text, "4 of 6 seats given, 2 free")
        compare(page.seats.count, 4)
        mouseClick(findChild(header(page), "editButton"))
        compare(editing.count, 1)
    }

    function test_anInstallersPageHasNoKeyAtAll() {
        const session = fixture.demoTablet("sam")
        const page = open(session, "SIMS .net client licences")
        verify(!findChild(header(page), "keyRow").visible)
        verify(findChild(header(page), "keyText").text.indexOf("ESS") < 0)
        verify(!findChild(header(page), "giveSeatButton").visible)
        verify(!findChild(header(page), "editButton").visible)
        // Even asked for directly, the page gets none.
        page.shownKey = page.library.licenceKey(page.licenceId)
        compare(page.shownKey, "")
        compare(findChild(header(page), "keyText").text.indexOf("ESS"), -1)
        // And with the keys an installer's pull leaves: "".
        lib.dropKeys(session)
        tryVerify(() => page.seats.licence.loaded)
        verify(!findChild(header(page), "keyRow").visible)
    }

    function test_aSeatGoesPastAFullLicenceOnlyWithAReason() {
        const session = fixture.demoTablet("morgan")
        lib.fillLicence(session, "SIMS .net client licences")
        const page = open(session, "SIMS .net client licences")
        compare(findChild(header(page), "seatsLabel").text, "4 of 4 seats given: none left")
        mouseClick(findChild(header(page), "giveSeatButton"))
        const dialog = page.giveSeatDialog
        tryCompare(dialog, "opened", true)
        const tag = lib.assetWithoutSeat(session, "SIMS .net client licences")
        type(dialog.search, tag)
        tryCompare(dialog, "assetId", dialog.found[0].assetId)
        const confirm = findChild(dialog.contentItem, "confirmGiveSeatButton")
        verify(findChild(dialog.contentItem, "fullLabel").visible)
        verify(!confirm.enabled, "a full licence needs the reason")
        type(dialog.reason, "The bursar's new PC; two more seats are on order (PO-1203)")
        verify(confirm.enabled)
        mouseClick(confirm)
        tryCompare(dialog, "visible", false)
        compare(lib.seat(session, "SIMS .net client licences", tag).overrideReason,
                "The bursar's new PC; two more seats are on order (PO-1203)")
        compare(lib.seat(session, "SIMS .net client licences", tag).assignedBy, "Morgan Hale")
        compare(office.queued(session, "assignLicence"), 1)
        tryCompare(findChild(header(page), "seatsLabel"), "text", "5 of 4 seats given: over-used by 1")
        const list = findChild(page, "seatList")
        tryVerify(() => list.itemAtIndex(0) !== null && list.itemAtIndex(0).assetTag === tag)
        verify(findChild(list.itemAtIndex(0), "overrideLabel").visible)
    }

    function test_aSeatIsGivenFreelyAndTakenBack() {
        const session = fixture.demoTablet("devi")
        const page = open(session, "Sophos Endpoint (education)")
        const before = page.seats.count
        mouseClick(findChild(header(page), "giveSeatButton"))
        const dialog = page.giveSeatDialog
        tryCompare(dialog, "opened", true)
        verify(!findChild(dialog.contentItem, "fullLabel").visible)
        const tag = lib.assetWithoutSeat(session, "Sophos Endpoint (education)")
        type(dialog.search, tag)
        tryCompare(dialog, "assetId", dialog.found[0].assetId)
        mouseClick(findChild(dialog.contentItem, "confirmGiveSeatButton"))
        tryCompare(dialog, "visible", false)
        compare(lib.seat(session, "Sophos Endpoint (education)", tag).overrideReason, "")
        tryCompare(page.seats, "count", before + 1)

        const list = findChild(page, "seatList")
        tryVerify(() => list.itemAtIndex(0) !== null && list.itemAtIndex(0).assetTag === tag)
        mouseClick(findChild(list.itemAtIndex(0), "takeBackButton"))
        tryCompare(page.takeBackDialog, "opened", true)
        compare(page.takeBackDialog.title, "Take the seat back from " + tag + "?")
        mouseClick(findChild(page.takeBackDialog.contentItem, "confirmTakeBackButton"))
        tryCompare(page.seats, "count", before)
        verify(!lib.seat(session, "Sophos Endpoint (education)", tag))
        compare(office.queued(session, "unassignLicence"), 1)

        // A seat opens its asset, with its history.
        tryCompare(page.takeBackDialog, "visible", false)
        mouseClick(list.itemAtIndex(0))
        compare(openedAsset.count, 1)
    }

    function test_theLicencesHistorySaysWhoChangedIt() {
        const session = fixture.demoTablet("devi")
        const page = open(session, "SIMS .net client licences")
        const form = createTemporaryObject(formComponent, testCase, {library: page.library, licenceId: page.licenceId})
        form.seats = 8
        form.key = "ESS-AGR-30001"
        form.submit()
        compare(form.error, "")
        const history = findChild(page, "seatList").footerItem
        tryCompare(history.history, "count", 2)
        const repeater = findChild(history, "historyRepeater")
        const first = repeater.itemAt(0).what
        const second = repeater.itemAt(1).what
        verify(first === "Seats changed from 6 to 8" || second === "Seats changed from 6 to 8", first + " | " + second)
        verify(first === "Key changed" || second === "Key changed", first + " | " + second)
        compare(repeater.itemAt(0).who, "Devi Raman")
    }

    Component { id: formComponent; LicenceForm {} }
}
