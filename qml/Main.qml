pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import ReleaseDesk

// The app's window: the sync bar always on top, three places (Today, Inventory, Sync) and a
// stack of pages for the work in hand. On a wide screen (a desktop, a tablet in landscape) the
// place's list stays on the left and the work opens on the right.
ApplicationWindow {
    id: window
    required property AppSession session
    readonly property bool wide: width >= 960
    property int place: 0 // 0 Today, 1 Inventory, 2 Sync
    property alias stack: stack
    property alias workbench: workbench
    property alias services: services

    width: 1280
    height: 800
    visible: true
    title: qsTr("Release Desk")
    font.pixelSize: 17
    Material.theme: session.darkMode ? Material.Dark : Material.Light
    Material.primary: Material.Indigo
    Material.accent: Material.Indigo

    Workbench {
        id: workbench
        session: window.session
    }
    OfficeBench {
        id: office
        session: window.session
    }
    // The office's services and build procedures pages: services.openServices() opens the catalogue.
    ServicesNavigation {
        id: services
        stack: stack
        session: window.session
        office: office
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
        if (services.asksBeforeLeaving(() => stack.pop(), false))
            return
        stack.pop()
    }
    /** Back to the place's first page (the list itself, or the welcome pane on a wide screen). */
    function goRoot() {
        stack.pop(null, StackView.Immediate)
    }
    function showPlace(index) {
        if (services.asksBeforeLeaving(() => window.showPlace(index), true))
            return
        place = index
        resetStack()
    }
    onPlaceChanged: leftPane.show()
    function resetStack() {
        stack.clear(StackView.Immediate)
        if (!session.signedIn) {
            push(signInPage, {})
            return
        }
        push(wide ? welcomePane : placeComponent(place), {})
    }
    function placeComponent(index) {
        return index === 1 ? inventoryPage : index === 2 ? syncPage : todayPage
    }
    function openRelease(releaseId) {
        goRoot()
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
            onOpenRelease: (releaseId) => window.openRelease(releaseId)
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

    // --- the window ---------------------------------------------------------------------------
    header: ToolBar {
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
        visible: window.session.signedIn
        currentIndex: window.place
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
            text: window.session.openConflicts > 0 ? qsTr("Sync (%1)").arg(window.session.openConflicts) : qsTr("Sync")
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
