pragma ComponentBehavior: Bound

import QtQuick
import QtTest
import ReleaseDesk

TestCase {
    id: testCase
    name: "ScanPage"
    width: 800
    height: 1200
    visible: true
    when: windowShown

    Component { id: pageComponent; ScanPage {} }
    SignalSpy { id: scanned; signalName: "scanned" }

    function open(pattern) {
        const page = createTemporaryObject(pageComponent, testCase, {width: 800, height: 1200, cameraWanted: false,
                                                                    assetTagPattern: pattern || ""})
        scanned.target = page
        scanned.clear()
        return page
    }
    function type(page, text) {
        const field = findChild(page, "manualField")
        field.forceActiveFocus()
        field.text = text
        mouseClick(findChild(page, "useButton"))
    }

    function test_typedTagThenSerial() {
        const page = open("^RAU-[0-9]{5}$")
        compare(page.controller.expecting, ScanController.AssetTagField)
        type(page, "RAU-00451")
        compare(page.controller.assetTag, "RAU-00451")
        compare(page.controller.expecting, ScanController.SerialField)
        type(page, "S/N: 5CG3141XYZ")
        compare(scanned.count, 1)
        compare(scanned.signalArguments[0][0], "RAU-00451")
        compare(scanned.signalArguments[0][1], "5CG3141XYZ") // the prefix taken off
        compare(scanned.signalArguments[0][2], false)
    }

    function test_aTagOffTheSiteFormatIsRefused() {
        const page = open("^RAU-[0-9]{5}$")
        type(page, "LIB-0042")
        compare(page.controller.assetTag, "")
        const dialog = findChild(page, "refusalDialog")
        tryCompare(dialog, "opened", true)
        verify(page.controller.refusalReason.length > 0)
    }

    function test_aProductCodeNeedsAConfirmedReason() {
        const page = open("")
        type(page, "RAU-00451")
        type(page, "4006381333931")
        compare(scanned.count, 0)
        const dialog = findChild(page, "refusalDialog")
        tryCompare(dialog, "opened", true)
        verify(page.controller.canOverride)
        const useAnyway = findChild(dialog.contentItem, "useAnywayButton")
        verify(!useAnyway.enabled, "not without a reason")
        findChild(dialog.contentItem, "overrideReasonField").text = "Digits-only serials on this maker's labels"
        verify(useAnyway.enabled)
        mouseClick(useAnyway)
        const confirm = findChild(page, "confirmOverrideDialog")
        tryCompare(confirm, "opened", true)
        confirm.accept()
        compare(scanned.count, 1)
        compare(scanned.signalArguments[0][1], "4006381333931")
        compare(scanned.signalArguments[0][2], true)
        // The reason goes with the value, in the technician's words.
        verify(scanned.signalArguments[0][3].indexOf("Digits-only serials on this maker's labels") >= 0,
               scanned.signalArguments[0][3])
    }

    function test_aScannerGunBurstIsOneScan() {
        const page = open("")
        // The page listens to its window: a burst of keys ending in Enter, wherever the focus is.
        testCase.forceActiveFocus()
        for (const c of "RAU-00452")
            keyClick(c)
        keyClick(Qt.Key_Return)
        tryCompare(page.controller, "assetTag", "RAU-00452")
        compare(page.controller.expecting, ScanController.SerialField)
    }

    function test_theEntryFieldHasTheFocusOnOpen() {
        const page = open("")
        const field = findChild(page, "manualField")
        tryVerify(() => field.activeFocus, 1000, "a scanner gun's first read lands in the field")
        // Typed by a person (slower than a burst): the keys reach the field.
        keyClick("R")
        tryCompare(field, "text", "R")
    }
}
