pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Templates as T
import ReleaseDesk

// The office's services and build procedures pages, and how one leads to another, on the window's
// stack: the catalogue (openServices), a service and its versions, the service form, the build
// editor and the comparison of two versions. Main.qml makes one, gives it its stack, the session
// and the OfficeBench, and calls openServices(); each page is made here with what it needs and
// its signals wired, as Main does for its own pages. The functions are left untyped where C++
// (screenshots) calls them with QVariants.
QtObject {
    id: nav
    // Whichever style's StackView the window has (Material's, in the app).
    required property T.StackView stack
    required property AppSession session
    required property OfficeBench office

    function openServices() {
        return nav.stack.push(servicesPage, {})
    }
    function openService(serviceId) {
        return nav.stack.push(servicePage, {serviceId: serviceId})
    }
    function addService() {
        return nav.stack.push(serviceEditPage, {serviceId: ""})
    }
    function editService(serviceId) {
        return nav.stack.push(serviceEditPage, {serviceId: serviceId})
    }
    function openBuild(buildId) {
        return nav.stack.push(buildEditorPage, {buildId: buildId})
    }
    function compareBuilds(serviceId, fromBuildId, toBuildId) {
        return nav.stack.push(buildComparePage, {serviceId: serviceId, fromBuildId: fromBuildId, toBuildId: toBuildId})
    }
    /**
     * Whether leaving would drop unsaved edits on one of these pages (the top one, or with
     * @p wholeStack any page on the stack): that page then asks, and calls @p proceed once the
     * edits are saved or dropped. False when nothing would be lost: the caller goes on at once.
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
    /** Whether @p item is one of these pages with unsaved edits, which then asks (see asksBeforeLeaving). */
    function asks(item: Item, proceed: var): bool {
        const editor = item as BuildEditorPage
        if (editor)
            return editor.confirmLeave(proceed)
        const serviceForm = item as ServiceEditPage
        return serviceForm ? serviceForm.confirmLeave(proceed) : false
    }

    readonly property Component servicesPage: Component {
        ServicesPage {
            session: nav.session
            office: nav.office
            onOpenService: (serviceId) => nav.openService(serviceId)
            onAddService: nav.addService()
        }
    }
    readonly property Component servicePage: Component {
        ServicePage {
            session: nav.session
            office: nav.office
            onOpenBuild: (buildId) => nav.openBuild(buildId)
            onEditService: (serviceId) => nav.editService(serviceId)
            onCompareBuilds: (serviceId, fromBuildId, toBuildId) => nav.compareBuilds(serviceId, fromBuildId, toBuildId)
        }
    }
    readonly property Component serviceEditPage: Component {
        ServiceEditPage {
            id: edit
            office: nav.office
            onCancelled: {
                edit.form.revert() // nothing kept: Cancel says so
                nav.stack.pop()
            }
            onSaved: (serviceId) => {
                // A service just added opens, to write its build procedure; a change goes back.
                if (edit.serviceId.length === 0)
                    nav.stack.replace(nav.servicePage, {serviceId: serviceId})
                else
                    nav.stack.pop()
            }
        }
    }
    readonly property Component buildEditorPage: Component {
        BuildEditorPage {
            session: nav.session
            office: nav.office
            onOpenBuild: (buildId) => nav.stack.replace(nav.buildEditorPage, {buildId: buildId})
            onCompareBuilds: (serviceId, fromBuildId, toBuildId) => nav.compareBuilds(serviceId, fromBuildId, toBuildId)
        }
    }
    readonly property Component buildComparePage: Component {
        BuildComparePage {
            session: nav.session
        }
    }
}
