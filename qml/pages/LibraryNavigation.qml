pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Templates as T
import ReleaseDesk

// The Definitive Software Library's and the licence log's pages, and how one leads to another, on
// the window's stack: the library (openLibrary), a software item and its in/out book, the item
// form, the licence log (openLicences), a licence and its seats, the licence form. Main.qml makes
// one, gives it its stack, the session and the OfficeLibrary, and lists libraryPage and
// licencesPage among its places; an asset a licence's seat names opens through openAsset. The
// functions are left untyped where C++ (screenshots) calls them with QVariants.
QtObject {
    id: nav
    // Whichever style's StackView the window has (Material's, in the app).
    required property T.StackView stack
    required property AppSession session
    required property OfficeLibrary library
    /** A seat's asset: Main opens its page with its history. */
    signal openAsset(string assetId)

    function openLibrary() {
        return nav.stack.push(libraryPage, {})
    }
    function openLicences() {
        return nav.stack.push(licencesPage, {})
    }
    function openDslItem(dslItemId) {
        return nav.stack.push(dslItemPage, {dslItemId: dslItemId})
    }
    function addDslItem() {
        return nav.stack.push(dslItemEditPage, {dslItemId: ""})
    }
    function editDslItem(dslItemId) {
        return nav.stack.push(dslItemEditPage, {dslItemId: dslItemId})
    }
    function openLicence(licenceId) {
        return nav.stack.push(licencePage, {licenceId: licenceId})
    }
    function addLicence() {
        return nav.stack.push(licenceEditPage, {licenceId: ""})
    }
    function editLicence(licenceId) {
        return nav.stack.push(licenceEditPage, {licenceId: licenceId})
    }
    /**
     * Opens @p component from a list page: on top of it when the list is on the stack itself, or
     * instead of what the stack shows when the list is the place's page beside it (a wide screen).
     */
    function openFrom(list: Item, component: Component, properties: var): var {
        if (list.StackView.view !== nav.stack)
            nav.stack.pop(null, StackView.Immediate)
        return nav.stack.push(component, properties)
    }
    /**
     * Whether leaving would drop unsaved edits on one of these pages (the top one, or with
     * @p wholeStack any page on the stack): that page then asks, and calls @p proceed once the
     * edits are saved or dropped. False when nothing would be lost.
     */
    function asksBeforeLeaving(proceed: var, wholeStack: bool): bool {
        if (!wholeStack)
            return nav.asks(nav.stack.currentItem, proceed)
        for (let i = nav.stack.depth - 1; i >= 0; --i) {
            const item = nav.stack.get(i, StackView.DontLoad)
            if (item && nav.asks(item, proceed)) {
                if (item !== nav.stack.currentItem)
                    nav.stack.pop(item, StackView.Immediate) // show the page that asks
                return true
            }
        }
        return false
    }
    /** Whether @p item is one of these forms with unsaved edits, which then asks. */
    function asks(item: Item, proceed: var): bool {
        const itemForm = item as DslItemEditPage
        if (itemForm)
            return itemForm.confirmLeave(proceed)
        const licenceForm = item as LicenceEditPage
        return licenceForm ? licenceForm.confirmLeave(proceed) : false
    }

    readonly property Component libraryPage: Component {
        SoftwareLibraryPage {
            id: libraryList
            session: nav.session
            library: nav.library
            onOpenDslItem: (dslItemId) => nav.openFrom(libraryList, nav.dslItemPage, {dslItemId: dslItemId})
            onAddDslItem: nav.openFrom(libraryList, nav.dslItemEditPage, {dslItemId: ""})
        }
    }
    readonly property Component dslItemPage: Component {
        DslItemPage {
            session: nav.session
            library: nav.library
            onEditDslItem: (dslItemId) => nav.editDslItem(dslItemId)
            onOpenLicence: (licenceId) => nav.openLicence(licenceId)
        }
    }
    readonly property Component dslItemEditPage: Component {
        DslItemEditPage {
            id: itemEdit
            library: nav.library
            onCancelled: {
                itemEdit.form.revert() // nothing kept: Cancel says so
                nav.stack.pop()
            }
            onSaved: (dslItemId) => {
                // An item just added opens, with its in/out book; a change goes back.
                if (itemEdit.dslItemId.length === 0)
                    nav.stack.replace(nav.dslItemPage, {dslItemId: dslItemId})
                else
                    nav.stack.pop()
            }
        }
    }
    readonly property Component licencesPage: Component {
        LicencesPage {
            id: licenceList
            session: nav.session
            library: nav.library
            onOpenLicence: (licenceId) => nav.openFrom(licenceList, nav.licencePage, {licenceId: licenceId})
            onAddLicence: nav.openFrom(licenceList, nav.licenceEditPage, {licenceId: ""})
        }
    }
    readonly property Component licencePage: Component {
        LicencePage {
            session: nav.session
            library: nav.library
            onEditLicence: (licenceId) => nav.editLicence(licenceId)
            onOpenDslItem: (dslItemId) => nav.openDslItem(dslItemId)
            onOpenAsset: (assetId) => nav.openAsset(assetId)
        }
    }
    readonly property Component licenceEditPage: Component {
        LicenceEditPage {
            id: licenceEdit
            library: nav.library
            onCancelled: {
                licenceEdit.form.revert()
                nav.stack.pop()
            }
            onSaved: (licenceId) => {
                if (licenceEdit.licenceId.length === 0)
                    nav.stack.replace(nav.licencePage, {licenceId: licenceId})
                else
                    nav.stack.pop()
            }
        }
    }
}
