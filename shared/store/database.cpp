#include "database.h"

namespace rd::sql {

bool isPostgresLocation(std::string_view location) noexcept
{
    return location.rfind("postgresql://", 0) == 0 || location.rfind("postgres://", 0) == 0;
}

bool isConstraint(const StoreError &e) noexcept
{
    return (e.sqliteCode() & 0xFF) == 19; // SQLITE_CONSTRAINT and its extended codes
}

bool isUnavailable(const StoreError &e) noexcept
{
    const int code = e.sqliteCode() & 0xFF;
    return code == 5 || code == 10 || code == 14; // SQLITE_BUSY, SQLITE_IOERR, SQLITE_CANTOPEN
}

namespace {

/** The location without a password (user:password@ in a URI), for messages and logs. */
std::string withoutPassword(const std::string &location)
{
    if (!isPostgresLocation(location))
        return location;
    const auto scheme = location.find("://") + 3;
    const auto at = location.find('@', scheme);
    const auto colon = location.find(':', scheme);
    if (at == std::string::npos || colon == std::string::npos || colon > at)
        return location;
    return location.substr(0, colon) + location.substr(at);
}

} // namespace

Database::Database(const std::string &location)
    : m_conn(isPostgresLocation(location) ? openPostgres(location) : openSqlite(location))
    , m_engine(m_conn->engine())
    , m_path(withoutPassword(location))
{}

Database::~Database()
{
    m_cache.clear(); // every statement goes before the connection closes
}

void Database::exec(std::string_view sql)
{
    m_conn->exec(sql);
}

void Database::control(std::string_view sql)
{
    if (isPostgres())
        m_conn->exec(sql);
    else
        query(sql)->run();
}

std::size_t Database::SqlHash::operator()(std::string_view sql) const noexcept
{
    const auto n = sql.size();
    const auto head = sql.substr(0, 48);
    const auto tail = n > 48 ? sql.substr(n - std::min<std::size_t>(n - 48, 48)) : std::string_view();
    std::size_t h = std::hash<std::string_view>{}(head);
    h ^= std::hash<std::string_view>{}(tail) + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
    return h ^ (n * 0x100000001b3ULL);
}

Query Database::query(std::string_view sql)
{
    return Query(statement(sql));
}

Statement &Database::statement(std::string_view sql)
{
    auto it = m_cache.find(sql);
    if (it == m_cache.end())
        it = m_cache.emplace(std::string(sql), m_conn->prepare(sql)).first;
    return *it->second;
}

std::int64_t Database::scalar(std::string_view sql)
{
    auto q = query(sql);
    if (!q->step())
        throw StoreError("\"" + std::string(sql) + "\" returned no row", 0);
    return q->int64(0);
}

Transaction::Transaction(Database &db, Mode mode)
    : m_db(db)
{
    if (db.isPostgres())
        m_db.control(mode == Mode::Write ? "BEGIN" : "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY");
    else
        m_db.control(mode == Mode::Write ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED");
}

Transaction::~Transaction()
{
    if (!m_done) {
        try {
            if (m_db.inTransaction())
                m_db.control("ROLLBACK");
        } catch (...) { // destructors never throw; the engine may already have rolled back
        }
    }
}

void Transaction::commit()
{
    m_db.control("COMMIT");
    m_done = true;
}

Savepoint::Savepoint(Database &db)
    : m_db(db)
{
    m_db.control("SAVEPOINT rd_sp");
}

Savepoint::~Savepoint()
{
    if (!m_done) {
        try {
            m_db.control("ROLLBACK TO rd_sp");
            m_db.control("RELEASE rd_sp");
        } catch (...) {
        }
    }
}

void Savepoint::commit()
{
    m_db.control("RELEASE rd_sp");
    m_done = true;
}

} // namespace rd::sql
