#pragma once

#include <string>
#include <string_view>

namespace rd::scan {

/** Why a scan was not taken into a field. */
enum class Refusal {
    None,        ///< accepted
    Empty,       ///< nothing left once prefixes and identifiers were removed
    Unreadable,  ///< not text, control characters, too long, a broken GS1 label
    ProductCode, ///< an EAN/UPC or GTIN: the same on every unit of a model
    MacAddress,  ///< a network address, printed beside the serial on many labels
    PartNumber,  ///< a part, model or product number
    WrongLabel,  ///< a serial where an asset tag is wanted, or the other way round
    TagFormat,   ///< an asset tag that does not follow the site's tag format
};

/** The name of @p refusal for logs and the override record ("product-code"). */
[[nodiscard]] std::string_view toString(Refusal refusal) noexcept;

/**
 * The verdict on one scan for one field: accepted with the value to store, or refused with the
 * reason in a technician's words. A refusal that may be wrong (a serial that happens to look like
 * a product code) can be overridden on the technician's word; the override and its reason are
 * kept, to be recorded with the asset. A scan that holds nothing usable cannot be overridden.
 */
class ScanCheck {
public:
    /** An accepted scan; @p value is what the field takes. */
    [[nodiscard]] static ScanCheck accepted(std::string value);
    /** A refused scan; @p value is what the field would take on an override. */
    [[nodiscard]] static ScanCheck refused(Refusal refusal, std::string reason, std::string value,
                                           bool overridable);

    /** True when the field may take value(): accepted, or refused and then overridden. */
    [[nodiscard]] bool isAccepted() const noexcept { return m_refusal == Refusal::None || m_overridden; }
    [[nodiscard]] bool isRefused() const noexcept { return !isAccepted(); }
    [[nodiscard]] bool canOverride() const noexcept { return isRefused() && m_overridable; }
    [[nodiscard]] bool isOverridden() const noexcept { return m_overridden; }

    [[nodiscard]] Refusal refusal() const noexcept { return m_refusal; }
    [[nodiscard]] const std::string &value() const noexcept { return m_value; }
    /** Why the scan was refused; kept after an override, for the record. */
    [[nodiscard]] const std::string &reason() const noexcept { return m_reason; }
    [[nodiscard]] const std::string &overrideReason() const noexcept { return m_overrideReason; }

    /**
     * Takes a refused scan on the technician's word. Returns false, and changes nothing, when the
     * scan is not refused, the refusal cannot be overridden, or @p why is blank: an override is
     * always recorded with a reason.
     */
    bool override(std::string_view why);

private:
    std::string m_value;
    std::string m_reason;
    std::string m_overrideReason;
    Refusal m_refusal = Refusal::None;
    bool m_overridable = false;
    bool m_overridden = false;
};

} // namespace rd::scan
