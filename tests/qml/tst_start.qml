pragma ComponentBehavior: Bound

import QtQuick
import QtTest
import QtQuick.Controls
import ReleaseDesk
import ReleaseDesk.Testing

TestCase {
    id: testCase
    Fixture { id: fixture }
    name: "StartInstallationPage"
    width: 800
    height: 1200
    visible: true
    when: windowShown

    Component { id: pageComponent; StartInstallationPage {} }
    Component { id: workbenchComponent; Workbench {} }
    Component { id: stackComponent; StackView {} }
    SignalSpy { id: started; signalName: "installationStarted" }

    function open(session) {
        const bench = createTemporaryObject(workbenchComponent, testCase, {session: session})
        const page = createTemporaryObject(pageComponent, testCase,
                                           {workbench: bench, width: 800, height: 1200,
                                            releaseId: fixture.releaseId(session, "R-2026-047")})
        started.target = page
        started.clear()
        return page
    }
    /** Types like a keyboard-wedge scanner: the characters, then Enter. */
    function scan(field, value) {
        field.forceActiveFocus()
        for (let i = 0; i < value.length; ++i)
            keyClick(value[i])
        keyClick(Qt.Key_Return)
    }

    function test_aKnownSerialIsSaidAtOnceAndLinked() {
        const session = fixture.demoTablet("sam")
        const page = open(session)
        const existing = fixture.assetByTag(session, "RAU-00001")
        scan(page.serialField.field, existing.serial.toLowerCase())
        compare(page.form.duplicates.length, 1)
        verify(page.serialField.warning.length > 0)
        const use = findChild(page, "useAssetButton")
        verify(use)
        mouseClick(use)
        compare(page.form.linkedAssetId, existing.assetId)
        const assetsBefore = fixture.count(session, "assets")
        mouseClick(findChild(page, "startButton"))
        compare(started.count, 1)
        const inst = fixture.installation(session, started.signalArguments[0][0])
        compare(inst.status, "in-progress")
        compare(inst.assetId, existing.assetId)
        compare(fixture.count(session, "assets"), assetsBefore)
    }

    function test_aNewAssetIsAddedWithItsTagAndSerial() {
        const session = fixture.demoTablet("sam")
        const page = open(session)
        scan(page.tagField.field, "RAU-07001")
        compare(page.tagField.warning, "")
        // Enter in the tag field moves on to the serial, as a scanner pair would.
        verify(page.serialField.field.activeFocus)
        scan(page.serialField.field, "9ZX-4471")
        compare(page.form.duplicates.length, 0)
        const assetsBefore = fixture.count(session, "assets")
        mouseClick(findChild(page, "startButton"))
        compare(started.count, 1)
        compare(fixture.count(session, "assets"), assetsBefore + 1)
        const added = fixture.assetByTag(session, "RAU-07001")
        compare(added.serial, "9ZX-4471")
        compare(added.make, "Dell")
        compare(added.model, "Latitude 3440")
    }

    function test_filledFieldsKeepTheirLabels() {
        const session = fixture.demoTablet("sam")
        const page = open(session)
        scan(page.tagField.field, "RAU-07002")
        scan(page.serialField.field, "9ZX-4472")
        const tagLabel = findChild(page.tagField, "fieldLabel")
        verify(tagLabel.visible)
        compare(tagLabel.text, "Asset tag")
        verify(findChild(page.serialField, "fieldLabel").visible)
        compare(findChild(page.serialField, "fieldLabel").text, "Manufacturer's serial")
        // Make and model, filled from the release's build, still say what they are.
        verify(findChild(page, "makeField").text.length > 0)
        verify(findChild(page, "makeLabel").visible)
        compare(findChild(page, "makeLabel").text, "Make")
        verify(findChild(page, "modelField").text.length > 0)
        verify(findChild(page, "modelLabel").visible)
        compare(findChild(page, "modelLabel").text, "Model")
    }

    function test_aTagInUseIsRefusedInWords() {
        const session = fixture.demoTablet("sam")
        const page = open(session)
        scan(page.tagField.field, "RAU-00002")
        compare(page.form.duplicates.length, 1) // the asset that has it, to use instead
        compare(page.form.duplicates[0].assetTag, "RAU-00002")
        verify(page.tagField.warning.length > 0, "the tag in use is said")
        // Typed over anyway with a new serial: refused, and nothing is written.
        page.serialField.text = "NEW-SERIAL-77"
        compare(page.form.duplicates.length, 1) // the tag's asset is still shown
        // While an asset with that tag is shown, the way on is to use it, not to add another.
        verify(!findChild(page, "startButton").enabled)
        // Forced anyway (as a second tablet would), the Workbench refuses it in words.
        const before = fixture.count(session, "outbox")
        page.start()
        compare(started.count, 0)
        const error = findChild(page, "errorLabel")
        verify(error.text.indexOf("RAU-00002") >= 0, error.text)
        compare(fixture.count(session, "outbox"), before)
    }

    function test_aProductCodeIsRefusedAsASerialUnlessOverridden() {
        const session = fixture.demoTablet("sam")
        const page = open(session)
        // The EAN-13 on the box, scanned into the serial field.
        scan(page.serialField.field, "4006381333931")
        verify(page.form.serialRefused)
        verify(page.serialField.warning.length > 0, "the refusal is said")
        const start = findChild(page, "startButton")
        verify(!start.enabled)
        const reason = findChild(page, "overrideReasonField")
        verify(reason.visible)
        reason.text = "This maker prints the serial as digits only"
        mouseClick(findChild(page, "overrideButton"))
        compare(page.form.serialOverride, "This maker prints the serial as digits only")
        verify(start.enabled)
        mouseClick(start)
        compare(started.count, 1)
        const assetId = fixture.installation(session, started.signalArguments[0][0]).assetId
        compare(fixture.asset(session, assetId).serial, "4006381333931")
        // The override is recorded, with the reason, to be synced.
        compare(fixture.count(session, "scan_overrides"), 1)
    }

    function test_labelPrefixesAreTakenOff() {
        const session = fixture.demoTablet("sam")
        const page = open(session)
        scan(page.serialField.field, "S/N: 5CG3141XYZ")
        compare(page.serialField.text, "5CG3141XYZ")
        verify(!page.form.serialRefused)
    }

    function test_theCameraPageFillsBothFields() {
        const session = fixture.demoTablet("sam")
        const stack = createTemporaryObject(stackComponent, testCase, {width: 800, height: 1200})
        const bench = createTemporaryObject(workbenchComponent, testCase, {session: session})
        const page = stack.push(pageComponent, {workbench: bench, releaseId: fixture.releaseId(session, "R-2026-047")},
                                StackView.Immediate)
        page.openScanner()
        tryCompare(stack, "busy", false)
        const scanner = stack.currentItem
        verify(scanner.controller, "the scan page is open")
        scanner.cameraWanted = false
        // The flow as the camera or a scanner gun would feed it: the tag, then the serial.
        verify(scanner.controller.submit("RAU-07002", "camera"))
        verify(scanner.controller.submit("7CD9F00A", "camera"))
        tryCompare(stack, "currentItem", page)
        compare(page.tagField.text, "RAU-07002")
        compare(page.serialField.text, "7CD9F00A")
        verify(findChild(page, "startButton").enabled)
    }
}
