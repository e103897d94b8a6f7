pragma ComponentBehavior: Bound

import QtQuick
import QtTest
import ReleaseDesk
import ReleaseDesk.Testing

// The services and build procedures pages in the app's window: reached from the menu by the
// office roles, one leading to the next, and unsaved edits asking before they are left.
TestCase {
    id: testCase
    Fixture { id: fixture }
    BuildFixture { id: builds }
    name: "ServicesNavigation"
    when: windowShown

    Component { id: windowComponent; Main {} }

    function open(session) {
        const window = createTemporaryObject(windowComponent, testCase, {session: session, width: 1280, height: 800})
        verify(window)
        return window
    }
    function settle(window) {
        tryCompare(window.stack, "busy", false)
    }

    function test_theMenuOffersServicesToTheOffice() {
        const devi = open(fixture.demoTablet("devi"))
        settle(devi)
        mouseClick(findChild(devi, "menuButton"))
        const item = findChild(devi, "servicesMenuItem")
        tryVerify(() => item.visible)
        mouseClick(item)
        settle(devi)
        compare(devi.stack.currentItem.title, "Services")
        // An installer's menu has no such entry.
        const sam = open(fixture.demoTablet("sam"))
        settle(sam)
        mouseClick(findChild(sam, "menuButton"))
        const none = findChild(sam, "servicesMenuItem")
        wait(200)
        verify(!none.visible)
        compare(none.height, 0)
    }

    function test_fromTheCatalogueToTheEditorAndBack() {
        const session = fixture.demoTablet("devi")
        const window = open(session)
        window.services.openServices()
        settle(window)
        window.stack.currentItem.openService(builds.serviceId(session, "MIS client"))
        settle(window)
        compare(window.stack.currentItem.title, "MIS client")
        window.stack.currentItem.openBuild(builds.buildId(session, "MIS client", 1))
        settle(window)
        const editor = window.stack.currentItem
        compare(editor.title, "MIS client v1")
        const depth = window.stack.depth

        // Unsaved edits: Back asks, and Stay stays.
        editor.form.hardwareModel = "HP EliteDesk 800 G9"
        mouseClick(findChild(window, "backButton"))
        tryCompare(editor.leaveDialog, "opened", true)
        mouseClick(findChild(editor.leaveDialog.contentItem, "stayButton"))
        tryCompare(editor.leaveDialog, "visible", false)
        compare(window.stack.depth, depth)
        // Another place: the same question; Drop goes.
        window.showPlace(2)
        tryCompare(editor.leaveDialog, "opened", true)
        mouseClick(findChild(editor.leaveDialog.contentItem, "discardButton"))
        settle(window)
        compare(window.place, 2)
        compare(builds.build(session, builds.buildId(session, "MIS client", 1)).hardwareModel, "HP ProDesk 400 G9")
    }

    function test_closingTheWindowWithUnsavedEditsAsks() {
        const session = fixture.demoTablet("devi")
        const window = open(session)
        window.services.openBuild(builds.buildId(session, "MIS client", 1))
        settle(window)
        const editor = window.stack.currentItem
        editor.form.designNotes = "Typed, not saved"
        window.close()
        tryCompare(editor.leaveDialog, "opened", true)
        verify(window.visible, "still open while it asks")
        mouseClick(findChild(editor.leaveDialog.contentItem, "saveAndLeaveButton"))
        tryCompare(window, "visible", false)
        compare(builds.build(session, builds.buildId(session, "MIS client", 1)).designNotes, "Typed, not saved")
    }

    function test_aNewServiceOpensToWriteItsBuildProcedure() {
        const session = fixture.demoTablet("morgan")
        const window = open(session)
        window.services.addService()
        settle(window)
        const edit = window.stack.currentItem
        compare(edit.title, "Add a service")
        edit.nameField.text = "Visualiser"
        mouseClick(findChild(edit, "saveButton"))
        settle(window)
        compare(window.stack.currentItem.title, "Visualiser")
        compare(window.stack.currentItem.serviceId, builds.serviceId(session, "Visualiser"))
    }
}
