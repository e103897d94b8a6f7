#include "label.h"

namespace rd::scan {

namespace {

std::string_view trimmed(std::string_view s) noexcept
{
    // GS is not trimmed: a leading GS is a transmitted FNC1 and says "GS1".
    constexpr std::string_view space = " \t\r\n";
    const auto first = s.find_first_not_of(space);
    if (first == std::string_view::npos)
        return {};
    return s.substr(first, s.find_last_not_of(space) - first + 1);
}

bool startsWithGtin(std::string_view data) noexcept
{
    return data.size() >= 16 && data.substr(0, 2) == "01" && hasValidGs1CheckDigit(data.substr(2, 14));
}

} // namespace

Label readLabel(std::string_view scan)
{
    Label label;
    const auto split = splitAimId(trimmed(scan));
    label.aim = split.aim;
    label.data = std::string(trimmed(split.data));

    const std::string_view data = label.data;
    const bool saysGs1 = label.aim && label.aim->isGs1();
    if (saysGs1 || (!data.empty() && data.front() == kGroupSeparator)) {
        // The symbol says GS1: read it, and report why when it does not read.
        label.gs1 = true;
        label.gs1Data = parseGs1(data);
        return label;
    }
    // Without an identifier that says so, take the data as GS1 only when they read as GS1 to the end:
    // a serial that merely starts with "01" stays a serial.
    const bool looksGs1 = data.find(kGroupSeparator) != std::string_view::npos ||
                          (!data.empty() && data.front() == '(' && data.size() > 4 && data[1] >= '0' &&
                           data[1] <= '9') ||
                          startsWithGtin(data);
    if (looksGs1 && (!label.aim || label.aim->symbology == 'C' || label.aim->symbology == 'd' ||
                     label.aim->symbology == 'Q')) {
        auto parsed = parseGs1(data);
        if (parsed.ok() || data.find(kGroupSeparator) != std::string_view::npos) {
            // With a GS inside, the data can only be meant as GS1: a broken label is reported as such.
            label.gs1 = true;
            label.gs1Data = std::move(parsed);
        }
    }
    return label;
}

} // namespace rd::scan
