#include "assetfields.h"

#include "store/store.h"

#include <array>

namespace rd::sync {

namespace {

std::optional<std::string> siteOf(const Asset &a)
{
    return a.siteId.toString();
}

std::optional<std::string> roomOf(const Asset &a)
{
    return a.roomId ? std::optional(a.roomId->toString()) : std::nullopt;
}

std::optional<std::string> statusOf(const Asset &a)
{
    return std::string(toString(a.status));
}

std::optional<std::string> userOf(const Asset &a)
{
    return a.assignedUser;
}

constexpr std::array kFields{
    ChangeableField{"site_id", "a site id", true, false, siteOf},
    ChangeableField{"room_id", "a room id of the asset's (new) site, or null", true, true, roomOf},
    ChangeableField{"status", "an asset status, by the allowed transitions", false, false, statusOf},
    ChangeableField{"assigned_user", "text, \"\" for nobody", false, false, userOf},
};

} // namespace

std::span<const ChangeableField> changeableAssetFields() noexcept
{
    return kFields;
}

const ChangeableField *changeableAssetField(std::string_view name) noexcept
{
    for (const auto &f : kFields) {
        if (f.name == name)
            return &f;
    }
    return nullptr;
}

void checkAssetChange(std::string_view name, const FieldChange &change)
{
    const auto *f = changeableAssetField(name);
    if (!f)
        throw ProtocolError("wrong_type",
                            "'" + std::string(name.substr(0, 40)) + "' is not a field a device may change");
    for (const auto *v : {&change.from, &change.to}) {
        if (!*v)
            continue;
        if (f->isId) {
            try {
                (void)Id::parse(**v, name);
            } catch (const ValidationError &) {
                throw ProtocolError("wrong_type", "field '" + std::string(name) + "' must be an id");
            }
        }
    }
    if (!change.to && !f->nullable)
        throw ProtocolError("wrong_type", "field '" + std::string(name) + "' cannot be set to null");
    if (name == "status" && !tryParse<AssetStatus>(*change.to))
        throw ProtocolError("wrong_type", "field 'status' has an unknown value");
}

std::map<std::string, FieldChange> assetChanges(const Asset &before, const Asset &after)
{
    std::map<std::string, FieldChange> out;
    for (const auto &f : kFields) {
        auto from = f.get(before);
        auto to = f.get(after);
        if (from != to)
            out.emplace(std::string(f.name), FieldChange{std::move(from), std::move(to)});
    }
    return out;
}

void writeAssetFields(Store &store, const Asset &current,
                      const std::map<std::string, std::optional<std::string>> &values)
{
    auto site = current.siteId;
    auto room = current.roomId;
    bool moved = false;
    for (const auto &[name, value] : values) {
        if (name == "site_id") {
            site = Id::parse(value.value_or(""), "site");
            moved = true;
        } else if (name == "room_id") {
            room = value ? std::optional(Id::parse(*value, "room")) : std::nullopt;
            moved = true;
        } else if (name == "status") {
            const auto status = parse<AssetStatus>(value.value_or(""));
            if (status != current.status)
                store.setAssetStatus(current.id, status);
        } else if (name == "assigned_user") {
            store.setAssetUser(current.id, value.value_or(""));
        } else {
            throw ValidationError(name, "is not a field a device may change");
        }
    }
    if (moved)
        store.moveAsset(current.id, site, room);
}

} // namespace rd::sync
