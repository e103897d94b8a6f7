pragma ComponentBehavior: Bound

import QtQuick
import QtTest
import ReleaseDesk
import ReleaseDesk.Testing

TestCase {
    id: testCase
    Fixture { id: fixture }
    name: "SignInPage"
    width: 800
    height: 1200
    visible: true
    when: windowShown

    Component { id: pageComponent; SignInPage {} }

    function test_missingFieldsAreSaid() {
        const session = fixture.newTablet()
        const page = createTemporaryObject(pageComponent, testCase, {session: session, width: 800, height: 1200})
        mouseClick(findChild(page, "signInButton"))
        verify(findChild(page, "errorLabel").text.indexOf("Fill in") === 0)
        verify(!session.signedIn)
    }

    function test_anUnreachableServerIsSaidInWords() {
        const session = fixture.newTablet()
        const page = createTemporaryObject(pageComponent, testCase, {session: session, width: 800, height: 1200})
        findChild(page, "serverField").text = fixture.closedServer()
        findChild(page, "nameField").text = "sam"
        findChild(page, "passwordField").text = "demo-password"
        mouseClick(findChild(page, "signInButton"))
        const error = findChild(page, "errorLabel")
        tryVerify(() => error.text.length > 0, 10000)
        verify(!session.signedIn)
        verify(findChild(page, "signInButton").enabled)
    }
}
