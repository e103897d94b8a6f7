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

namespace rd::sql {

/**
 * The two database engines a Store runs on: SQLite (a file, or ":memory:"; the tablet and the
 * default server) and PostgreSQL (a "postgresql://" connection URI; several servers, one database).
 * SQL is written once in SQLite's dialect; postgres.cpp says it in PostgreSQL's where they differ
 * (pgdialect.h).
 */
enum class Engine { Sqlite, Postgres };

/** True when @p location is a PostgreSQL connection URI (postgresql:// or postgres://). */
[[nodiscard]] bool isPostgresLocation(std::string_view location) noexcept;

/** A column's kind of value in the current row (the numbers are SQLite's storage classes). */
enum class ColumnType { Integer = 1, Real = 2, Text = 3, Blob = 4, Null = 5 };

/**
 * True when @p e reports a UNIQUE, FOREIGN KEY, CHECK or NOT NULL constraint refusing a row
 * (StoreError's code is SQLite's; PostgreSQL's SQLSTATE class 23 is given the same codes).
 */
[[nodiscard]] bool isConstraint(const StoreError &e) noexcept;

/**
 * True when @p e reports the database out of reach for now, not a fault of the statement: busy or
 * locked past the wait (a lock or serialization failure on PostgreSQL), the connection lost, or
 * none to be opened. Nothing was applied, and the same request may come again.
 */
[[nodiscard]] bool isUnavailable(const StoreError &e) noexcept;

/** A prepared statement; owned by its Database's cache, reset and unbound after every use. */
class Statement {
public:
    virtual ~Statement() = default;
    Statement(const Statement &) = delete;
    Statement &operator=(const Statement &) = delete;

    virtual Statement &bind(int index, std::int64_t value) = 0;
    Statement &bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
    Statement &bind(int index, bool value) { return bind(index, static_cast<std::int64_t>(value)); }
    virtual Statement &bind(int index, double value) = 0;
    virtual Statement &bind(int index, std::string_view text) = 0;
    Statement &bind(int index, const std::string &text) { return bind(index, std::string_view(text)); }
    Statement &bind(int index, const char *text) { return bind(index, std::string_view(text)); }
    virtual Statement &bind(int index, const Id &id) = 0;
    virtual Statement &bind(int index, std::nullptr_t) = 0;
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
     * Binds without a copy where the engine can: @p text or @p id must stay unchanged until the
     * statement has run and been reset. For bulk writes whose values live in a buffer that
     * outlasts the row.
     */
    virtual Statement &bindStatic(int index, std::string_view text) { return bind(index, text); }
    virtual Statement &bindStatic(int index, const Id &id) { return bind(index, id); }
    /** Binds a BLOB (signature strokes and the like). */
    virtual Statement &bindBlob(int index, const void *data, std::size_t size) = 0;

    /** Runs one step: true when a row is available, false when done. Throws StoreError. */
    virtual bool step() = 0;
    /**
     * Runs a statement that returns no rows. On PostgreSQL with deferred writes on (see
     * Database::setDeferredWrites), a plain INSERT, UPDATE or DELETE is only sent: its outcome,
     * a refusal included, is known at the next statement that reads, or at the commit.
     */
    virtual void run()
    {
        while (step()) {
        }
    }
    /**
     * Sends the bound query (a statement that returns rows) now, for its rows to be read at its
     * first step: on PostgreSQL it
     * joins the pipeline, so that the independent reads a rule asks, sent one after another, cost
     * one round trip together (their answers arrive with the next statement that waits for one).
     * SQLite, in process, runs it at its first step as always: so write nothing it reads between
     * the send and its last step. Resetting it before its first step throws its answer away.
     */
    virtual void sendAhead() {}
    virtual void reset() noexcept = 0;
    /** Resets for the next run but keeps the bindings (every one is bound again anyway). */
    virtual void rewind() noexcept = 0;

    [[nodiscard]] virtual bool isNull(int col) const = 0;
    [[nodiscard]] virtual std::int64_t int64(int col) const = 0;
    [[nodiscard]] virtual double real(int col) const = 0;
    [[nodiscard]] std::string text(int col) const { return std::string(textView(col)); }
    /** The text of a column without a copy; valid until the statement steps or resets. */
    [[nodiscard]] virtual std::string_view textView(int col) const = 0;
    /** The bytes of a BLOB column without a copy; valid until the statement steps or resets. */
    [[nodiscard]] virtual std::string_view blobView(int col) const = 0;
    [[nodiscard]] std::optional<std::string> optText(int col) const
    {
        return isNull(col) ? std::nullopt : std::optional<std::string>(text(col));
    }
    [[nodiscard]] std::optional<std::int64_t> optInt64(int col) const
    {
        return isNull(col) ? std::nullopt : std::optional<std::int64_t>(int64(col));
    }
    [[nodiscard]] Id id(int col) const
    {
        const auto bytes = blobView(col);
        return Id::fromBlob(bytes.data(), static_cast<int>(bytes.size()));
    }
    [[nodiscard]] std::optional<Id> optId(int col) const
    {
        return isNull(col) ? std::nullopt : std::optional<Id>(id(col));
    }
    [[nodiscard]] std::string blob(int col) const { return std::string(blobView(col)); }
    [[nodiscard]] virtual ColumnType type(int col) const = 0;
    [[nodiscard]] virtual int columnCount() const = 0;
    [[nodiscard]] virtual std::string columnName(int col) const = 0;

    /** The statement's text as written (SQLite's dialect). */
    [[nodiscard]] std::string_view sql() const noexcept { return m_sql; }

protected:
    explicit Statement(std::string_view sql)
        : m_sql(sql)
    {}
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

/** What an engine's connection does; Database keeps one and caches its statements. */
class Connection {
public:
    virtual ~Connection() = default;
    [[nodiscard]] virtual std::unique_ptr<Statement> prepare(std::string_view sql) = 0;
    virtual void exec(std::string_view sql) = 0;
    /** Rows the last statement changed (on PostgreSQL, once deferred writes are settled). */
    [[nodiscard]] virtual int changes() = 0;
    /** Whether plain writes may be sent without waiting for each answer (PostgreSQL's pipeline). */
    virtual void setDeferredWrites(bool) {}
    [[nodiscard]] virtual bool inTransaction() const noexcept = 0;
    [[nodiscard]] virtual Engine engine() const noexcept = 0;
    [[nodiscard]] virtual sqlite3 *sqliteHandle() const noexcept { return nullptr; }
    /** See Database::session. */
    [[nodiscard]] virtual std::uint64_t session() const noexcept { return 1; }
};

/**
 * One connection to the database at a location: a SQLite file (WAL, foreign keys on) or a
 * PostgreSQL URI; statements prepared once and cached.
 */
class Database {
public:
    /**
     * Opens @p location: a "postgresql://" URI, or a SQLite file (created if need be; ":memory:"
     * gives a private in-memory database).
     */
    explicit Database(const std::string &location);
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    /** Runs one or more statements that return nothing (DDL, PRAGMA), as written: no translation. */
    void exec(std::string_view sql);
    /**
     * Runs one transaction-control statement (BEGIN, COMMIT, ROLLBACK, SAVEPOINT, RELEASE) on the
     * hot path of every write: SQLite from a cached statement, PostgreSQL (which prepares none of
     * them) as exec.
     */
    void control(std::string_view sql);
    /** The statement for @p sql, prepared on first use and reused after; reset when the Query ends. */
    [[nodiscard]] Query query(std::string_view sql);
    /** The cached statement itself, for a caller that runs it many times and rewinds it each time. */
    [[nodiscard]] Statement &statement(std::string_view sql);
    /** A single integer from a query that returns one row (COUNT(*)...). */
    [[nodiscard]] std::int64_t scalar(std::string_view sql);

    [[nodiscard]] int changes() { return m_conn->changes(); }
    /**
     * PostgreSQL: while on, a plain INSERT, UPDATE or DELETE is sent without waiting for its
     * answer (libpq's pipeline mode), saving a round trip per write; the answers are read at the
     * next statement that reads, before any exec and at the commit, and the first refusal among
     * them is thrown there. For a caller that redoes the whole transaction on any error
     * (Store::OptimisticWrites), since the refusal then names no particular write. SQLite: no-op.
     */
    void setDeferredWrites(bool on) { m_conn->setDeferredWrites(on); }
    [[nodiscard]] bool inTransaction() const noexcept { return m_conn->inTransaction(); }
    [[nodiscard]] Engine engine() const noexcept { return m_engine; }
    [[nodiscard]] bool isPostgres() const noexcept { return m_engine == Engine::Postgres; }
    /** Where it is, as opened (a PostgreSQL URI's password, if any, is left out). */
    [[nodiscard]] const std::string &path() const noexcept { return m_path; }
    /**
     * Which opening of the connection this is: 1, and one more each time PostgreSQL's connection
     * is opened again after being lost (a server restart, a standby taking over). What was learnt
     * about the database on an earlier session may no longer hold.
     */
    [[nodiscard]] std::uint64_t session() const noexcept { return m_conn->session(); }
    /** SQLite's own handle (for its hooks), or null on PostgreSQL. */
    [[nodiscard]] sqlite3 *handle() const noexcept { return m_conn->sqliteHandle(); }

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

    std::unique_ptr<Connection> m_conn;
    Engine m_engine;
    std::string m_path;
    std::unordered_map<std::string, std::unique_ptr<Statement>, SqlHash, SqlEqual> m_cache;
};

/** Opens a SQLite connection (sqlite.cpp). */
[[nodiscard]] std::unique_ptr<Connection> openSqlite(const std::string &path);
/** Opens a PostgreSQL connection (postgres.cpp). */
[[nodiscard]] std::unique_ptr<Connection> openPostgres(const std::string &uri);

/**
 * A transaction. Write: SQLite's BEGIN IMMEDIATE (the one writer), PostgreSQL's BEGIN (READ
 * COMMITTED; a Store write also takes the change counter's row lock, store.cpp). Read: a
 * snapshot that never blocks the writer (SQLite's WAL; PostgreSQL's REPEATABLE READ, READ ONLY).
 * Rolls back in the destructor unless commit() was called.
 */
class Transaction {
public:
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
