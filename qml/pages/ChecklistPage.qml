pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import ReleaseDesk

// The build install checklist: installation steps, then stability tests, then acceptance tests.
// Each line is pass, fail or not applicable, with an optional note and scanned evidence; who and
// when are recorded by themselves. Every tap is committed at once. A recorded line shows its result
// and no buttons: it changes only through its "Change result", and the old result stays in its
// history. A fail offers fix-and-retest first; backing out asks a reason, then a confirmation.
Page {
    id: page
    required property AppSession session
    required property Workbench workbench
    property string installationId
    property alias checklist: lines
    property alias list: list
    property alias backOutDialog: backOutDialog
    property alias confirmBackOutDialog: confirmBackOutDialog
    signal openSignOff(string installationId)
    signal backedOut(string releaseId)
    title: lines.installation.assetTag.length > 0 ? qsTr("Checklist · %1").arg(lines.installation.assetTag)
                                                  : qsTr("Checklist")

    ChecklistModel {
        id: lines
        session: page.session
        installationId: page.installationId
        // Qt.callLater is a method of the Qt object; Qt 6.4's qmllint takes it for a QJSValue property.
        onModelReset: Qt.callLater(page.showCurrent) // qmllint disable type
    }

    // What is typed on a line before it is tapped, kept by the page: a line scrolled out of view
    // and back (its card made anew) still has it.
    property var drafts: ({})
    /** The recorded line whose result is being changed (its buttons shown again); -1 for none. */
    property int changingRow: -1
    function draft(row: int, field: string): string {
        const d = drafts[row]
        return d && d[field] ? d[field] : ""
    }
    function setDraft(row: int, field: string, text: string) {
        const d = Object.assign({}, drafts[row] || {})
        d[field] = text
        drafts[row] = d
    }
    function clearDraft(row: int) {
        delete drafts[row]
    }

    /** Brings the first line still to do into view. */
    function showCurrent() {
        if (!list || lines.count === 0)
            return
        if (lines.currentIndex >= lines.count)
            list.positionViewAtEnd() // every line recorded: the sign-off below them
        else
            list.positionViewAtIndex(lines.currentIndex, ListView.Center)
    }
    /** Records @p outcome on line @p row; a fail offers the back-out plan. */
    function record(row: int, outcome: string, note: string, evidence: string): bool {
        if (!lines.record(row, outcome, note, evidence))
            return false
        if (outcome === "fail") {
            backOutDialog.failedRow = row
            backOutDialog.failedStep = lines.data(lines.index(row, 0), ChecklistModel.TitleRole)
            backOutDialog.open()
        } else if (lines.currentIndex < lines.count) {
            list.currentIndex = lines.currentIndex
            list.positionViewAtIndex(lines.currentIndex, ListView.Contain)
        } else {
            // The last line recorded: bring the sign-off (the list's footer) into view, now and
            // again once the line has shrunk (its buttons gone) in the next layout.
            list.positionViewAtEnd()
            Qt.callLater(page.showCurrent) // qmllint disable type
        }
        return true
    }

    header: Pane {
        Material.elevation: 1
        padding: 12
        leftPadding: 16
        rightPadding: 16
        RowLayout {
            anchors.fill: parent
            Label {
                Layout.fillWidth: true
                elide: Text.ElideRight
                text: qsTr("%1 · %2 · %3").arg(lines.installation.releaseNumber)
                          .arg(lines.installation.model).arg(lines.installation.serial)
            }
            // Done is passed or not applicable (the core's countsAsDone); a failed line is not done.
            Label {
                objectName: "progressLabel"
                text: qsTr("%1 of %2 done").arg(lines.doneCount).arg(lines.count)
                font.bold: true
            }
            Label {
                objectName: "failedLabel"
                visible: lines.failedCount > 0
                text: qsTr("· %1 failed").arg(lines.failedCount)
                font.bold: true
                color: Material.color(Material.Red, page.Material.theme === Material.Dark ? Material.Shade300
                                                                                          : Material.Shade700)
            }
        }
    }

    Connections {
        target: list.footerItem as ChecklistFooter
        function onSignOffRequested() { page.openSignOff(page.installationId) }
        function onBackOutRequested() {
            backOutDialog.failedRow = -1
            backOutDialog.failedStep = ""
            backOutDialog.open()
        }
    }

    ListView {
        id: list
        objectName: "checklist"
        anchors.fill: parent
        anchors.margins: 8
        spacing: 6
        clip: true
        model: lines
        currentIndex: lines.currentIndex
        section.property: "partLabel"
        // A file of its own, made by the list, as ReleaseHeader.qml says why.
        section.delegate: Qt.createComponent("../components/SectionHeading.qml", Component.PreferSynchronous, list)
        delegate: Card {
            id: line
            required property int index
            required property string stepId
            required property string title
            required property string detail
            required property bool required
            required property string outcome
            required property string note
            required property string evidence
            required property bool asksForPhoto
            required property bool hasPhoto
            required property string recordedBy
            required property var recordedAt
            required property var earlier
            readonly property bool current: index === lines.currentIndex
            readonly property bool recorded: outcome.length > 0
            readonly property bool open: lines.installation.status === "in-progress"
            /** A recorded line's buttons come back only through "Change result" (or "Fix and retest"). */
            readonly property bool changing: page.changingRow === index
            readonly property bool asking: open && (!recorded || changing)
            width: ListView.view.width
            /** Records this line; the note and evidence typed for it go with it, once. */
            function tap(outcome: string) {
                const withDetails = current || changing
                if (page.record(index, outcome, withDetails ? note.text : "", withDetails ? evidence.text : "")) {
                    page.clearDraft(index)
                    note.text = ""
                    evidence.text = ""
                    if (page.changingRow === index)
                        page.changingRow = -1
                }
            }
            Material.elevation: current ? 6 : 1
            /** The photo taken for this line, recorded with its next tap. */
            function setEvidence(text: string) {
                evidence.text = text
            }

            ColumnLayout {
                anchors.fill: parent
                spacing: 8
                RowLayout {
                    Layout.fillWidth: true
                    Label {
                        Layout.fillWidth: true
                        text: line.title + (line.required ? "" : qsTr(" (optional)"))
                        font.pixelSize: 18
                        font.bold: line.current
                        wrapMode: Text.Wrap
                    }
                    StatusChip {
                        visible: line.outcome.length > 0
                        status: line.outcome
                    }
                }
                Label {
                    Layout.fillWidth: true
                    visible: line.detail.length > 0
                    text: line.detail
                    wrapMode: Text.Wrap
                    font.pixelSize: 16
                    opacity: 0.8
                }
                Label {
                    Layout.fillWidth: true
                    visible: line.outcome.length > 0
                    text: line.outcome.length === 0 ? ""
                          : qsTr("%1, %2").arg(line.recordedBy)
                                .arg(line.recordedAt ? Qt.formatDateTime(line.recordedAt, "ddd d MMM hh:mm") : "")
                            + (line.note.length > 0 ? " · " + line.note : "")
                            + (line.hasPhoto ? " · " + page.session.photos.uploadState(line.evidence)
                               : line.evidence.length > 0 ? qsTr(" · scanned %1").arg(line.evidence) : "")
                    wrapMode: Text.Wrap
                    font.pixelSize: 15
                    opacity: 0.8
                }
                // Results are append-only: the ones a change replaced stay on the line.
                Label {
                    objectName: "historyLabel"
                    Layout.fillWidth: true
                    visible: line.earlier.length > 0
                    text: qsTr("Earlier: %1").arg(line.earlier.join("; "))
                    wrapMode: Text.Wrap
                    font.pixelSize: 15
                    opacity: 0.8
                }
                // The line's photo: the one recorded, or the one taken for the result about to be recorded.
                PhotoThumbnail {
                    objectName: "linePhoto"
                    photos: page.session.photos
                    evidence: line.current && evidence.text.startsWith("photo:") ? evidence.text
                              : line.hasPhoto ? line.evidence : ""
                }
                Button {
                    objectName: "photoButton"
                    Layout.fillWidth: true
                    Layout.preferredHeight: 52
                    visible: line.asking && (line.current || line.changing) && line.asksForPhoto
                    text: evidence.text.startsWith("photo:") ? qsTr("Take the photo again") : qsTr("Take the photo")
                    icon.name: "camera-photo"
                    onClicked: page.takePhoto(line.index)
                }
                TextField {
                    id: note
                    objectName: "noteField"
                    Layout.fillWidth: true
                    Layout.preferredHeight: 52
                    visible: line.asking && (line.current || line.changing)
                    placeholderText: qsTr("Note (optional)")
                    text: page.draft(line.index, "note")
                    onTextEdited: page.setDraft(line.index, "note", text)
                }
                ScanField {
                    id: evidence
                    objectName: "evidenceField"
                    Layout.fillWidth: true
                    visible: line.asking && (line.current || line.changing) && !line.asksForPhoto
                    label: qsTr("Evidence: scan a value (optional)")
                    text: page.draft(line.index, "evidence")
                    field.onTextEdited: page.setDraft(line.index, "evidence", field.text)
                }
                // Neutral until recorded: no button looks chosen before a tap, and a recorded line
                // shows its result in its chip, not in live buttons a stray tap could change.
                RowLayout {
                    Layout.fillWidth: true
                    spacing: 8
                    visible: line.asking
                    Button {
                        objectName: "passButton"
                        Layout.fillWidth: true
                        Layout.preferredWidth: 1
                        Layout.preferredHeight: 56
                        text: qsTr("Pass")
                        enabled: line.asking
                        onClicked: line.tap("pass")
                    }
                    Button {
                        objectName: "failButton"
                        Layout.fillWidth: true
                        Layout.preferredWidth: 1
                        Layout.preferredHeight: 56
                        text: qsTr("Fail")
                        enabled: line.asking
                        onClicked: line.tap("fail")
                    }
                    Button {
                        objectName: "naButton"
                        Layout.fillWidth: true
                        Layout.preferredWidth: 1
                        Layout.preferredHeight: 56
                        text: qsTr("Not applicable")
                        // FITS: a required step or test is done or failed, never skipped.
                        enabled: line.asking && !line.required
                        onClicked: line.tap("not-applicable")
                    }
                }
                RowLayout {
                    Layout.fillWidth: true
                    visible: line.open && line.recorded
                    Item { Layout.fillWidth: true }
                    Button {
                        objectName: "keepResultButton"
                        Layout.preferredHeight: 48
                        flat: true
                        visible: line.changing
                        text: qsTr("Keep the result")
                        onClicked: page.changingRow = -1
                    }
                    Button {
                        objectName: "changeResultButton"
                        Layout.preferredHeight: 48
                        flat: true
                        visible: !line.changing
                        text: qsTr("Change result…")
                        onClicked: page.changingRow = line.index
                    }
                }
            }
        }
        // A file of its own, made by the list: see ReleaseHeader.qml.
        footer: Qt.createComponent("ChecklistFooter.qml", Component.PreferSynchronous, list)
    }

    /** A photo taken for line @p row: it waits on the line, as typed text does, until the line is recorded. */
    function photoTaken(row: int, evidence: string) {
        setDraft(row, "evidence", evidence)
        const item = list.itemAtIndex(row)
        // The delegate is an inline Card with setEvidence(); itemAtIndex() is typed as a plain Item.
        if (item)
            item.setEvidence(evidence) // qmllint disable type
    }
    /** Opens the camera for line @p row. The camera is made only then: a checklist holds none. */
    function takePhoto(row: int) {
        photoLoader.row = row
        if (photoLoader.item)
            (photoLoader.item as PhotoCaptureDialog).open()
        else
            photoLoader.active = true
    }
    Loader {
        id: photoLoader
        property int row: -1
        active: false
        sourceComponent: PhotoCaptureDialog {
            session: page.session
            parent: Overlay.overlay
            anchors.centerIn: Overlay.overlay
            width: Math.min(page.width - 32, 720)
            onTaken: (evidence) => page.photoTaken(photoLoader.row, evidence)
            Component.onCompleted: open()
        }
    }

    // Fix and retest is the way on after a fail; backing out is a step further away (its own
    // button, a reason typed), and it happens only once confirmed in the dialog after that.
    Dialog {
        id: backOutDialog
        objectName: "backOutDialog"
        property string failedStep
        property int failedRow: -1
        /** The back-out chosen: the plan and the reason asked. After a fail it starts at fix-or-back-out. */
        property bool backingOut: false
        anchors.centerIn: parent
        width: Math.min(page.width - 32, 640)
        modal: true
        title: backingOut || failedStep.length === 0 ? qsTr("Back out this installation")
                                                     : qsTr("“%1” failed").arg(failedStep)
        onAboutToShow: {
            backingOut = failedStep.length === 0
            reason.text = ""
        }
        onBackingOutChanged: if (backingOut) reason.forceActiveFocus()
        onOpened: if (backingOut) reason.forceActiveFocus()
        ColumnLayout {
            anchors.fill: parent
            spacing: 8
            Label {
                Layout.fillWidth: true
                wrapMode: Text.Wrap
                text: !backOutDialog.backingOut
                      ? qsTr("Fix it and record the line again. If it cannot be fixed here, the installation can be backed out following the back-out plan.")
                      : qsTr("The back-out plan:")
            }
            Label {
                Layout.fillWidth: true
                wrapMode: Text.Wrap
                visible: backOutDialog.backingOut
                font.bold: true
                text: lines.installation.backOutPlan
            }
            Label {
                Layout.fillWidth: true
                visible: backOutDialog.backingOut
                text: qsTr("Why it is backed out")
                font.pixelSize: 15
                opacity: 0.8
            }
            TextField {
                id: reason
                objectName: "reasonField"
                Layout.fillWidth: true
                Layout.preferredHeight: 52
                visible: backOutDialog.backingOut
                placeholderText: qsTr("e.g. the printer driver will not install")
            }
            RowLayout {
                Layout.fillWidth: true
                visible: !backOutDialog.backingOut
                Button {
                    objectName: "backOutInsteadButton"
                    Layout.fillWidth: true
                    Layout.preferredHeight: 52
                    flat: true
                    text: qsTr("Back out…")
                    onClicked: backOutDialog.backingOut = true
                }
                Button {
                    objectName: "retestButton"
                    Layout.fillWidth: true
                    Layout.preferredHeight: 52
                    highlighted: true
                    text: qsTr("Fix and retest")
                    onClicked: {
                        // The failed line asks for its result again once it is fixed.
                        page.changingRow = backOutDialog.failedRow
                        backOutDialog.close()
                    }
                }
            }
            RowLayout {
                Layout.fillWidth: true
                visible: backOutDialog.backingOut
                Button {
                    objectName: "cancelBackOutButton"
                    Layout.fillWidth: true
                    Layout.preferredHeight: 52
                    text: qsTr("Cancel")
                    onClicked: backOutDialog.close()
                }
                Button {
                    objectName: "continueBackOutButton"
                    Layout.fillWidth: true
                    Layout.preferredHeight: 52
                    enabled: reason.text.trim().length > 0
                    text: qsTr("Back out…")
                    onClicked: confirmBackOutDialog.open()
                }
            }
        }
    }

    Dialog {
        id: confirmBackOutDialog
        objectName: "confirmBackOutDialog"
        anchors.centerIn: parent
        width: Math.min(page.width - 48, 560)
        modal: true
        title: qsTr("Back out %1?").arg(lines.installation.assetTag || lines.installation.serial)
        onAboutToShow: backOutError.text = ""
        ColumnLayout {
            anchors.fill: parent
            spacing: 8
            Label {
                Layout.fillWidth: true
                wrapMode: Text.Wrap
                text: qsTr("The installation ends as backed out, with the reason “%1”. It cannot be undone: the unit is installed again as a new installation.")
                          .arg(reason.text.trim())
            }
            Label {
                id: backOutError
                Layout.fillWidth: true
                wrapMode: Text.Wrap
                color: Material.color(Material.Red)
                visible: text.length > 0
            }
            RowLayout {
                Layout.fillWidth: true
                Button {
                    objectName: "cancelConfirmButton"
                    Layout.fillWidth: true
                    Layout.preferredHeight: 52
                    text: qsTr("Cancel")
                    onClicked: confirmBackOutDialog.close()
                }
                Button {
                    objectName: "confirmBackOutButton"
                    Layout.fillWidth: true
                    Layout.preferredHeight: 52
                    highlighted: true
                    // A colour, not Material.Red: the dark theme would make it pastel under white text.
                    Material.accent: Material.color(Material.Red, Material.Shade700)
                    text: qsTr("Back out")
                    onClicked: {
                        const why = backOutDialog.failedStep.length > 0
                                ? qsTr("Failed: %1. %2").arg(backOutDialog.failedStep).arg(reason.text.trim())
                                : reason.text.trim()
                        const answer = page.workbench.backOut(page.installationId, why)
                        if (!answer.ok) {
                            backOutError.text = answer.error
                            return
                        }
                        confirmBackOutDialog.close()
                        backOutDialog.close()
                        page.backedOut(lines.installation.releaseId)
                    }
                }
            }
        }
    }
}
