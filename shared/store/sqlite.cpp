#include "database.h"

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

namespace {

/** A statement of SQLite's C API. */
class SqliteStatement final : public Statement {
public:
    SqliteStatement(sqlite3 *db, std::string_view sql);
    ~SqliteStatement() override;

    Statement &bind(int index, std::int64_t value) override;
    Statement &bind(int index, double value) override;
    Statement &bind(int index, std::string_view text) override;
    Statement &bind(int index, const Id &id) override;
    Statement &bind(int index, std::nullptr_t) override;
    using Statement::bind;
    Statement &bindStatic(int index, std::string_view text) override;
    Statement &bindStatic(int index, const Id &id) override;
    Statement &bindBlob(int index, const void *data, std::size_t size) override;
    bool step() override;
    void reset() noexcept override;
    void rewind() noexcept override;
    [[nodiscard]] bool isNull(int col) const override;
    [[nodiscard]] std::int64_t int64(int col) const override;
    [[nodiscard]] double real(int col) const override;
    [[nodiscard]] std::string_view textView(int col) const override;
    [[nodiscard]] std::string_view blobView(int col) const override;
    [[nodiscard]] ColumnType type(int col) const override;
    [[nodiscard]] int columnCount() const override;
    [[nodiscard]] std::string columnName(int col) const override;

private:
    [[noreturn]] void fail(int rc, std::string_view doing) const;

    sqlite3 *m_db;
    sqlite3_stmt *m_stmt = nullptr;
};

/** One connection to a SQLite database file: WAL, foreign keys on. */
class SqliteConnection final : public Connection {
public:
    explicit SqliteConnection(const std::string &path);
    ~SqliteConnection() override;
    [[nodiscard]] std::unique_ptr<Statement> prepare(std::string_view sql) override
    {
        return std::make_unique<SqliteStatement>(m_db, sql);
    }
    void exec(std::string_view sql) override;
    [[nodiscard]] int changes() override { return sqlite3_changes(m_db); }
    [[nodiscard]] bool inTransaction() const noexcept override { return sqlite3_get_autocommit(m_db) == 0; }
    [[nodiscard]] Engine engine() const noexcept override { return Engine::Sqlite; }
    [[nodiscard]] sqlite3 *sqliteHandle() const noexcept override { return m_db; }

private:
    sqlite3 *m_db = nullptr;
};

SqliteStatement::SqliteStatement(sqlite3 *db, std::string_view sql)
    : Statement(sql)
    , m_db(db)
{
    const int rc = sqlite3_prepare_v3(db, m_sql.data(), static_cast<int>(m_sql.size()),
                                      SQLITE_PREPARE_PERSISTENT, &m_stmt, nullptr);
    if (rc != SQLITE_OK)
        throwDb(db, rc, "preparing \"" + m_sql + "\"");
}

SqliteStatement::~SqliteStatement()
{
    sqlite3_finalize(m_stmt);
}

void SqliteStatement::fail(int rc, std::string_view doing) const
{
    throwDb(m_db, sqlite3_extended_errcode(m_db) ? sqlite3_extended_errcode(m_db) : rc,
            std::string(doing) + " \"" + m_sql + "\"");
}

Statement &SqliteStatement::bind(int index, std::int64_t value)
{
    if (const int rc = sqlite3_bind_int64(m_stmt, index, value); rc != SQLITE_OK)
        fail(rc, "binding");
    return *this;
}

Statement &SqliteStatement::bind(int index, double value)
{
    if (const int rc = sqlite3_bind_double(m_stmt, index, value); rc != SQLITE_OK)
        fail(rc, "binding");
    return *this;
}

Statement &SqliteStatement::bind(int index, std::string_view text)
{
    if (const int rc =
            sqlite3_bind_text(m_stmt, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
        rc != SQLITE_OK)
        fail(rc, "binding");
    return *this;
}

Statement &SqliteStatement::bind(int index, const Id &id)
{
    if (const int rc = sqlite3_bind_blob(m_stmt, index, id.bytes().data(), 16, SQLITE_TRANSIENT);
        rc != SQLITE_OK)
        fail(rc, "binding");
    return *this;
}

Statement &SqliteStatement::bind(int index, std::nullptr_t)
{
    if (const int rc = sqlite3_bind_null(m_stmt, index); rc != SQLITE_OK)
        fail(rc, "binding");
    return *this;
}

Statement &SqliteStatement::bindStatic(int index, std::string_view text)
{
    if (const int rc = sqlite3_bind_text(m_stmt, index, text.data(), static_cast<int>(text.size()), SQLITE_STATIC);
        rc != SQLITE_OK)
        fail(rc, "binding");
    return *this;
}

Statement &SqliteStatement::bindStatic(int index, const Id &id)
{
    if (const int rc = sqlite3_bind_blob(m_stmt, index, id.bytes().data(), 16, SQLITE_STATIC); rc != SQLITE_OK)
        fail(rc, "binding");
    return *this;
}

Statement &SqliteStatement::bindBlob(int index, const void *data, std::size_t size)
{
    if (const int rc = sqlite3_bind_blob64(m_stmt, index, data, size, SQLITE_TRANSIENT); rc != SQLITE_OK)
        fail(rc, "binding");
    return *this;
}

bool SqliteStatement::step()
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

void SqliteStatement::rewind() noexcept
{
    sqlite3_reset(m_stmt);
}

void SqliteStatement::reset() noexcept
{
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

bool SqliteStatement::isNull(int col) const
{
    return sqlite3_column_type(m_stmt, col) == SQLITE_NULL;
}

std::int64_t SqliteStatement::int64(int col) const
{
    return sqlite3_column_int64(m_stmt, col);
}

double SqliteStatement::real(int col) const
{
    return sqlite3_column_double(m_stmt, col);
}

std::string_view SqliteStatement::textView(int col) const
{
    const auto *p = sqlite3_column_text(m_stmt, col);
    const int n = sqlite3_column_bytes(m_stmt, col);
    return p ? std::string_view(reinterpret_cast<const char *>(p), static_cast<std::size_t>(n)) : std::string_view();
}

std::string_view SqliteStatement::blobView(int col) const
{
    const void *p = sqlite3_column_blob(m_stmt, col);
    const int n = sqlite3_column_bytes(m_stmt, col);
    return p ? std::string_view(static_cast<const char *>(p), static_cast<std::size_t>(n)) : std::string_view();
}

ColumnType SqliteStatement::type(int col) const
{
    return static_cast<ColumnType>(sqlite3_column_type(m_stmt, col));
}

int SqliteStatement::columnCount() const
{
    return sqlite3_column_count(m_stmt);
}

std::string SqliteStatement::columnName(int col) const
{
    const char *n = sqlite3_column_name(m_stmt, col);
    return n ? n : "";
}

SqliteConnection::SqliteConnection(const std::string &path)
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

SqliteConnection::~SqliteConnection()
{
    sqlite3_close(m_db);
}

void SqliteConnection::exec(std::string_view sql)
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

} // namespace

std::unique_ptr<Connection> openSqlite(const std::string &path)
{
    return std::make_unique<SqliteConnection>(path);
}

} // namespace rd::sql
