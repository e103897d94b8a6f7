#pragma once

#include "records.h"

#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace rd {
class Store;
}

namespace rd::sync {

/** A record's fields by name, in the protocol's text form (ids as UUID text, enums by name). */
using FieldValues = std::map<std::string, std::optional<std::string>>;

/** One field of a record that a device may change with a set…Fields mutation. */
struct ChangeableField {
    enum class Type { Id, Text, Integer, Boolean, Enum };
    std::string_view name; ///< the column name
    Type type;
    bool nullable;                          ///< may be set to null
    std::span<const std::string_view> names; ///< an Enum's allowed values
    std::string_view what;                  ///< its values, for the protocol doc
    bool secret = false;                    ///< its values are not kept in the history (a licence key)
};

/**
 * The fields of one table a device may change, field by field, each change carrying the value the
 * device saw: the decoder accepts only these, the server reads and writes them (and keeps a
 * change whose "from" is no longer the server's value as a conflict, never overwriting a
 * colleague's change in silence), the tablet sends them, and the protocol doc lists them from here.
 */
struct ChangeableTable {
    std::string_view table;
    std::span<const ChangeableField> fields;
    /** The record's values now; nothing when there is no such record. */
    std::optional<FieldValues> (*current)(Store &store, const Id &id);
    /** Writes @p values through the store's checked methods (the caller makes it one unit). */
    void (*write)(Store &store, const Id &id, const FieldValues &values, const Id &by, Millis at);
};

[[nodiscard]] const ChangeableTable &assetFields() noexcept;
[[nodiscard]] const ChangeableTable &serviceFields() noexcept;
[[nodiscard]] const ChangeableTable &releaseFields() noexcept;
[[nodiscard]] const ChangeableTable &personFields() noexcept;
[[nodiscard]] const ChangeableTable &dslFields() noexcept;
[[nodiscard]] const ChangeableTable &licenceFields() noexcept;
/** The changeable table for @p table's records, or nullptr (a conflict on it is resolved otherwise). */
[[nodiscard]] const ChangeableTable *changeableTable(std::string_view table) noexcept;
/** The field named @p name of @p table, or nullptr. */
[[nodiscard]] const ChangeableField *changeableField(const ChangeableTable &table, std::string_view name) noexcept;

/** Checks changes as a push carries them, against @p table; throws ProtocolError naming the field. */
void checkChanges(const ChangeableTable &table, const std::map<std::string, FieldChange> &changes);

/** The changes from @p before to @p after of @p table's fields (empty when none). */
[[nodiscard]] std::map<std::string, FieldChange> changesBetween(const ChangeableTable &table,
                                                               const FieldValues &before, const FieldValues &after);

/**
 * A set of ids of a record a device may replace (a release's installers, a person's sites), the
 * change carrying the set the device saw: another one on the server is a conflict, not an overwrite.
 */
struct ChangeableSet {
    std::string_view table; ///< the record's table
    std::string_view field; ///< the set's name, as a conflict names it
    std::vector<Id> (*current)(Store &store, const Id &id);
    void (*write)(Store &store, const Id &id, const std::vector<Id> &ids, const Id &by, Millis at);
};

[[nodiscard]] const ChangeableSet &releaseInstallers() noexcept;
[[nodiscard]] const ChangeableSet &releaseTargets() noexcept;
[[nodiscard]] const ChangeableSet &personSites() noexcept;
/** The set @p field of @p table's records, or nullptr. */
[[nodiscard]] const ChangeableSet *changeableSet(std::string_view table, std::string_view field) noexcept;

/**
 * Keeps in the history (record_changes) each change of @p changes applied to @p table's record
 * @p id, by @p by at @p at; a secret field's values are kept as "(hidden)". Each row's id follows
 * from @p key and the field, so the tablet that made the change and the server that applies it
 * keep one row.
 */
void recordChanges(Store &store, const ChangeableTable &table, const Id &id,
                   const std::map<std::string, FieldChange> &changes, const Id &by, Millis at, const Id &key);
/** The same for a set replaced. */
void recordSetChange(Store &store, const ChangeableSet &set, const Id &id, const std::string &from,
                     const std::string &to, const Id &by, Millis at, const Id &key);

/** A set as a conflict keeps it: its ids, sorted, comma-separated. */
[[nodiscard]] std::string setText(std::vector<Id> ids);
/** The ids of a set as setText() wrote it; throws ValidationError when it is not one. */
[[nodiscard]] std::vector<Id> parseSetText(std::string_view text);

} // namespace rd::sync
