#pragma once

#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

/**
 * Comma-separated values as RFC 4180 says, and as spreadsheets and Snipe-IT write them: fields in
 * double quotes may hold commas, quotes (doubled) and line breaks; lines end in CRLF or LF. The
 * reader takes bytes from a file: a UTF-8 byte-order mark is dropped, and text that is not UTF-8
 * is read as Windows-1252 (what Excel saves on a UK Windows PC: a £ in a note is one byte, 0xA3).
 */
namespace rd::io {

/** One record of a CSV file, with the line of the file it starts on (from 1). */
struct CsvRecord {
    int line = 0;
    std::vector<std::string> fields;
};

/** A CSV file read: its records in UTF-8, or why it could not be read (error not empty). */
struct CsvTable {
    std::vector<CsvRecord> records; ///< blank lines are left out
    std::string error;              ///< in words; empty when the file was read
    bool hadByteOrderMark = false;
    bool readAsWindows1252 = false; ///< the bytes were not UTF-8
};

/**
 * Reads @p bytes as CSV. Never throws: a file that is not text (a spreadsheet workbook, a PDF, an
 * image: it holds NUL bytes or starts like one) or whose quotes do not close is answered with an
 * error in words, and no records.
 */
[[nodiscard]] CsvTable readCsv(std::string_view bytes);

/** @p text (Windows-1252) in UTF-8. */
[[nodiscard]] std::string windows1252ToUtf8(std::string_view text);

/** One field as CSV writes it: quoted when it holds a comma, a quote, a line break or surrounding spaces. */
[[nodiscard]] std::string csvField(std::string_view text);

/**
 * Writes one record and its CRLF. A field starting with =, +, - or @ is written after a ' so that a
 * spreadsheet opening the file shows it as text and never runs it as a formula.
 */
void writeCsvRecord(std::ostream &out, const std::vector<std::string> &fields);

} // namespace rd::io
