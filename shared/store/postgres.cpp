// The PostgreSQL engine behind sql::Database, through libpq: statements prepared on the server
// once per connection, values sent and read as text (a bytea as \x and hex digits).
#include "database.h"
#include "pgdialect.h"

#include <libpq-fe.h>

#include <cctype>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <optional>
#include <stdexcept>
#include <vector>

namespace rd::sql {

namespace {

// The type oids of pg_type that matter here.
constexpr Oid kBool = 16, kBytea = 17, kInt8 = 20, kInt2 = 21, kInt4 = 23, kOid = 26, kFloat4 = 700,
              kFloat8 = 701, kNumeric = 1700;

/** SQLite's result code for a PostgreSQL SQLSTATE, so that callers test one set of codes. */
int sqliteCodeOf(const char *sqlstate) noexcept
{
    if (!sqlstate)
        return 1; // SQLITE_ERROR
    const std::string_view s(sqlstate);
    if (s == "23505")
        return 2067; // SQLITE_CONSTRAINT_UNIQUE
    if (s == "23503")
        return 787; // SQLITE_CONSTRAINT_FOREIGNKEY
    if (s == "23514")
        return 275; // SQLITE_CONSTRAINT_CHECK
    if (s == "23502")
        return 1299; // SQLITE_CONSTRAINT_NOTNULL
    if (s.substr(0, 2) == "23")
        return 19; // SQLITE_CONSTRAINT
    if (s == "53100")
        return 13; // SQLITE_FULL
    if (s == "40001" || s == "40P01" || s == "55P03" || s == "57014")
        return 5; // SQLITE_BUSY: a serialization failure, a deadlock, a lock or statement timeout
    if (s.substr(0, 2) == "08" || s.substr(0, 2) == "57")
        return 10; // SQLITE_IOERR: the connection or the server went away
    return 1;
}

StoreError errorOf(PGconn *conn, const PGresult *res, const std::string &doing)
{
    const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
    std::string msg = res ? PQresultErrorMessage(res) : PQerrorMessage(conn);
    if (msg.empty())
        msg = PQerrorMessage(conn);
    while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' '))
        msg.pop_back();
    // A connection that died while idle (a server restarted, a session ended by an administrator)
    // fails its next statement with no SQLSTATE: that is the connection gone, not a bad statement.
    const int code = !state && PQstatus(conn) == CONNECTION_BAD ? 10 : sqliteCodeOf(state);
    return StoreError(doing + ": " + msg + " (postgresql " + (state ? state : "error") + ")", code);
}

[[noreturn]] void throwResult(PGconn *conn, const PGresult *res, const std::string &doing)
{
    throw errorOf(conn, res, doing);
}

/** A PGresult that clears itself. */
struct Result {
    PGresult *res = nullptr;
    explicit Result(PGresult *r)
        : res(r)
    {}
    ~Result() { PQclear(res); }
    Result(const Result &) = delete;
    Result &operator=(const Result &) = delete;
};

void appendHex(std::string &out, const void *data, std::size_t size)
{
    static constexpr char kDigits[] = "0123456789abcdef";
    const auto *p = static_cast<const unsigned char *>(data);
    out.reserve(out.size() + 2 + size * 2);
    out += "\\x";
    for (std::size_t i = 0; i < size; ++i) {
        out += kDigits[p[i] >> 4];
        out += kDigits[p[i] & 15];
    }
}

int hexValue(char c) noexcept
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

class PostgresConnection;

class PostgresStatement final : public Statement {
public:
    PostgresStatement(PostgresConnection &conn, std::string_view sql);
    ~PostgresStatement() override;

    Statement &bind(int index, std::int64_t value) override
    {
        char buf[24];
        const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
        return set(index, std::string(buf, end), kInt8);
    }
    Statement &bind(int index, double value) override
    {
        char buf[40];
        std::snprintf(buf, sizeof buf, "%.17g", value);
        return set(index, buf, kFloat8);
    }
    Statement &bind(int index, std::string_view text) override { return set(index, std::string(text), 0); }
    Statement &bind(int index, const Id &id) override
    {
        std::string hex;
        appendHex(hex, id.bytes().data(), 16);
        return set(index, std::move(hex), kBytea);
    }
    Statement &bind(int index, std::nullptr_t) override
    {
        slot(index).null = true;
        return *this;
    }
    using Statement::bind;
    Statement &bindBlob(int index, const void *data, std::size_t size) override
    {
        std::string hex;
        appendHex(hex, data, size);
        return set(index, std::move(hex), kBytea);
    }

    bool step() override;
    void run() override;
    void sendAhead() override;
    void reset() noexcept override
    {
        rewind();
        for (auto &p : m_params)
            p.null = true;
    }
    void rewind() noexcept override;
    /** The answer of this statement sent ahead, read from the pipeline (owned from now on). */
    void receive(PGresult *result) noexcept;

    [[nodiscard]] bool isNull(int col) const override { return PQgetisnull(m_result, m_row, col) != 0; }
    [[nodiscard]] std::int64_t int64(int col) const override
    {
        const char *v = PQgetvalue(m_result, m_row, col);
        const int n = PQgetlength(m_result, m_row, col);
        if (PQftype(m_result, col) == kBool)
            return v[0] == 't' ? 1 : 0;
        std::int64_t out = 0;
        const auto [end, ec] = std::from_chars(v, v + n, out);
        if (ec == std::errc() && end == v + n)
            return out;
        return n == 0 ? 0 : static_cast<std::int64_t>(std::strtod(v, nullptr)); // numeric, float: truncated
    }
    [[nodiscard]] double real(int col) const override { return std::strtod(PQgetvalue(m_result, m_row, col), nullptr); }
    [[nodiscard]] std::string_view textView(int col) const override
    {
        if (PQftype(m_result, col) == kBool)
            return PQgetvalue(m_result, m_row, col)[0] == 't' ? "1" : "0";
        return {PQgetvalue(m_result, m_row, col), static_cast<std::size_t>(PQgetlength(m_result, m_row, col))};
    }
    [[nodiscard]] std::string_view blobView(int col) const override;
    [[nodiscard]] ColumnType type(int col) const override
    {
        if (isNull(col))
            return ColumnType::Null;
        switch (PQftype(m_result, col)) {
        case kBool:
        case kInt2:
        case kInt4:
        case kInt8:
        case kOid:
            return ColumnType::Integer;
        case kFloat4:
        case kFloat8:
        case kNumeric:
            return ColumnType::Real;
        case kBytea:
            return ColumnType::Blob;
        default:
            return ColumnType::Text;
        }
    }
    [[nodiscard]] int columnCount() const override;
    [[nodiscard]] std::string columnName(int col) const override;

private:
    struct Param {
        std::string value;
        Oid type = 0; ///< as first bound: the type it is prepared with (0: PostgreSQL infers it)
        bool null = true;
    };

    Param &slot(int index)
    {
        if (index < 1 || index > static_cast<int>(m_params.size()))
            throw StoreError("binding parameter " + std::to_string(index) + " of \"" + m_sql + "\": no such parameter",
                             25); // SQLITE_RANGE
        return m_params[static_cast<std::size_t>(index - 1)];
    }
    Statement &set(int index, std::string value, Oid type)
    {
        auto &p = slot(index);
        p.value = std::move(value);
        p.null = false;
        if (m_preparedAs.empty() && p.type == 0)
            p.type = type;
        return *this;
    }
    void execute();
    void prepareIfNeeded();
    [[nodiscard]] std::vector<const char *> values() const;
    void clearResult() noexcept
    {
        PQclear(m_result);
        m_result = nullptr;
        m_row = -1;
        m_rows = 0;
    }

    PostgresConnection &m_conn;
    std::string m_pgSql;
    std::vector<Param> m_params;
    std::string m_preparedAs; ///< the server-side name, once prepared on this connection
    std::uint64_t m_generation = 0;
    PGresult *m_result = nullptr;
    int m_row = -1;
    int m_rows = 0;
    bool m_executed = false;
    bool m_ahead = false; ///< sent ahead (sendAhead), its answer not read yet
    bool m_plainWrite = false; ///< INSERT, UPDATE or DELETE with nothing returned: may be deferred
    std::optional<ValuesInsert> m_insert; ///< a plain INSERT of one row: deferred, sent with its like
    mutable std::vector<std::string> m_blobs; ///< bytea columns of the current row, decoded
    mutable std::vector<int> m_blobRows;
};

class PostgresConnection final : public Connection {
public:
    explicit PostgresConnection(const std::string &uri)
    {
        m_conn = PQconnectdb(uri.c_str());
        if (PQstatus(m_conn) != CONNECTION_OK) {
            std::string msg = PQerrorMessage(m_conn);
            while (!msg.empty() && msg.back() == '\n')
                msg.pop_back();
            PQfinish(m_conn);
            throw StoreError("cannot connect to the PostgreSQL database: " + msg, 14); // SQLITE_CANTOPEN
        }
        PQsetNoticeProcessor(m_conn, [](void *, const char *) {}, nullptr);
        configureSession();
    }
    ~PostgresConnection() override
    {
        settleQuietly();
        PQfinish(m_conn);
    }

    [[nodiscard]] std::unique_ptr<Statement> prepare(std::string_view sql) override
    {
        return std::make_unique<PostgresStatement>(*this, sql);
    }

    void exec(std::string_view sql) override
    {
        const std::string s(sql);
        const bool ends = s == "COMMIT" || s == "ROLLBACK";
        if (s == "ROLLBACK" && PQstatus(m_conn) != CONNECTION_OK) {
            // The transaction died with the connection: the server rolled it back already.
            m_inTransaction = false;
            dropPipeline();
            reconnectIfLost();
            return;
        }
        if (s.rfind("ROLLBACK", 0) == 0)
            settleQuietly(); // what was sent ahead is rolled back with the rest, refused or not
        else
            settle();
        reconnectIfLost();
        Result r(PQexec(m_conn, s.c_str()));
        if (ends)
            m_inTransaction = false;
        else if (s.rfind("BEGIN", 0) == 0)
            m_inTransaction = true;
        const auto status = PQresultStatus(r.res);
        if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
            throwResult(m_conn, r.res, "running \"" + s.substr(0, 200) + "\"");
        m_changes = std::atoi(PQcmdTuples(r.res));
        // A COMMIT of a transaction that had failed answers ROLLBACK, not an error: say it is one.
        if (s == "COMMIT" && std::strcmp(PQcmdStatus(r.res), "ROLLBACK") == 0)
            throw StoreError("the transaction had failed and was rolled back, not committed", 1);
    }
    [[nodiscard]] int changes() override
    {
        settle();
        return m_changes;
    }
    void setDeferredWrites(bool on) override { m_defer = on; }
    [[nodiscard]] bool deferring() const noexcept { return m_defer; }

    /** @p reader no longer wants the answer it was sent ahead for. */
    void forget(const PostgresStatement &reader) noexcept
    {
        for (auto &e : m_sent)
            if (e.reader == &reader)
                e.reader = nullptr;
    }

    /**
     * Sends a prepared statement without waiting for its answer (pipeline mode): a write, or a
     * read whose rows @p reader receives when the pipeline is settled.
     */
    void sendDeferred(const std::string &name, const std::vector<const char *> &values, const std::string &sql,
                      PostgresStatement *reader = nullptr)
    {
        settleIfMany();
        enterPipeline();
        sendRows();
        if (!PQsendQueryPrepared(m_conn, name.c_str(), static_cast<int>(values.size()), values.data(), nullptr,
                                 nullptr, 0)) {
            const auto failure = errorOf(m_conn, nullptr, "sending \"" + sql + "\"");
            settleQuietly();
            throw failure;
        }
        m_lastRows = 0;
        m_sent.push_back({reader, reader != nullptr});
    }

    /**
     * Keeps a row of a plain INSERT to send with the rows of the same statement that follow it
     * (a day's step results come one after another): each statement PostgreSQL runs costs it far
     * more than each row it writes. Sent as one statement before anything else is sent.
     */
    template<class Params>
    void sendDeferredRow(const std::string &name, const ValuesInsert &insert, const Params &params)
    {
        settleIfMany();
        enterPipeline();
        const auto count = static_cast<int>(params.size());
        if (name != m_rows.name || (m_rows.count + 1) * count > kMaxRowParams || m_rows.count >= kMaxRows)
            sendRows();
        if (m_rows.count == 0) {
            m_rows.name = name;
            m_rows.insert = insert;
            m_rows.types.clear();
            for (const auto &p : params)
                m_rows.types.push_back(p.type);
        }
        for (const auto &p : params) {
            m_rows.values.push_back(p.value);
            m_rows.nulls.push_back(p.null);
        }
        ++m_rows.count;
    }

    /**
     * Sends the rows kept, reads the answer of every statement sent without waiting, in order
     * (a read's rows to its statement), and leaves pipeline mode; throws the first refusal among
     * them (the transaction is then aborted, as PostgreSQL does after any failed statement).
     */
    void settle()
    {
        if (PQpipelineStatus(m_conn) == PQ_PIPELINE_OFF)
            return; // rows are kept, and statements sent ahead, only in pipeline mode
        std::optional<StoreError> failure;
        try {
            sendRows();
        } catch (const StoreError &e) {
            failure = e;
        }
        if (!PQpipelineSync(m_conn) && !failure)
            failure = errorOf(m_conn, nullptr, "ending a pipeline");
        int ends = 0;
        while (!failure || PQstatus(m_conn) == CONNECTION_OK) {
            PGresult *r = PQgetResult(m_conn);
            if (!r) {
                // One null ends each statement's answers; more than that, the connection is gone.
                if (PQstatus(m_conn) != CONNECTION_OK || ++ends > static_cast<int>(m_sent.size()) + 1) {
                    if (!failure)
                        failure = errorOf(m_conn, nullptr, "reading the answers of a pipeline");
                    break;
                }
                continue;
            }
            const auto status = PQresultStatus(r);
            if (status == PGRES_PIPELINE_SYNC) {
                PQclear(r);
                break;
            }
            const auto entry = ends < static_cast<int>(m_sent.size()) ? m_sent[static_cast<std::size_t>(ends)] : Sent{};
            if (status == PGRES_TUPLES_OK && entry.read) {
                if (entry.reader) {
                    entry.reader->receive(r);
                    continue;
                } // else a read no longer wanted: its rows go
            } else if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) {
                m_changes = std::atoi(PQcmdTuples(r));
            } else if (status != PGRES_PIPELINE_ABORTED && !failure) {
                failure = errorOf(m_conn, r, "running a statement sent ahead");
            }
            PQclear(r);
        }
        if (failure)
            m_rowStatements.clear(); // one sent with them may not have been prepared: prepare again
        if (m_lastRows > 1)
            m_changes = 1; // the last statement's: the last row's of a plain INSERT
        dropPipeline();
        if (!PQexitPipelineMode(m_conn) && !failure)
            failure = errorOf(m_conn, nullptr, "leaving a pipeline");
        if (failure)
            throw *failure;
    }

    void settleQuietly() noexcept
    {
        try {
            settle();
        } catch (...) {
        }
    }
    [[nodiscard]] bool inTransaction() const noexcept override
    {
        // Our own record too: a connection lost mid-transaction no longer says it is in one.
        const auto s = PQtransactionStatus(m_conn);
        return m_inTransaction || s == PQTRANS_INTRANS || s == PQTRANS_INERROR || s == PQTRANS_ACTIVE;
    }
    [[nodiscard]] Engine engine() const noexcept override { return Engine::Postgres; }

    /**
     * A connection lost (the server restarted, a standby took over) is opened again before the
     * next statement outside a transaction; statements prepared on it are prepared again. Inside
     * a transaction it is not: what the transaction wrote is gone with it, and a statement run on
     * a new connection would commit on its own, half a write. Every statement then fails until
     * the caller's ROLLBACK.
     */
    void reconnectIfLost()
    {
        if (PQstatus(m_conn) == CONNECTION_OK)
            return;
        if (m_inTransaction)
            throw StoreError("the connection to the PostgreSQL database was lost in the middle of a transaction; "
                             "nothing of it was kept",
                             10);
        PQreset(m_conn);
        if (PQstatus(m_conn) != CONNECTION_OK)
            throw StoreError(std::string("the PostgreSQL database cannot be reached: ") + PQerrorMessage(m_conn), 10);
        ++m_generation;
        m_rowStatements.clear();
        dropPipeline(); // what was sent on the lost connection has no answer to come
        configureSession(); // a new session starts from the server's defaults
    }

    /**
     * The settings every session of the connection runs with. Times are Unix milliseconds and
     * text compares byte by byte (COLLATE "C" in the schema): nothing depends on the server's time
     * zone or locale. lock_timeout: a write that waits longer is answered 503 busy.
     * random_page_cost: the working set is in memory, where a page read at random costs little
     * more than one read in order. At the default (4) the planner scans a small table whole rather
     * than use its key, and a foreign-key check's plan, made once per session, then reads every
     * row of `users` for each step result (27 million rows read in a 200-device sync_bench burst
     * at --scale 0.1, against 201 at 1.1).
     */
    void configureSession()
    {
        exec("SET client_encoding = 'UTF8'; SET lock_timeout = '30s'; SET random_page_cost = 1.1");
    }

    PGconn *raw() const noexcept { return m_conn; }
    std::uint64_t generation() const noexcept { return m_generation; }
    [[nodiscard]] std::uint64_t session() const noexcept override { return m_generation + 1; }
    std::string nextName() { return "rd" + std::to_string(++m_statements); }
    void setChanges(int n) noexcept { m_changes = n; }

private:
    static constexpr int kMaxRowParams = 65535; ///< PostgreSQL's limit on a statement's parameters
    static constexpr int kMaxRows = 1000;
    static constexpr std::size_t kMaxPending = 1000;  ///< statements sent ahead before their answers are read
    static constexpr std::size_t kMaxRowStatements = 32; ///< statements of several rows kept prepared

    /** Answers are small, but unread they fill the socket: read them now and then. */
    void settleIfMany()
    {
        if (m_sent.size() >= kMaxPending)
            settle();
    }
    /** Forgets what was sent or kept to send (its answers read, or lost with the connection). */
    void dropPipeline() noexcept
    {
        m_sent.clear();
        m_rows = {};
        m_lastRows = 0;
    }

    void enterPipeline()
    {
        if (PQpipelineStatus(m_conn) == PQ_PIPELINE_OFF && !PQenterPipelineMode(m_conn))
            throwResult(m_conn, nullptr, "starting a pipeline");
    }
    /** Sends the rows kept by sendDeferredRow, one statement for them all. */
    void sendRows()
    {
        if (m_rows.count == 0)
            return;
        std::vector<const char *> values;
        values.reserve(m_rows.values.size());
        for (std::size_t i = 0; i < m_rows.values.size(); ++i)
            values.push_back(m_rows.nulls[i] ? nullptr : m_rows.values[i].c_str());
        int ok = 0;
        if (m_rows.count == 1) {
            ok = PQsendQueryPrepared(m_conn, m_rows.name.c_str(), static_cast<int>(values.size()), values.data(),
                                     nullptr, nullptr, 0);
        } else {
            // Prepared once per number of rows, for the first few numbers met (a day's results
            // come by the build's steps at a time): PostgreSQL parses and plans a statement of
            // many rows at some cost. Any other number is sent unprepared.
            std::vector<Oid> types;
            types.reserve(values.size());
            for (int r = 0; r < m_rows.count; ++r)
                types.insert(types.end(), m_rows.types.begin(), m_rows.types.end());
            const std::pair key{m_rows.name, m_rows.count};
            auto it = m_rowStatements.find(key);
            if (it == m_rowStatements.end() && m_rowStatements.size() < kMaxRowStatements) {
                const auto prepared = nextName();
                ok = PQsendPrepare(m_conn, prepared.c_str(), multiRowInsert(m_rows.insert, m_rows.count).c_str(),
                                   static_cast<int>(types.size()), types.data());
                if (ok) {
                    it = m_rowStatements.emplace(key, prepared).first;
                    m_sent.push_back({}); // its answer, read with the rest
                }
            } else {
                ok = 1;
            }
            if (ok && it != m_rowStatements.end())
                ok = PQsendQueryPrepared(m_conn, it->second.c_str(), static_cast<int>(values.size()), values.data(),
                                         nullptr, nullptr, 0);
            else if (ok)
                ok = PQsendQueryParams(m_conn, multiRowInsert(m_rows.insert, m_rows.count).c_str(),
                                       static_cast<int>(values.size()), types.data(), values.data(), nullptr, nullptr, 0);
        }
        const auto sql = m_rows.insert.head;
        m_lastRows = m_rows.count;
        m_rows.count = 0;
        m_rows.values.clear();
        m_rows.nulls.clear();
        if (!ok)
            throwResult(m_conn, nullptr, "sending \"" + sql + "...\"");
        m_sent.push_back({});
    }

    /** Rows of one plain INSERT kept to be sent as one statement (sendDeferredRow). */
    struct Rows {
        std::string name; ///< the one-row statement's prepared name on this connection
        ValuesInsert insert;
        std::vector<Oid> types;
        std::vector<std::string> values; ///< row after row
        std::vector<bool> nulls;
        int count = 0;
    };

    PGconn *m_conn = nullptr;
    Rows m_rows;
    /** Statements of several rows prepared on this connection: by one-row statement and rows. */
    std::map<std::pair<std::string, int>, std::string> m_rowStatements;
    int m_lastRows = 0; ///< rows in the last statement sent ahead, if sent by sendRows
    int m_changes = 0;
    /** A statement sent without waiting whose answer is still to read. */
    struct Sent {
        PostgresStatement *reader = nullptr; ///< who takes its rows (null: a write, or a read forgotten)
        bool read = false;
    };
    std::vector<Sent> m_sent;
    bool m_inTransaction = false; ///< a BEGIN not yet ended by COMMIT or ROLLBACK
    bool m_defer = false; ///< setDeferredWrites
    std::uint64_t m_generation = 1;
    std::uint64_t m_statements = 0;
};

PostgresStatement::PostgresStatement(PostgresConnection &conn, std::string_view sql)
    : Statement(sql)
    , m_conn(conn)
{
    int params = 0;
    try {
        m_pgSql = postgresStatement(sql, params);
    } catch (const std::invalid_argument &e) {
        throw StoreError("preparing \"" + m_sql + "\": " + e.what(), 1);
    }
    m_params.resize(static_cast<std::size_t>(params));
    {
        std::string upper;
        for (char c : m_sql)
            upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        const auto start = upper.find_first_not_of(" \t\n");
        const auto word = start == std::string::npos ? std::string() : upper.substr(start, 6);
        m_plainWrite = (word == "INSERT" || word == "UPDATE" || word == "DELETE") &&
                       upper.find("RETURNING") == std::string::npos;
    }
    if (m_plainWrite)
        m_insert = valuesInsert(m_pgSql, params);
    // A number the text never uses (a filter left out) still needs a type: PostgreSQL cannot infer one.
    for (int i = 1; i <= params; ++i) {
        const auto name = "$" + std::to_string(i);
        bool used = false;
        for (auto at = m_pgSql.find(name); at != std::string::npos && !used; at = m_pgSql.find(name, at + 1))
            used = at + name.size() >= m_pgSql.size() || !std::isdigit(static_cast<unsigned char>(m_pgSql[at + name.size()]));
        if (!used)
            m_params[static_cast<std::size_t>(i - 1)].type = 25; // text
    }
}

void PostgresStatement::prepareIfNeeded()
{
    m_conn.reconnectIfLost();
    if (!m_preparedAs.empty() && m_generation == m_conn.generation())
        return;
    m_conn.settle(); // a statement is prepared outside the pipeline
    std::vector<Oid> types;
    types.reserve(m_params.size());
    for (const auto &p : m_params)
        types.push_back(p.type);
    const auto name = m_conn.nextName();
    Result r(PQprepare(m_conn.raw(), name.c_str(), m_pgSql.c_str(), static_cast<int>(types.size()), types.data()));
    if (PQresultStatus(r.res) != PGRES_COMMAND_OK)
        throwResult(m_conn.raw(), r.res, "preparing \"" + m_sql + "\"");
    m_preparedAs = name;
    m_generation = m_conn.generation();
}

std::vector<const char *> PostgresStatement::values() const
{
    std::vector<const char *> out;
    out.reserve(m_params.size());
    for (const auto &p : m_params)
        out.push_back(p.null ? nullptr : p.value.c_str());
    return out;
}

void PostgresStatement::execute()
{
    m_conn.settle();
    prepareIfNeeded();
    PGconn *conn = m_conn.raw();
    const auto v = values();
    m_result = PQexecPrepared(conn, m_preparedAs.c_str(), static_cast<int>(v.size()), v.data(), nullptr, nullptr, 0);
    const auto status = PQresultStatus(m_result);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
        PGresult *failed = m_result;
        m_result = nullptr;
        Result owned(failed);
        throwResult(conn, failed, "running \"" + m_sql + "\"");
    }
    m_rows = PQntuples(m_result);
    m_conn.setChanges(std::atoi(PQcmdTuples(m_result)));
    const auto columns = static_cast<std::size_t>(PQnfields(m_result));
    m_blobs.assign(columns, {});
    m_blobRows.assign(columns, -1);
}

PostgresStatement::~PostgresStatement()
{
    rewind();
}

void PostgresStatement::rewind() noexcept
{
    if (m_ahead && !m_result)
        m_conn.forget(*this);
    m_ahead = false;
    clearResult();
    m_executed = false;
}

void PostgresStatement::sendAhead()
{
    if (m_executed)
        return;
    prepareIfNeeded();
    m_conn.sendDeferred(m_preparedAs, values(), m_sql, this);
    m_executed = true;
    m_ahead = true;
}

void PostgresStatement::receive(PGresult *result) noexcept
{
    m_result = result;
    m_row = -1;
    m_rows = PQntuples(result);
    const auto columns = static_cast<std::size_t>(PQnfields(result));
    m_blobs.assign(columns, {});
    m_blobRows.assign(columns, -1);
}

void PostgresStatement::run()
{
    if (!m_plainWrite || !m_conn.deferring() || m_executed) {
        Statement::run();
        return;
    }
    prepareIfNeeded();
    m_executed = true;
    if (m_insert)
        m_conn.sendDeferredRow(m_preparedAs, *m_insert, m_params);
    else
        m_conn.sendDeferred(m_preparedAs, values(), m_sql);
}

bool PostgresStatement::step()
{
    if (!m_executed) {
        m_executed = true;
        execute();
    } else if (m_ahead && !m_result) {
        m_conn.settle();
        if (!m_result)
            throw StoreError("running \"" + m_sql + "\": no answer (a statement sent before it failed)", 1);
    }
    if (m_row + 1 >= m_rows) {
        m_row = m_rows;
        return false;
    }
    ++m_row;
    return true;
}

std::string_view PostgresStatement::blobView(int col) const
{
    if (PQgetisnull(m_result, m_row, col))
        return {};
    const auto c = static_cast<std::size_t>(col);
    if (PQftype(m_result, col) != kBytea)
        return textView(col);
    if (m_blobRows[c] != m_row) {
        const char *v = PQgetvalue(m_result, m_row, col);
        const auto n = static_cast<std::size_t>(PQgetlength(m_result, m_row, col));
        auto &out = m_blobs[c];
        out.clear();
        if (n < 2 || v[0] != '\\' || v[1] != 'x')
            throw StoreError("a bytea value not in hex form (bytea_output must be 'hex')", 1);
        out.reserve((n - 2) / 2);
        for (std::size_t i = 2; i + 1 < n; i += 2)
            out += static_cast<char>(hexValue(v[i]) << 4 | hexValue(v[i + 1]));
        m_blobRows[c] = m_row;
    }
    return m_blobs[c];
}

int PostgresStatement::columnCount() const
{
    if (m_result)
        return PQnfields(m_result);
    // Asked before a run (a generic row reader naming its columns): describe the statement.
    auto *self = const_cast<PostgresStatement *>(this);
    if (self->m_preparedAs.empty())
        return 0;
    Result r(PQdescribePrepared(m_conn.raw(), m_preparedAs.c_str()));
    return PQnfields(r.res);
}

std::string PostgresStatement::columnName(int col) const
{
    const char *n = m_result ? PQfname(m_result, col) : nullptr;
    return n ? n : "";
}

} // namespace

std::unique_ptr<Connection> openPostgres(const std::string &uri)
{
    return std::make_unique<PostgresConnection>(uri);
}

} // namespace rd::sql
