pragma ComponentBehavior: Bound

import QtQuick
import QtTest
import ReleaseDesk
import ReleaseDesk.Testing

TestCase {
    id: testCase
    Fixture { id: fixture }
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
