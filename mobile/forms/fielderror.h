#pragma once
// A form field's error, in the core's words: the same text rule the store checks on save
// (domain/fields.h), asked as the person types.

#include "app/qtconvert.h"

#include "domain/errors.h"
#include "domain/fields.h"

#include <QString>

namespace rd::mobile {

/** What the core says of @p error, as a sentence: "The step title is required." */
inline QString errorSentence(const ValidationError &error)
{
    std::string text = error.what();
    const std::string prefix = error.field() + ": ";
    if (text.rfind(prefix, 0) == 0)
        text = "The " + error.field() + " " + text.substr(prefix.size());
    if (!text.empty() && text.back() != '.')
        text += '.';
    return qs(text);
}

/** What is wrong with @p text by @p rule, as a sentence; empty when nothing is. */
inline QString fieldError(const TextRule &rule, const QString &text)
{
    try {
        (void)checked(rule, utf8(text));
    } catch (const ValidationError &e) {
        return errorSentence(e);
    }
    return {};
}

} // namespace rd::mobile
