#pragma once

#include "protocol.h"

#include <boost/json.hpp>

#include <optional>
#include <string>
#include <string_view>

/**
 * Reading and writing the protocol's JSON without trusting it: every accessor names the field
 * and throws ProtocolError ("missing_field", "wrong_type", ...) instead of guessing.
 */
namespace rd::sync::codec {

namespace json = boost::json;

/** Parses a request or answer body that must be a JSON object in valid UTF-8. */
[[nodiscard]] json::object parseObject(std::string_view body, json::storage_ptr storage = {});

[[nodiscard]] const json::value &field(const json::object &o, std::string_view key);
[[nodiscard]] std::string getString(const json::object &o, std::string_view key);
[[nodiscard]] std::optional<std::string> getOptString(const json::object &o, std::string_view key);
[[nodiscard]] std::int64_t getInt(const json::object &o, std::string_view key);
[[nodiscard]] std::optional<std::int64_t> getOptInt(const json::object &o, std::string_view key);
[[nodiscard]] bool getBool(const json::object &o, std::string_view key);
[[nodiscard]] Id getId(const json::object &o, std::string_view key);
[[nodiscard]] std::optional<Id> getOptId(const json::object &o, std::string_view key);
[[nodiscard]] const json::object &getObject(const json::object &o, std::string_view key);
[[nodiscard]] const json::array &getArray(const json::object &o, std::string_view key);
template <typename E>
[[nodiscard]] E getEnum(const json::object &o, std::string_view key)
{
    const auto text = getString(o, key);
    if (const auto v = tryParse<E>(text))
        return *v;
    throw ProtocolError("wrong_type", "field '" + std::string(key) + "' has an unknown value");
}

/** Appends @p text to @p out as a JSON string, quoted and escaped (for bodies written by hand). */
void appendJsonString(std::string &out, std::string_view text);

/** An id or nothing, as the protocol writes it: UUID text or null. */
[[nodiscard]] json::value idValue(const std::optional<Id> &id);

} // namespace rd::sync::codec
