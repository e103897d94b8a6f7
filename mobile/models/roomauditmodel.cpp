#include "roomauditmodel.h"

#include "app/appsession.h"
#include "app/qtconvert.h"

#include "domain/errors.h"
#include "scan/fieldcheck.h"
#include "store/store.h"
#include "store/views.h"
#include "sync/replica.h"

#include <QLocale>

namespace rd::mobile {

RoomAuditModel::RoomAuditModel(QObject *parent)
    : SessionModel(parent)
{}

int RoomAuditModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() || !m_shown || !m_tally ? 0 : m_rows;
}

const RoomAuditTally::Line *RoomAuditModel::lineAt(int row) const
{
    if (!m_tally || row < 0 || row >= rowCount())
        return nullptr;
    return &m_tally->lines()[static_cast<std::size_t>(row)];
}

QVariant RoomAuditModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto *line = lineAt(index.row());
    if (!line)
        return {};
    const auto &a = line->asset;
    switch (role) {
    case Qt::DisplayRole:
    case TagRole:
        return a ? qs(a->assetTag) : QString();
    case AssetIdRole:
        return a ? qs(a->id) : QString();
    case SerialRole:
        return a ? qs(a->serial) : QString();
    case DescriptionRole:
        return a ? qs(a->make + " " + a->model) : QString();
    case ScannedRole:
        return qs(line->scanned);
    case OutcomeRole:
        return qs(toString(line->outcome));
    case WhereRole:
        if (line->outcome != AuditOutcome::Elsewhere || !a || !session())
            return QString();
        if (a->siteId != m_tally->room().siteId)
            return tr("another site");
        return a->roomId ? qs(session()->views().roomName(*a->roomId)) : tr("no room");
    case MarkedMissingRole:
        return a && a->status == AssetStatus::Missing;
    default:
        return {};
    }
}

QHash<int, QByteArray> RoomAuditModel::roleNames() const
{
    return {{AssetIdRole, "assetId"},   {TagRole, "tag"},         {SerialRole, "serial"},
            {DescriptionRole, "description"}, {ScannedRole, "scanned"}, {OutcomeRole, "outcome"},
            {WhereRole, "where"},       {MarkedMissingRole, "markedMissing"}};
}

void RoomAuditModel::setRoomId(const QString &roomId)
{
    if (m_roomId == roomId && m_tally)
        return;
    m_roomId = roomId;
    m_tally.reset();
    m_lastScan.clear();
    m_siteName.clear();
    const bool wasFinished = finished();
    m_auditId.clear();
    reload();
    emit roomChanged();
    emit countsChanged();
    if (wasFinished)
        emit finishedChanged();
}

QString RoomAuditModel::roomName() const
{
    return m_tally ? qs(m_tally->room().name) : QString();
}

bool RoomAuditModel::canLoad() const
{
    return SessionModel::canLoad() && optionalId(m_roomId).has_value();
}

void RoomAuditModel::load()
{
    auto &store = session()->store();
    if (!m_tally) {
        const auto room = roomOfLabel(store, utf8(m_roomId));
        if (!room)
            throw NotFoundError("room", utf8(m_roomId));
        m_tally.emplace(*room, assetsExpectedIn(store, room->id));
        m_startedAt = AppSession::now();
        for (const auto &site : store.sites()) {
            if (site.id == room->siteId)
                m_siteName = qs(site.name);
        }
    } else {
        // Something changed on the tablet (a sync, say): each line's asset as it is now.
        std::vector<Asset> now;
        for (const auto &line : m_tally->lines()) {
            if (line.asset)
                if (auto a = store.asset(line.asset->id))
                    now.push_back(std::move(*a));
        }
        for (const auto &a : now)
            m_tally->update(a);
    }
    m_shown = true;
    m_rows = static_cast<int>(m_tally->lines().size());
}

QVariantList RoomAuditModel::roomChoices() const
{
    QVariantList out;
    if (!session() || !session()->ready())
        return out;
    try {
        auto &store = session()->store();
        const QStringList mine = session()->siteIds();
        for (const auto &site : store.sites()) {
            if (!mine.isEmpty() && !mine.contains(qs(site.id)))
                continue;
            for (const auto &room : store.rooms(site.id)) {
                const auto last = lastRoomAudit(store, room.id);
                out.push_back(QVariantMap{
                    {QStringLiteral("id"), qs(room.id)},
                    {QStringLiteral("name"), qs(room.name)},
                    {QStringLiteral("site"), qs(site.name)},
                    {QStringLiteral("label"), qs(roomLabel(store, room))},
                    {QStringLiteral("lastAudit"),
                     last ? QLocale().toString(localTime(last->finishedAt).date(), QLocale::ShortFormat) : QString()}});
            }
        }
    } catch (const std::exception &) {
        out.clear();
    }
    return out;
}

bool RoomAuditModel::chooseRoomByLabel(const QString &label)
{
    if (!session() || !session()->ready())
        return false;
    try {
        const auto room = roomOfLabel(session()->store(), utf8(label.trimmed()));
        if (!room) {
            setError(tr("%1 is not the label of a room on this tablet.").arg(label.trimmed()));
            return false;
        }
        setRoomId(qs(room->id));
        return true;
    } catch (const std::exception &e) {
        setError(qs(e.what()));
        return false;
    }
}

QString RoomAuditModel::scan(const QString &text)
{
    const QString value = text.trimmed();
    if (!m_tally || !m_shown || value.isEmpty() || finished())
        return {};
    try {
        const auto asset = findAuditedAsset(session()->store(), utf8(value));
        const int before = rowCount();
        const auto line = m_tally->scan(utf8(value), asset);
        if (!line) {
            m_lastScan = tr("%1: scanned already").arg(value);
            emit countsChanged();
            return QStringLiteral("again");
        }
        const int row = static_cast<int>(*line);
        if (row >= before) {
            beginInsertRows({}, before, row);
            m_rows = row + 1;
            endInsertRows();
        } else {
            emit dataChanged(index(row), index(row));
        }
        const auto outcome = m_tally->lines()[*line].outcome;
        m_lastScan = outcome == AuditOutcome::Found       ? tr("%1: found").arg(value)
                     : outcome == AuditOutcome::Elsewhere ? tr("%1: registered elsewhere").arg(value)
                                                          : tr("%1: not in the inventory").arg(value);
        emit countsChanged();
        return qs(toString(outcome));
    } catch (const std::exception &e) {
        setError(qs(e.what()));
        return {};
    }
}

template <typename F>
QVariantMap RoomAuditModel::attempt(F &&f)
{
    const auto failure = [](const QString &why) {
        return QVariantMap{{QStringLiteral("ok"), false}, {QStringLiteral("error"), why}};
    };
    if (!session() || !session()->ready() || !m_tally)
        return failure(tr("Choose a room first."));
    if (session()->userId().isNull())
        return failure(tr("Sign in once before recording work."));
    try {
        QVariantMap answer = f();
        answer.insert(QStringLiteral("ok"), true);
        session()->notifyLocalChange(this);
        return answer;
    } catch (const Error &e) {
        return failure(qs(e.what()));
    } catch (const std::exception &e) {
        return failure(tr("Something went wrong and nothing was recorded: %1").arg(qs(e.what())));
    }
}

void RoomAuditModel::changed()
{
    beginResetModel();
    m_rows = static_cast<int>(m_tally->lines().size());
    endResetModel();
    emit countsChanged();
}

QVariantMap RoomAuditModel::moveHere(int row)
{
    return attempt([&]() -> QVariantMap {
        const auto *line = lineAt(row);
        if (!line || line->outcome != AuditOutcome::Elsewhere)
            throw RuleError("only an asset registered elsewhere can be moved here");
        const Id asset = line->asset->id;
        const auto &room = m_tally->room();
        session()->replica().moveAsset(asset, room.siteId, room.id, session()->userId(), AppSession::now());
        m_tally->movedHere(static_cast<std::size_t>(row));
        if (auto now = session()->store().asset(asset))
            m_tally->update(*now);
        changed();
        return {};
    });
}

QVariantMap RoomAuditModel::markMissing(int row)
{
    return attempt([&]() -> QVariantMap {
        const auto *line = lineAt(row);
        if (!line || line->outcome != AuditOutcome::Missing)
            throw RuleError("only an asset not found in the room can be marked missing");
        const Id asset = line->asset->id;
        session()->replica().setAssetStatus(asset, AssetStatus::Missing, session()->userId(), AppSession::now());
        if (auto now = session()->store().asset(asset))
            m_tally->update(*now);
        emit dataChanged(index(row), index(row));
        return {};
    });
}

QVariantMap RoomAuditModel::addUnknown(int row, const QString &make, const QString &model, const QString &category)
{
    return attempt([&]() -> QVariantMap {
        const auto *line = lineAt(row);
        if (!line || line->outcome != AuditOutcome::Unknown)
            throw RuleError("only a scan the inventory does not know can be added");
        auto &store = session()->store();
        const auto &room = m_tally->room();
        std::optional<Site> site;
        for (auto &s : store.sites())
            if (s.id == room.siteId)
                site = s;
        Asset a;
        // A tag of the site's format is the asset tag; anything else is taken as the serial.
        const auto tag = scan::checkAssetTag(line->scanned, site ? site->assetTagPattern : std::string());
        const auto serial = scan::checkSerial(line->scanned);
        if (tag.isAccepted())
            a.assetTag = tag.value();
        else
            a.serial = serial.value().empty() ? line->scanned : serial.value();
        a.make = utf8(make.trimmed());
        a.model = utf8(model.trimmed());
        a.category = utf8(category.trimmed());
        if (a.category.empty())
            a.category = session()->views().categoryOfModel(a.model);
        if (a.category.empty())
            a.category = "Hardware";
        a.siteId = room.siteId;
        a.roomId = room.id;
        a.status = AssetStatus::InUse;
        const Id id = session()->replica().addAsset(a);
        m_tally->added(static_cast<std::size_t>(row), *store.asset(id));
        changed();
        return {{QStringLiteral("id"), qs(id)}};
    });
}

QVariantMap RoomAuditModel::finish()
{
    return attempt([&]() -> QVariantMap {
        if (finished())
            throw RuleError("this audit is kept already");
        const Id id =
            session()->replica().recordRoomAudit(m_tally->record(session()->userId(), m_startedAt, AppSession::now()));
        m_auditId = qs(id);
        emit finishedChanged();
        return {{QStringLiteral("id"), m_auditId}};
    });
}

} // namespace rd::mobile
