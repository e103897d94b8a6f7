#pragma once

#include "routing.h"

#include <string_view>

namespace rd::server {

/** Where photo attachments are: `/api/v1/attachments/<sha256>` and `.../<sha256>/status`. */
inline constexpr std::string_view kAttachmentsPath = "/api/v1/attachments/";

/**
 * Answers a request under kAttachmentsPath (@p rest is the path after it): GET .../status (how
 * much of a photo the server holds), PUT (a piece of a photo, with Content-Range), GET (the photo,
 * for those who may see a site where a checklist line refers to it). Throws a Refusal otherwise.
 */
[[nodiscard]] Response attachmentRoute(const Call &call, std::string_view rest);

} // namespace rd::server
