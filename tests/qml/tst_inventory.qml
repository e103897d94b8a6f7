pragma ComponentBehavior: Bound

import QtQuick
import QtTest
import ReleaseDesk
import ReleaseDesk.Testing

TestCase {
    id: testCase
    Fixture { id: fixture }
    ReportFixture { id: files } // a folder of its own for the saved PDF
    name: "InventoryAndAssetPages"
    width: 800
    height: 1200
    visible: true
    when: windowShown

    Component { id: inventoryComponent; InventoryPage {} }
    Component { id: assetComponent; AssetPage {} }
    SignalSpy { id: opened; signalName: "openAsset" }

    function test_searchAsYouTypeAndOpen() {
        const session = fixture.demoTablet("sam")
        const page = createTemporaryObject(inventoryComponent, testCase, {session: session, width: 800, height: 1200})
        opened.target = page
        opened.clear()
        const field = page.search.field
        field.forceActiveFocus()
        for (const c of "rau-0000")
            keyClick(c)
        compare(page.model.count, 9)
        const list = findChild(page, "assetList")
        const first = list.itemAtIndex(0)
        compare(first.assetTag, "RAU-00001")
        mouseClick(first)
        compare(opened.count, 1)
        compare(opened.signalArguments[0][0], fixture.assetByTag(session, "RAU-00001").assetId)
    }

    function test_aScanOfOneSerialOpensItsAsset() {
        const session = fixture.demoTablet("sam")
        const page = createTemporaryObject(inventoryComponent, testCase, {session: session, width: 800, height: 1200})
        opened.target = page
        opened.clear()
        const asset = fixture.assetByTag(session, "RAU-00003")
        page.search.field.forceActiveFocus()
        for (const c of asset.serial)
            keyClick(c)
        keyClick(Qt.Key_Return)
        compare(opened.count, 1)
        compare(opened.signalArguments[0][0], asset.assetId)
    }

    function test_nothingFoundIsSaid() {
        const session = fixture.demoTablet("sam")
        const page = createTemporaryObject(inventoryComponent, testCase, {session: session, width: 800, height: 1200})
        page.search.text = "ZZZ-NOTHING"
        compare(page.model.count, 0)
    }

    function test_anAssetShowsItsHistory() {
        const session = fixture.demoTablet("sam")
        const installationId = fixture.installations(session, "R-2026-047")[0]
        const assetId = fixture.installation(session, installationId).assetId
        const page = createTemporaryObject(assetComponent, testCase, {session: session, assetId: assetId,
                                                                     width: 800, height: 1200})
        compare(page.history.asset.assetId, assetId)
        verify(page.title.indexOf("Asset RAU-") === 0, page.title)
        // Started, plus each step recorded on it.
        compare(page.history.count, 1 + fixture.installation(session, installationId).results)
    }

    function test_theReleaseManagerPrintsLabelsForTheAssetsListed() {
        const session = fixture.demoTablet("morgan")
        const page = createTemporaryObject(inventoryComponent, testCase, {session: session, width: 800, height: 1200})
        const button = findChild(page, "printLabelsButton")
        verify(button.visible)
        page.search.text = "rau-0000"
        compare(page.model.count, 9)
        verify(button.enabled)
        mouseClick(button)
        const dialog = page.labelDialog
        tryCompare(dialog, "opened", true)
        compare(dialog.preview.labels, 9)
        // The layouts offered, the one chosen kept by the action.
        const choice = findChild(dialog.contentItem, "layoutChoice")
        compare(choice.count, 3)
        choice.currentIndex = 2
        choice.activated(2)
        compare(page.labels.layoutId, "62x29")
        compare(dialog.preview.pages, 9) // one label a page
        // Save: the file dialog would ask where; the page's save is what it calls.
        const pdf = files.path("labels.pdf")
        page.saveLabels("file://" + pdf)
        const message = findChild(page, "labelMessage")
        verify(!message.failed, message.text)
        verify(message.text.indexOf("9 label") === 0 && message.text.indexOf("labels.pdf") > 0, message.text)
        compare(files.head(pdf, 5), "%PDF-")
        dialog.close()
    }

    function test_noPrintLabelsForAnInstaller() {
        const session = fixture.demoTablet("sam")
        const page = createTemporaryObject(inventoryComponent, testCase, {session: session, width: 800, height: 1200})
        verify(!findChild(page, "printLabelsButton").visible)
    }
}
