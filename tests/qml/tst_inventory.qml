pragma ComponentBehavior: Bound

import QtQuick
import QtTest
import ReleaseDesk
import ReleaseDesk.Testing

TestCase {
    id: testCase
    Fixture { id: fixture }
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
}
