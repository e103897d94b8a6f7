#include "csv.h"

#include "domain/text.h"

#include <array>
#include <ostream>

namespace rd::io {

namespace {

/** Code points of Windows-1252's 0x80 to 0x9F; 0 where the code page has none (read as U+FFFD). */
constexpr std::array<char32_t, 32> kCp1252High{
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

void appendUtf8(std::string &out, char32_t c)
{
    if (c < 0x80) {
        out += static_cast<char>(c);
    } else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
}

/** What a file that is not CSV looks like at its start, in words; empty when it may be text. */
std::string notTextReason(std::string_view bytes)
{
    const auto starts = [&](std::string_view magic) { return bytes.substr(0, magic.size()) == magic; };
    if (starts("PK\x03\x04"))
        return "it is a spreadsheet workbook or a zip archive, not CSV: save it as \"CSV (comma delimited)\" first";
    if (starts(std::string_view("\xD0\xCF\x11\xE0", 4)))
        return "it is an old Excel workbook (.xls), not CSV: save it as \"CSV (comma delimited)\" first";
    if (starts("%PDF"))
        return "it is a PDF, not CSV";
    if (starts("\x89PNG") || starts("\xFF\xD8\xFF") || starts("GIF8"))
        return "it is a picture, not CSV";
    if (starts("\xFF\xFE") || starts("\xFE\xFF"))
        return "it is UTF-16 text: save it as CSV in UTF-8";
    if (bytes.find('\0') != std::string_view::npos)
        return "it holds binary data, not CSV text";
    return {};
}

} // namespace

std::string windows1252ToUtf8(std::string_view text)
{
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    for (const char ch : text) {
        const auto b = static_cast<unsigned char>(ch);
        if (b < 0x80)
            out += ch;
        else if (b < 0xA0)
            appendUtf8(out, kCp1252High[b - 0x80] ? kCp1252High[b - 0x80] : U'\uFFFD');
        else
            appendUtf8(out, b); // Latin-1: the same code point
    }
    return out;
}

CsvTable readCsv(std::string_view bytes)
{
    CsvTable t;
    if (bytes.substr(0, 3) == "\xEF\xBB\xBF") {
        bytes.remove_prefix(3);
        t.hadByteOrderMark = true;
    }
    if (auto why = notTextReason(bytes); !why.empty()) {
        t.error = "This file cannot be imported: " + why + ".";
        return t;
    }
    std::string converted;
    if (!isValidUtf8(bytes)) {
        converted = windows1252ToUtf8(bytes);
        bytes = converted;
        t.readAsWindows1252 = true;
    }

    CsvRecord record;
    std::string field;
    int line = 1;
    int quoteLine = 0;       // where the open quoted field started
    bool quoted = false;     // inside a quoted field
    bool wasQuoted = false;  // the current field was quoted (so "" is a field, not nothing)
    const auto endField = [&] {
        record.fields.push_back(std::move(field));
        field.clear();
        wasQuoted = false;
    };
    const auto endRecord = [&] {
        endField();
        // A blank line is no record (a spreadsheet's trailing empty lines).
        const bool blank = record.fields.size() == 1 && record.fields[0].empty();
        if (!blank)
            t.records.push_back(std::move(record));
        record = CsvRecord{};
    };
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        const char c = bytes[i];
        if (record.line == 0)
            record.line = line;
        if (quoted) {
            if (c == '"') {
                if (i + 1 < bytes.size() && bytes[i + 1] == '"') {
                    field += '"';
                    ++i;
                } else {
                    quoted = false;
                }
            } else if (c == '\r') {
                // A line break inside a field is kept as LF, whichever the file used.
                if (i + 1 < bytes.size() && bytes[i + 1] == '\n')
                    continue;
                field += '\n';
                ++line;
            } else {
                if (c == '\n')
                    ++line;
                field += c;
            }
            continue;
        }
        switch (c) {
        case '"':
            if (field.empty() && !wasQuoted) {
                quoted = wasQuoted = true;
                quoteLine = line;
            } else {
                field += c; // a stray quote inside a bare field: kept, as spreadsheets do
            }
            break;
        case ',':
            endField();
            break;
        case '\r':
            if (i + 1 < bytes.size() && bytes[i + 1] == '\n')
                break; // the CR of a CRLF
            [[fallthrough]];
        case '\n':
            endRecord();
            ++line;
            break;
        default:
            field += c;
        }
    }
    if (quoted) {
        t.records.clear();
        t.error = "This file cannot be imported: the quoted field that starts on line " + std::to_string(quoteLine) +
                  " is never closed (a \" is missing).";
        return t;
    }
    if (!field.empty() || wasQuoted || !record.fields.empty())
        endRecord();
    return t;
}

std::string csvField(std::string_view text)
{
    const bool quote = text.find_first_of(",\"\r\n") != std::string_view::npos ||
                       (!text.empty() && (text.front() == ' ' || text.back() == ' '));
    if (!quote)
        return std::string(text);
    std::string out = "\"";
    for (const char c : text) {
        if (c == '"')
            out += '"';
        out += c;
    }
    out += '"';
    return out;
}

void writeCsvRecord(std::ostream &out, const std::vector<std::string> &fields)
{
    bool first = true;
    for (const auto &f : fields) {
        if (!first)
            out << ',';
        first = false;
        if (!f.empty() && (f.front() == '=' || f.front() == '+' || f.front() == '-' || f.front() == '@'))
            out << csvField("'" + f);
        else
            out << csvField(f);
    }
    out << "\r\n";
}

} // namespace rd::io
