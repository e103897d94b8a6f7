pragma ComponentBehavior: Bound

import QtQuick
import QtTest
import ReleaseDesk
import ReleaseDesk.Testing

// The Import page (choose a file, its dry run by kind with each refused row's line and reason, the
// import, the counts after) and the Import and export page (the exports, the way to the import).
TestCase {
    id: testCase
    Fixture { id: fixture }
    ImportFixture { id: files }
    name: "ImportPage"
    width: 1000
    height: 900
    visible: true
    when: windowShown

    Component { id: importComponent; ImportPage {} }
    Component { id: transferComponent; ImportExportPage {} }
    SignalSpy { id: importedSpy; signalName: "importedAssets" }
    SignalSpy { id: openSpy; signalName: "openImport" }

    function openImport(session) {
        const page = createTemporaryObject(importComponent, testCase, {session: session, width: 1000, height: 900})
        importedSpy.target = page
        importedSpy.clear()
        return page
    }

    function test_aSnipeItFileIsCheckedThenImported() {
        const session = fixture.demoTablet("morgan")
        const assetsBefore = fixture.count(session, "assets")
        const sample = files.snipeItFile(session, 120, 6)
        const page = openImport(session)
        const importButton = findChild(page, "importButton")
        verify(!importButton.enabled)
        page.form.file = sample.path
        compare(findChild(page, "fileField").text, sample.path)
        mouseClick(findChild(page, "checkButton"))
        compare(page.form.stage, "checked")
        const summary = findChild(page, "summaryLabel")
        verify(summary.visible)
        verify(summary.text.indexOf(sample.good + " new") >= 0, summary.text)
        verify(summary.text.indexOf("6 refused") >= 0, summary.text)
        compare(fixture.count(session, "assets"), assetsBefore) // a dry run

        // The refused rows alone, each with its line.
        waitForRendering(page)
        const refusedButton = findChild(page, "kind_refused")
        verify(refusedButton.visible)
        tryVerify(() => refusedButton.width > 0 && refusedButton.height > 0)
        mouseClick(refusedButton)
        const list = findChild(page, "outcomesList")
        tryCompare(list, "count", 6)
        wait(0)
        const first = list.itemAtIndex(0)
        verify(first)
        compare(first.line, sample.badLines[0])
        compare(first.kindWords, "Refused")
        verify(first.detail.length > 0)
        mouseClick(findChild(page, "kind_all"))
        tryCompare(list, "count", 120)

        verify(importButton.enabled)
        verify(importButton.text.indexOf(sample.good + " assets") >= 0, importButton.text)
        mouseClick(importButton)
        compare(page.form.stage, "imported")
        compare(importedSpy.count, 1)
        compare(importedSpy.signalArguments[0][0], sample.good)
        compare(fixture.count(session, "assets"), assetsBefore + sample.good)
        verify(findChild(page, "summaryLabel").text.indexOf("Imported: " + sample.good + " added") === 0)
        verify(!importButton.visible)

        // The same file again: nothing to import.
        const again = openImport(session)
        again.form.file = sample.path
        mouseClick(findChild(again, "checkButton"))
        compare(again.form.added, 0)
        compare(again.form.unchanged, sample.good)
        verify(!findChild(again, "importButton").enabled)
    }

    function test_aFileThatIsNoInventoryIsSaidSo() {
        const session = fixture.demoTablet("morgan")
        const page = openImport(session)
        page.form.file = files.writeFile("phones.csv", "Name,Phone\r\nA,1\r\n")
        mouseClick(findChild(page, "checkButton"))
        const error = findChild(page, "errorLabel")
        verify(error.visible)
        verify(error.text.indexOf("no column the import knows") >= 0, error.text)
        verify(!findChild(page, "importButton").enabled)
        verify(!findChild(page, "kind_all").visible)
    }

    function test_anInstallerCannotImport() {
        const page = openImport(fixture.demoTablet("sam"))
        verify(!findChild(page, "chooseButton").enabled)
        verify(!findChild(page, "checkButton").enabled)
        verify(!findChild(page, "fileField").enabled)
    }

    function test_theExportsAndTheWayToTheImport() {
        const session = fixture.demoTablet("morgan")
        const page = createTemporaryObject(transferComponent, testCase, {session: session, width: 460, height: 900})
        openSpy.target = page
        openSpy.clear()
        mouseClick(findChild(page, "openImportButton"))
        compare(openSpy.count, 1)
        verify(findChild(page, "fromField").text.length === 10)

        const inventory = files.pathOf("inventory.csv")
        page.save("inventory", inventory)
        const result = findChild(page, "exportResult")
        verify(result.text.indexOf(fixture.count(session, "assets") + " assets written to") === 0, result.text)
        compare(files.firstLine(inventory),
                "Asset Tag,Serial,Make,Model,Category,Site,Room,Status,Assigned User,Purchase Date,Notes")

        findChild(page, "fromField").text = "2000-01-01"
        findChild(page, "toField").text = "2100-01-01"
        const installs = files.pathOf("installations.csv")
        page.save("installations", installs)
        verify(result.text.indexOf(fixture.count(session, "installations") + " installations written to") === 0,
               result.text)
        verify(files.firstLine(installs).indexOf("Installation,Asset Tag") === 0)

        findChild(page, "toField").text = "1999-01-01"
        page.save("installations", installs)
        verify(result.failed)
        verify(result.text.indexOf("The period needs two days") === 0, result.text)
    }
}
