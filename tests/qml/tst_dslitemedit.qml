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
    name: "DslItemEditPage"
    width: 900
    height: 1100
    visible: true
    when: windowShown

    Component { id: pageComponent; DslItemEditPage {} }
    Component { id: libraryComponent; OfficeLibrary {} }
    SignalSpy { id: saved; signalName: "saved" }

    function open(session, dslItemId) {
        // Outlives the page, as Main's does.
        const library = libraryComponent.createObject(testCase, {session: session})
        const page = createTemporaryObject(pageComponent, testCase, {library: library, dslItemId: dslItemId,
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

    function test_anItemIsAddedByTyping() {
        const session = fixture.demoTablet("devi")
        const page = open(session, "")
        compare(page.title, "Add a software item")
        verify(page.productField.activeFocus, "the product is typed first")
        const save = findChild(page, "saveButton")
        verify(!save.enabled)
        type(page.productField, "Audacity")
        type(findChild(page, "versionField"), "3.4.2")
        type(findChild(page, "vendorField"), "Audacity Team")
        // The media's kind and the licence type, from the keyboard.
        const kind = findChild(page, "mediaKindBox")
        kind.forceActiveFocus()
        for (let i = 0; i < 5 && kind.currentText !== "USB drive"; ++i)
            keyClick(Qt.Key_Up)
        compare(kind.currentText, "USB drive")
        const licence = findChild(page, "licenceTypeBox")
        licence.forceActiveFocus()
        for (let i = 0; i < 6 && licence.currentText !== "Free"; ++i)
            keyClick(Qt.Key_Down)
        compare(licence.currentText, "Free")
        type(findChild(page, "mediaLocationField"), "Cupboard B, shelf 3")
        findChild(page, "buildLocationField").text = "\\\\fs01\\dsl\\audacity.msi"
        type(findChild(page, "checksumField"), "abc")
        verify(findChild(page, "checksumError").visible)
        verify(!save.enabled)
        findChild(page, "checksumField").text = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
        verify(!findChild(page, "checksumError").visible)
        verify(save.enabled)
        mouseClick(save)
        compare(saved.count, 1)
        compare(saved.signalArguments[0][0], lib.dslItemId(session, "Audacity"))
        compare(office.queued(session, "addDslItem"), 1)
    }

    function test_aProductAndVersionHeldAlreadyIsSaidAsTyped() {
        const session = fixture.demoTablet("devi")
        const page = open(session, "")
        type(page.productField, "SIMS .net")
        type(findChild(page, "versionField"), "7.214")
        const error = findChild(page, "versionError")
        verify(error.visible)
        compare(error.text, "The library holds SIMS .net 7.214 already.")
        keyClick(Qt.Key_5) // 7.2145 is not held
        verify(!error.visible)
    }

    function test_anItemIsChangedWithCtrlSAndLeavingAsksFirst() {
        const session = fixture.demoTablet("morgan")
        const sims = lib.dslItemId(session, "SIMS .net")
        const page = open(session, sims)
        compare(page.title, "Change SIMS .net 7.214")
        compare(page.productField.text, "SIMS .net")
        verify(!findChild(page, "saveButton").enabled)
        let left = 0
        verify(!page.confirmLeave(() => ++left), "nothing to lose: no question")
        const where = findChild(page, "mediaLocationField")
        where.text = ""
        type(where, "Safe in the bursar's office")
        verify(page.confirmLeave(() => ++left))
        tryCompare(page.leaveDialog, "opened", true)
        mouseClick(findChild(page.leaveDialog.contentItem, "stayButton"))
        tryCompare(page.leaveDialog, "visible", false)
        compare(left, 0)
        keySequence("Ctrl+S")
        compare(saved.count, 1)
        compare(office.queued(session, "setDslItemFields"), 1)
    }

    function test_anInstallerReadsTheItemOnly() {
        const session = fixture.demoTablet("sam")
        const page = open(session, lib.dslItemId(session, "SIMS .net"))
        verify(page.form.readOnly)
        verify(page.productField.readOnly)
        verify(!findChild(page, "saveButton").enabled)
    }
}
