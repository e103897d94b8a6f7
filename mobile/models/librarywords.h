#pragma once
// The words the software library, the licence log and the history pages use, said once for every
// model and form that shows them.

#include "store/libraryviews.h"

#include <QString>
#include <QVariantList>

#include <optional>
#include <string>

namespace rd::mobile {

/** "Disc", "USB drive", "Download", "Disk image", "Other". */
[[nodiscard]] QString mediaKindWords(MediaKind kind);
/** "Per seat", "Site", "Subscription", "OEM", "Free", "Other". */
[[nodiscard]] QString licenceTypeWords(LicenceType type);
/** Every media kind as [{value: stored name, name: words}], in the enum's order. */
[[nodiscard]] QVariantList mediaKindChoices();
/** Every licence type as [{value, name}]. */
[[nodiscard]] QVariantList licenceTypeChoices();
/** A seat-taking licence type: a sign-off of a build with such software takes a seat. */
[[nodiscard]] bool takesSeats(LicenceType type) noexcept;

/** A changed field of @p table's record, as a person says it: "Room", "What users get", "Key". */
[[nodiscard]] QString fieldWords(const std::string &table, const std::string &field);
/** A value of that field as LibraryViews made it readable, in words: "in use", "switched off", "none". */
[[nodiscard]] QString valueWords(const std::string &table, const std::string &field,
                                 const std::optional<std::string> &value);
/**
 * One change as a sentence: "Room changed from ICT Suite 1 to Library", "Owner set to Devi Raman",
 * "Key changed" (a key's values are never kept); long texts are cut.
 */
[[nodiscard]] QString changeSentence(const LibraryViews::ChangeRow &row);

} // namespace rd::mobile
