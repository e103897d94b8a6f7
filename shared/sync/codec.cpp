#include "codec.h"

#include "domain/text.h"

namespace rd::sync::codec {

json::object parseObject(std::string_view body, json::storage_ptr storage)
{
    // The parser checks UTF-8 itself; the slower separate check only names the fault.
    boost::system::error_code ec;
    json::value v = json::parse(body, ec, std::move(storage));
    if (ec) {
        if (!isValidUtf8(body))
            throw ProtocolError("invalid_utf8", "the body is not valid UTF-8 text");
        throw ProtocolError("malformed_json", "the body is not valid JSON: " + ec.message());
    }
    if (!v.is_object())
        throw ProtocolError("wrong_type", "the body must be a JSON object");
    return std::move(v.as_object());
}

const json::value &field(const json::object &o, std::string_view key)
{
    const auto *v = o.if_contains(key);
    if (!v)
        throw ProtocolError("missing_field", "field '" + std::string(key) + "' is required");
    return *v;
}

namespace {

[[noreturn]] void wrongType(std::string_view key, const char *expected)
{
    throw ProtocolError("wrong_type", "field '" + std::string(key) + "' must be " + expected);
}

} // namespace

std::string getString(const json::object &o, std::string_view key)
{
    const auto &v = field(o, key);
    if (!v.is_string())
        wrongType(key, "a string");
    return std::string(v.get_string());
}

std::optional<std::string> getOptString(const json::object &o, std::string_view key)
{
    const auto *v = o.if_contains(key);
    if (!v || v->is_null())
        return std::nullopt;
    if (!v->is_string())
        wrongType(key, "a string or null");
    return std::string(v->get_string());
}

std::int64_t getInt(const json::object &o, std::string_view key)
{
    const auto &v = field(o, key);
    if (v.is_int64())
        return v.get_int64();
    if (v.is_uint64() && v.get_uint64() <= static_cast<std::uint64_t>(INT64_MAX))
        return static_cast<std::int64_t>(v.get_uint64());
    wrongType(key, "an integer");
}

std::optional<std::int64_t> getOptInt(const json::object &o, std::string_view key)
{
    const auto *v = o.if_contains(key);
    if (!v || v->is_null())
        return std::nullopt;
    return getInt(o, key);
}

bool getBool(const json::object &o, std::string_view key)
{
    const auto &v = field(o, key);
    if (!v.is_bool())
        wrongType(key, "true or false");
    return v.get_bool();
}

Id getId(const json::object &o, std::string_view key)
{
    const auto &v = field(o, key);
    if (!v.is_string())
        wrongType(key, "an id (UUID text)");
    try {
        return Id::parse(v.get_string(), key);
    } catch (const ValidationError &) {
        wrongType(key, "an id (UUID text)");
    }
}

std::optional<Id> getOptId(const json::object &o, std::string_view key)
{
    const auto *v = o.if_contains(key);
    if (!v || v->is_null())
        return std::nullopt;
    return getId(o, key);
}

const json::object &getObject(const json::object &o, std::string_view key)
{
    const auto &v = field(o, key);
    if (!v.is_object())
        wrongType(key, "an object");
    return v.get_object();
}

const json::array &getArray(const json::object &o, std::string_view key)
{
    const auto &v = field(o, key);
    if (!v.is_array())
        wrongType(key, "an array");
    return v.get_array();
}

void appendJsonString(std::string &out, std::string_view text)
{
    static constexpr char hex[] = "0123456789abcdef";
    out.push_back('"');
    std::size_t plain = 0; // start of the run of characters that need no escape
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        out.append(text.substr(plain, i - plain));
        plain = i + 1;
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\t':
            out += "\\t";
            break;
        case '\r':
            out += "\\r";
            break;
        default:
            out += "\\u00";
            out.push_back(hex[c >> 4]);
            out.push_back(hex[c & 15]);
        }
    }
    out.append(text.substr(plain));
    out.push_back('"');
}

json::value idValue(const std::optional<Id> &id)
{
    if (!id)
        return nullptr;
    return json::string(id->toString());
}

namespace {

json::value optString(const std::optional<std::string> &s)
{
    if (!s)
        return nullptr;
    return json::string(*s);
}

} // namespace

json::object toJson(const Asset &a)
{
    return {{"id", a.id.toString()},
            {"asset_tag", optString(a.assetTag)},
            {"serial", optString(a.serial)},
            {"make", a.make},
            {"model", a.model},
            {"category", a.category},
            {"site_id", a.siteId.toString()},
            {"room_id", idValue(a.roomId)},
            {"assigned_user", a.assignedUser},
            {"status", std::string(toString(a.status))}};
}

Asset assetFromJson(const json::object &o)
{
    Asset a;
    a.id = getId(o, "id");
    a.assetTag = getOptString(o, "asset_tag");
    a.serial = getOptString(o, "serial");
    a.make = getString(o, "make");
    a.model = getString(o, "model");
    a.category = getString(o, "category");
    a.siteId = getId(o, "site_id");
    a.roomId = getOptId(o, "room_id");
    a.assignedUser = getOptString(o, "assigned_user").value_or("");
    a.status = getEnum<AssetStatus>(o, "status");
    return a;
}

json::object toJson(const Installation &i)
{
    return {{"id", i.id.toString()},
            {"release_id", i.releaseId.toString()},
            {"asset_id", i.assetId.toString()},
            {"started_by", i.startedBy.toString()},
            {"started_at", i.startedAt}};
}

Installation installationFromJson(const json::object &o)
{
    Installation i;
    i.id = getId(o, "id");
    i.releaseId = getId(o, "release_id");
    i.assetId = getId(o, "asset_id");
    i.startedBy = getId(o, "started_by");
    i.startedAt = getInt(o, "started_at");
    return i;
}

json::object toJson(const StepResult &r)
{
    return {{"id", r.id.toString()},
            {"installation_id", r.installationId.toString()},
            {"step_id", r.stepId.toString()},
            {"outcome", std::string(toString(r.outcome))},
            {"note", r.note},
            {"evidence", r.evidence},
            {"recorded_by", r.recordedBy.toString()},
            {"recorded_at", r.recordedAt}};
}

StepResult stepResultFromJson(const json::object &o)
{
    StepResult r;
    r.id = getId(o, "id");
    r.installationId = getId(o, "installation_id");
    r.stepId = getId(o, "step_id");
    r.outcome = getEnum<StepOutcome>(o, "outcome");
    r.note = getOptString(o, "note").value_or("");
    r.evidence = getOptString(o, "evidence").value_or("");
    r.recordedBy = getId(o, "recorded_by");
    r.recordedAt = getInt(o, "recorded_at");
    return r;
}

json::object toJson(const SignOff &s)
{
    return {{"id", s.id.toString()},   {"installation_id", s.installationId.toString()},
            {"user_name", s.userName}, {"strokes", s.strokes},
            {"signed_at", s.signedAt}, {"recorded_by", s.recordedBy.toString()}};
}

SignOff signOffFromJson(const json::object &o)
{
    SignOff s;
    s.id = getId(o, "id");
    s.installationId = getId(o, "installation_id");
    s.userName = getString(o, "user_name");
    s.strokes = getString(o, "strokes");
    s.signedAt = getInt(o, "signed_at");
    s.recordedBy = getId(o, "recorded_by");
    return s;
}

json::object toJson(const BackOut &b)
{
    return {{"id", b.id.toString()},
            {"installation_id", b.installationId.toString()},
            {"reason", b.reason},
            {"performed_by", b.performedBy.toString()},
            {"performed_at", b.performedAt}};
}

BackOut backOutFromJson(const json::object &o)
{
    BackOut b;
    b.id = getId(o, "id");
    b.installationId = getId(o, "installation_id");
    b.reason = getString(o, "reason");
    b.performedBy = getId(o, "performed_by");
    b.performedAt = getInt(o, "performed_at");
    return b;
}

json::object toJson(const ScanOverride &o)
{
    return {{"id", o.id.toString()},
            {"asset_id", o.assetId.toString()},
            {"installation_id", idValue(o.installationId)},
            {"field", o.field},
            {"value", o.value},
            {"refusal", o.refusal},
            {"reason", o.reason},
            {"recorded_by", o.recordedBy.toString()},
            {"recorded_at", o.recordedAt}};
}

ScanOverride scanOverrideFromJson(const json::object &o)
{
    ScanOverride s;
    s.id = getId(o, "id");
    s.assetId = getId(o, "asset_id");
    s.installationId = getOptId(o, "installation_id");
    s.field = getString(o, "field");
    s.value = getString(o, "value");
    s.refusal = getString(o, "refusal");
    s.reason = getString(o, "reason");
    s.recordedBy = getId(o, "recorded_by");
    s.recordedAt = getInt(o, "recorded_at");
    return s;
}

} // namespace rd::sync::codec
