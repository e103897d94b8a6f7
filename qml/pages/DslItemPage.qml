pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import ReleaseDesk

// One software item of the Definitive Software Library and the in/out book of its original media:
// who took them, when, for what and when they were expected back, and when they came back and who
// booked them in. Anyone signed in takes the media out, as themselves, and books them back in;
// media already out are refused, with whom they are. Below the book, the item's history.
Page {
    id: page
    required property AppSession session
    required property OfficeLibrary library
    property string dslItemId
    property alias book: bookModel
    property alias takeOutDialog: takeOutDialog
    /** Why the last action failed, in words. */
    property string actionError
    signal editDslItem(string dslItemId)
    signal openLicence(string licenceId)
    title: bookModel.item.loaded ? qsTr("%1 %2").arg(bookModel.item.product).arg(bookModel.item.version)
                                 : qsTr("Software item")

    MediaBookModel {
        id: bookModel
        session: page.session
        dslItemId: page.dslItemId
    }

    /** Takes the media out for @p purpose, back by @p expectedBack (YYYY-MM-DD or ""); false, saying why, when refused. */
    function takeOut(purpose: string, expectedBack: string): bool {
        const answer = page.library.takeOutMedia(page.dslItemId, purpose, expectedBack)
        // OfficeLibrary answers a QVariantMap, {ok, error}: Qt 6.4's qmllint cannot see a map's keys.
        takeOutError.text = answer.ok ? "" : answer.error // qmllint disable type
        if (takeOutError.text.length > 0)
            return false
        page.actionError = ""
        takeOutDialog.close()
        return true
    }
    /** Books the media back in, as the signed-in person. */
    function bookIn(): bool {
        const answer = page.library.returnMedia(bookModel.item.openLoanId)
        // {ok, error}: see takeOut.
        page.actionError = answer.ok ? "" : answer.error // qmllint disable type
        return page.actionError.length === 0
    }

    Connections {
        target: list.headerItem as DslItemHeader
        function onTakeOut() { takeOutDialog.open() }
        function onBookIn() { page.bookIn() }
        function onEdit() { page.editDslItem(page.dslItemId) }
        function onOpenLicence(licenceId: string) { page.openLicence(licenceId) }
    }
    Binding {
        target: list.headerItem as DslItemHeader
        property: "error"
        value: page.actionError
        when: list.headerItem !== null
    }
    Binding {
        target: list.headerItem as DslItemHeader
        property: "canEdit"
        value: page.library.canEditLibrary
        when: list.headerItem !== null
    }
    Binding {
        target: list.headerItem as DslItemHeader
        property: "canBorrow"
        value: page.library.canBorrowMedia
        when: list.headerItem !== null
    }
    Binding {
        target: list.headerItem as DslItemHeader
        property: "canOpenLicences"
        value: page.library.canSeeKeys
        when: list.headerItem !== null
    }
    Binding {
        target: list.footerItem as RecordHistory
        property: "session"
        value: page.session
        when: list.footerItem !== null
    }
    Binding {
        target: list.footerItem as RecordHistory
        property: "recordId"
        value: page.dslItemId
        when: list.footerItem !== null
    }

    // The header grows as its texts wrap to the page's width; until someone scrolls, its top stays
    // in view (a list keeps its first row in place, and would push the header's top out of sight).
    Connections {
        target: list.headerItem
        function onHeightChanged() {
            if (!list.scrolled)
                list.positionViewAtBeginning()
        }
    }

    ListView {
        id: list
        property bool scrolled: false
        onMovementStarted: scrolled = true
        objectName: "bookList"
        anchors.fill: parent
        anchors.margins: 8
        spacing: 4
        clip: true
        model: bookModel
        // Files of their own, made by the list: see ReleaseHeader.qml.
        header: Qt.createComponent("DslItemHeader.qml", Component.PreferSynchronous, list)
        footer: Qt.createComponent("RecordHistory.qml", Component.PreferSynchronous, list)
        delegate: ItemDelegate {
            id: loan
            required property string takenBy
            required property var takenAt
            required property string purpose
            required property var expectedBack
            required property var returnedAt
            required property string returnedBy
            required property bool out
            required property bool overdue
            width: ListView.view.width
            padding: 12
            contentItem: ColumnLayout {
                spacing: 2
                RowLayout {
                    Layout.fillWidth: true
                    Label {
                        Layout.fillWidth: true
                        text: qsTr("Taken out by %1, %2").arg(loan.takenBy).arg(Qt.formatDateTime(loan.takenAt, "ddd d MMM yyyy hh:mm"))
                        font.bold: true
                        wrapMode: Text.Wrap
                    }
                    Label {
                        visible: loan.out
                        text: loan.overdue ? qsTr("Overdue") : qsTr("Out")
                        font.bold: true
                        color: loan.overdue ? Material.color(Material.Red) : Material.color(Material.Orange, Material.Shade800)
                    }
                }
                Label {
                    Layout.fillWidth: true
                    visible: loan.purpose.length > 0
                    text: qsTr("For: %1").arg(loan.purpose)
                    wrapMode: Text.Wrap
                    opacity: 0.8
                }
                Label {
                    Layout.fillWidth: true
                    text: {
                        const due = isNaN(loan.expectedBack.getTime()) ? "" : qsTr("Due back %1").arg(Qt.formatDate(loan.expectedBack, "ddd d MMM"))
                        if (loan.out)
                            return due
                        const back = loan.returnedBy.length > 0
                                   ? qsTr("Booked back in by %1, %2").arg(loan.returnedBy).arg(Qt.formatDateTime(loan.returnedAt, "ddd d MMM yyyy hh:mm"))
                                   : qsTr("Back %1").arg(Qt.formatDateTime(loan.returnedAt, "ddd d MMM yyyy hh:mm"))
                        return due.length > 0 ? due + " · " + back : back
                    }
                    visible: text.length > 0
                    wrapMode: Text.Wrap
                    font.pixelSize: 15
                    opacity: 0.75
                }
            }
        }
    }

    Dialog {
        id: takeOutDialog
        objectName: "takeOutDialog"
        property alias purpose: purposeField
        property alias expectedBack: backField
        anchors.centerIn: parent
        width: Math.min(page.width - 32, 560)
        modal: true
        title: qsTr("Take the original media out")
        // Emptied as it opens (not once it has opened), so that what is put in at once stays.
        onAboutToShow: {
            takeOutError.text = ""
            purposeField.text = ""
            // A week unless said otherwise: media with no day to be back by are never overdue.
            const week = new Date()
            week.setDate(week.getDate() + 7)
            backField.text = Qt.formatDate(week, "yyyy-MM-dd")
        }
        onOpened: purposeField.forceActiveFocus()
        ColumnLayout {
            anchors.fill: parent
            spacing: 8
            Label {
                Layout.fillWidth: true
                wrapMode: Text.Wrap
                text: qsTr("The in/out book records that you, %1, take them now.").arg(page.session.displayName)
            }
            Label { text: qsTr("What for"); opacity: 0.7 }
            TextField {
                id: purposeField
                objectName: "purposeField"
                Layout.fillWidth: true
                Layout.preferredHeight: 56
                placeholderText: qsTr("Rebuilding the office PC, installing in ICT 2…")
            }
            Label { text: qsTr("Back by (YYYY-MM-DD, or empty)"); opacity: 0.7 }
            TextField {
                id: backField
                objectName: "expectedBackField"
                Layout.fillWidth: true
                Layout.preferredHeight: 56
                inputMethodHints: Qt.ImhDate
                placeholderText: qsTr("2026-11-20")
            }
            Label {
                id: takeOutError
                objectName: "takeOutError"
                Layout.fillWidth: true
                visible: text.length > 0
                wrapMode: Text.Wrap
                color: Material.color(Material.Red)
            }
            RowLayout {
                Layout.fillWidth: true
                Button {
                    Layout.fillWidth: true
                    Layout.preferredHeight: 52
                    text: qsTr("Cancel")
                    onClicked: takeOutDialog.close()
                }
                Button {
                    objectName: "confirmTakeOutButton"
                    Layout.fillWidth: true
                    Layout.preferredHeight: 52
                    highlighted: true
                    text: qsTr("Take them out")
                    onClicked: page.takeOut(purposeField.text, backField.text)
                }
            }
        }
    }
}
