#pragma once

#include <stdexcept>
#include <string>

namespace rd {

/** Base of every error the core raises: a message a person can act on. */
class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/** Input that breaks a field's format: bad UTF-8, too long, unknown enum value. */
class ValidationError : public Error {
public:
    ValidationError(std::string field, const std::string &message)
        : Error(field + ": " + message)
        , m_field(std::move(field))
    {}
    [[nodiscard]] const std::string &field() const noexcept { return m_field; }

private:
    std::string m_field;
};

/** A referenced record does not exist. */
class NotFoundError : public Error {
public:
    NotFoundError(std::string what, std::string id)
        : Error(what + " " + id + " does not exist")
        , m_what(std::move(what))
        , m_id(std::move(id))
    {}
    [[nodiscard]] const std::string &what_kind() const noexcept { return m_what; }
    [[nodiscard]] const std::string &id() const noexcept { return m_id; }

private:
    std::string m_what;
    std::string m_id;
};

/** A record that must be unique already exists (release number, serial, asset tag...). */
class DuplicateError : public Error {
public:
    DuplicateError(const std::string &message, std::string existingId)
        : Error(message)
        , m_existingId(std::move(existingId))
    {}
    /** The id of the record that is already there, so the caller can link to it. */
    [[nodiscard]] const std::string &existingId() const noexcept { return m_existingId; }

private:
    std::string m_existingId;
};

/** A FITS process rule refuses the change (transition, acceptance, approved build, seats). */
class RuleError : public Error {
public:
    using Error::Error;
};

/** The database itself failed; carries the sqlite result code and what was being done. */
class StoreError : public Error {
public:
    StoreError(const std::string &message, int sqliteCode)
        : Error(message)
        , m_code(sqliteCode)
    {}
    [[nodiscard]] int sqliteCode() const noexcept { return m_code; }

private:
    int m_code;
};

} // namespace rd
