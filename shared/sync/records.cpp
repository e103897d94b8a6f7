#include "records.h"

#include "domain/text.h"


namespace rd::sync::detail {

void wrongType(std::string_view field, std::string_view expected)
{
    throw ProtocolError("wrong_type", "field '" + std::string(field) + "' must be " + std::string(expected));
}

Id readId(const codec::json::value &v, std::string_view field)
{
    if (v.is_string()) {
        try {
            const Id id = Id::parse(v.get_string(), field);
            if (!id.isNull())
                return id;
        } catch (const ValidationError &) {
        }
    }
    wrongType(field, "an id (UUID text, not all zeros)");
}

std::string readText(const codec::json::value &v, std::string_view field)
{
    if (!v.is_string())
        wrongType(field, "a string");
    return std::string(v.get_string());
}

std::int64_t readTime(const codec::json::value &v, std::string_view field)
{
    std::int64_t t = -1;
    if (v.is_int64())
        t = v.get_int64();
    else if (v.is_uint64() && v.get_uint64() <= static_cast<std::uint64_t>(kMaxTime))
        t = static_cast<std::int64_t>(v.get_uint64());
    if (t < 0 || t > kMaxTime)
        wrongType(field, "a time in Unix milliseconds, from 0 to " + std::to_string(kMaxTime));
    return t;
}

int readInt(const codec::json::value &v, std::string_view field)
{
    if (!v.is_int64() || v.get_int64() < -1000000000 || v.get_int64() > 1000000000)
        wrongType(field, "a whole number");
    return static_cast<int>(v.get_int64());
}

const codec::json::array &readList(const codec::json::value &v, std::string_view field)
{
    if (!v.is_array())
        wrongType(field, "a list");
    if (v.get_array().size() > kMaxListItems)
        wrongType(field, "a list of at most " + std::to_string(kMaxListItems) + " items");
    return v.get_array();
}

bool readBool(const codec::json::value &v, std::string_view field)
{
    if (!v.is_bool())
        wrongType(field, "true or false");
    return v.get_bool();
}

std::map<std::string, FieldChange> readChanges(const codec::json::value &v, std::string_view field)
{
    if (!v.is_object())
        wrongType(field, "an object of {\"from\", \"to\"} by field name");
    std::map<std::string, FieldChange> out;
    for (const auto &[name, change] : v.get_object()) {
        if (!change.is_object())
            throw ProtocolError("wrong_type",
                                "change of '" + printable(name, 40) + "' must be {\"from\", \"to\"}");
        const auto &o = change.get_object();
        FieldChange c;
        for (auto [key, slot] : {std::pair{"from", &c.from}, std::pair{"to", &c.to}}) {
            const auto *value = o.if_contains(key);
            if (!value)
                throw ProtocolError("missing_field", "change of '" + printable(name, 40) +
                                                         "' needs '" + key + "'");
            if (!value->is_null())
                *slot = readText(*value, key);
        }
        out.emplace(std::string(name), std::move(c));
    }
    if (out.empty())
        throw ProtocolError("missing_field", "'" + std::string(field) + "' changes nothing");
    return out;
}

codec::json::value write(const Id &v)
{
    return codec::json::string(v.toString());
}

codec::json::value write(const std::string &v)
{
    return codec::json::string(v);
}

codec::json::value write(std::int64_t v)
{
    return v;
}

codec::json::value write(int v)
{
    return v;
}

codec::json::value write(bool v)
{
    return v;
}

codec::json::value write(const std::map<std::string, FieldChange> &v)
{
    codec::json::object o;
    for (const auto &[name, c] : v)
        o[name] = codec::json::object{{"from", writeValue(c.from)}, {"to", writeValue(c.to)}};
    return o;
}

std::string textRuleWords(const TextRule &rule)
{
    std::string out = "at most " + std::to_string(rule.maxChars) + " characters";
    out += rule.lines == Lines::Multi ? ", line breaks allowed" : ", one line";
    if (rule.required)
        out += ", not empty";
    return out;
}

} // namespace rd::sync::detail
