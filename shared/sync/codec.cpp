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

} // namespace rd::sync::codec
