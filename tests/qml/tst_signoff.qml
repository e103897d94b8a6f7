pragma ComponentBehavior: Bound

import QtQuick
import QtTest
import ReleaseDesk
import ReleaseDesk.Testing

TestCase {
    id: testCase
    Fixture { id: fixture }
    LibraryFixture { id: lib }
    name: "SignOffPage"
    width: 800
    height: 1200
    visible: true
    when: windowShown

    Component { id: pageComponent; SignOffPage {} }
    Component { id: workbenchComponent; Workbench {} }
    SignalSpy { id: signedOff; signalName: "signedOff" }

    function open(session, id) {
        const bench = createTemporaryObject(workbenchComponent, testCase, {session: session})
        const page = createTemporaryObject(pageComponent, testCase, {session: session, workbench: bench,
                                                                    installationId: id, width: 800, height: 1200})
        signedOff.target = page
        signedOff.clear()
        return page
    }

    function test_theUserSignsWithAFinger() {
        const session = fixture.demoTablet("sam")
        const id = fixture.completedChecklist(session, "R-2026-047")
        const page = open(session, id)
        const accept = findChild(page, "acceptButton")
        verify(accept.enabled)
        // No name, no signature: said, nothing written.
        mouseClick(accept)
        compare(signedOff.count, 0)
        verify(findChild(page, "errorLabel").text.indexOf("name") > 0)
        page.nameField.text = "Ms A. Okafor"
        mouseClick(accept)
        compare(signedOff.count, 0)
        verify(findChild(page, "errorLabel").text.indexOf("sign") > 0)

        // A stroke drawn on the pad.
        const pad = page.pad
        mousePress(pad, 20, 40)
        for (let x = 30; x <= 200; x += 10)
            mouseMove(pad, x, 40 + (x % 30))
        mouseRelease(pad, 200, 50)
        verify(!pad.empty)
        verify(pad.strokes.split(" ").length >= 10, pad.strokes)

        mouseClick(accept)
        compare(signedOff.count, 1)
        compare(fixture.installation(session, id).status, "accepted")
        compare(fixture.count(session, "signoffs"), 3) // two from last month's release, and this one
    }

    /** The user's name and a stroke on the pad, as a user gives them. */
    function signAs(page, name) {
        page.nameField.forceActiveFocus()
        for (let i = 0; i < name.length; ++i)
            keyClick(name[i])
        mousePress(page.pad, 20, 40)
        for (let x = 30; x <= 200; x += 10)
            mouseMove(page.pad, x, 40 + (x % 30))
        mouseRelease(page.pad, 200, 50)
    }

    function test_aFullLicenceAsksTheInstallerWhyBeforeTheUserSigns() {
        const session = fixture.demoTablet("sam")
        const id = fixture.completedChecklist(session, "R-2026-047")
        lib.fillLicence(session, "Sophos Endpoint (education)") // as the office's change brought it
        const page = open(session, id)
        // Said before the signature is taken: which licence, and how full.
        const card = findChild(page, "seatCard")
        verify(card.visible)
        const full = findChild(page, "fullLicenceLabel").text
        verify(full.indexOf("Sophos Endpoint (education) has no seat left") === 0, full)
        verify(!findChild(page, "seatsLabel").visible)
        signAs(page, "Mr B. Tan")
        mouseClick(findChild(page, "acceptButton"))
        compare(signedOff.count, 0)
        compare(findChild(page, "errorLabel").text, "Say why the installation goes ahead without a free licence seat.")
        verify(page.seatReasonField.activeFocus)
        compare(fixture.installation(session, id).status, "in-progress")

        const reason = "The Sophos renewal with 50 more seats is signed; the order follows"
        for (let i = 0; i < reason.length; ++i)
            keyClick(reason[i])
        mouseClick(findChild(page, "acceptButton"))
        compare(signedOff.count, 1)
        compare(fixture.installation(session, id).status, "accepted")
        const signed = lib.signOff(session, id)
        compare(signed.seatOverrideReason, reason)
        compare(signed.seats, 2) // Sophos, past its seats, and the A3 subscription
    }

    function test_aFreeSeatAsksNothing() {
        const session = fixture.demoTablet("sam")
        const id = fixture.completedChecklist(session, "R-2026-047")
        const page = open(session, id)
        verify(!findChild(page, "seatCard").visible)
        const seats = findChild(page, "seatsLabel")
        verify(seats.visible)
        compare(seats.text, "Signing takes a licence seat of: Microsoft A3 for faculty and students, Sophos Endpoint (education).")
        signAs(page, "Ms A. Okafor")
        mouseClick(findChild(page, "acceptButton"))
        compare(signedOff.count, 1)
        const signed = lib.signOff(session, id)
        compare(signed.seatOverrideReason, "")
        compare(signed.seats, 2)
    }

    function test_aLicenceFilledWhileThePageIsOpenIsAskedAtOnce() {
        const session = fixture.demoTablet("sam")
        const id = fixture.completedChecklist(session, "R-2026-047")
        const page = open(session, id)
        verify(!findChild(page, "seatCard").visible)
        lib.fillLicence(session, "Sophos Endpoint (education)") // a sync brings the office's change
        tryVerify(() => findChild(page, "seatCard").visible)
    }

    function test_anIncompleteChecklistCannotBeSigned() {
        const session = fixture.demoTablet("sam")
        const id = fixture.installations(session, "R-2026-047")[0]
        const page = open(session, id)
        verify(!findChild(page, "acceptButton").enabled)
        page.nameField.text = "Mr B. Tan"
        page.pad.addStroke([{x: 1, y: 1}, {x: 5, y: 9}])
        verify(!page.accept())
        compare(fixture.installation(session, id).status, "in-progress")
    }
}
