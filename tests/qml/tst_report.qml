pragma ComponentBehavior: Bound

import QtQuick
import QtTest
import ReleaseDesk
import ReleaseDesk.Testing

TestCase {
    id: testCase
    Fixture { id: fixture }
    OfficeFixture { id: office }
    ReportFixture { id: reports }
    name: "ReportPage"
    width: 460
    height: 1400
    visible: true
    when: windowShown

    Component { id: pageComponent; ReportPage {} }
    Component { id: listComponent; ReportListPage {} }
    Component { id: windowComponent; Main {} }
    SignalSpy { id: openListSpy; signalName: "openList" }
    SignalSpy { id: monthSpy; signalName: "monthShown" }
    SignalSpy { id: assetSpy; signalName: "openAsset" }
    SignalSpy { id: serviceSpy; signalName: "openService" }

    function open(session) {
        const page = createTemporaryObject(pageComponent, testCase, {session: session, width: 460, height: 1400})
        openListSpy.target = page
        openListSpy.clear()
        monthSpy.target = page
        monthSpy.clear()
        tryCompare(page.model, "count", 9)
        return page
    }
    function tileValue(page, key) {
        return Number(findChild(findChild(page, "tile_" + key), "value").text)
    }
    /** The chart's bars, oldest first: each one's number as drawn. */
    function bars(page) {
        const chart = findChild(page, "chart")
        const out = []
        for (let i = 0; findChild(chart, "bar_" + i); ++i)
            out.push(findChild(chart, "bar_" + i).value)
        return out
    }
    /** What the rows of the list page @p listPage open, top to bottom. */
    function rowTargets(listPage) {
        const list = findChild(listPage, "reportList")
        const out = []
        for (let i = 0; i < list.count; ++i) {
            list.positionViewAtIndex(i, ListView.Contain)
            out.push(list.itemAtIndex(i).targetId)
        }
        return out
    }

    function test_theCountsAsTilesEachOpeningItsList() {
        const session = fixture.demoTablet("morgan")
        // A back-out this month, so that an ITIL measure has something to show.
        verify(office.reinstallFailingUnit(session, "R-2026-047").length > 0)
        const page = open(session)
        const month = page.model.month
        const expected = reports.counts(session, month)
        for (const key of ["builds_installed", "builds_created", "builds_documented", "services",
                           "services_to_document", "back_outs", "failed_lines", "scan_overrides",
                           "late_sign_offs"]) {
            const tile = findChild(page, "tile_" + key)
            verify(tile, key)
            verify(tile.visible, key)
            compare(tileValue(page, key), expected[key], key)
        }
        // FITS's five in the first group, the ITIL measures in the second.
        compare(findChild(page, "tile_services").parent, findChild(page, "fitsTiles"))
        compare(findChild(page, "tile_back_outs").parent, findChild(page, "itilTiles"))
        compare(tileValue(page, "services"), 6)
        compare(tileValue(page, "services_to_document"), 3)
        verify(tileValue(page, "back_outs") >= 1)

        mouseClick(findChild(page, "tile_services_to_document"))
        compare(openListSpy.count, 1)
        compare(openListSpy.signalArguments[0][0], month)
        compare(openListSpy.signalArguments[0][1], "services_to_document")
        verify(findChild(page, "tile_services_to_document").chosen)
        // The chart shows the count chosen: 12 bars, the core's 12 months, this one last.
        verify(findChild(page, "chartTitle").text.startsWith("Services still to document, "))
        compare(bars(page), reports.series(session, month, "services_to_document"))
        compare(bars(page).length, 12)
        compare(bars(page)[11], 3)
        // Another count, another series.
        mouseClick(findChild(page, "tile_back_outs"))
        verify(findChild(page, "chartTitle").text.startsWith("Back-outs, "))
        compare(bars(page), reports.series(session, month, "back_outs"))
        compare(bars(page)[11], tileValue(page, "back_outs"))
    }

    function test_theChartHasTwelveBarsOfBuildsInstalledAtFirst() {
        const session = fixture.demoTablet("morgan")
        const page = open(session)
        verify(findChild(page, "chartTitle").text.startsWith("Builds installed, "))
        const expected = reports.series(session, page.model.month, "builds_installed")
        compare(expected.length, 12)
        compare(bars(page), expected)
        // The bars' heights follow their numbers: the highest is the tallest.
        const chart = findChild(page, "chart")
        const highest = expected.indexOf(Math.max(...expected))
        for (let i = 0; i < 12; ++i)
            verify(findChild(chart, "bar_" + i).barHeight <= findChild(chart, "bar_" + highest).barHeight, i)
        // A month back: the 12 months ending with it.
        mouseClick(findChild(page, "previousMonth"))
        compare(bars(page), reports.series(session, page.model.month, "builds_installed"))
        compare(bars(page)[11], tileValue(page, "builds_installed"))
    }

    function test_theMonthStepsBackAndForthButNotPastThisOne() {
        const session = fixture.demoTablet("morgan")
        const page = open(session)
        const thisMonth = page.model.month
        const next = findChild(page, "nextMonth")
        verify(!next.enabled)
        const label = findChild(page, "monthLabel")
        const thisName = label.text
        mouseClick(findChild(page, "previousMonth"))
        verify(label.text !== thisName)
        verify(page.model.month < thisMonth)
        compare(monthSpy.count, 1)
        compare(monthSpy.signalArguments[0][0], page.model.month)
        verify(next.enabled)
        // The tiles follow the month.
        const before = reports.counts(session, page.model.month)
        compare(tileValue(page, "builds_created"), before.builds_created)
        compare(tileValue(page, "services"), before.services)
        mouseClick(next)
        compare(page.model.month, thisMonth)
        compare(label.text, thisName)
        verify(!next.enabled)
        page.model.nextMonth() // not past this month
        compare(page.model.month, thisMonth)
    }

    function test_aListOpensWhatItCounts() {
        const session = fixture.demoTablet("morgan")
        office.reinstallFailingUnit(session, "R-2026-047")
        const month = open(session).model.month
        const services = createTemporaryObject(listComponent, testCase,
                                               {session: session, month: month, measure: "services_to_document",
                                                width: 460, height: 1000})
        serviceSpy.target = services
        serviceSpy.clear()
        const list = findChild(services, "reportList")
        tryCompare(list, "count", 3)
        compare(findChild(services, "listTitle").text, "Services still to document")
        const titles = []
        for (let i = 0; i < list.count; ++i)
            titles.push(list.itemAtIndex(i).title)
        compare(titles.sort(), ["Exam room PC", "Library kiosk", "MIS client"])
        compare(rowTargets(services), reports.listIds(session, month, "services_to_document"))
        mouseClick(list.itemAtIndex(0))
        compare(serviceSpy.count, 1)
        verify(serviceSpy.signalArguments[0][0].length > 0)

        const backOuts = createTemporaryObject(listComponent, testCase,
                                               {session: session, month: month, measure: "back_outs", width: 460,
                                                height: 1000})
        assetSpy.target = backOuts
        assetSpy.clear()
        const rows = findChild(backOuts, "reportList")
        tryVerify(() => rows.count >= 1)
        compare(rows.count, reports.counts(session, month).back_outs)
        compare(rowTargets(backOuts), reports.listIds(session, month, "back_outs"))
        mouseClick(rows.itemAtIndex(0))
        compare(assetSpy.count, 1)
    }

    function test_theMonthIsSavedAsCsvAndPdf() {
        const session = fixture.demoTablet("morgan")
        const page = open(session)
        const message = findChild(page, "exportMessage")
        const csv = reports.path("november.csv")
        page.save("csv", csv)
        verify(!message.failed, message.text)
        compare(message.text, "Saved as " + csv)
        verify(reports.head(csv, 100).startsWith("Release Management report\r\nSchool,Riverside Academy\r\n"))
        const pdf = reports.path("november") // the suffix is added
        page.save("pdf", pdf)
        verify(!message.failed, message.text)
        compare(message.text, "Saved as " + pdf + ".pdf")
        compare(reports.head(pdf + ".pdf", 5), "%PDF-")
        // Somewhere it cannot be written: said in words, nothing left behind.
        page.save("csv", reports.path("no/such/folder/report.csv"))
        verify(message.failed)
        verify(message.text.startsWith("Cannot write "), message.text)
        // The dialog offers the month's own name.
        compare(page.exporter.fileName("pdf"), "release-report-" + page.model.month + ".pdf")
    }

    function test_theReportIsAReleaseManagersPlaceAndItsListOpensBesideIt() {
        const session = fixture.demoTablet("morgan")
        const window = createTemporaryObject(windowComponent, testCase, {session: session, width: 1280, height: 800})
        const nav = findChild(window.contentItem, "sideNav")
        const entry = findChild(nav, "nav_report")
        verify(entry)
        mouseClick(entry)
        const left = findChild(window.contentItem, "leftPane")
        tryCompare(left.currentItem, "title", "Report")
        const page = left.currentItem
        tryCompare(page.model, "count", 9)
        compare(window.stack.currentItem.hint, "Tap a count on the left to see the records behind it.")
        const monthName = page.model.monthName
        // A tap on a count opens its records beside the report: the core's, in its order.
        mouseClick(findChild(page, "tile_services_to_document"))
        tryCompare(window.stack, "busy", false)
        compare(window.stack.currentItem.title, "Services still to document, " + monthName)
        const toDocument = reports.listIds(session, page.model.month, "services_to_document")
        compare(toDocument.length, 3)
        compare(rowTargets(window.stack.currentItem), toDocument)
        mouseClick(findChild(page, "tile_services"))
        tryCompare(window.stack, "busy", false)
        compare(window.stack.currentItem.title, "Services, " + monthName)
        compare(rowTargets(window.stack.currentItem), reports.listIds(session, page.model.month, "services"))
        // Another month on the left: the list beside it follows.
        mouseClick(findChild(page, "previousMonth"))
        compare(window.stack.currentItem.month, page.model.month)
        compare(window.stack.currentItem.title, "Services, " + page.model.monthName)
        compare(rowTargets(window.stack.currentItem), reports.listIds(session, page.model.month, "services"))
        // Another count replaces the list, it does not pile up.
        mouseClick(findChild(page, "tile_builds_documented"))
        tryCompare(window.stack, "busy", false)
        compare(window.stack.depth, 2) // the welcome pane and the list
        compare(window.stack.currentItem.measure, "builds_documented")
    }

    function test_onATabletInPortraitTheReportOpensFromToday() {
        const session = fixture.demoTablet("morgan")
        const window = createTemporaryObject(windowComponent, testCase, {session: session, width: 800, height: 1200})
        const shortcut = findChild(window.stack.currentItem, "shortcut_report")
        verify(shortcut)
        mouseClick(shortcut)
        tryCompare(window.stack, "busy", false)
        compare(window.stack.currentItem.title, "Report")
        const page = window.stack.currentItem
        tryCompare(page.model, "count", 9)
        mouseClick(findChild(page, "tile_services"))
        tryCompare(window.stack, "busy", false)
        verify(window.stack.currentItem.title.startsWith("Services, "))
        window.back()
        tryCompare(window.stack, "busy", false)
        compare(window.stack.currentItem.title, "Report")
    }

    function test_noReportForTheOtherRoles() {
        for (const name of ["devi", "sam"]) {
            const session = fixture.demoTablet(name)
            const window = createTemporaryObject(windowComponent, testCase, {session: session, width: 1280,
                                                                            height: 800})
            const nav = findChild(window.contentItem, "sideNav")
            verify(!findChild(nav, "nav_report"), name)
            window.showPlace("report")
            verify(window.places[window.place].name !== "report", name)
        }
    }
}
