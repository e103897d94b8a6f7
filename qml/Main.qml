pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import ReleaseDesk

// The app's window: the sync bar always on top, the places (Today, Inventory, Sync, and the
// office's by role) and a stack of pages for the work in hand. On a wide screen (a desktop, a
// tablet in landscape) the place's list stays on the left and the work opens on the right; the
// office roles get a side navigation there instead of the tab bar.
ApplicationWindow {
    id: window
    required property AppSession session
    readonly property bool wide: width >= 960
    property int place: 0 // an index in places: 0 Today, 1 Inventory, 2 Sync, then the office's
    property alias stack: stack
    property alias workbench: workbench
    property alias officeReleases: officeReleases
    property alias officePeople: officePeople
    property alias services: services
    property alias library: library

    /**
     * Every place, in the navigation's order. The first three are everyone's (the tab bar); the
     * office's follow, each for the roles it names, reached from the side navigation on a wide
     * screen and from Today on a narrow one. An office page plugs in with its Component as the
     * entry's `page`; an entry without one is not shown. An entry's `hint`, if it has one, is what
     * the empty right pane says on a wide screen.
     */
    readonly property var places: [
        {name: "today", title: qsTr("Today"), office: false, roles: [], page: todayPage},
        {name: "inventory", title: qsTr("Inventory"), office: false, roles: [], page: inventoryPage},
        {name: "sync", title: session.openConflicts > 0 ? qsTr("Sync (%1)").arg(session.openConflicts) : qsTr("Sync"),
         office: false, roles: [], page: syncPage},
        {name: "releases", title: qsTr("Releases"), office: true, roles: ["release-manager"], page: releasesPage},
        {name: "people", title: qsTr("People"), office: true, roles: ["release-manager"], page: peoplePage},
        {name: "sites", title: qsTr("Sites and rooms"), office: true, roles: ["release-manager"], page: sitesPage,
         hint: qsTr("Add a site, or a room under one of the sites on the left.")},
        {name: "transfer", title: qsTr("Import and export"), office: true, roles: ["release-manager"],
         page: importExportPage},
        // Build procedures are reached through their service.
        {name: "services", title: qsTr("Services and builds"), office: true,
         roles: ["release-manager", "build-developer"], page: services.servicesPage},
        // The Definitive Software Library and the licence log (installers read the library from the menu).
        {name: "library", title: qsTr("Software library"), office: true,
         roles: ["release-manager", "build-developer"], page: library.libraryPage},
        {name: "licences", title: qsTr("Licences"), office: true,
         roles: ["release-manager", "build-developer"], page: library.licencesPage},
        {name: "report", title: qsTr("Report"), office: true, roles: ["release-manager"], page: reportPage,
         hint: qsTr("Tap a count on the left to see the records behind it.")},
    ]
    /** The places the signed-in person has: everyone's, and the office's of their role. */
    readonly property var myPlaces: places.filter(p => p.page !== null
                                                       && (p.roles.length === 0 || p.roles.indexOf(session.role) >= 0))
    readonly property bool sideNavigation: wide && session.signedIn && session.officeRole

    width: 1280
    height: 800
    visible: true
    title: qsTr("Release Desk")
    font.pixelSize: 17
    Material.theme: session.darkMode ? Material.Dark : Material.Light
    // The dark theme whole: a dark header (not the light theme's indigo bar), and an accent dark
    // enough for white text on highlighted buttons (Material's own dark accent is a pastel shade).
    Material.primary: session.darkMode ? Material.color(Material.BlueGrey, Material.Shade900) : Material.Indigo
    Material.accent: session.darkMode ? Material.color(Material.Indigo, Material.Shade400) : Material.Indigo

    /** The release open in the stack (the right pane on a wide screen), shown selected in Today. */
    property string shownReleaseId

    Workbench {
        id: workbench
        session: window.session
    }
    OfficeReleases {
        id: officeReleases
        session: window.session
    }
    OfficePeople {
        id: officePeople
        session: window.session
        onPasswordFinished: (ok, message) => toast.show(message)
    }
    OfficeBench {
        id: office
        session: window.session
    }
    OfficeLibrary {
        id: officeLibrary
        session: window.session
    }
    // The office's services and build procedures pages: services.openServices() opens the catalogue.
    ServicesNavigation {
        id: services
        stack: stack
        session: window.session
        office: office
    }
    // The software library's and the licence log's pages: library.openLibrary(), library.openLicences().
    LibraryNavigation {
        id: library
        stack: stack
        session: window.session
        library: officeLibrary
        onOpenAsset: (assetId) => window.openAsset(assetId)
    }

    // --- navigation ---------------------------------------------------------------------------
    // Every page is made from one of the components below, which give it the session, the
    // Workbench and where its signals lead; push() adds only what the page is about. These
    // functions are also the window's interface for C++ (screenshots, checklist_driver, app_bench),
    // which calls them with QVariant arguments: they are left untyped for that.
    function push(component, props) {
        return stack.push(component, props || {})
    }
    /** One page back, as the Back button does. */
    function back() {
        // A page with edits not saved yet (the build editor, the service form) asks first.
        if (services.asksBeforeLeaving(() => stack.pop(), false) || library.asksBeforeLeaving(() => stack.pop(), false))
            return
        stack.pop()
    }
    /** Back to the place's first page (the list itself, or the welcome pane on a wide screen). */
    function goRoot() {
        stack.pop(null, StackView.Immediate)
        shownReleaseId = ""
    }
    /** Opens a place by its index in places, or by its name ("releases"), once unsaved edits are settled. */
    function showPlace(where) {
        if (services.asksBeforeLeaving(() => window.showPlace(where), true)
                || library.asksBeforeLeaving(() => window.showPlace(where), true))
            return
        const index = typeof where === "string" ? places.findIndex(p => p.name === where) : where
        if (myPlaces.indexOf(places[index]) < 0)
            return // not a place, or not one of this person's
        place = index
        resetStack()
    }
    onPlaceChanged: leftPane.show()
    function resetStack() {
        stack.clear(StackView.Immediate)
        shownReleaseId = ""
        if (!session.signedIn) {
            push(signInPage, {})
            return
        }
        if (wide)
            push(welcomePane, places[place]?.hint ? {hint: places[place].hint} : {})
        else
            push(placeComponent(place), {})
    }
    function placeComponent(index) {
        return places[index]?.page ?? todayPage
    }
    function openRelease(releaseId) {
        goRoot()
        shownReleaseId = releaseId
        return push(releasePage, {releaseId: releaseId})
    }
    function startInstallation(releaseId) {
        return push(startPage, {releaseId: releaseId})
    }
    function installationStarted(installationId) {
        stack.pop(StackView.Immediate) // the start page: Back from the checklist returns to the release
        return openInstallation(installationId)
    }
    function openInstallation(installationId) {
        return push(checklistPage, {installationId: installationId})
    }
    function openSignOff(installationId) {
        return push(signOffPage, {installationId: installationId})
    }
    function finishedInstallation(releaseId) {
        toast.show(qsTr("Saved. The installation is recorded on this tablet."))
        openRelease(releaseId)
    }
    function openAsset(assetId) {
        return push(assetPage, {assetId: assetId})
    }
    // The office: releases and people (the release manager's).
    function openOfficeRelease(releaseId) {
        goRoot()
        return push(officeReleasePage, {releaseId: releaseId})
    }
    function planRelease() {
        goRoot()
        return push(releasePlanPage, {releaseId: ""})
    }
    function editReleasePlan(releaseId) {
        return push(releasePlanPage, {releaseId: releaseId})
    }
    function releasePlanSaved(releaseId, planned) {
        toast.show(planned ? qsTr("Planned. The release is on this computer and goes to the server at the next sync.")
                           : qsTr("Saved. The changed plan goes to the server at the next sync."))
        if (planned)
            return openOfficeRelease(releaseId)
        back()
        return stack.currentItem
    }
    function openPerson(userId) {
        goRoot()
        return push(personPage, {userId: userId})
    }
    function addPerson() {
        goRoot()
        return push(personPage, {userId: ""})
    }
    function personSaved(userId, added) {
        if (!added) {
            toast.show(qsTr("Saved. The change goes to the server at the next sync."))
            return stack.currentItem
        }
        toast.show(qsTr("Added. Set a password (online) so that they can sign in."))
        return openPerson(userId)
    }
    // Importing and exporting assets (the release manager's).
    function openImport() {
        goRoot()
        return push(importPage, {})
    }
    // The office: the monthly report (the release manager's).
    function openReportList(month, measure) {
        goRoot()
        return push(reportListPage, {month: month, measure: measure})
    }
    /** The report's month changed: a list open beside it (on a wide screen) follows. */
    function reportMonthShown(month) {
        const list = stack.currentItem as ReportListPage
        if (list)
            list.month = month
    }
    function signInAgain() {
        push(signInPage, {})
    }
    function signedIn() {
        if (stack.depth > 1 && stack.currentItem.objectName === "signInPage") {
            // Signed in again on top of the work in hand: back to it.
            stack.pop()
            return
        }
        const first = isNaN(session.lastSyncAt.getTime())
        place = first ? 2 : 0
        resetStack()
        if (first)
            session.sync.sync()
    }
    /** Reopens the checklist (and the sign-off, when @p page says so) of @p installationId. */
    function resumeAt(installationId, page) {
        if (installationId.length === 0)
            return false
        const releaseId = workbench.releaseOfInstallation(installationId)
        if (releaseId.length > 0)
            openRelease(releaseId)
        openInstallation(installationId)
        if (page === "signoff")
            openSignOff(installationId)
        return true
    }
    /** Remembers which checklist or sign-off is open, so that a killed app reopens there. */
    function rememberPlace() {
        const item = stack.currentItem
        if (!item || !session.signedIn)
            return
        if (item.objectName === "signInPage")
            return // signing in again: the place underneath is still the place
        const checklist = item as ChecklistPage
        const signOff = item as SignOffPage
        if (checklist)
            session.setResumePoint("checklist", checklist.installationId)
        else if (signOff)
            session.setResumePoint("signoff", signOff.installationId)
        else
            session.clearResumePoint()
    }

    Component.onCompleted: {
        // Where the installer was when the app last stopped: the same checklist or sign-off.
        const installationId = session.resumeInstallation()
        const page = session.resumePage()
        resetStack()
        if (session.signedIn)
            resumeAt(installationId, page)
    }
    // Turning the tablet keeps the stack as it is (typed fields and all); the left pane comes and goes.

    Component {
        id: signInPage
        SignInPage {
            objectName: "signInPage"
            session: window.session
            onSignedIn: window.signedIn()
        }
    }
    Component {
        id: todayPage
        TodayPage {
            session: window.session
            selectedReleaseId: window.wide ? window.shownReleaseId : ""
            // On a narrow screen the office's places are reached from here; on a wide one, from the side.
            shortcuts: window.wide ? [] : window.myPlaces.filter(p => p.office)
            onOpenRelease: (releaseId) => window.openRelease(releaseId)
            onOpenPlace: (name) => window.showPlace(name)
            onAuditRoom: window.push(roomAuditPage, {})
            onOpenDslItem: (dslItemId) => {
                window.goRoot()
                library.openDslItem(dslItemId)
            }
            onOpenLicence: (licenceId) => {
                window.goRoot()
                library.openLicence(licenceId)
            }
        }
    }
    Component {
        id: inventoryPage
        InventoryPage {
            session: window.session
            onOpenAsset: (assetId) => window.openAsset(assetId)
        }
    }
    Component {
        id: syncPage
        SyncPage {
            session: window.session
            workbench: window.workbench
            onSignInRequested: window.signInAgain()
        }
    }
    Component {
        id: welcomePane
        WelcomePane { session: window.session }
    }
    Component {
        id: releasePage
        ReleasePage {
            session: window.session
            onStartInstallation: (releaseId) => window.startInstallation(releaseId)
            onOpenInstallation: (installationId) => window.openInstallation(installationId)
            onOpenAsset: (assetId) => window.openAsset(assetId)
        }
    }
    Component {
        id: startPage
        StartInstallationPage {
            workbench: window.workbench
            onInstallationStarted: (installationId) => window.installationStarted(installationId)
        }
    }
    Component {
        id: checklistPage
        ChecklistPage {
            objectName: "checklistPage"
            session: window.session
            workbench: window.workbench
            onOpenSignOff: (installationId) => window.openSignOff(installationId)
            onBackedOut: (releaseId) => window.finishedInstallation(releaseId)
        }
    }
    Component {
        id: signOffPage
        SignOffPage {
            objectName: "signOffPage"
            session: window.session
            workbench: window.workbench
            onSignedOff: (releaseId) => window.finishedInstallation(releaseId)
        }
    }
    Component {
        id: assetPage
        AssetPage {
            session: window.session
            onOpenInstallation: (installationId) => window.openInstallation(installationId)
        }
    }

    // The office's releases and people.
    Component {
        id: releasesPage
        ReleasesOverviewPage {
            session: window.session
            onOpenRelease: (releaseId) => window.openOfficeRelease(releaseId)
            onPlanRelease: window.planRelease()
        }
    }
    Component {
        id: officeReleasePage
        OfficeReleasePage {
            session: window.session
            releases: window.officeReleases
            onEditPlan: (releaseId) => window.editReleasePlan(releaseId)
            onOpenAsset: (assetId) => window.openAsset(assetId)
        }
    }
    Component {
        id: releasePlanPage
        ReleasePlanPage {
            releases: window.officeReleases
            onSaved: (releaseId, planned) => window.releasePlanSaved(releaseId, planned)
        }
    }
    Component {
        id: peoplePage
        PeoplePage {
            session: window.session
            onOpenPerson: (userId) => window.openPerson(userId)
            onAddPerson: window.addPerson()
        }
    }
    Component {
        id: sitesPage
        SitesPage {
            session: window.session
            onAuditRoom: (roomId) => window.push(roomAuditPage, {roomId: roomId})
        }
    }
    Component {
        id: roomAuditPage
        RoomAuditPage {
            objectName: "roomAuditPage"
            session: window.session
        }
    }
    Component {
        id: personPage
        PersonPage {
            people: window.officePeople
            onSaved: (userId, added) => window.personSaved(userId, added)
        }
    }

    Component {
        id: importExportPage
        ImportExportPage {
            session: window.session
            onOpenImport: window.openImport()
        }
    }
    Component {
        id: importPage
        // The page itself says what the import did.
        ImportPage { session: window.session }
    }
    // The office's monthly report.
    Component {
        id: reportPage
        ReportPage {
            session: window.session
            onOpenList: (month, measure) => window.openReportList(month, measure)
            onMonthShown: (month) => window.reportMonthShown(month)
        }
    }
    Component {
        id: reportListPage
        ReportListPage {
            session: window.session
            onOpenAsset: (assetId) => window.openAsset(assetId)
            onOpenService: (serviceId) => services.openService(serviceId)
            onOpenBuild: (buildId) => services.openBuild(buildId)
        }
    }

    // --- the window ---------------------------------------------------------------------------
    header: ToolBar {
        objectName: "appHeader"
        RowLayout {
            anchors.fill: parent
            spacing: 0
            ToolButton {
                objectName: "backButton"
                implicitWidth: 56
                implicitHeight: 56
                text: "‹"
                font.pixelSize: 30
                visible: stack.depth > 1
                onClicked: window.back()
            }
            Label {
                Layout.fillWidth: true
                leftPadding: stack.depth > 1 ? 0 : 16
                text: (stack.currentItem as Page)?.title || window.title
                font.pixelSize: 20
                font.bold: true
                elide: Text.ElideRight
            }
            Label {
                text: window.session.displayName
                rightPadding: 8
                visible: window.session.signedIn && window.width > 600
            }
            ToolButton {
                objectName: "menuButton"
                implicitWidth: 56
                implicitHeight: 56
                text: "⋮"
                font.pixelSize: 24
                onClicked: menu.open()
                Menu {
                    id: menu
                    MenuItem {
                        text: window.session.darkMode ? qsTr("Light theme") : qsTr("Dark theme")
                        onTriggered: window.session.darkMode = !window.session.darkMode
                    }
                    MenuItem {
                        objectName: "servicesMenuItem"
                        text: qsTr("Services and build procedures")
                        // Release managers and build developers. (A hidden MenuItem keeps its place
                        // in Qt 6.4's Menu unless its height goes too.)
                        visible: office.canEditServices
                        height: office.canEditServices ? implicitHeight : 0
                        onTriggered: services.openServices()
                    }
                    MenuItem {
                        objectName: "libraryMenuItem"
                        text: qsTr("Software library")
                        // Installers read the library and book its media in and out; the office has it as a place.
                        visible: window.session.signedIn && !window.session.officeRole
                        height: visible ? implicitHeight : 0
                        onTriggered: library.openLibrary()
                    }
                    MenuItem {
                        text: qsTr("Sign in again")
                        onTriggered: window.signInAgain()
                    }
                }
            }
        }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0
        SyncBar {
            objectName: "syncBar"
            Layout.fillWidth: true
            session: window.session
            visible: window.session.signedIn
            onClicked: window.showPlace(2)
        }
        RowLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: 0
            SideNav {
                objectName: "sideNav"
                Layout.preferredWidth: 220
                Layout.fillHeight: true
                visible: window.sideNavigation
                places: window.myPlaces
                current: window.places[window.place]?.name ?? ""
                onChosen: (name) => window.showPlace(name)
            }
            Rectangle {
                Layout.fillHeight: true
                width: 1
                visible: window.sideNavigation
                color: window.Material.dividerColor
            }
            // The place's list, on a wide screen. A StackView of one page rather than a Loader: Qt 6.4's
            // Loader cannot make the page components above, which are bound to this file's context.
            StackView {
                id: leftPane
                objectName: "leftPane"
                readonly property bool shown: window.wide && window.session.signedIn
                Layout.preferredWidth: Math.min(460, window.width * 0.4)
                Layout.fillHeight: true
                visible: shown
                /** The place's page, made again when the place changes or the pane comes back. */
                function show() {
                    if (shown)
                        replace(null, window.placeComponent(window.place), {}, StackView.Immediate)
                    else
                        clear(StackView.Immediate)
                }
                onShownChanged: show()
                Component.onCompleted: show()
            }
            Rectangle {
                Layout.fillHeight: true
                width: 1
                visible: leftPane.shown
                color: window.Material.dividerColor
            }
            StackView {
                id: stack
                objectName: "stack"
                Layout.fillWidth: true
                Layout.fillHeight: true
                onCurrentItemChanged: window.rememberPlace()
                onBusyChanged: if (!busy) window.rememberPlace()
            }
        }
    }

    footer: TabBar {
        id: tabs
        visible: window.session.signedIn && !window.sideNavigation
        // As high as its 56 px buttons: from their implicit 48 px the bar would be laid out 8 px
        // short, its buttons cut off by the window's edge and the pages above 8 px too tall.
        contentHeight: 56
        currentIndex: window.place < 3 ? window.place : -1
        TabButton {
            objectName: "todayTab"
            text: qsTr("Today")
            height: 56
            onClicked: window.showPlace(0)
        }
        TabButton {
            objectName: "inventoryTab"
            text: qsTr("Inventory")
            height: 56
            onClicked: window.showPlace(1)
        }
        TabButton {
            objectName: "syncTab"
            text: window.places[2].title
            height: 56
            onClicked: window.showPlace(2)
        }
    }

    Popup {
        id: toast
        objectName: "toast"
        property alias text: toastLabel.text
        function show(message: string) {
            text = message
            open()
            toastTimer.restart()
        }
        x: (window.width - width) / 2
        y: window.height - height - 96
        padding: 16
        Label {
            id: toastLabel
            wrapMode: Text.Wrap
        }
        Timer {
            id: toastTimer
            interval: 3500
            onTriggered: toast.close()
        }
    }
}
