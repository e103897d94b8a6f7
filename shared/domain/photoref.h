#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace rd {

/**
 * A photo taken as a checklist line's evidence is named by its content: the step result's
 * `evidence` says "photo:sha256:<64 lower-case hex digits>", and the photo itself travels as an
 * attachment under that hash (docs/sync-protocol.md, "Photo attachments").
 */
inline constexpr std::string_view kPhotoEvidencePrefix = "photo:sha256:";

/** True for 64 lower-case hex digits: a SHA-256 as attachments are named. */
[[nodiscard]] bool isSha256Hex(std::string_view text) noexcept;

/** "photo:sha256:<hex>" for @p sha256Hex (which must be isSha256Hex). */
[[nodiscard]] std::string photoEvidence(std::string_view sha256Hex);

/** The hash a photo reference names; nothing when @p evidence is not one (a scanned value, ""). */
[[nodiscard]] std::optional<std::string> photoSha256(std::string_view evidence);

} // namespace rd
