#include "scancheck.h"

namespace rd::scan {

std::string_view toString(Refusal refusal) noexcept
{
    switch (refusal) {
    case Refusal::None: return "none";
    case Refusal::Empty: return "empty";
    case Refusal::Unreadable: return "unreadable";
    case Refusal::ProductCode: return "product-code";
    case Refusal::MacAddress: return "mac-address";
    case Refusal::PartNumber: return "part-number";
    case Refusal::WrongLabel: return "wrong-label";
    case Refusal::TagFormat: return "tag-format";
    }
    return "unknown";
}

ScanCheck ScanCheck::accepted(std::string value)
{
    ScanCheck c;
    c.m_value = std::move(value);
    return c;
}

ScanCheck ScanCheck::refused(Refusal refusal, std::string reason, std::string value, bool overridable)
{
    ScanCheck c;
    c.m_refusal = refusal == Refusal::None ? Refusal::Unreadable : refusal;
    c.m_reason = std::move(reason);
    c.m_value = std::move(value);
    c.m_overridable = overridable && !c.m_value.empty();
    return c;
}

bool ScanCheck::override(std::string_view why)
{
    const auto first = why.find_first_not_of(" \t\r\n");
    if (!canOverride() || first == std::string_view::npos)
        return false;
    const auto last = why.find_last_not_of(" \t\r\n");
    m_overrideReason = std::string(why.substr(first, last - first + 1));
    m_overridden = true;
    return true;
}

} // namespace rd::scan
