#pragma once

#include "records.h"

#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace rd {
class Store;
}

namespace rd::sync {

/**
 * The fields of an asset a device may change with setAssetFields, said once: the decoder accepts
 * only these, the server reads and writes them, the tablet sends them, and the protocol doc lists
 * them from here.
 */
struct ChangeableField {
    std::string_view name; ///< the column name
    std::string_view what; ///< its values, for the protocol doc
    bool isId;             ///< a site or room id (UUID text)
    bool nullable;         ///< may be set to null
    std::optional<std::string> (*get)(const Asset &);
};

[[nodiscard]] std::span<const ChangeableField> changeableAssetFields() noexcept;
/** The changeable field named @p name, or nullptr. */
[[nodiscard]] const ChangeableField *changeableAssetField(std::string_view name) noexcept;

/** Checks one change as a push carries it; throws ProtocolError naming the field. */
void checkAssetChange(std::string_view name, const FieldChange &change);

/** The changes from @p before to @p after, as setAssetFields sends them (empty when none). */
[[nodiscard]] std::map<std::string, FieldChange> assetChanges(const Asset &before, const Asset &after);

/**
 * Sets changeable fields of @p current (field name -> value, in the protocol's text form) through
 * the store's checked write methods. Each write is atomic; the caller makes them one unit.
 */
void writeAssetFields(Store &store, const Asset &current,
                      const std::map<std::string, std::optional<std::string>> &values);

} // namespace rd::sync
