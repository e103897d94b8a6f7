#include "photoref.h"

namespace rd {

bool isSha256Hex(std::string_view text) noexcept
{
    if (text.size() != 64)
        return false;
    for (const char c : text)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            return false;
    return true;
}

std::string photoEvidence(std::string_view sha256Hex)
{
    return std::string(kPhotoEvidencePrefix) + std::string(sha256Hex);
}

std::optional<std::string> photoSha256(std::string_view evidence)
{
    if (evidence.substr(0, kPhotoEvidencePrefix.size()) != kPhotoEvidencePrefix)
        return std::nullopt;
    evidence.remove_prefix(kPhotoEvidencePrefix.size());
    if (!isSha256Hex(evidence))
        return std::nullopt;
    return std::string(evidence);
}

} // namespace rd
