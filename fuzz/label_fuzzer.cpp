// libFuzzer target: a scan as a camera decoder, a keyboard-wedge scanner or a person produces it,
// through the label readers of shared/scan/: splitAimId, parseGs1, readLabel, checkSerial and
// checkAssetTag (against no tag format, a site's, and a broken one), then an override.
//
// None of them may throw for any input. Findings besides crashes and sanitizer reports: a value
// taken into a field that the field cannot hold (empty, not UTF-8, control characters, over 64
// characters); GS1 element strings read as valid that are not (empty, not printable ASCII); a GS1
// reading that does not read back the same when written out again.

#include "fuzzworld.h"

#include "domain/text.h"
#include "scan/aimid.h"
#include "scan/fieldcheck.h"
#include "scan/gs1.h"
#include "scan/label.h"

#include <algorithm>
#include <cstdint>

using namespace rd;
using namespace rd::fuzz;
using namespace rd::scan;

namespace {

void requireFieldValue(const ScanCheck &check, std::string_view scan, const char *field)
{
    if (check.isRefused()) {
        if (check.canOverride() && check.value().empty())
            finding(std::string(field) + ": an overridable refusal with no value", scan);
        if (check.reason().empty())
            finding(std::string(field) + ": a refusal without a reason", scan);
        return;
    }
    const auto &v = check.value();
    const bool control = std::any_of(v.begin(), v.end(), [](char c) {
        return static_cast<unsigned char>(c) < 0x20 || c == 0x7F;
    });
    if (v.empty() || !isValidUtf8(v) || control || codePointCount(v) > kMaxFieldChars)
        finding(std::string(field) + ": accepted a value the field cannot hold: " + printable(v, 80), scan);
}

/** The element strings written as a scanner sends them: AI, value, GS after a variable-length one. */
std::string written(const Gs1Data &g)
{
    std::string out;
    for (const auto &e : g.elements) {
        out += e.ai + e.value;
        out += kGroupSeparator; // a GS after a fixed-length value too: the reader skips it
    }
    return out;
}

void checkGs1(const Gs1Data &g, std::string_view scan)
{
    if (!g.ok())
        return;
    if (g.elements.empty())
        finding("GS1: read as valid with no element strings", scan);
    for (const auto &e : g.elements) {
        if (e.value.empty() || gs1AiName(e.ai).empty())
            finding("GS1: an empty value or an unknown AI read as valid", scan);
        if (!std::all_of(e.value.begin(), e.value.end(), [](char c) { return c > 0x20 && c < 0x7F; }))
            finding("GS1: a value with characters a GS1 label may not hold read as valid", scan);
    }
    const auto again = parseGs1(written(g));
    if (!again.ok() || again.elements != g.elements)
        finding("GS1: element strings written out again do not read the same: " + again.error, scan);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const auto scan = asText(data, size);

    const auto split = splitAimId(scan);
    if (split.aim && (split.data.size() + 3 != scan.size() || split.aim->toString() != scan.substr(0, 3)))
        finding("AIM: the identifier and the data do not make up the scan", scan);
    (void)split.aim.value_or(AimId{}).symbologyName();

    checkGs1(parseGs1(scan), scan);
    const Label label = readLabel(scan);
    if (label.gs1)
        checkGs1(label.gs1Data, scan);

    auto serial = checkSerial(scan);
    requireFieldValue(serial, scan, "serial");
    if (serial.canOverride() && (!serial.override("the label is printed so") || !serial.isAccepted()))
        finding("serial: an overridable refusal could not be overridden", scan);

    // The tag format comes from the site record (a release manager's setting), not from the scan.
    for (const char *pattern : {"", "^RAU-[0-9]{5}$", "RAL-[0-9]+|[A-Z]{3}[0-9]{7}", "([unclosed"}) {
        auto tag = checkAssetTag(scan, pattern);
        requireFieldValue(tag, scan, "asset tag");
        if (tag.canOverride() && !tag.override(" \t"))
            (void)tag.override("sticker reprinted");
        if (tag.isOverridden() && tag.overrideReason().empty())
            finding("asset tag: overridden without a reason", scan);
    }
    (void)isMacAddress(scan);
    (void)isProductCode(scan);
    return 0;
}
