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

    // --- navigation ---------------------------------------------------------------------------
    function pageProps(extra) {
        return Object.assign({session: window.session, workbench: workbench}, extra || {})
    }
    function wire(page) {
        const handlers = {
            openRelease: openRelease, openInstallation: openInstallation, startInstallation: startInstallation,
            installationStarted: installationStarted, openSignOff: openSignOff, signedOff: finishedInstallation,
            backedOut: finishedInstallation, openAsset: openAsset, signInRequested: signInAgain,
            signedIn: signedIn
        }
        for (const name in handlers) {
            if (page[name] !== undefined && typeof page[name].connect === "function")
                page[name].connect(handlers[name])
        }
        return page
    }
    function push(component, props) {
        return wire(stack.push(component, pageProps(props)))
    }
    /** One page back, as the Back button does. */
    function back() {
        stack.pop()
    }
    /** Back to the place's first page (the list itself, or the welcome pane on a wide screen). */
    function goRoot() {
        stack.pop(null, StackView.Immediate)
    }
    function showPlace(index) {
        place = index
        resetStack()
    }
    function resetStack() {
        stack.clear(StackView.Immediate)
        if (!session.signedIn) {
            push(signInPage)
            return
        }
        push(wide ? welcomePane : placeComponent(place))
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
        return push(checklistPage, {installationId: installationId, objectName: "checklistPage"})
    }
    function openSignOff(installationId) {
        return push(signOffPage, {installationId: installationId, objectName: "signOffPage"})
    }
    function finishedInstallation(releaseId) {
        toast.show(qsTr("Saved. The installation is recorded on this tablet."))
        openRelease(releaseId)
    }
    function openAsset(assetId) {
        return push(assetPage, {assetId: assetId})
    }
    function signInAgain() {
        push(signInPage, {objectName: "signInPage"})
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
        if (item.objectName === "checklistPage")
            session.setResumePoint("checklist", item.installationId)
        else if (item.objectName === "signOffPage")
            session.setResumePoint("signoff", item.installationId)
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

    Component { id: signInPage; SignInPage {} }
    Component { id: todayPage; TodayPage {} }
    Component { id: inventoryPage; InventoryPage {} }
    Component { id: syncPage; SyncPage {} }
    Component { id: welcomePane; WelcomePane {} }
    Component { id: releasePage; ReleasePage {} }
    Component { id: startPage; StartInstallationPage {} }
    Component { id: checklistPage; ChecklistPage {} }
    Component { id: signOffPage; SignOffPage {} }
    Component { id: assetPage; AssetPage {} }

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
                text: stack.currentItem && stack.currentItem.title ? stack.currentItem.title : window.title
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
            Loader {
                id: leftPane
                objectName: "leftPane"
                Layout.preferredWidth: Math.min(460, window.width * 0.4)
                Layout.fillHeight: true
                active: window.wide && window.session.signedIn
                visible: active
                sourceComponent: window.placeComponent(window.place)
                onLoaded: {
                    item.session = window.session
                    item.workbench = workbench
                    window.wire(item)
                }
            }
            Rectangle {
                Layout.fillHeight: true
                width: 1
                visible: leftPane.active
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
        function show(message) {
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
