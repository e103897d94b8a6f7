pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import ReleaseDesk

// A licence of the licence log and its seats: which assets have one, who gave it and when, the
// release whose sign-off gave it, and the reason written when it went past the seats bought. The
// office shows the key (masked until asked), gives a seat to an asset (with a reason when every
// seat is given) and takes one back. Below the seats, the licence's history.
Page {
    id: page
    required property AppSession session
    required property OfficeLibrary library
    property string licenceId
    property alias seats: seatsModel
    property alias giveSeatDialog: giveSeatDialog
    property alias takeBackDialog: takeBackDialog
    /** The key once "Show the key" asked for it; empty while masked. */
    property string shownKey
    /** Why the last action failed, in words. */
    property string actionError
    signal editLicence(string licenceId)
    signal openDslItem(string dslItemId)
    signal openAsset(string assetId)
    title: seatsModel.licence.loaded ? seatsModel.licence.name : qsTr("Licence")

    LicenceSeatsModel {
        id: seatsModel
        session: page.session
        licenceId: page.licenceId
    }

    /** Gives the chosen asset a seat, with @p reason when every seat is given; false, saying why, when refused. */
    function giveSeat(assetId: string, reason: string): bool {
        const answer = page.library.giveSeat(page.licenceId, assetId, reason)
        // OfficeLibrary answers a QVariantMap, {ok, error}: Qt 6.4's qmllint cannot see a map's keys.
        giveSeatError.text = answer.ok ? "" : answer.error // qmllint disable type
        if (giveSeatError.text.length > 0)
            return false
        giveSeatDialog.close()
        return true
    }
    /** Takes the seat @p seatId back; false, saying why, when refused. */
    function takeBack(seatId: string): bool {
        const answer = page.library.takeBackSeat(seatId)
        // {ok, error}: see giveSeat.
        page.actionError = answer.ok ? "" : answer.error // qmllint disable type
        takeBackDialog.close()
        return page.actionError.length === 0
    }

    Connections {
        target: list.headerItem as LicenceHeader
        function onShowKey() { page.shownKey = page.library.licenceKey(page.licenceId) }
        function onHideKey() { page.shownKey = "" }
        function onGiveSeat() { giveSeatDialog.open() }
        function onEdit() { page.editLicence(page.licenceId) }
        function onOpenDslItem(dslItemId: string) { page.openDslItem(dslItemId) }
    }
    Binding {
        target: list.headerItem as LicenceHeader
        property: "shownKey"
        value: page.shownKey
        when: list.headerItem !== null
    }
    Binding {
        target: list.headerItem as LicenceHeader
        property: "error"
        value: page.actionError
        when: list.headerItem !== null
    }
    Binding {
        target: list.headerItem as LicenceHeader
        property: "canGiveSeats"
        value: page.library.canGiveSeats
        when: list.headerItem !== null
    }
    Binding {
        target: list.headerItem as LicenceHeader
        property: "canEdit"
        value: page.library.canEditLicences
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
        value: page.licenceId
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
        objectName: "seatList"
        anchors.fill: parent
        anchors.margins: 8
        spacing: 4
        clip: true
        model: seatsModel
        // Files of their own, made by the list: see ReleaseHeader.qml.
        header: Qt.createComponent("LicenceHeader.qml", Component.PreferSynchronous, list)
        footer: Qt.createComponent("RecordHistory.qml", Component.PreferSynchronous, list)
        delegate: ItemDelegate {
            id: seat
            required property string seatId
            required property string assetId
            required property string assetTag
            required property string serial
            required property string model
            required property string site
            required property string assignedBy
            required property var assignedAt
            required property string overrideReason
            required property string release
            width: ListView.view.width
            padding: 12
            onClicked: page.openAsset(seat.assetId)
            contentItem: RowLayout {
                spacing: 12
                ColumnLayout {
                    Layout.fillWidth: true
                    spacing: 2
                    Label {
                        Layout.fillWidth: true
                        text: qsTr("%1 · %2").arg(seat.assetTag || qsTr("no tag")).arg(seat.model)
                        font.bold: true
                        elide: Text.ElideRight
                    }
                    Label {
                        Layout.fillWidth: true
                        text: qsTr("Serial %1 · %2").arg(seat.serial).arg(seat.site)
                        opacity: 0.8
                        elide: Text.ElideRight
                    }
                    Label {
                        Layout.fillWidth: true
                        wrapMode: Text.Wrap
                        font.pixelSize: 15
                        opacity: 0.75
                        text: seat.release.length > 0
                              ? qsTr("Given by %1, %2, at the sign-off of release %3").arg(seat.assignedBy)
                                    .arg(Qt.formatDateTime(seat.assignedAt, "d MMM yyyy hh:mm")).arg(seat.release)
                              : qsTr("Given by %1, %2").arg(seat.assignedBy).arg(Qt.formatDateTime(seat.assignedAt, "d MMM yyyy hh:mm"))
                    }
                    Label {
                        objectName: "overrideLabel"
                        Layout.fillWidth: true
                        visible: seat.overrideReason.length > 0
                        wrapMode: Text.Wrap
                        color: Material.color(Material.Orange, Material.Shade800)
                        text: qsTr("Past the seats bought: %1").arg(seat.overrideReason)
                    }
                }
                Button {
                    objectName: "takeBackButton"
                    visible: page.library.canGiveSeats
                    flat: true
                    text: qsTr("Take back…")
                    onClicked: {
                        takeBackDialog.seatId = seat.seatId
                        takeBackDialog.assetTag = seat.assetTag || seat.serial
                        takeBackDialog.open()
                    }
                }
            }
        }
    }

    Dialog {
        id: giveSeatDialog
        objectName: "giveSeatDialog"
        property alias search: assetSearch
        property alias reason: reasonField
        /** The asset chosen from the search's answers; empty until one is. */
        property string assetId
        property var found: []
        anchors.centerIn: parent
        width: Math.min(page.width - 32, 620)
        height: Math.min(page.height - 32, 680)
        modal: true
        title: qsTr("Give a seat of %1").arg(seatsModel.licence.name)
        // Emptied as it opens (not once it has opened), so that what is put in at once stays.
        onAboutToShow: {
            giveSeatError.text = ""
            assetSearch.text = ""
            reasonField.text = ""
            giveSeatDialog.assetId = ""
            giveSeatDialog.found = []
        }
        onOpened: assetSearch.forceActiveFocus()
        ColumnLayout {
            anchors.fill: parent
            spacing: 8
            TextField {
                id: assetSearch
                objectName: "assetSearchField"
                Layout.fillWidth: true
                Layout.preferredHeight: 52
                placeholderText: qsTr("Asset tag, serial or room")
                inputMethodHints: Qt.ImhNoPredictiveText
                onTextChanged: {
                    giveSeatDialog.found = page.library.findAssets(assetSearch.text, page.licenceId)
                    giveSeatDialog.assetId = giveSeatDialog.found.length === 1 && !giveSeatDialog.found[0].hasSeat
                                             ? giveSeatDialog.found[0].assetId : ""
                }
            }
            ListView {
                id: foundList
                objectName: "foundList"
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.minimumHeight: 120
                clip: true
                model: giveSeatDialog.found
                delegate: RadioDelegate {
                    id: found
                    required property var modelData
                    width: ListView.view.width
                    enabled: !found.modelData.hasSeat
                    checked: giveSeatDialog.assetId === found.modelData.assetId
                    text: qsTr("%1 · %2 · %3").arg(found.modelData.assetTag || found.modelData.serial)
                              .arg(found.modelData.model).arg(found.modelData.site)
                          + (found.modelData.hasSeat ? qsTr(" (has a seat)") : "")
                    onClicked: giveSeatDialog.assetId = found.modelData.assetId
                }
            }
            Label {
                objectName: "fullLabel"
                Layout.fillWidth: true
                visible: seatsModel.licence.full
                wrapMode: Text.Wrap
                color: Material.color(Material.Orange, Material.Shade800)
                text: qsTr("Every seat is given (%1 of %2). Say why this asset gets one anyway; the reason is kept with the seat.")
                          .arg(seatsModel.licence.used).arg(seatsModel.licence.seats)
            }
            TextArea {
                id: reasonField
                objectName: "reasonField"
                Layout.fillWidth: true
                Layout.minimumHeight: 72
                visible: seatsModel.licence.full
                wrapMode: TextEdit.Wrap
                placeholderText: qsTr("A seat is on order (PO-1203), the old PC's seat comes back next week…")
            }
            Label {
                id: giveSeatError
                objectName: "giveSeatError"
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
                    onClicked: giveSeatDialog.close()
                }
                Button {
                    objectName: "confirmGiveSeatButton"
                    Layout.fillWidth: true
                    Layout.preferredHeight: 52
                    highlighted: true
                    enabled: giveSeatDialog.assetId.length > 0
                             && (!seatsModel.licence.full || reasonField.text.trim().length > 0)
                    text: qsTr("Give the seat")
                    onClicked: page.giveSeat(giveSeatDialog.assetId, seatsModel.licence.full ? reasonField.text : "")
                }
            }
        }
    }

    Dialog {
        id: takeBackDialog
        objectName: "takeBackDialog"
        property string seatId
        property string assetTag
        anchors.centerIn: parent
        width: Math.min(page.width - 32, 520)
        modal: true
        title: qsTr("Take the seat back from %1?").arg(takeBackDialog.assetTag)
        ColumnLayout {
            anchors.fill: parent
            spacing: 8
            Label {
                Layout.fillWidth: true
                wrapMode: Text.Wrap
                text: qsTr("The seat is free for another asset. Uninstall the software from this one first.")
            }
            RowLayout {
                Layout.fillWidth: true
                Button {
                    Layout.fillWidth: true
                    Layout.preferredHeight: 52
                    text: qsTr("Cancel")
                    onClicked: takeBackDialog.close()
                }
                Button {
                    objectName: "confirmTakeBackButton"
                    Layout.fillWidth: true
                    Layout.preferredHeight: 52
                    highlighted: true
                    text: qsTr("Take it back")
                    onClicked: page.takeBack(takeBackDialog.seatId)
                }
            }
        }
    }
}
