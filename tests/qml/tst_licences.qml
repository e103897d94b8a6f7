pragma ComponentBehavior: Bound

import QtQuick
import QtTest
import ReleaseDesk
import ReleaseDesk.Testing

TestCase {
    id: testCase
    Fixture { id: fixture }
    LibraryFixture { id: lib }
    name: "LicencesPage"
    width: 1000
    height: 1000
    visible: true
    when: windowShown

    Component { id: pageComponent; LicencesPage {} }
    Component { id: libraryComponent; OfficeLibrary {} }
    SignalSpy { id: opened; signalName: "openLicence" }

    function open(session) {
        const library = libraryComponent.createObject(testCase, {session: session}) // outlives the page, as Main's does
        const page = createTemporaryObject(pageComponent, testCase, {session: session, library: library,
                                                                    width: 1000, height: 1000})
        opened.target = page
        opened.clear()
        return page
    }
    function row(page, name) {
        const list = findChild(page, "licenceList")
        let found = null
        tryVerify(() => {
            for (let i = 0; i < list.count; ++i) {
                list.positionViewAtIndex(i, ListView.Contain)
                const item = list.itemAtIndex(i)
                if (item && item.name === name) {
                    found = item
                    return true
                }
            }
            return false
        })
        return found
    }

    function test_theKeyIsMaskedUntilAsked() {
        const session = fixture.demoTablet("morgan")
        const page = open(session)
        compare(page.licences.count, 4)
        compare(findChild(page, "summaryLabel").text, "4 licences")
        verify(findChild(page, "addLicenceButton").visible)
        const sims = row(page, "SIMS .net client licences")
        compare(findChild(sims, "seatsLabel").text, "4 of 6 seats given")
        compare(findChild(sims, "expiryLabel").text, "Does not expire")
        const key = findChild(sims, "keyLabel")
        verify(key.visible)
        verify(key.text.indexOf("ESS-AGR-20417") < 0, key.text)
        mouseClick(findChild(sims, "showKeyButton"))
        compare(key.text, "Key: ESS-AGR-20417")
        mouseClick(findChild(sims, "showKeyButton"))
        verify(key.text.indexOf("ESS-AGR-20417") < 0)
        mouseClick(sims)
        compare(opened.count, 1)
        compare(opened.signalArguments[0][0], lib.licenceId(session, "SIMS .net client licences"))
    }

    function test_anInstallersPageNeverShowsAKey() {
        // The demo tablet holds the keys (an installer's pull would hold ""): none shows all the same.
        const session = fixture.demoTablet("sam")
        const page = open(session)
        compare(page.licences.count, 4)
        verify(!findChild(page, "addLicenceButton").visible)
        for (const name of ["SIMS .net client licences", "Sophos Endpoint (education)",
                            "SMART Learning Suite site licence", "Microsoft A3 for faculty and students"]) {
            const item = row(page, name)
            compare(item.key, "")
            verify(!item.hasKey)
            verify(!findChild(item, "keyLabel").visible)
            verify(!findChild(item, "showKeyButton").visible)
        }
        // As the pull leaves it: the log reads the same.
        lib.dropKeys(session)
        tryCompare(page.licences, "count", 4)
        compare(page.licences.error, "")
    }

    function test_licencesToLookAtSaySo() {
        const session = fixture.demoTablet("devi")
        lib.setLicence(session, "Microsoft A3 for faculty and students", 600, lib.dayFromToday(12))
        lib.setLicence(session, "SMART Learning Suite site licence", 1, lib.dayFromToday(-1))
        lib.fillLicence(session, "SIMS .net client licences")
        const page = open(session)
        compare(findChild(page, "summaryLabel").text, "4 licences, 2 to look at")
        const a3 = findChild(row(page, "Microsoft A3 for faculty and students"), "expiryLabel")
        compare(a3.text, "Expires on " + lib.dayFromToday(12))
        verify(a3.font.bold)
        compare(findChild(row(page, "SMART Learning Suite site licence"), "expiryLabel").text,
                "Expired on " + lib.dayFromToday(-1))
        const sims = findChild(row(page, "SIMS .net client licences"), "seatsLabel")
        compare(sims.text, "4 of 4 seats given")
        verify(sims.font.bold)
        page.search.text = "ESS"
        compare(page.licences.count, 0) // a key is not searched
        page.search.text = "sims"
        compare(page.licences.count, 1)
    }
}
