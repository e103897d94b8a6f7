pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import ReleaseDesk

// Above a release's units on the release manager's page (OfficeReleasePage's list header): the
// plan in words, its units counted by state, and what may be done with it now (edit the plan, the
// status changes the rules allow, close it with the review). A file of its own: see ReleaseHeader.qml.
ColumnLayout {
    id: header
    readonly property ReleaseFollowUpModel followUp: header.ListView.view.model as ReleaseFollowUpModel
    readonly property releasePlanInfo plan: header.followUp.plan
    /** Why the last action failed, in words; the page sets it. */
    property string error
    signal editPlan()
    signal statusRequested(string status)
    signal closeRequested()
    width: header.ListView.view.width
    spacing: 12

    /** The button's words for moving a release to @p status. */
    function statusAction(status: string): string {
        switch (status) {
        case "planned": return qsTr("Plan it again")
        case "in-progress": return qsTr("Mark in progress")
        case "installed": return qsTr("Mark installed")
        case "accepted": return qsTr("Mark accepted")
        case "backed-out": return qsTr("Mark backed out")
        }
        return status
    }
    function triggerWords(trigger: string, ref: string): string {
        if (trigger === "request")
            return qsTr("User request %1").arg(ref)
        if (trigger === "rfc")
            return qsTr("Request for Change %1").arg(ref)
        return ""
    }

    Card {
        Layout.fillWidth: true
        ColumnLayout {
            anchors.fill: parent
            spacing: 6
            RowLayout {
                Layout.fillWidth: true
                Label {
                    text: header.plan.number
                    font.pixelSize: 24
                    font.bold: true
                }
                StatusChip { status: header.plan.status }
                Label {
                    text: header.plan.type === "major" ? qsTr("Major") : header.plan.type === "emergency"
                                                                         ? qsTr("Emergency") : qsTr("Minor")
                    color: header.plan.type === "emergency" ? Material.color(Material.Red) : Material.foreground
                    font.bold: header.plan.type === "emergency"
                    opacity: header.plan.type === "emergency" ? 1 : 0.75
                }
                Item { Layout.fillWidth: true }
                Button {
                    objectName: "editPlanButton"
                    Layout.preferredHeight: 52
                    visible: header.plan.canEdit
                    text: qsTr("Edit the plan")
                    onClicked: header.editPlan()
                }
            }
            InfoLine {
                label: qsTr("Service")
                value: !header.plan.loaded ? ""
                       : qsTr("%1 · build v%2 · %3").arg(header.plan.service).arg(header.plan.buildVersion)
                             .arg(header.plan.hardwareModel)
            }
            InfoLine { label: qsTr("Site"); value: header.plan.site }
            InfoLine {
                label: qsTr("What")
                value: !header.plan.loaded ? "" : header.plan.kind === "rollout"
                       ? qsTr("A rollout of %1 units").arg(header.plan.units) : qsTr("A single installation")
            }
            InfoLine { label: qsTr("Only on"); value: header.plan.targets }
            InfoLine {
                label: qsTr("Planned")
                value: header.plan.plannedEnd.length > 0
                       ? qsTr("%1 to %2").arg(header.plan.plannedDate).arg(header.plan.plannedEnd) : header.plan.plannedDate
            }
            InfoLine { label: qsTr("Installers"); value: header.plan.installers }
            InfoLine {
                label: qsTr("Asked for by")
                value: header.triggerWords(header.plan.trigger, header.plan.triggerRef)
            }
            InfoLine { label: qsTr("Users are told"); value: header.plan.userNotice }
            InfoLine {
                objectName: "backOutPlan"
                label: header.plan.ownBackOutPlan ? qsTr("Back-out plan (its own)") : qsTr("Back-out plan (the build's)")
                value: header.plan.backOutPlan
            }
            InfoLine { label: qsTr("Planned by"); value: header.plan.createdBy }
            InfoLine {
                objectName: "reviewNote"
                label: qsTr("Review")
                value: header.plan.reviewNote
            }
        }
    }

    Card {
        Layout.fillWidth: true
        visible: header.plan.loaded
        ColumnLayout {
            anchors.fill: parent
            spacing: 8
            Label {
                objectName: "unitCounts"
                Layout.fillWidth: true
                wrapMode: Text.Wrap
                font.pixelSize: 18
                text: {
                    const p = header.plan
                    let words = qsTr("%1 of %2 accepted").arg(p.unitsDone).arg(p.units)
                    if (p.unitsUnderWay > 0)
                        words += qsTr(" · %1 under way").arg(p.unitsUnderWay)
                    if (p.unitsFailing > 0)
                        words += qsTr(" (%1 failing)").arg(p.unitsFailing)
                    if (p.unitsBackedOut > 0)
                        words += qsTr(" · %1 backed out").arg(p.unitsBackedOut)
                    if (p.unitsInstalledAgain > 0)
                        words += qsTr(" · %1 installed again").arg(p.unitsInstalledAgain)
                    return words
                }
            }
            ProgressBar {
                Layout.fillWidth: true
                from: 0
                to: Math.max(1, header.plan.units)
                value: header.plan.unitsDone
            }
            Flow {
                Layout.fillWidth: true
                spacing: 8
                Repeater {
                    model: header.plan.nextStatuses
                    delegate: Button {
                        id: move
                        required property string modelData
                        objectName: "status_" + move.modelData
                        height: 52
                        text: header.statusAction(move.modelData)
                        Material.accent: move.modelData === "backed-out" ? Material.Red : Material.Indigo
                        highlighted: move.modelData === "backed-out"
                        onClicked: header.statusRequested(move.modelData)
                    }
                }
                Button {
                    objectName: "closeButton"
                    height: 52
                    visible: header.plan.canClose
                    highlighted: true
                    text: qsTr("Close with a review…")
                    onClicked: header.closeRequested()
                }
            }
            Label {
                objectName: "actionError"
                Layout.fillWidth: true
                visible: header.error.length > 0
                text: header.error
                wrapMode: Text.Wrap
                color: Material.color(Material.Red)
            }
        }
    }
    Label {
        text: qsTr("Units")
        font.pixelSize: 20
        font.bold: true
        leftPadding: 8
        visible: header.followUp.count > 0
    }
    EmptyState {
        Layout.fillWidth: true
        visible: header.followUp.count === 0
        title: header.followUp.error.length > 0 ? qsTr("Cannot show this release") : ""
        text: header.followUp.error.length > 0 ? header.followUp.error : qsTr("No unit started yet.")
    }
    Item { height: 4 }
}
