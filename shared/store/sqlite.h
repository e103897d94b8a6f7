#pragma once

#include "domain/errors.h"
#include "domain/id.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

struct sqlite3;
struct sqlite3_stmt;

namespace rd::sql {

/** True when @p e reports a UNIQUE, FOREIGN KEY, CHECK or NOT NULL constraint refusing a row. */
[[nodiscard]] bool isConstraint(const StoreError &e) noexcept;

/** A prepared statement; owned by its Database's cache, reset and unbound after every use. */
class Statement {
public:
    Statement(sqlite3 *db, std::string_view sql);
    ~Statement();
    Statement(const Statement &) = delete;
    Statement &operator=(const Statement &) = delete;

    Statement &bind(int index, std::int64_t value);
    Statement &bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
    Statement &bind(int index, bool value) { return bind(index, static_cast<std::int64_t>(value)); }
    Statement &bind(int index, double value);
    Statement &bind(int index, std::string_view text);
    Statement &bind(int index, const std::string &text) { return bind(index, std::string_view(text)); }
    Statement &bind(int index, const char *text) { return bind(index, std::string_view(text)); }
    Statement &bind(int index, const Id &id);
    Statement &bind(int index, std::nullptr_t);
    template <typename T>
    Statement &bind(int index, const std::optional<T> &value)
    {
        return value ? bind(index, *value) : bind(index, nullptr);
    }
    /** Binds every argument in order, from parameter 1. */
    template <typename... Args>
    Statement &bindAll(const Args &...args)
    {
        int i = 0;
        (bind(++i, args), ...);
        return *this;
    }
    /**
     * Binds without a copy: @p text or @p id must stay unchanged until the statement has run and
     * been reset. For bulk writes whose values live in a buffer that outlasts the row.
     */
    Statement &bindStatic(int index, std::string_view text);
    Statement &bindStatic(int index, const Id &id);
    /** Binds a BLOB (signature strokes and the like). */
    Statement &bindBlob(int index, const void *data, std::size_t size);

    /** Runs one step: true when a row is available, false when done. Throws StoreError. */
    bool step();
    /** Runs a statement that returns no rows. */
    void run();
    void reset() noexcept;
    /** Resets for the next run but keeps the bindings (every one is bound again anyway). */
    void rewind() noexcept;

    [[nodiscard]] bool isNull(int col) const;
    [[nodiscard]] std::int64_t int64(int col) const;
    [[nodiscard]] double real(int col) const;
    [[nodiscard]] std::string text(int col) const;
    /** The text of a column without a copy; valid until the statement steps or resets. */
    [[nodiscard]] std::string_view textView(int col) const;
    /** The bytes of a BLOB column without a copy; valid until the statement steps or resets. */
    [[nodiscard]] std::string_view blobView(int col) const;
    [[nodiscard]] std::optional<std::string> optText(int col) const;
    [[nodiscard]] std::optional<std::int64_t> optInt64(int col) const;
    [[nodiscard]] Id id(int col) const;
    [[nodiscard]] std::optional<Id> optId(int col) const;
    [[nodiscard]] std::string blob(int col) const;
    /** The SQLite storage class of a column in the current row (SQLITE_INTEGER ... SQLITE_NULL). */
    [[nodiscard]] int type(int col) const;
    [[nodiscard]] int columnCount() const;
    [[nodiscard]] std::string columnName(int col) const;

    [[nodiscard]] std::string_view sql() const noexcept { return m_sql; }

private:
    [[noreturn]] void fail(int rc, std::string_view doing) const;

    sqlite3 *m_db;
    sqlite3_stmt *m_stmt = nullptr;
    std::string m_sql;
};

/** Hands out a cached statement and resets it when the scope ends, whatever happens. */
class Query {
public:
    explicit Query(Statement &s)
        : m_s(&s)
    {}
    ~Query() { m_s->reset(); }
    Query(const Query &) = delete;
    Query &operator=(const Query &) = delete;
    Statement *operator->() const noexcept { return m_s; }
    Statement &operator*() const noexcept { return *m_s; }

private:
    Statement *m_s;
};

/** One connection to a SQLite database file: WAL, foreign keys on, statements prepared once. */
class Database {
public:
    /** Opens (creating if needed) @p path; ":memory:" gives a private in-memory database. */
    explicit Database(const std::string &path);
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    /** Runs one or more statements that return nothing (DDL, PRAGMA). */
    void exec(std::string_view sql);
    /** The statement for @p sql, prepared on first use and reused after; reset when the Query ends. */
    [[nodiscard]] Query query(std::string_view sql);
    /** The cached statement itself, for a caller that runs it many times and rewinds it each time. */
    [[nodiscard]] Statement &statement(std::string_view sql);
    /** A single integer from a query that returns one row (PRAGMA user_version, COUNT(*)...). */
    [[nodiscard]] std::int64_t scalar(std::string_view sql);

    [[nodiscard]] int changes() const noexcept;
    [[nodiscard]] bool inTransaction() const noexcept;
    [[nodiscard]] const std::string &path() const noexcept { return m_path; }
    [[nodiscard]] sqlite3 *handle() const noexcept { return m_db; }

private:
    /** Hashes a statement's text by its length and ends: cheap, and SQL texts differ there. */
    struct SqlHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view sql) const noexcept;
    };
    struct SqlEqual {
        using is_transparent = void;
        bool operator()(std::string_view a, std::string_view b) const noexcept { return a == b; }
    };

    sqlite3 *m_db = nullptr;
    std::string m_path;
    std::unordered_map<std::string, std::unique_ptr<Statement>, SqlHash, SqlEqual> m_cache;
};

/** BEGIN IMMEDIATE ... COMMIT; rolls back in the destructor unless commit() was called. */
class Transaction {
public:
    /** Write takes the write lock at once; Read is a snapshot that never blocks the writer (WAL). */
    enum class Mode { Write, Read };
    explicit Transaction(Database &db, Mode mode = Mode::Write);
    ~Transaction();
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;
    void commit();

private:
    Database &m_db;
    bool m_done = false;
};

/** A nested unit of work inside a transaction: RELEASE on commit, ROLLBACK TO otherwise. */
class Savepoint {
public:
    explicit Savepoint(Database &db);
    ~Savepoint();
    Savepoint(const Savepoint &) = delete;
    Savepoint &operator=(const Savepoint &) = delete;
    void commit();

private:
    Database &m_db;
    bool m_done = false;
};

} // namespace rd::sql
