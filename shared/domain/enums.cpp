#include "enums.h"

#include "errors.h"
#include "text.h"

namespace rd {

std::string describeNames(const std::string_view *names, std::size_t count)
{
    std::string out;
    for (std::size_t i = 0; i < count; ++i) {
        if (i > 0)
            out += (i + 1 == count) ? " or " : ", ";
        out += names[i];
    }
    return out;
}

void throwUnknownEnum(std::string_view field, std::string_view text, const std::string_view *names,
                      std::size_t count)
{
    throw ValidationError(std::string(field), "unknown value '" + printable(text, 40) + "': expected " +
                                                  describeNames(names, count));
}

} // namespace rd
