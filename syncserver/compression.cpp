#include "compression.h"

#include <algorithm>
#include <cctype>

namespace rd::server {

namespace {

std::string lower(std::string_view s)
{
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

std::string_view trim(std::string_view s) noexcept
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

} // namespace

bool acceptsGzip(std::string_view acceptEncoding) noexcept
{
    try {
        const std::string value = lower(acceptEncoding);
        std::string_view rest(value);
        while (!rest.empty()) {
            const auto comma = rest.find(',');
            std::string_view item = trim(rest.substr(0, comma));
            rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
            std::string_view coding = trim(item.substr(0, item.find(';')));
            if (coding != "gzip" && coding != "*")
                continue;
            const auto q = item.find("q=");
            if (q == std::string_view::npos)
                return true;
            const auto weight = trim(item.substr(q + 2));
            // q=0, q=0.0, q=0.000 refuse the coding; any other weight accepts it.
            return weight.find_first_not_of("0.") != std::string_view::npos;
        }
    } catch (...) {
    }
    return false;
}

} // namespace rd::server
