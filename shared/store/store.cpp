#include "writescope.h"

#include "domain/fields.h"
#include "domain/text.h"
#include "migrations.h"

#include <algorithm>
#include <array>
#include <regex>

namespace rd {

Store::Write::Write(Store &s, Rows rows)
    : m_s(s)
    , m_outer(s.m_depth == 0)
    // PostgreSQL: a failed statement spoils the whole transaction unless a savepoint holds it;
    // under OptimisticWrites that is what is wanted (the batch fails whole and is applied again).
    , m_savepoint(!m_outer && (s.m_db.isPostgres() ? !s.m_optimistic || rows == Rows::Several
                                                   : rows != Rows::One))
{
    if (m_outer) {
        auto &db = m_s.m_db;
        db.control(db.isPostgres() ? "BEGIN" : "BEGIN IMMEDIATE");
        try {
            // The change counter. SQLite: BEGIN IMMEDIATE made this the one writer. PostgreSQL:
            // several servers write at once, and a change must never become visible after one
            // numbered above it (a puller's cursor would pass it for ever), so every write
            // transaction takes the counter's row lock first and holds it to its commit: numbers
            // are handed out, and become visible, in commit order. See docs/architecture.md.
            const bool locked = db.isPostgres() && m_s.m_sequence == ChangeSequence::CommitOrdered;
            auto q = db.query(locked ? "SELECT value FROM meta WHERE key = 'last_seq' FOR UPDATE"
                                     : "SELECT value FROM meta WHERE key = 'last_seq'");
            m_s.m_seq = q->step() ? std::stoll(q->text(0)) : 0;
        } catch (...) {
            db.control("ROLLBACK");
            throw;
        }
        m_s.m_seqDirty = false;
    } else if (m_savepoint) {
        m_s.m_db.control("SAVEPOINT rd_write");
    }
    ++m_s.m_depth;
}

Store::Write::~Write()
{
    if (m_done)
        return;
    --m_s.m_depth;
    m_s.forgetCheckedRefs();
    try {
        if (m_outer) {
            if (m_s.m_db.inTransaction())
                m_s.m_db.control("ROLLBACK");
        } else if (m_savepoint && m_s.m_db.inTransaction()) {
            m_s.m_db.control("ROLLBACK TO rd_write");
            m_s.m_db.control("RELEASE rd_write");
        }
    } catch (...) { // never throw from a destructor; the engine may have rolled back already
    }
}

void Store::Write::commit()
{
    if (m_outer) {
        if (m_s.m_seqDirty) {
            auto &db = m_s.m_db;
            if (m_s.m_sequence == ChangeSequence::Naive) {
                db.query("UPDATE meta SET value = CAST(GREATEST(CAST(value AS BIGINT), ?1) AS TEXT) "
                         "WHERE key = 'last_seq'")
                    ->bindAll(m_s.m_seq)
                    .run();
            } else {
                db.query("INSERT INTO meta(key, value) VALUES ('last_seq', ?1) "
                         "ON CONFLICT(key) DO UPDATE SET value = excluded.value")
                    ->bindAll(std::to_string(m_s.m_seq))
                    .run();
            }
        }
        m_s.m_db.control("COMMIT");
        m_s.forgetCheckedRefs(); // other writers may change them from now on
    } else if (m_savepoint) {
        m_s.m_db.control("RELEASE rd_write");
    }
    --m_s.m_depth;
    m_done = true;
}

Store::Store(const std::string &path)
    : m_db(path)
{
    migrate(m_db);
    // A device id names this database in the sync protocol; made once, kept for ever.
    auto q = m_db.query("SELECT 1 FROM meta WHERE key = 'device_id'");
    if (!q->step()) {
        m_db.query("INSERT INTO meta(key, value) VALUES ('device_id', ?1)")
            ->bindAll(Id::generate().toString())
            .run();
    }
}

Store::Batch::Batch(Store &store)
{
    if (store.m_depth != 0)
        throw StoreError("a batch cannot be opened inside another write", 0);
    m_write = std::make_unique<Write>(store);
}

Store::Batch::~Batch() = default;

void Store::Batch::commit()
{
    m_write->commit();
}

Store::Unit::Unit(Store &store)
{
    if (store.m_depth == 0)
        throw StoreError("a unit of writes belongs inside a batch", 0);
    m_write = std::make_unique<Write>(store, Write::Rows::Several);
}

Store::Unit::~Unit() = default;

void Store::Unit::commit()
{
    m_write->commit();
}

std::int64_t Store::nextSeq()
{
    m_seqDirty = true;
    if (m_sequence == ChangeSequence::Naive) {
        m_seq = std::max(m_seq, m_db.scalar("SELECT nextval('rd_naive_seq')"));
        return m_seq;
    }
    return ++m_seq;
}

void Store::setChangeSequence(ChangeSequence sequence)
{
    if (sequence == ChangeSequence::Naive) {
        if (!m_db.isPostgres())
            throw StoreError("the naive change sequence is a PostgreSQL demonstration", 0);
        m_db.exec("CREATE SEQUENCE IF NOT EXISTS rd_naive_seq");
        m_db.exec("SELECT setval('rd_naive_seq', GREATEST((SELECT CAST(value AS BIGINT) FROM meta WHERE key = "
                  "'last_seq'), (SELECT last_value FROM rd_naive_seq)))");
    }
    m_sequence = sequence;
}

std::int64_t Store::lastSeq()
{
    auto q = m_db.query("SELECT value FROM meta WHERE key = 'last_seq'");
    return q->step() ? std::stoll(q->text(0)) : 0;
}

Id Store::deviceId()
{
    auto q = m_db.query("SELECT value FROM meta WHERE key = 'device_id'");
    if (!q->step())
        throw StoreError("database has no device id", 0);
    return Id::parse(q->text(0), "device id");
}

std::optional<std::string> Store::meta(std::string_view key)
{
    auto q = m_db.query("SELECT value FROM meta WHERE key = ?1");
    q->bind(1, key);
    if (!q->step())
        return std::nullopt;
    return q->text(0);
}

void Store::setMeta(std::string_view key, std::string_view value)
{
    if (key == "last_seq" || key == "device_id")
        throw ValidationError("setting", std::string(key) + " belongs to the store");
    Write w(*this, Write::Rows::One);
    m_db.query("INSERT INTO meta(key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = "
               "excluded.value")
        ->bindAll(key, value)
        .run();
    w.commit();
}

void Store::removeMeta(std::string_view key)
{
    if (key == "last_seq" || key == "device_id")
        throw ValidationError("setting", std::string(key) + " belongs to the store");
    Write w(*this, Write::Rows::One);
    m_db.query("DELETE FROM meta WHERE key = ?1")->bindAll(key).run();
    w.commit();
}

void Store::requireRow(std::string_view table, const Id &id, std::string_view what)
{
    auto q = m_db.query("SELECT 1 FROM " + std::string(table) + " WHERE id = ?1");
    q->bind(1, id);
    if (!q->step())
        throw NotFoundError(std::string(what), id.toString());
}

void Store::tombstone(std::string_view table, const Id &key, const std::optional<Id> &key2)
{
    // A two-part key (user_sites, build_items, release_installers) is kept as its 32 bytes.
    std::array<std::uint8_t, 32> bytes{};
    std::copy(key.bytes().begin(), key.bytes().end(), bytes.begin());
    if (key2)
        std::copy(key2->bytes().begin(), key2->bytes().end(), bytes.begin() + 16);
    m_db.query("INSERT INTO tombstones(seq, table_name, row_key) VALUES (?1, ?2, ?3)")
        ->bindAll(nextSeq(), table)
        .bindBlob(3, bytes.data(), key2 ? 32 : 16)
        .run();
}

// --- people and places ---------------------------------------------------------------------

namespace {

User readUser(const sql::Statement &s)
{
    return User{s.id(0), s.text(1), s.text(2), parse<Role>(s.text(3)), s.int64(4) != 0};
}

} // namespace

Id Store::addUser(User u, const std::optional<std::string> &passwordHash)
{
    u.name = checked(fields::userName, u.name);
    u.displayName = checked(fields::displayName, u.displayName);
    if (u.displayName.empty())
        u.displayName = u.name;
    if (u.id.isNull())
        u.id = Id::generate();
    Write w(*this, Write::Rows::One);
    if (auto existing = userByName(u.name))
        throw DuplicateError("a user named '" + u.name + "' already exists", existing->id.toString());
    m_db.query("INSERT INTO users(id, name, display_name, role, password_hash, active, seq) "
               "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
        ->bindAll(u.id, u.name, u.displayName, toString(u.role), passwordHash, u.active, nextSeq())
        .run();
    w.commit();
    return u.id;
}

std::optional<User> Store::user(const Id &id)
{
    auto q = m_db.query("SELECT id, name, display_name, role, active FROM users WHERE id = ?1");
    q->bind(1, id);
    if (!q->step())
        return std::nullopt;
    return readUser(*q);
}

std::optional<User> Store::userByName(std::string_view name)
{
    auto q = m_db.query("SELECT id, name, display_name, role, active FROM users WHERE name = ?1");
    q->bind(1, name);
    if (!q->step())
        return std::nullopt;
    return readUser(*q);
}

std::optional<std::string> Store::passwordHash(const Id &userId)
{
    auto q = m_db.query("SELECT password_hash FROM users WHERE id = ?1");
    q->bind(1, userId);
    if (!q->step())
        throw NotFoundError("user", userId.toString());
    return q->optText(0);
}

void Store::setPasswordHash(const Id &userId, const std::string &hash)
{
    Write w(*this, Write::Rows::One);
    requireRow("users", userId, "user");
    m_db.query("UPDATE users SET password_hash = ?2, seq = ?3 WHERE id = ?1")
        ->bindAll(userId, hash, nextSeq())
        .run();
    w.commit();
}

void Store::setUserActive(const Id &userId, bool active)
{
    Write w(*this, Write::Rows::One);
    requireRow("users", userId, "user");
    m_db.query("UPDATE users SET active = ?2, seq = ?3 WHERE id = ?1")->bindAll(userId, active, nextSeq()).run();
    w.commit();
}

void Store::updateUser(const User &user)
{
    const auto displayName = checked(fields::displayName, user.displayName);
    Write w(*this, Write::Rows::One);
    requireRow("users", user.id, "user");
    m_db.query("UPDATE users SET display_name = ?2, role = ?3, seq = ?4 WHERE id = ?1")
        ->bindAll(user.id, displayName.empty() ? this->user(user.id)->name : displayName, toString(user.role),
                  nextSeq())
        .run();
    w.commit();
}

void Store::setUserSites(const Id &userId, const std::vector<Id> &sites)
{
    Write w(*this);
    requireRow("users", userId, "user");
    const auto before = userSites(userId);
    for (const auto &site : before) {
        if (std::find(sites.begin(), sites.end(), site) != sites.end())
            continue;
        m_db.query("DELETE FROM user_sites WHERE user_id = ?1 AND site_id = ?2")->bindAll(userId, site).run();
        tombstone("user_sites", userId, site);
    }
    for (const auto &site : sites) {
        if (std::find(before.begin(), before.end(), site) != before.end())
            continue;
        requireRow("sites", site, "site");
        m_db.query("INSERT INTO user_sites(user_id, site_id, seq) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING")
            ->bindAll(userId, site, nextSeq())
            .run();
    }
    w.commit();
}

std::vector<Id> Store::userSites(const Id &userId)
{
    std::vector<Id> out;
    auto q = m_db.query("SELECT site_id FROM user_sites WHERE user_id = ?1");
    q->bind(1, userId);
    while (q->step())
        out.push_back(q->id(0));
    return out;
}

Id Store::addSite(Site s)
{
    s.name = checked(fields::siteName, s.name);
    s.code = checked(fields::siteCode, s.code);
    s.assetTagPattern = checked(fields::assetTagPattern, s.assetTagPattern);
    if (!s.assetTagPattern.empty()) {
        try {
            (void)std::regex(s.assetTagPattern, std::regex::ECMAScript);
        } catch (const std::regex_error &) {
            throw ValidationError(std::string(fields::assetTagPattern.label),
                                  "'" + s.assetTagPattern + "' is not a regular expression (e.g. ^RAU-[0-9]{5}$)");
        }
    }
    if (s.id.isNull())
        s.id = Id::generate();
    Write w(*this, Write::Rows::One);
    {
        auto q = m_db.query("SELECT id, name = ?1 FROM sites WHERE name = ?1 OR code = ?2");
        q->bindAll(s.name, s.code);
        if (q->step())
            throw DuplicateError(q->int64(1) ? "a site named '" + s.name + "' already exists"
                                             : "a site coded '" + s.code + "' already exists",
                                 q->id(0).toString());
    }
    m_db.query("INSERT INTO sites(id, name, code, asset_tag_pattern, seq) VALUES (?1, ?2, ?3, ?4, ?5)")
        ->bindAll(s.id, s.name, s.code, s.assetTagPattern, nextSeq())
        .run();
    w.commit();
    return s.id;
}

Id Store::addRoom(Room r)
{
    r.name = checked(fields::roomName, r.name);
    if (r.id.isNull())
        r.id = Id::generate();
    Write w(*this, Write::Rows::One);
    requireRow("sites", r.siteId, "site");
    {
        auto q = m_db.query("SELECT id FROM rooms WHERE site_id = ?1 AND name = ?2");
        q->bindAll(r.siteId, r.name);
        if (q->step())
            throw DuplicateError("the site already has a room named '" + r.name + "'", q->id(0).toString());
    }
    m_db.query("INSERT INTO rooms(id, site_id, name, seq) VALUES (?1, ?2, ?3, ?4)")
        ->bindAll(r.id, r.siteId, r.name, nextSeq())
        .run();
    w.commit();
    return r.id;
}

void Store::addUserToSite(const Id &userId, const Id &siteId)
{
    Write w(*this, Write::Rows::One);
    requireRow("users", userId, "user");
    requireRow("sites", siteId, "site");
    m_db.query("INSERT INTO user_sites(user_id, site_id, seq) VALUES (?1, ?2, ?3) "
               "ON CONFLICT DO NOTHING")
        ->bindAll(userId, siteId, nextSeq())
        .run();
    w.commit();
}

std::vector<Site> Store::sites()
{
    std::vector<Site> out;
    auto q = m_db.query("SELECT id, name, code, asset_tag_pattern FROM sites ORDER BY name");
    while (q->step())
        out.push_back(Site{q->id(0), q->text(1), q->text(2), q->text(3)});
    return out;
}

std::vector<Room> Store::rooms(const Id &siteId)
{
    std::vector<Room> out;
    auto q = m_db.query("SELECT id, site_id, name FROM rooms WHERE site_id = ?1 ORDER BY name");
    q->bind(1, siteId);
    while (q->step())
        out.push_back(Room{q->id(0), q->id(1), q->text(2)});
    return out;
}

// --- sync ----------------------------------------------------------------------------------

std::vector<Change> Store::changesSince(std::int64_t afterSeq, int limit)
{
    if (limit <= 0)
        throw ValidationError("limit", "must be at least 1");
    // Each arm reads its table's seq index; SQLite merges the sorted arms.
    static constexpr std::string_view kSql =
        "SELECT seq, 'users', id, CAST(NULL AS BLOB), 0 FROM users WHERE seq > ?1 "
        "UNION ALL SELECT seq, 'sites', id, NULL, 0 FROM sites WHERE seq > ?1 "
        "UNION ALL SELECT seq, 'rooms', id, NULL, 0 FROM rooms WHERE seq > ?1 "
        "UNION ALL SELECT seq, 'user_sites', user_id, site_id, 0 FROM user_sites WHERE seq > ?1 "
        "UNION ALL SELECT seq, 'services', id, NULL, 0 FROM services WHERE seq > ?1 "
        "UNION ALL SELECT seq, 'dsl_items', id, NULL, 0 FROM dsl_items WHERE seq > ?1 "
        "UNION ALL SELECT seq, 'media_loans', id, NULL, 0 FROM media_loans WHERE seq > ?1 "
        "UNION ALL SELECT seq, 'licences', id, NULL, 0 FROM licences WHERE seq > ?1 "
        "UNION ALL SELECT seq, 'licence_assignments', id, NULL, 0 FROM licence_assignments WHERE seq > ?1 "
        "UNION ALL SELECT seq, 'assets', id, NULL, 0 FROM assets WHERE seq > ?1 "
        "UNION ALL SELECT seq, 'build_procedures', id, NULL, 0 FROM build_procedures WHERE seq > ?1 "
        "UNION ALL SELECT seq, 'build_items', build_id, dsl_item_id, 0 FROM build_items WHERE seq > ?1 "
        "UNION ALL SELECT seq, 'build_steps', id, NULL, 0 FROM build_steps WHERE seq > ?1 "
        "UNION ALL SELECT seq, 'releases', id, NULL, 0 FROM releases WHERE seq > ?1 "
        "UNION ALL SELECT seq, 'release_installers', release_id, user_id, 0 FROM release_installers WHERE "
        "seq > ?1 "
        "UNION ALL SELECT seq, 'release_targets', release_id, target_id, 0 FROM release_targets WHERE seq > ?1 "
        "UNION ALL SELECT seq, 'installations', id, NULL, 0 FROM installations WHERE seq > ?1 "
        "UNION ALL SELECT seq, 'step_results', id, NULL, 0 FROM step_results WHERE seq > ?1 "
        "UNION ALL SELECT seq, 'signoffs', id, NULL, 0 FROM signoffs WHERE seq > ?1 "
        "UNION ALL SELECT seq, 'backouts', id, NULL, 0 FROM backouts WHERE seq > ?1 "
        "UNION ALL SELECT seq, 'conflicts', id, NULL, 0 FROM conflicts WHERE seq > ?1 "
        "UNION ALL SELECT seq, 'scan_overrides', id, NULL, 0 FROM scan_overrides WHERE seq > ?1 "
        "UNION ALL SELECT seq, table_name, substr(row_key, 1, 16), "
        "  CASE WHEN length(row_key) = 32 THEN substr(row_key, 17, 16) END, 1 "
        "  FROM tombstones WHERE seq > ?1 "
        "ORDER BY 1 LIMIT ?2";
    std::vector<Change> out;
    auto q = m_db.query(kSql);
    q->bindAll(afterSeq, limit);
    while (q->step())
        out.push_back(Change{q->int64(0), q->text(1), q->id(2), q->optId(3), q->int64(4) != 0});
    return out;
}

} // namespace rd
