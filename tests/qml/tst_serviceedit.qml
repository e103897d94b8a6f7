pragma ComponentBehavior: Bound

import QtQuick
import QtTest
import ReleaseDesk
import ReleaseDesk.Testing

TestCase {
    id: testCase
    Fixture { id: fixture }
    BuildFixture { id: builds }
    name: "ServiceEditPage"
    width: 900
    height: 1000
    visible: true
    when: windowShown

    Component { id: pageComponent; ServiceEditPage {} }
    Component { id: officeComponent; OfficeBench {} }
    SignalSpy { id: saved; signalName: "saved" }

    function open(session, serviceId) {
        // Outlives the page, as Main's does: the page reads it until it goes.
        const office = officeComponent.createObject(testCase, {session: session})
        const page = createTemporaryObject(pageComponent, testCase, {office: office, serviceId: serviceId,
                                                                    width: 900, height: 1000})
        saved.target = page
        saved.clear()
        return page
    }
    /** Types @p text into @p field as a keyboard would. */
    function type(field, text) {
        field.forceActiveFocus()
        for (let i = 0; i < text.length; ++i)
            keyClick(text[i])
    }

    function test_aServiceIsAdded() {
        const session = fixture.demoTablet("devi")
        const page = open(session, "")
        compare(page.title, "Add a service")
        verify(page.nameField.activeFocus, "the name is typed first")
        const save = findChild(page, "saveButton")
        verify(!save.enabled)
        type(page.nameField, "Visualiser")
        type(findChild(page, "descriptionField"), "A document camera on the teacher's desk")
        // Tab goes on from a text area to the next field, not into the text.
        keyClick(Qt.Key_Tab)
        verify(findChild(page, "userBenefitField").activeFocus)
        type(findChild(page, "userBenefitField"), "Show a book on the board")
        // The owner, from the keyboard: down the list to Devi Raman.
        const owner = findChild(page, "ownerBox")
        owner.forceActiveFocus()
        for (let i = 0; i < page.form.owners.length && owner.currentText !== "Devi Raman"; ++i)
            keyClick(Qt.Key_Down)
        compare(owner.currentText, "Devi Raman")
        verify(save.enabled)
        const outbox = fixture.count(session, "outbox")
        mouseClick(save)
        compare(saved.count, 1)
        const added = builds.service(session, saved.signalArguments[0][0])
        compare(added.name, "Visualiser")
        compare(added.description, "A document camera on the teacher's desk")
        compare(added.userBenefit, "Show a book on the board")
        compare(added.owner, "Devi Raman")
        compare(fixture.count(session, "outbox"), outbox + 1)
    }

    function test_aNameInUseIsSaidAsTyped() {
        const session = fixture.demoTablet("devi")
        const page = open(session, "")
        type(page.nameField, "MIS client")
        const error = findChild(page, "nameError")
        verify(error.visible)
        compare(error.text, "Another service is already called MIS client.")
        verify(!findChild(page, "saveButton").enabled)
        keyClick(Qt.Key_S) // "MIS clients" is free
        verify(!error.visible)
        verify(findChild(page, "saveButton").enabled)
    }

    function test_aServiceIsChangedWithCtrlS() {
        const session = fixture.demoTablet("morgan")
        const kiosk = builds.serviceId(session, "Library kiosk")
        const page = open(session, kiosk)
        compare(page.title, "Change Library kiosk")
        compare(page.nameField.text, "Library kiosk")
        verify(!findChild(page, "saveButton").enabled, "nothing changed yet")
        type(findChild(page, "userBenefitField"), "Find a book and where it is shelved")
        keySequence("Ctrl+S")
        compare(saved.count, 1)
        compare(builds.service(session, kiosk).userBenefit, "Find a book and where it is shelved")
    }

    function test_leavingWithChangesAsksFirst() {
        const session = fixture.demoTablet("morgan")
        const kiosk = builds.serviceId(session, "Library kiosk")
        const page = open(session, kiosk)
        let left = 0
        verify(!page.confirmLeave(() => ++left), "nothing to lose: no question")
        type(page.nameField, " 2")
        verify(page.confirmLeave(() => ++left))
        tryCompare(page.leaveDialog, "opened", true)
        mouseClick(findChild(page.leaveDialog.contentItem, "stayButton"))
        tryCompare(page.leaveDialog, "visible", false)
        compare(left, 0)
        compare(page.nameField.text, "Library kiosk 2")
        verify(page.confirmLeave(() => ++left))
        tryCompare(page.leaveDialog, "opened", true)
        mouseClick(findChild(page.leaveDialog.contentItem, "discardButton"))
        compare(left, 1)
        compare(page.nameField.text, "Library kiosk")
        compare(builds.service(session, kiosk).name, "Library kiosk")
    }

    function test_anInstallerCannotChangeTheCatalogue() {
        const session = fixture.demoTablet("sam")
        const page = open(session, builds.serviceId(session, "Library kiosk"))
        verify(page.form.readOnly)
        verify(page.nameField.readOnly)
        verify(!findChild(page, "saveButton").enabled)
    }
}
