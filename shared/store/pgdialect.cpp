#include "pgdialect.h"

#include <algorithm>
#include <cctype>
#include <stdexcept>
#include <vector>

namespace rd::sql {

namespace {

bool isWordChar(char c) noexcept
{
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

bool equalsWord(std::string_view a, std::string_view b) noexcept
{
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (std::toupper(static_cast<unsigned char>(a[i])) != std::toupper(static_cast<unsigned char>(b[i])))
            return false;
    }
    return true;
}

/** The index just past the quoted text starting at @p i (a quote doubled inside is kept). */
std::size_t skipQuoted(std::string_view s, std::size_t i)
{
    const char quote = s[i];
    for (++i; i < s.size(); ++i) {
        if (s[i] == quote) {
            if (i + 1 < s.size() && s[i + 1] == quote) {
                ++i;
                continue;
            }
            return i + 1;
        }
    }
    return s.size();
}

/** The index of the parenthesis closing the one at @p open, and the commas at its top level. */
std::size_t matchParen(std::string_view s, std::size_t open, int &commas)
{
    int depth = 0;
    commas = 0;
    for (std::size_t i = open; i < s.size();) {
        const char c = s[i];
        if (c == '\'' || c == '"') {
            i = skipQuoted(s, i);
            continue;
        }
        if (c == '(')
            ++depth;
        else if (c == ')' && --depth == 0)
            return i;
        else if (c == ',' && depth == 1)
            ++commas;
        ++i;
    }
    throw std::invalid_argument("unbalanced parentheses in SQL");
}

std::size_t skipSpace(std::string_view s, std::size_t i)
{
    while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i])))
        ++i;
    return i;
}

/** The word starting at @p i (letters, digits, _), possibly empty. */
std::string_view wordAt(std::string_view s, std::size_t i)
{
    std::size_t j = i;
    while (j < s.size() && isWordChar(s[j]))
        ++j;
    return s.substr(i, j - i);
}

class Translator {
public:
    int params = 0;
    int bare = 0;

    std::string run(std::string_view s)
    {
        std::string out;
        out.reserve(s.size() + 16);
        for (std::size_t i = 0; i < s.size();) {
            const char c = s[i];
            if (c == '\'' || c == '"') {
                const auto end = skipQuoted(s, i);
                out.append(s.substr(i, end - i));
                i = end;
                continue;
            }
            if (c == '-' && i + 1 < s.size() && s[i + 1] == '-') {
                const auto end = s.find('\n', i);
                i = end == std::string_view::npos ? s.size() : end;
                continue;
            }
            if (c == '?') {
                std::size_t j = i + 1;
                while (j < s.size() && std::isdigit(static_cast<unsigned char>(s[j])))
                    ++j;
                const int n = j > i + 1 ? std::stoi(std::string(s.substr(i + 1, j - i - 1))) : ++bare;
                params = std::max(params, n);
                out += '$' + std::to_string(n);
                i = j;
                continue;
            }
            if (!isWordChar(c) || (i > 0 && isWordChar(s[i - 1]))) {
                out += c;
                ++i;
                continue;
            }
            const auto word = wordAt(s, i);
            i += word.size();
            const auto after = skipSpace(s, i);
            const bool call = after < s.size() && s[after] == '(';
            if (equalsWord(word, "LIKE")) {
                out += "ILIKE";
            } else if (equalsWord(word, "COLLATE") && equalsWord(wordAt(s, after), "NOCASE")) {
                wrapLastOperand(out);
                i = after + 6;
            } else if (equalsWord(word, "CAST") && call) {
                int commas = 0;
                const auto close = matchParen(s, after, commas);
                std::string inner = run(s.substr(after + 1, close - after - 1));
                for (const auto &[from, to] : {std::pair{" AS INTEGER", " AS BIGINT"}, {" AS REAL", " AS DOUBLE PRECISION"}, {" AS BLOB", " AS BYTEA"}}) {
                    const auto at = inner.rfind(from);
                    if (at != std::string::npos && at + std::string_view(from).size() == inner.size())
                        inner.replace(at, std::string_view(from).size(), to);
                }
                out += "CAST(" + inner + ")";
                i = close + 1;
            } else if (call && (equalsWord(word, "group_concat") || equalsWord(word, "max") || equalsWord(word, "min"))) {
                int commas = 0;
                const auto close = matchParen(s, after, commas);
                const std::string inner = run(s.substr(after + 1, close - after - 1));
                if (equalsWord(word, "group_concat"))
                    out += "string_agg(" + inner + (commas == 0 ? ", ','" : "") + ")";
                else if (commas > 0)
                    out += (equalsWord(word, "max") ? "GREATEST(" : "LEAST(") + inner + ")";
                else
                    out += std::string(word) + "(" + inner + ")";
                i = close + 1;
            } else if ((equalsWord(word, "FROM") || equalsWord(word, "JOIN")) && call &&
                       equalsWord(wordAt(s, skipSpace(s, after + 1)), "SELECT")) {
                // PostgreSQL 15 wants a name for every subquery in FROM; SQLite does not.
                int commas = 0;
                const auto close = matchParen(s, after, commas);
                out += std::string(word) + " (" + run(s.substr(after + 1, close - after - 1)) + ")";
                i = close + 1;
                const auto next = wordAt(s, skipSpace(s, i));
                static constexpr std::string_view kFollowers[] = {"", "WHERE", "ORDER", "GROUP", "LIMIT", "UNION",
                                                                   "JOIN", "LEFT", "INNER", "CROSS", "HAVING",
                                                                   "EXCEPT", "INTERSECT", "ON", "WINDOW"};
                if (std::any_of(std::begin(kFollowers), std::end(kFollowers),
                                [&](std::string_view k) { return equalsWord(next, k); }))
                    out += " AS rd_sub" + std::to_string(++m_subqueries);
            } else if (call && equalsWord(word, "instr")) {
                out += "strpos";
            } else if (call && equalsWord(word, "ifnull")) {
                out += "coalesce";
            } else if (equalsWord(word, "INSERT") && equalsWord(wordAt(s, after), "OR")) {
                const auto what = skipSpace(s, after + 2);
                const auto verb = wordAt(s, what);
                if (!equalsWord(verb, "IGNORE"))
                    throw std::invalid_argument("INSERT OR " + std::string(verb) + " has no PostgreSQL form here");
                out += "INSERT";
                i = what + verb.size();
                m_ignoreConflicts = true;
            } else if (equalsWord(word, "IMMEDIATE") || equalsWord(word, "DEFERRED")) {
                // BEGIN IMMEDIATE/DEFERRED: a PostgreSQL BEGIN is both
            } else {
                out += word;
            }
        }
        return out;
    }

    std::string finish(std::string out) const
    {
        if (!m_ignoreConflicts)
            return out;
        while (!out.empty() && (std::isspace(static_cast<unsigned char>(out.back())) || out.back() == ';'))
            out.pop_back();
        return out + " ON CONFLICT DO NOTHING";
    }

private:
    /** Wraps the operand just written (a column, a.column, a number or a call f(...)) in lower(). */
    static void wrapLastOperand(std::string &out)
    {
        auto end = out.size();
        while (end > 0 && std::isspace(static_cast<unsigned char>(out[end - 1])))
            --end;
        auto start = end;
        if (start > 0 && out[start - 1] == ')') {
            int depth = 0;
            while (start > 0) {
                const char c = out[--start];
                if (c == ')')
                    ++depth;
                else if (c == '(' && --depth == 0)
                    break;
            }
        }
        while (start > 0 && (isWordChar(out[start - 1]) || out[start - 1] == '.'))
            --start;
        if (start == end)
            throw std::invalid_argument("COLLATE NOCASE after something other than a column");
        out = out.substr(0, start) + "lower(" + out.substr(start, end - start) + ")";
    }

    bool m_ignoreConflicts = false;
    int m_subqueries = 0;
};

/** Splits the body of CREATE TABLE (...) at its top-level commas. */
std::vector<std::string> splitTopLevel(std::string_view body)
{
    std::vector<std::string> parts;
    int depth = 0;
    std::size_t start = 0;
    for (std::size_t i = 0; i < body.size();) {
        const char c = body[i];
        if (c == '\'' || c == '"') {
            i = skipQuoted(body, i);
            continue;
        }
        if (c == '(')
            ++depth;
        else if (c == ')')
            --depth;
        else if (c == ',' && depth == 0) {
            parts.emplace_back(body.substr(start, i - start));
            start = i + 1;
        }
        ++i;
    }
    parts.emplace_back(body.substr(start));
    return parts;
}

void replaceAll(std::string &s, std::string_view from, std::string_view to)
{
    for (auto at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size()))
        s.replace(at, from.size(), to);
}

/** One column or constraint of a table, its type words said in PostgreSQL's. */
std::string definitionPart(std::string part)
{
    std::string out;
    const bool nocase = part.find("COLLATE NOCASE") != std::string::npos;
    replaceAll(part, "COLLATE NOCASE", "COLLATE rd_nocase");
    replaceAll(part, "NOT GLOB '*[^0-9a-f]*'", "!~ '[^0-9a-f]'");
    if (part.find("GLOB") != std::string::npos)
        throw std::invalid_argument("a GLOB with no PostgreSQL form: " + part);
    replaceAll(part, "INTEGER PRIMARY KEY AUTOINCREMENT", "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY");
    replaceAll(part, "INTEGER PRIMARY KEY", "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY");
    // Type words are whole words outside quotes; the column's name comes first, so a column
    // named like a type keeps its name.
    bool first = true;
    for (std::size_t i = 0; i < part.size();) {
        const char c = part[i];
        if (c == '\'' || c == '"') {
            const auto end = skipQuoted(part, i);
            out += part.substr(i, end - i);
            i = end;
            first = false;
            continue;
        }
        if (!isWordChar(c)) {
            out += c;
            ++i;
            continue;
        }
        const auto word = std::string(wordAt(part, i));
        i += word.size();
        if (first) {
            out += word;
            first = false;
        } else if (word == "INTEGER") {
            out += "BIGINT";
        } else if (word == "BLOB") {
            out += "BYTEA";
        } else if (word == "REAL") {
            out += "DOUBLE PRECISION";
        } else if (word == "TEXT" && !nocase) {
            out += "TEXT COLLATE \"C\"";
        } else {
            out += word;
        }
    }
    return out;
}

} // namespace

std::string postgresStatement(std::string_view sqlite, int &params)
{
    Translator t;
    auto out = t.finish(t.run(sqlite));
    params = t.params;
    return out;
}

namespace {

/** @p sql without its -- comments (a comment's commas and quotes would mislead the split). */
std::string withoutComments(std::string_view sql)
{
    std::string out;
    for (std::size_t i = 0; i < sql.size();) {
        if (sql[i] == '\'' || sql[i] == '"') {
            const auto end = skipQuoted(sql, i);
            out.append(sql.substr(i, end - i));
            i = end;
        } else if (sql[i] == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
            const auto end = sql.find('\n', i);
            i = end == std::string_view::npos ? sql.size() : end;
        } else {
            out += sql[i++];
        }
    }
    return out;
}

} // namespace

std::string postgresDefinition(std::string_view sqlite)
{
    std::string s = withoutComments(sqlite);
    replaceAll(s, "WITHOUT ROWID", "");
    const auto upper = [&] {
        std::string u = s;
        for (auto &c : u)
            c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        return u;
    }();
    if (upper.rfind("CREATE TABLE", 0) != 0) {
        if (s.find("COLLATE NOCASE") != std::string::npos || s.find("GLOB") != std::string::npos)
            throw std::invalid_argument("an index with no PostgreSQL form: " + s);
        return s; // an index: the same words in both
    }
    const auto open = s.find('(');
    const auto close = s.rfind(')');
    if (open == std::string::npos || close == std::string::npos || close < open)
        throw std::invalid_argument("not a table definition: " + s);
    std::string out = s.substr(0, open + 1);
    bool firstPart = true;
    for (const auto &part : splitTopLevel(std::string_view(s).substr(open + 1, close - open - 1))) {
        out += (firstPart ? "" : ",") + definitionPart(part);
        firstPart = false;
    }
    out += s.substr(close);
    return out;
}

std::optional<ValuesInsert> valuesInsert(std::string_view pgSql, int params)
{
    const auto start = skipSpace(pgSql, 0);
    if (!equalsWord(wordAt(pgSql, start), "INSERT") || params < 1)
        return std::nullopt;
    // VALUES at the top level, outside quotes; nothing but its one row after it.
    for (std::size_t i = start; i < pgSql.size();) {
        const char c = pgSql[i];
        if (c == '\'' || c == '"') {
            i = skipQuoted(pgSql, i);
            continue;
        }
        if (c == '$')
            return std::nullopt; // a parameter before the row: not a plain row of values
        if (!isWordChar(c)) {
            ++i;
            continue;
        }
        const auto word = wordAt(pgSql, i);
        if (equalsWord(word, "SELECT") || equalsWord(word, "DEFAULT"))
            return std::nullopt;
        if (!equalsWord(word, "VALUES")) {
            i += word.size();
            continue;
        }
        const auto open = skipSpace(pgSql, i + word.size());
        if (open >= pgSql.size() || pgSql[open] != '(')
            return std::nullopt;
        int commas = 0;
        const auto close = matchParen(pgSql, open, commas);
        if (skipSpace(pgSql, close + 1) != pgSql.size())
            return std::nullopt;
        return ValuesInsert{std::string(pgSql.substr(0, open)), std::string(pgSql.substr(open, close + 1 - open)),
                            params};
    }
    return std::nullopt;
}

std::string multiRowInsert(const ValuesInsert &insert, int rows)
{
    std::string out = insert.head;
    out.reserve(out.size() + static_cast<std::size_t>(rows) * (insert.row.size() + 8));
    for (int r = 0; r < rows; ++r) {
        if (r > 0)
            out += ", ";
        const std::string_view row = insert.row;
        for (std::size_t i = 0; i < row.size();) {
            const char c = row[i];
            if (c == '\'' || c == '"') {
                const auto end = skipQuoted(row, i);
                out.append(row, i, end - i);
                i = end;
                continue;
            }
            if (c == '$' && i + 1 < row.size() && std::isdigit(static_cast<unsigned char>(row[i + 1]))) {
                std::size_t j = i + 1;
                int n = 0;
                while (j < row.size() && std::isdigit(static_cast<unsigned char>(row[j])))
                    n = n * 10 + (row[j++] - '0');
                out += '$';
                out += std::to_string(n + r * insert.params);
                i = j;
                continue;
            }
            out += c;
            ++i;
        }
    }
    return out;
}

} // namespace rd::sql
