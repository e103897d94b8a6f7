#include "writescope.h"

#include "domain/fields.h"
#include "domain/text.h"
#include "changeblocks.h"
#include "migrations.h"

#include <algorithm>
#include <array>
#include <regex>
#include <vector>

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
            if (!db.isPostgres()) {
                // BEGIN IMMEDIATE made this the one writer: numbers follow on from the counter.
                auto q = db.query("SELECT value FROM meta WHERE key = 'last_seq'");
                m_s.m_seq = q->step() ? std::stoll(q->text(0)) : 0;
            } else if (m_s.m_sequence == ChangeSequence::OpenBlocks) {
                // Several writers at once: the writers' lock (shared for ConcurrentWrites, alone
                // otherwise) and a block of change numbers registered as open until the commit,
                // which a pull reads below (pullHorizon). See docs/architecture.md.
                const auto block = db.scalar(m_s.m_concurrent ? "SELECT rd_begin_write(true)"
                                                               : "SELECT rd_begin_write(false)");
                m_s.m_seq = block * sql::kChangeBlock - 1;
                m_s.m_blockEnd = (block + 1) * sql::kChangeBlock - 1;
            } else {
                m_s.m_seq = 0; // Naive: nextSeq takes each number from the sequence
            }
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
            if (!db.isPostgres()) {
                db.query("INSERT INTO meta(key, value) VALUES ('last_seq', ?1) "
                         "ON CONFLICT(key) DO UPDATE SET value = excluded.value")
                    ->bindAll(std::to_string(m_s.m_seq))
                    .run();
            } else if (m_s.m_sequence == ChangeSequence::Naive) {
                db.query("UPDATE meta SET value = CAST(GREATEST(CAST(value AS BIGINT), ?1) AS TEXT) "
                         "WHERE key = 'last_seq'")
                    ->bindAll(m_s.m_seq)
                    .run();
            } // OpenBlocks: the commit closes the block; no counter row, which every writer would wait for
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
    if (!m_db.isPostgres())
        return ++m_seq;
    if (m_sequence == ChangeSequence::Naive) {
        m_seq = std::max(m_seq, m_db.scalar("SELECT nextval('rd_naive_seq')"));
        return m_seq;
    }
    if (m_seq == m_blockEnd) {
        // A block holds millions: only a write of more takes another. It needs no registering of
        // its own: the first block, open until the commit, keeps every pull below both.
        const auto block = m_db.scalar("SELECT nextval('rd_change_block')");
        m_seq = block * sql::kChangeBlock - 1;
        m_blockEnd = (block + 1) * sql::kChangeBlock - 1;
    }
    return ++m_seq;
}

void Store::setChangeSequence(ChangeSequence sequence)
{
    if (sequence == ChangeSequence::Naive) {
        if (!m_db.isPostgres())
            throw StoreError("the naive change sequence is a PostgreSQL demonstration", 0);
        // Numbers follow on from every change written so far, and the counter says so.
        const auto highest = std::to_string(lastSeq());
        m_db.exec("CREATE SEQUENCE IF NOT EXISTS rd_naive_seq");
        m_db.exec("SELECT setval('rd_naive_seq', GREATEST(" + highest +
                  ", (SELECT CAST(value AS BIGINT) FROM meta WHERE key = 'last_seq'), "
                  "(SELECT last_value FROM rd_naive_seq)))");
        m_db.exec("UPDATE meta SET value = CAST(GREATEST(CAST(value AS BIGINT), " + highest +
                  ") AS TEXT) WHERE key = 'last_seq'");
    }
    m_sequence = sequence;
}

std::int64_t Store::lastSeq()
{
    if (!m_db.isPostgres() || m_sequence == ChangeSequence::Naive) {
        auto q = m_db.query("SELECT value FROM meta WHERE key = 'last_seq'");
        return q->step() ? std::stoll(q->text(0)) : 0;
    }
    // Numbers are handed out in blocks: the highest one written, each table's from its seq index,
    // over every table that has one (the schema says which; the same for every database).
    static const std::string sql = [this] {
        std::vector<std::string> tables;
        auto q = m_db.query("SELECT table_name FROM information_schema.columns WHERE column_name = 'seq' "
                            "AND table_schema = current_schema() ORDER BY table_name");
        while (q->step())
            tables.push_back(q->text(0));
        std::string s = "SELECT coalesce(max(s), 0) FROM (SELECT CAST(0 AS BIGINT) AS s";
        for (const auto &t : tables)
            s += " UNION ALL SELECT (SELECT max(seq) FROM " + t + " WHERE seq <= ?1)";
        return s + ") AS highest";
    }();
    const auto horizon = pullHorizon();
    auto q = m_db.query(sql);
    q->bind(1, horizon);
    q->step();
    return q->int64(0);
}

std::int64_t Store::pullHorizon()
{
    if (!m_db.isPostgres() || m_sequence == ChangeSequence::Naive)
        return lastSeq();
    return m_db.scalar("SELECT rd_pull_horizon()");
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

namespace {

/** The tables changesSince reads, and their keys. */
struct ChangeArm {
    std::string_view table, key1, key2;
};
constexpr std::array kChangeArms{
    ChangeArm{"users", "id", ""},
    ChangeArm{"sites", "id", ""},
    ChangeArm{"rooms", "id", ""},
    ChangeArm{"user_sites", "user_id", "site_id"},
    ChangeArm{"services", "id", ""},
    ChangeArm{"dsl_items", "id", ""},
    ChangeArm{"media_loans", "id", ""},
    ChangeArm{"licences", "id", ""},
    ChangeArm{"licence_assignments", "id", ""},
    ChangeArm{"assets", "id", ""},
    ChangeArm{"build_procedures", "id", ""},
    ChangeArm{"build_items", "build_id", "dsl_item_id"},
    ChangeArm{"build_steps", "id", ""},
    ChangeArm{"releases", "id", ""},
    ChangeArm{"release_installers", "release_id", "user_id"},
    ChangeArm{"release_targets", "release_id", "target_id"},
    ChangeArm{"installations", "id", ""},
    ChangeArm{"step_results", "id", ""},
    ChangeArm{"signoffs", "id", ""},
    ChangeArm{"backouts", "id", ""},
    ChangeArm{"conflicts", "id", ""},
    ChangeArm{"scan_overrides", "id", ""},
};

} // namespace

std::vector<Change> Store::changesSince(std::int64_t afterSeq, int limit)
{
    if (limit <= 0)
        throw ValidationError("limit", "must be at least 1");
    // Each arm reads its table's seq index; SQLite merges the sorted arms.
    static const std::string kSql = [] {
        std::string sql;
        for (const auto &a : kChangeArms) {
            sql += "SELECT seq, '" + std::string(a.table) + "', " + std::string(a.key1) + ", " +
                   (a.key2.empty() ? std::string(sql.empty() ? "CAST(NULL AS BLOB)" : "NULL") : std::string(a.key2)) +
                   ", 0 FROM " + std::string(a.table) + " WHERE seq > ?1 UNION ALL ";
        }
        return sql + "SELECT seq, table_name, substr(row_key, 1, 16), "
                     "CASE WHEN length(row_key) = 32 THEN substr(row_key, 17, 16) END, 1 "
                     "FROM tombstones WHERE seq > ?1 ORDER BY 1 LIMIT ?2";
    }();
    std::vector<Change> out;
    auto q = m_db.query(kSql);
    q->bindAll(afterSeq, limit);
    while (q->step())
        out.push_back(Change{q->int64(0), q->text(1), q->id(2), q->optId(3), q->int64(4) != 0});
    return out;
}

} // namespace rd
