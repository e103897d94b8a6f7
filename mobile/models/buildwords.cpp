#include "buildwords.h"

#include <QCoreApplication>

namespace rd::mobile {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("BuildWords", text);
}

} // namespace

QString serviceStateWords(const BuildViews::ServiceRow &row)
{
    if (row.service.retiredAt)
        return tr("retired");
    if (row.stillToDocument())
        return tr("still to document");
    return tr("documented (v%1 approved)").arg(*row.approvedVersion);
}

QString serviceWorkWords(const BuildViews::ServiceRow &row)
{
    if (!row.latestVersion || row.service.retiredAt || row.latestVersion == row.approvedVersion)
        return {};
    switch (row.latestStatus) {
    case BuildStatus::Draft:
        return tr("v%1 is being written").arg(*row.latestVersion);
    case BuildStatus::Submitted:
        return tr("v%1 waits for approval").arg(*row.latestVersion);
    default:
        return {};
    }
}

QString buildStatusWords(BuildStatus status)
{
    switch (status) {
    case BuildStatus::Draft:
        return tr("Draft");
    case BuildStatus::Submitted:
        return tr("Submitted");
    case BuildStatus::Approved:
        return tr("Approved");
    case BuildStatus::Retired:
        return tr("Retired");
    }
    return {};
}

QString partWords(StepPart part)
{
    switch (part) {
    case StepPart::Installation:
        return tr("Installation steps");
    case StepPart::Stability:
        return tr("Stability tests");
    case StepPart::Acceptance:
        return tr("Acceptance tests");
    }
    return {};
}

QString evidenceWords(EvidenceKind evidence)
{
    switch (evidence) {
    case EvidenceKind::None:
        return tr("nothing");
    case EvidenceKind::Scan:
        return tr("a scanned value");
    case EvidenceKind::Note:
        return tr("a note");
    case EvidenceKind::Photo:
        return tr("a photo");
    }
    return {};
}

QString versionWho(const BuildViews::VersionRow &row)
{
    switch (row.status) {
    case BuildStatus::Approved:
        return QString::fromStdString(row.approvedBy);
    case BuildStatus::Submitted:
        return QString::fromStdString(row.submittedBy);
    case BuildStatus::Retired:
        return {};
    case BuildStatus::Draft:
        if (row.returnedAt && !row.returnedReason.empty())
            return QString::fromStdString(row.returnedBy);
        return QString::fromStdString(row.changedBy.empty() ? row.createdBy : row.changedBy);
    }
    return {};
}

Millis versionWhen(const BuildViews::VersionRow &row)
{
    switch (row.status) {
    case BuildStatus::Approved:
        return row.approvedAt.value_or(row.createdAt);
    case BuildStatus::Submitted:
        return row.submittedAt.value_or(row.createdAt);
    case BuildStatus::Retired:
        return row.retiredAt.value_or(row.createdAt);
    case BuildStatus::Draft:
        if (row.returnedAt && !row.returnedReason.empty())
            return *row.returnedAt;
        return row.changedAt.value_or(row.createdAt);
    }
    return row.createdAt;
}

QString versionWhat(const BuildViews::VersionRow &row)
{
    switch (row.status) {
    case BuildStatus::Approved:
        return tr("approved by");
    case BuildStatus::Submitted:
        return tr("submitted by");
    case BuildStatus::Retired:
        return tr("retired");
    case BuildStatus::Draft:
        if (row.returnedAt && !row.returnedReason.empty())
            return tr("returned by");
        return tr("written by");
    }
    return {};
}

} // namespace rd::mobile
