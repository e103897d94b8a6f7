#include "sqlite.h"

#include <sqlite3.h>

namespace rd::sql {

namespace {

[[noreturn]] void throwDb(sqlite3 *db, int rc, const std::string &doing)
{
    const char *msg = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    throw StoreError(
        doing + ": " + (msg ? msg : "unknown error") + " (sqlite code " + std::to_string(rc) + ")", rc);
}

/** Process-wide SQLite settings, made once before the first connection opens. */
void configureSqliteOnce()
{
    static const bool configured = [] {
        // No global memory statistics: they take a mutex on every allocation.
        sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
        return sqlite3_initialize() == SQLITE_OK;
    }();
    (void)configured;
}

} // namespace

bool isConstraint(const StoreError &e) noexcept
{
    return (e.sqliteCode() & 0xFF) == SQLITE_CONSTRAINT;
}

Statement::Statement(sqlite3 *db, std::string_view sql)
    : m_db(db)
    , m_sql(sql)
{
    const int rc = sqlite3_prepare_v3(db, m_sql.data(), static_cast<int>(m_sql.size()),
                                      SQLITE_PREPARE_PERSISTENT, &m_stmt, nullptr);
    if (rc != SQLITE_OK)
        throwDb(db, rc, "preparing \"" + m_sql + "\"");
}

Statement::~Statement()
{
    sqlite3_finalize(m_stmt);
}

void Statement::fail(int rc, std::string_view doing) const
{
    throwDb(m_db, sqlite3_extended_errcode(m_db) ? sqlite3_extended_errcode(m_db) : rc,
            std::string(doing) + " \"" + m_sql + "\"");
}

Statement &Statement::bind(int index, std::int64_t value)
{
    if (const int rc = sqlite3_bind_int64(m_stmt, index, value); rc != SQLITE_OK)
        fail(rc, "binding");
    return *this;
}

Statement &Statement::bind(int index, double value)
{
    if (const int rc = sqlite3_bind_double(m_stmt, index, value); rc != SQLITE_OK)
        fail(rc, "binding");
    return *this;
}

Statement &Statement::bind(int index, std::string_view text)
{
    if (const int rc =
            sqlite3_bind_text(m_stmt, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
        rc != SQLITE_OK)
        fail(rc, "binding");
    return *this;
}

Statement &Statement::bind(int index, const Id &id)
{
    if (const int rc = sqlite3_bind_blob(m_stmt, index, id.bytes().data(), 16, SQLITE_TRANSIENT);
        rc != SQLITE_OK)
        fail(rc, "binding");
    return *this;
}

Statement &Statement::bind(int index, std::nullptr_t)
{
    if (const int rc = sqlite3_bind_null(m_stmt, index); rc != SQLITE_OK)
        fail(rc, "binding");
    return *this;
}

Statement &Statement::bindStatic(int index, std::string_view text)
{
    if (const int rc = sqlite3_bind_text(m_stmt, index, text.data(), static_cast<int>(text.size()), SQLITE_STATIC);
        rc != SQLITE_OK)
        fail(rc, "binding");
    return *this;
}

Statement &Statement::bindStatic(int index, const Id &id)
{
    if (const int rc = sqlite3_bind_blob(m_stmt, index, id.bytes().data(), 16, SQLITE_STATIC); rc != SQLITE_OK)
        fail(rc, "binding");
    return *this;
}

Statement &Statement::bindBlob(int index, const void *data, std::size_t size)
{
    if (const int rc = sqlite3_bind_blob64(m_stmt, index, data, size, SQLITE_TRANSIENT); rc != SQLITE_OK)
        fail(rc, "binding");
    return *this;
}

bool Statement::step()
{
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    const int ext = sqlite3_extended_errcode(m_db);
    std::string msg = sqlite3_errmsg(m_db);
    sqlite3_reset(m_stmt);
    throw StoreError("running \"" + m_sql + "\": " + msg + " (sqlite code " + std::to_string(ext) + ")", ext);
}

void Statement::run()
{
    while (step()) {
    }
}

void Statement::rewind() noexcept
{
    sqlite3_reset(m_stmt);
}

void Statement::reset() noexcept
{
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

bool Statement::isNull(int col) const
{
    return sqlite3_column_type(m_stmt, col) == SQLITE_NULL;
}

std::int64_t Statement::int64(int col) const
{
    return sqlite3_column_int64(m_stmt, col);
}

double Statement::real(int col) const
{
    return sqlite3_column_double(m_stmt, col);
}

std::string Statement::text(int col) const
{
    const auto *p = sqlite3_column_text(m_stmt, col);
    const int n = sqlite3_column_bytes(m_stmt, col);
    return p ? std::string(reinterpret_cast<const char *>(p), static_cast<std::size_t>(n)) : std::string();
}

std::string_view Statement::textView(int col) const
{
    const auto *p = sqlite3_column_text(m_stmt, col);
    const int n = sqlite3_column_bytes(m_stmt, col);
    return p ? std::string_view(reinterpret_cast<const char *>(p), static_cast<std::size_t>(n)) : std::string_view();
}

std::string_view Statement::blobView(int col) const
{
    const void *p = sqlite3_column_blob(m_stmt, col);
    const int n = sqlite3_column_bytes(m_stmt, col);
    return p ? std::string_view(static_cast<const char *>(p), static_cast<std::size_t>(n)) : std::string_view();
}

std::optional<std::string> Statement::optText(int col) const
{
    if (isNull(col))
        return std::nullopt;
    return text(col);
}

std::optional<std::int64_t> Statement::optInt64(int col) const
{
    if (isNull(col))
        return std::nullopt;
    return int64(col);
}

Id Statement::id(int col) const
{
    const void *p = sqlite3_column_blob(m_stmt, col);
    return Id::fromBlob(p, sqlite3_column_bytes(m_stmt, col));
}

std::optional<Id> Statement::optId(int col) const
{
    if (isNull(col))
        return std::nullopt;
    return id(col);
}

std::string Statement::blob(int col) const
{
    const void *p = sqlite3_column_blob(m_stmt, col);
    const int n = sqlite3_column_bytes(m_stmt, col);
    return p ? std::string(static_cast<const char *>(p), static_cast<std::size_t>(n)) : std::string();
}

int Statement::type(int col) const
{
    return sqlite3_column_type(m_stmt, col);
}

int Statement::columnCount() const
{
    return sqlite3_column_count(m_stmt);
}

std::string Statement::columnName(int col) const
{
    const char *n = sqlite3_column_name(m_stmt, col);
    return n ? n : "";
}

Database::Database(const std::string &path)
    : m_path(path)
{
    configureSqliteOnce();
    const int rc = sqlite3_open_v2(path.c_str(), &m_db,
                                   SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        std::string msg = m_db ? sqlite3_errmsg(m_db) : sqlite3_errstr(rc);
        sqlite3_close(m_db);
        throw StoreError("cannot open database " + path + ": " + msg, rc);
    }
    sqlite3_extended_result_codes(m_db, 1);
    sqlite3_busy_timeout(m_db, 5000);
    try {
        if (path != ":memory:" && !path.empty())
            exec("PRAGMA page_size=16384; PRAGMA journal_mode=WAL");
        // 64 MiB of page cache: the serial and tag indexes take inserts in random order, and a
        // small cache turns each of those into a read from the file. Savepoint journals stay in
        // memory: on disk, every write inside a Batch would cost a dozen pwrite calls. A 32 MiB
        // WAL before each checkpoint lets a page written by several batches be copied back once.
        exec("PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-65536; "
             "PRAGMA temp_store=MEMORY; PRAGMA wal_autocheckpoint=2048");
    } catch (...) {
        sqlite3_close(m_db);
        throw;
    }
}

Database::~Database()
{
    m_cache.clear(); // finalize every statement before the connection closes
    sqlite3_close(m_db);
}

void Database::exec(std::string_view sql)
{
    const std::string s(sql);
    char *err = nullptr;
    const int rc = sqlite3_exec(m_db, s.c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
        std::string msg = err ? err : sqlite3_errstr(rc);
        sqlite3_free(err);
        throw StoreError("running \"" + s.substr(0, 200) + "\": " + msg + " (sqlite code " +
                             std::to_string(sqlite3_extended_errcode(m_db)) + ")",
                         sqlite3_extended_errcode(m_db));
    }
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
        it = m_cache.emplace(std::string(sql), std::make_unique<Statement>(m_db, sql)).first;
    return *it->second;
}

std::int64_t Database::scalar(std::string_view sql)
{
    auto q = query(sql);
    if (!q->step())
        throw StoreError("\"" + std::string(sql) + "\" returned no row", 0);
    return q->int64(0);
}

int Database::changes() const noexcept
{
    return sqlite3_changes(m_db);
}

bool Database::inTransaction() const noexcept
{
    return sqlite3_get_autocommit(m_db) == 0;
}

Transaction::Transaction(Database &db, Mode mode)
    : m_db(db)
{
    m_db.exec(mode == Mode::Write ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED");
}

Transaction::~Transaction()
{
    if (!m_done) {
        try {
            m_db.exec("ROLLBACK");
        } catch (...) { // destructors never throw; SQLite may already have rolled back
        }
    }
}

void Transaction::commit()
{
    m_db.exec("COMMIT");
    m_done = true;
}

Savepoint::Savepoint(Database &db)
    : m_db(db)
{
    m_db.exec("SAVEPOINT rd_sp");
}

Savepoint::~Savepoint()
{
    if (!m_done) {
        try {
            m_db.exec("ROLLBACK TO rd_sp; RELEASE rd_sp");
        } catch (...) {
        }
    }
}

void Savepoint::commit()
{
    m_db.exec("RELEASE rd_sp");
    m_done = true;
}

} // namespace rd::sql
