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
    name: "LicenceEditPage"
    width: 900
    height: 1100
    visible: true
    when: windowShown

    Component { id: pageComponent; LicenceEditPage {} }
    Component { id: libraryComponent; OfficeLibrary {} }
    SignalSpy { id: saved; signalName: "saved" }

    function open(session, licenceId) {
        const library = libraryComponent.createObject(testCase, {session: session})
        const page = createTemporaryObject(pageComponent, testCase, {library: library, licenceId: licenceId,
                                                                    width: 900, height: 1100})
        saved.target = page
        saved.clear()
        return page
    }
    function type(field, text) {
        field.forceActiveFocus()
        for (let i = 0; i < text.length; ++i)
            keyClick(text[i])
    }

    function test_aLicenceIsAddedByTyping() {
        const session = fixture.demoTablet("devi")
        const page = open(session, "")
        compare(page.title, "Add a licence")
        verify(page.nameField.activeFocus)
        type(page.nameField, "GeoGebra classroom")
        type(page.keyField, "GGB-4471")
        compare(page.keyField.echoMode, TextInput.Password) // masked until shown
        mouseClick(findChild(page, "showKeyButton"))
        compare(page.keyField.echoMode, TextInput.Normal)
        const seats = findChild(page, "seatsBox")
        seats.forceActiveFocus()
        for (let i = 0; i < 4; ++i)
            keyClick(Qt.Key_Up)
        compare(page.form.seats, 5)
        type(findChild(page, "expiresField"), "31/07/2027")
        verify(findChild(page, "expiresError").visible)
        verify(!findChild(page, "saveButton").enabled)
        findChild(page, "expiresField").text = "2027-07-31"
        verify(!findChild(page, "expiresError").visible)
        type(findChild(page, "supplierField"), "Softcat")
        type(findChild(page, "purchaseRefField"), "PO-2231")
        const software = findChild(page, "softwareBox")
        software.forceActiveFocus()
        for (let i = 0; i < 10 && software.currentText !== "GeoGebra Classic 6.0"; ++i)
            keyClick(Qt.Key_Down)
        compare(software.currentText, "GeoGebra Classic 6.0")
        mouseClick(findChild(page, "saveButton"))
        compare(saved.count, 1)
        const added = lib.licence(session, "GeoGebra classroom")
        compare(added.key, "GGB-4471")
        compare(added.seats, 5)
        compare(added.expiresOn, "2027-07-31")
        compare(added.supplier, "Softcat")
        compare(added.purchaseRef, "PO-2231")
        compare(added.software, "GeoGebra Classic")
        compare(office.queued(session, "addLicence"), 1)
    }

    function test_fewerSeatsThanGivenWarnsAndSaves() {
        const session = fixture.demoTablet("morgan")
        const page = open(session, lib.licenceId(session, "SIMS .net client licences"))
        compare(page.title, "Change SIMS .net client licences")
        compare(page.keyField.text, "ESS-AGR-20417")
        page.form.seats = 3
        const warning = findChild(page, "seatsWarning")
        verify(warning.visible)
        compare(warning.text, "Seats given already: 4. Fewer bought leaves the licence over-used until some are taken back.")
        verify(findChild(page, "saveButton").enabled)
        keySequence("Ctrl+S")
        compare(saved.count, 1)
        compare(lib.licence(session, "SIMS .net client licences").seats, 3)
        compare(office.queued(session, "setLicenceFields"), 1)
    }

    function test_anInstallerHasNoKeyFieldAndChangesNothing() {
        const session = fixture.demoTablet("sam")
        const page = open(session, lib.licenceId(session, "SIMS .net client licences"))
        verify(page.form.readOnly)
        verify(!page.keyField.visible)
        compare(page.keyField.text, "")
        compare(page.form.key, "")
        verify(!findChild(page, "saveButton").enabled)
    }
}
