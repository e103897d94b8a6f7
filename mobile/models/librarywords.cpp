#include "librarywords.h"

#include "app/qtconvert.h"

#include <QCoreApplication>
#include <QVariantMap>

#include <string_view>

namespace rd::mobile {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("LibraryWords", text);
}

/** A long value (a back-out plan, a description) cut to a line's worth. */
QString shortened(QString text)
{
    text.replace(QLatin1Char('\n'), QLatin1Char(' '));
    constexpr qsizetype kMax = 80;
    if (text.size() > kMax)
        text = text.left(kMax - 1).trimmed() + QStringLiteral("…");
    return text;
}

} // namespace

QString mediaKindWords(MediaKind kind)
{
    switch (kind) {
    case MediaKind::Disc:
        return tr("Disc");
    case MediaKind::UsbDrive:
        return tr("USB drive");
    case MediaKind::Download:
        return tr("Download");
    case MediaKind::DiskImage:
        return tr("Disk image");
    case MediaKind::Other:
        break;
    }
    return tr("Other");
}

QString licenceTypeWords(LicenceType type)
{
    switch (type) {
    case LicenceType::PerSeat:
        return tr("Per seat");
    case LicenceType::Site:
        return tr("Site");
    case LicenceType::Subscription:
        return tr("Subscription");
    case LicenceType::Oem:
        return tr("OEM");
    case LicenceType::Free:
        return tr("Free");
    case LicenceType::Other:
        break;
    }
    return tr("Other");
}

QVariantList mediaKindChoices()
{
    QVariantList out;
    for (const auto name : EnumNames<MediaKind>::names)
        out.push_back(QVariantMap{{QStringLiteral("value"), qs(name)},
                                  {QStringLiteral("name"), mediaKindWords(parse<MediaKind>(name))}});
    return out;
}

QVariantList licenceTypeChoices()
{
    QVariantList out;
    for (const auto name : EnumNames<LicenceType>::names)
        out.push_back(QVariantMap{{QStringLiteral("value"), qs(name)},
                                  {QStringLiteral("name"), licenceTypeWords(parse<LicenceType>(name))}});
    return out;
}

bool takesSeats(LicenceType type) noexcept
{
    // As Store::signOff chooses the seats it takes.
    return type == LicenceType::PerSeat || type == LicenceType::Subscription;
}

QString fieldWords(const std::string &table, const std::string &field)
{
    struct Name {
        std::string_view table, field;
        const char *words;
    };
    static constexpr Name kNames[] = {
        {"assets", "site_id", QT_TRANSLATE_NOOP("LibraryWords", "Site")},
        {"assets", "room_id", QT_TRANSLATE_NOOP("LibraryWords", "Room")},
        {"assets", "status", QT_TRANSLATE_NOOP("LibraryWords", "Status")},
        {"assets", "assigned_user", QT_TRANSLATE_NOOP("LibraryWords", "User")},
        {"services", "name", QT_TRANSLATE_NOOP("LibraryWords", "Name")},
        {"services", "description", QT_TRANSLATE_NOOP("LibraryWords", "What it is")},
        {"services", "user_benefit", QT_TRANSLATE_NOOP("LibraryWords", "What users get")},
        {"services", "owner_id", QT_TRANSLATE_NOOP("LibraryWords", "Owner")},
        {"releases", "number", QT_TRANSLATE_NOOP("LibraryWords", "Number")},
        {"releases", "kind", QT_TRANSLATE_NOOP("LibraryWords", "Single or rollout")},
        {"releases", "units", QT_TRANSLATE_NOOP("LibraryWords", "Units")},
        {"releases", "release_type", QT_TRANSLATE_NOOP("LibraryWords", "Release type")},
        {"releases", "trigger_kind", QT_TRANSLATE_NOOP("LibraryWords", "Asked for by")},
        {"releases", "trigger_ref", QT_TRANSLATE_NOOP("LibraryWords", "Request or RFC reference")},
        {"releases", "build_id", QT_TRANSLATE_NOOP("LibraryWords", "Build")},
        {"releases", "planned_date", QT_TRANSLATE_NOOP("LibraryWords", "Start date")},
        {"releases", "planned_end", QT_TRANSLATE_NOOP("LibraryWords", "Done by")},
        {"releases", "back_out_plan", QT_TRANSLATE_NOOP("LibraryWords", "Back-out plan")},
        {"releases", "user_notice", QT_TRANSLATE_NOOP("LibraryWords", "What users are told")},
        {"releases", "installers", QT_TRANSLATE_NOOP("LibraryWords", "Installers")},
        {"releases", "targets", QT_TRANSLATE_NOOP("LibraryWords", "Rooms and assets")},
        {"users", "display_name", QT_TRANSLATE_NOOP("LibraryWords", "Name")},
        {"users", "role", QT_TRANSLATE_NOOP("LibraryWords", "Role")},
        {"users", "active", QT_TRANSLATE_NOOP("LibraryWords", "Sign-in")},
        {"users", "sites", QT_TRANSLATE_NOOP("LibraryWords", "Sites")},
        {"dsl_items", "product", QT_TRANSLATE_NOOP("LibraryWords", "Product")},
        {"dsl_items", "version", QT_TRANSLATE_NOOP("LibraryWords", "Version")},
        {"dsl_items", "vendor", QT_TRANSLATE_NOOP("LibraryWords", "Vendor")},
        {"dsl_items", "media_kind", QT_TRANSLATE_NOOP("LibraryWords", "Media")},
        {"dsl_items", "media_location", QT_TRANSLATE_NOOP("LibraryWords", "Where the media are")},
        {"dsl_items", "build_location", QT_TRANSLATE_NOOP("LibraryWords", "Where the build software is")},
        {"dsl_items", "build_sha256", QT_TRANSLATE_NOOP("LibraryWords", "Build SHA-256")},
        {"dsl_items", "licence_type", QT_TRANSLATE_NOOP("LibraryWords", "Licence type")},
        {"licences", "name", QT_TRANSLATE_NOOP("LibraryWords", "Name")},
        {"licences", "entitlement", QT_TRANSLATE_NOOP("LibraryWords", "Key")},
        {"licences", "seats", QT_TRANSLATE_NOOP("LibraryWords", "Seats")},
        {"licences", "expires_on", QT_TRANSLATE_NOOP("LibraryWords", "Expiry date")},
        {"licences", "supplier", QT_TRANSLATE_NOOP("LibraryWords", "Supplier")},
        {"licences", "purchase_ref", QT_TRANSLATE_NOOP("LibraryWords", "Purchase reference")},
        {"licences", "dsl_item_id", QT_TRANSLATE_NOOP("LibraryWords", "Software")},
    };
    for (const auto &n : kNames) {
        if (n.table == table && n.field == field)
            return tr(n.words);
    }
    // A field this version does not know of: its name, readable.
    QString words = qs(field);
    words.replace(QLatin1Char('_'), QLatin1Char(' '));
    if (words.endsWith(QStringLiteral(" id")))
        words.chop(3);
    if (!words.isEmpty())
        words[0] = words[0].toUpper();
    return words;
}

QString valueWords(const std::string &table, const std::string &field, const std::optional<std::string> &value)
{
    if (!value || value->empty()) {
        if (table == "assets" && field == "assigned_user")
            return tr("nobody");
        return tr("none");
    }
    if (field == "active")
        return *value == "true" ? tr("switched on") : tr("switched off");
    if (field == "media_kind") {
        if (const auto kind = tryParse<MediaKind>(*value))
            return mediaKindWords(*kind);
    }
    if (field == "licence_type") {
        if (const auto type = tryParse<LicenceType>(*value))
            return licenceTypeWords(*type);
    }
    if (field == "status" || field == "role" || field == "kind" || field == "release_type" || field == "trigger_kind") {
        QString words = qs(*value);
        words.replace(QLatin1Char('-'), QLatin1Char(' ')); // "in-use" -> "in use", "release-manager" -> ...
        if (words == QStringLiteral("rfc"))
            return tr("an RFC");
        return words;
    }
    return shortened(qs(*value));
}

QString changeSentence(const LibraryViews::ChangeRow &row)
{
    const auto &c = row.change;
    const QString field = fieldWords(c.table, c.field);
    if (c.oldValue == std::optional<std::string>("(hidden)") || c.newValue == std::optional<std::string>("(hidden)"))
        return tr("%1 changed").arg(field); // a key: never kept, never shown
    const bool hadValue = row.from && !row.from->empty();
    const bool hasValue = row.to && !row.to->empty();
    const QString from = valueWords(c.table, c.field, row.from);
    const QString to = valueWords(c.table, c.field, row.to);
    if (!hadValue && hasValue)
        return tr("%1 set to %2").arg(field, to);
    return tr("%1 changed from %2 to %3").arg(field, from, to);
}

} // namespace rd::mobile
