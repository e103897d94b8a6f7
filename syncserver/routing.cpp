#include "routing.h"

#include "domain/text.h"

#include <boost/beast/http/field.hpp>
#include <boost/json.hpp>

namespace rd::server {

namespace http = boost::beast::http;
namespace json = boost::json;

void refuse(http::status status, std::string code, std::string message, json::object extra)
{
    throw Refusal{status, std::move(code), std::move(message), std::move(extra)};
}

Response jsonResponse(http::status status, std::string body)
{
    Response res{status, 11};
    res.set(http::field::content_type, "application/json");
    res.set(http::field::cache_control, "no-store");
    res.body() = std::move(body);
    return res;
}

json::object parseObject(std::string_view body)
{
    boost::system::error_code ec;
    json::value v = json::parse(body, ec);
    if (ec)
        refuse(http::status::bad_request, "malformed_json", "the request body is not valid JSON: " + ec.message());
    if (!v.is_object())
        refuse(http::status::bad_request, "wrong_type", "the request body must be a JSON object");
    return std::move(v.as_object());
}

std::string requireString(const json::object &o, std::string_view field, std::size_t maxChars)
{
    const auto *v = o.if_contains(field);
    if (!v)
        refuse(http::status::bad_request, "missing_field", "the field \"" + std::string(field) + "\" is required");
    if (!v->is_string())
        refuse(http::status::bad_request, "wrong_type", "the field \"" + std::string(field) + "\" must be a string");
    const auto &s = v->as_string();
    if (codePointCount(s) > maxChars)
        refuse(http::status::bad_request, "wrong_type",
               "the field \"" + std::string(field) + "\" must be at most " + std::to_string(maxChars) +
                   " characters long");
    return std::string(s);
}

} // namespace rd::server
