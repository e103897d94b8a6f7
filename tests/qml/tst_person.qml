pragma ComponentBehavior: Bound

import QtQuick
import QtTest
import ReleaseDesk
import ReleaseDesk.Testing

TestCase {
    id: testCase
    Fixture { id: fixture }
    OfficeFixture { id: office }
    name: "PersonPage"
    width: 800
    height: 1200
    visible: true
    when: windowShown

    Component { id: pageComponent; PersonPage {} }
    Component { id: peopleComponent; OfficePeople {} }
    SignalSpy { id: savedSpy; signalName: "saved" }

    function open(session, userId) {
        const people = createTemporaryObject(peopleComponent, testCase, {session: session})
        const page = createTemporaryObject(pageComponent, testCase,
                                           {people: people, userId: userId, width: 800, height: 1200})
        savedSpy.target = page
        savedSpy.clear()
        return page
    }
    function type(field, text) {
        field.forceActiveFocus()
        field.selectAll()
        keyClick(Qt.Key_Delete)
        for (const c of text)
            keyClick(c)
    }

    function test_aPersonIsAddedByHand() {
        const session = fixture.demoTablet("morgan")
        const page = open(session, "")
        compare(page.title, "Add a person")
        const submit = findChild(page, "submitButton")
        verify(!submit.enabled)
        compare(findChild(page, "missingLabel").text, "Still needed: a sign-in name and at least one site.")
        type(findChild(page, "nameField"), "sam")
        tryVerify(() => findChild(page, "nameError").visible)
        type(findChild(page, "nameField"), "priya")
        verify(!findChild(page, "nameError").visible)
        type(findChild(page, "displayNameField"), "Priya Shah")
        mouseClick(findChild(page, "site_Riverside Academy - Lower School"))
        tryVerify(() => submit.enabled)
        mouseClick(submit)
        compare(savedSpy.count, 1)
        compare(savedSpy.signalArguments[0][1], true)
        const priya = office.person(session, "priya")
        verify(priya)
        compare(savedSpy.signalArguments[0][0], priya.userId)
        compare(priya.displayName, "Priya Shah")
        compare(priya.role, "installer")
        compare(priya.sites, 1)
        compare(office.queued(session, "addPerson"), 1)
    }

    function test_aPersonsRoleChangesAndTheyAreSwitchedOff() {
        const session = fixture.demoTablet("morgan")
        const page = open(session, office.person(session, "alex").userId)
        compare(page.title, "Alex Moreau")
        verify(!findChild(page, "nameField").enabled)
        const role = findChild(page, "roleBox")
        verify(role.enabled)
        const index = role.find("Build developer")
        role.currentIndex = index
        role.activated(index)
        mouseClick(findChild(page, "submitButton"))
        compare(savedSpy.count, 1)
        compare(savedSpy.signalArguments[0][1], false)
        compare(office.person(session, "alex").role, "build-developer")

        const active = findChild(page, "activeSwitch")
        verify(active.checked)
        mouseClick(active)
        tryCompare(active, "checked", false)
        compare(office.person(session, "alex").active, false)
        compare(office.queued(session, "setPersonFields"), 2)
    }

    function test_theSignedInReleaseManagerCannotLockThemselvesOut() {
        const session = fixture.demoTablet("morgan")
        const page = open(session, office.person(session, "morgan").userId)
        verify(!findChild(page, "roleBox").enabled)
        verify(!findChild(page, "activeSwitch").enabled)
    }

    function test_aPasswordIsSetOnlineOnly() {
        const session = fixture.demoTablet("morgan") // its server: a closed port, never reached
        const page = open(session, office.person(session, "jo").userId)
        const button = findChild(page, "passwordButton")
        verify(!button.enabled)
        type(page.passwordField, "a-new-password")
        verify(button.enabled)
        mouseClick(button)
        const result = findChild(page, "passwordResult")
        tryVerify(() => result.visible)
        verify(result.text.indexOf("once this computer is online") > 0, result.text)
        compare(fixture.count(session, "outbox"), 0) // never queued for later
    }
}
