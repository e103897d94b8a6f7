#include "fieldchanges.h"

#include "domain/text.h"

#include "store/store.h"

#include <algorithm>
#include <array>
#include <charconv>

namespace rd::sync {

namespace {

using Type = ChangeableField::Type;

std::optional<std::string> idText(const std::optional<Id> &id)
{
    return id ? std::optional(id->toString()) : std::nullopt;
}

std::optional<Id> idValue(const FieldValues &values, const std::string &name, const std::optional<Id> &fallback)
{
    const auto it = values.find(name);
    if (it == values.end())
        return fallback;
    return it->second ? std::optional(Id::parse(*it->second, name)) : std::nullopt;
}

std::string textValue(const FieldValues &values, const std::string &name, const std::string &fallback)
{
    const auto it = values.find(name);
    return it == values.end() ? fallback : it->second.value_or("");
}

template <typename E>
E enumValue(const FieldValues &values, const std::string &name, E fallback)
{
    const auto it = values.find(name);
    return it == values.end() ? fallback : parse<E>(it->second.value_or(""));
}

// --- assets ---

constexpr std::array kAssetFields{
    ChangeableField{"site_id", Type::Id, false, {}, "a site id"},
    ChangeableField{"room_id", Type::Id, true, {}, "a room id of the asset's (new) site, or null"},
    ChangeableField{"status", Type::Enum, false, EnumNames<AssetStatus>::names, "an asset status, by the allowed transitions"},
    ChangeableField{"assigned_user", Type::Text, false, {}, "text, \"\" for nobody"},
};

std::optional<FieldValues> assetNow(Store &store, const Id &id)
{
    const auto a = store.asset(id);
    if (!a)
        return std::nullopt;
    return FieldValues{{"site_id", a->siteId.toString()},
                       {"room_id", idText(a->roomId)},
                       {"status", std::string(toString(a->status))},
                       {"assigned_user", a->assignedUser}};
}

void assetWrite(Store &store, const Id &id, const FieldValues &values, const Id &, Millis)
{
    const auto a = store.asset(id);
    if (!a)
        throw NotFoundError("asset", id.toString());
    if (values.count("site_id") || values.count("room_id"))
        store.moveAsset(id, *idValue(values, "site_id", a->siteId), idValue(values, "room_id", a->roomId));
    if (const auto status = enumValue(values, "status", a->status); status != a->status)
        store.setAssetStatus(id, status);
    if (values.count("assigned_user"))
        store.setAssetUser(id, textValue(values, "assigned_user", ""));
}

// --- services ---

constexpr std::array kServiceFields{
    ChangeableField{"name", Type::Text, false, {}, "text, unique"},
    ChangeableField{"description", Type::Text, false, {}, "text"},
    ChangeableField{"user_benefit", Type::Text, false, {}, "text: what users get"},
    ChangeableField{"owner_id", Type::Id, true, {}, "a user id, or null"},
};

std::optional<FieldValues> serviceNow(Store &store, const Id &id)
{
    const auto s = store.service(id);
    if (!s)
        return std::nullopt;
    return FieldValues{{"name", s->name},
                       {"description", s->description},
                       {"user_benefit", s->userBenefit},
                       {"owner_id", idText(s->ownerId)}};
}

void serviceWrite(Store &store, const Id &id, const FieldValues &values, const Id &by, Millis at)
{
    auto s = store.service(id);
    if (!s)
        throw NotFoundError("service", id.toString());
    s->name = textValue(values, "name", s->name);
    s->description = textValue(values, "description", s->description);
    s->userBenefit = textValue(values, "user_benefit", s->userBenefit);
    s->ownerId = idValue(values, "owner_id", s->ownerId);
    store.updateService(*s, by, at);
}

// --- releases ---

constexpr std::array kReleaseFields{
    ChangeableField{"number", Type::Text, false, {}, "text, unique"},
    ChangeableField{"kind", Type::Enum, false, EnumNames<ReleaseKind>::names, "single or rollout"},
    ChangeableField{"units", Type::Integer, false, {}, "a whole number, 1 to 10,000"},
    ChangeableField{"release_type", Type::Enum, false, EnumNames<ReleaseType>::names, "a release type"},
    ChangeableField{"trigger_kind", Type::Enum, false, EnumNames<TriggerKind>::names, "a trigger kind"},
    ChangeableField{"trigger_ref", Type::Text, false, {}, "text"},
    ChangeableField{"build_id", Type::Id, false, {}, "an approved version of the same service"},
    ChangeableField{"planned_date", Type::Text, false, {}, "YYYY-MM-DD"},
    ChangeableField{"planned_end", Type::Text, false, {}, "YYYY-MM-DD or \"\""},
    ChangeableField{"back_out_plan", Type::Text, false, {}, "text"},
    ChangeableField{"user_notice", Type::Text, false, {}, "text: what users are told"},
};

std::optional<FieldValues> releaseNow(Store &store, const Id &id)
{
    const auto r = store.release(id);
    if (!r)
        return std::nullopt;
    return FieldValues{{"number", r->number},
                       {"kind", std::string(toString(r->kind))},
                       {"units", std::to_string(r->units)},
                       {"release_type", std::string(toString(r->type))},
                       {"trigger_kind", std::string(toString(r->trigger))},
                       {"trigger_ref", r->triggerRef},
                       {"build_id", r->buildId.toString()},
                       {"planned_date", r->plannedDate},
                       {"planned_end", r->plannedEnd},
                       {"back_out_plan", r->backOutPlan},
                       {"user_notice", r->userNotice}};
}

void releaseWrite(Store &store, const Id &id, const FieldValues &values, const Id &by, Millis at)
{
    auto r = store.release(id);
    if (!r)
        throw NotFoundError("release", id.toString());
    r->number = textValue(values, "number", r->number);
    r->kind = enumValue(values, "kind", r->kind);
    if (values.count("units")) {
        const auto text = textValue(values, "units", "");
        int units = 0;
        const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), units);
        if (ec != std::errc() || end != text.data() + text.size())
            throw ValidationError("units", "must be a whole number");
        r->units = units;
    }
    r->type = enumValue(values, "release_type", r->type);
    r->trigger = enumValue(values, "trigger_kind", r->trigger);
    r->triggerRef = textValue(values, "trigger_ref", r->triggerRef);
    r->buildId = *idValue(values, "build_id", r->buildId);
    r->plannedDate = textValue(values, "planned_date", r->plannedDate);
    r->plannedEnd = textValue(values, "planned_end", r->plannedEnd);
    r->backOutPlan = textValue(values, "back_out_plan", r->backOutPlan);
    r->userNotice = textValue(values, "user_notice", r->userNotice);
    store.updateRelease(*r, by, at);
}

// --- people ---

constexpr std::array<std::string_view, 2> kBooleans{"false", "true"};

constexpr std::array kPersonFields{
    ChangeableField{"display_name", Type::Text, false, {}, "text"},
    ChangeableField{"role", Type::Enum, false, EnumNames<Role>::names, "a role"},
    ChangeableField{"active", Type::Boolean, false, kBooleans,
                    "\"true\" or \"false\": a person switched off cannot sign in or sync"},
};

std::optional<FieldValues> personNow(Store &store, const Id &id)
{
    const auto u = store.user(id);
    if (!u)
        return std::nullopt;
    return FieldValues{{"display_name", u->displayName},
                       {"role", std::string(toString(u->role))},
                       {"active", u->active ? "true" : "false"}};
}

void personWrite(Store &store, const Id &id, const FieldValues &values, const Id &, Millis)
{
    auto u = store.user(id);
    if (!u)
        throw NotFoundError("user", id.toString());
    u->displayName = textValue(values, "display_name", u->displayName);
    u->role = enumValue(values, "role", u->role);
    store.updateUser(*u);
    if (values.count("active"))
        store.setUserActive(id, textValue(values, "active", "true") == "true");
}

// --- the Definitive Software Library ---

constexpr std::array kDslFields{
    ChangeableField{"product", Type::Text, false, {}, "text"},
    ChangeableField{"version", Type::Text, false, {}, "text; unique with the product"},
    ChangeableField{"vendor", Type::Text, false, {}, "text"},
    ChangeableField{"media_kind", Type::Enum, false, EnumNames<MediaKind>::names, "a media kind"},
    ChangeableField{"media_location", Type::Text, false, {}, "text"},
    ChangeableField{"build_location", Type::Text, false, {}, "text"},
    ChangeableField{"build_sha256", Type::Text, false, {}, "64 hexadecimal digits, or \"\""},
    ChangeableField{"licence_type", Type::Enum, false, EnumNames<LicenceType>::names, "a licence type"},
};

std::optional<FieldValues> dslNow(Store &store, const Id &id)
{
    const auto d = store.dslItem(id);
    if (!d)
        return std::nullopt;
    return FieldValues{{"product", d->product},
                       {"version", d->version},
                       {"vendor", d->vendor},
                       {"media_kind", std::string(toString(d->mediaKind))},
                       {"media_location", d->mediaLocation},
                       {"build_location", d->buildLocation},
                       {"build_sha256", d->buildSha256},
                       {"licence_type", std::string(toString(d->licenceType))}};
}

void dslWrite(Store &store, const Id &id, const FieldValues &values, const Id &by, Millis at)
{
    auto d = store.dslItem(id);
    if (!d)
        throw NotFoundError("DSL item", id.toString());
    d->product = textValue(values, "product", d->product);
    d->version = textValue(values, "version", d->version);
    d->vendor = textValue(values, "vendor", d->vendor);
    d->mediaKind = enumValue(values, "media_kind", d->mediaKind);
    d->mediaLocation = textValue(values, "media_location", d->mediaLocation);
    d->buildLocation = textValue(values, "build_location", d->buildLocation);
    d->buildSha256 = textValue(values, "build_sha256", d->buildSha256);
    d->licenceType = enumValue(values, "licence_type", d->licenceType);
    store.updateDslItem(*d, by, at);
}

// --- the licence log ---

constexpr std::array kLicenceFields{
    ChangeableField{"name", Type::Text, false, {}, "text"},
    ChangeableField{"entitlement", Type::Text, false, {}, "text: the key (never in the history)", true},
    ChangeableField{"seats", Type::Integer, false, {}, "a whole number, 0 to 1,000,000"},
    ChangeableField{"expires_on", Type::Text, false, {}, "YYYY-MM-DD or \"\""},
    ChangeableField{"supplier", Type::Text, false, {}, "text"},
    ChangeableField{"purchase_ref", Type::Text, false, {}, "text"},
    ChangeableField{"dsl_item_id", Type::Id, true, {}, "a DSL item id, or null"},
};

std::optional<FieldValues> licenceNow(Store &store, const Id &id)
{
    const auto l = store.licence(id);
    if (!l)
        return std::nullopt;
    return FieldValues{{"name", l->name},
                       {"entitlement", l->entitlement},
                       {"seats", std::to_string(l->seats)},
                       {"expires_on", l->expiresOn},
                       {"supplier", l->supplier},
                       {"purchase_ref", l->purchaseRef},
                       {"dsl_item_id", idText(l->dslItemId)}};
}

void licenceWrite(Store &store, const Id &id, const FieldValues &values, const Id &by, Millis at)
{
    auto l = store.licence(id);
    if (!l)
        throw NotFoundError("licence", id.toString());
    l->name = textValue(values, "name", l->name);
    l->entitlement = textValue(values, "entitlement", l->entitlement);
    if (values.count("seats")) {
        const auto text = textValue(values, "seats", "");
        int seats = 0;
        const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), seats);
        if (ec != std::errc() || end != text.data() + text.size())
            throw ValidationError("seats", "must be a whole number");
        l->seats = seats;
    }
    l->expiresOn = textValue(values, "expires_on", l->expiresOn);
    l->supplier = textValue(values, "supplier", l->supplier);
    l->purchaseRef = textValue(values, "purchase_ref", l->purchaseRef);
    l->dslItemId = idValue(values, "dsl_item_id", l->dslItemId);
    store.updateLicence(*l, by, at);
}

const ChangeableTable kAssets{"assets", kAssetFields, assetNow, assetWrite};
const ChangeableTable kServices{"services", kServiceFields, serviceNow, serviceWrite};
const ChangeableTable kReleases{"releases", kReleaseFields, releaseNow, releaseWrite};
const ChangeableTable kPeople{"users", kPersonFields, personNow, personWrite};
const ChangeableTable kDsl{"dsl_items", kDslFields, dslNow, dslWrite};
const ChangeableTable kLicences{"licences", kLicenceFields, licenceNow, licenceWrite};

// --- sets ---

std::vector<Id> installersNow(Store &store, const Id &id)
{
    const auto r = store.release(id);
    if (!r)
        throw NotFoundError("release", id.toString());
    return r->installers;
}

void installersWrite(Store &store, const Id &id, const std::vector<Id> &ids, const Id &by, Millis at)
{
    store.setReleaseInstallers(id, ids, by, at);
}

std::vector<Id> targetsNow(Store &store, const Id &id)
{
    const auto r = store.release(id);
    if (!r)
        throw NotFoundError("release", id.toString());
    auto out = r->targetAssets;
    out.insert(out.end(), r->targetRooms.begin(), r->targetRooms.end());
    return out;
}

void targetsWrite(Store &store, const Id &id, const std::vector<Id> &ids, const Id &by, Millis at)
{
    auto r = store.release(id);
    if (!r)
        throw NotFoundError("release", id.toString());
    r->targetAssets.clear();
    r->targetRooms.clear();
    for (const auto &t : ids)
        (store.asset(t) ? r->targetAssets : r->targetRooms).push_back(t);
    store.updateRelease(*r, by, at);
}

std::vector<Id> sitesNow(Store &store, const Id &id)
{
    if (!store.user(id))
        throw NotFoundError("user", id.toString());
    return store.userSites(id);
}

void sitesWrite(Store &store, const Id &id, const std::vector<Id> &ids, const Id &, Millis)
{
    store.setUserSites(id, ids);
}

const ChangeableSet kInstallers{"releases", "installers", installersNow, installersWrite};
const ChangeableSet kTargets{"releases", "targets", targetsNow, targetsWrite};
const ChangeableSet kSites{"users", "sites", sitesNow, sitesWrite};

} // namespace

const ChangeableTable &assetFields() noexcept
{
    return kAssets;
}

const ChangeableTable &serviceFields() noexcept
{
    return kServices;
}

const ChangeableTable &releaseFields() noexcept
{
    return kReleases;
}

const ChangeableTable &personFields() noexcept
{
    return kPeople;
}

const ChangeableTable &dslFields() noexcept
{
    return kDsl;
}

const ChangeableTable &licenceFields() noexcept
{
    return kLicences;
}

const ChangeableTable *changeableTable(std::string_view table) noexcept
{
    for (const auto *t : {&kAssets, &kServices, &kReleases, &kPeople, &kDsl, &kLicences}) {
        if (t->table == table)
            return t;
    }
    return nullptr;
}

const ChangeableField *changeableField(const ChangeableTable &table, std::string_view name) noexcept
{
    for (const auto &f : table.fields) {
        if (f.name == name)
            return &f;
    }
    return nullptr;
}

void checkChanges(const ChangeableTable &table, const std::map<std::string, FieldChange> &changes)
{
    for (const auto &[name, change] : changes) {
        const auto *f = changeableField(table, name);
        if (!f)
            throw ProtocolError("wrong_type",
                                "'" + printable(name, 40) + "' is not a field of " + std::string(table.table) +
                                    " a device may change");
        for (const auto *v : {&change.from, &change.to}) {
            if (!*v)
                continue;
            bool ok = true;
            if (f->type == Type::Id) {
                try {
                    (void)Id::parse(**v, name);
                } catch (const ValidationError &) {
                    ok = false;
                }
            } else if (f->type == Type::Enum || f->type == Type::Boolean) {
                ok = std::find(f->names.begin(), f->names.end(), **v) != f->names.end();
            } else if (f->type == Type::Integer) {
                int n = 0;
                const auto [end, ec] = std::from_chars((*v)->data(), (*v)->data() + (*v)->size(), n);
                ok = ec == std::errc() && end == (*v)->data() + (*v)->size();
            }
            if (!ok)
                throw ProtocolError("wrong_type", "field '" + name + "' must be " + std::string(f->what));
        }
        if (!change.to && !f->nullable)
            throw ProtocolError("wrong_type", "field '" + name + "' cannot be set to null");
    }
}

std::map<std::string, FieldChange> changesBetween(const ChangeableTable &table, const FieldValues &before,
                                                  const FieldValues &after)
{
    std::map<std::string, FieldChange> out;
    for (const auto &f : table.fields) {
        const std::string name(f.name);
        const auto from = before.count(name) ? before.at(name) : std::nullopt;
        const auto to = after.count(name) ? after.at(name) : std::nullopt;
        if (from != to)
            out.emplace(name, FieldChange{from, to});
    }
    return out;
}

const ChangeableSet &releaseInstallers() noexcept
{
    return kInstallers;
}

const ChangeableSet &releaseTargets() noexcept
{
    return kTargets;
}

const ChangeableSet &personSites() noexcept
{
    return kSites;
}

const ChangeableSet *changeableSet(std::string_view table, std::string_view field) noexcept
{
    for (const auto *s : {&kInstallers, &kTargets, &kSites}) {
        if (s->table == table && s->field == field)
            return s;
    }
    return nullptr;
}

void recordChanges(Store &store, const ChangeableTable &table, const Id &id,
                   const std::map<std::string, FieldChange> &changes, const Id &by, Millis at, const Id &key)
{
    for (const auto &[name, change] : changes) {
        const auto *f = changeableField(table, name);
        const bool secret = f && f->secret;
        const auto shown = [&](const std::optional<std::string> &v) {
            return secret && v ? std::optional<std::string>("(hidden)") : v;
        };
        store.recordChange(
            RecordChange{Id::derived(key, name), std::string(table.table), id, name, shown(change.from), shown(change.to), by, at});
    }
}

void recordSetChange(Store &store, const ChangeableSet &set, const Id &id, const std::string &from,
                     const std::string &to, const Id &by, Millis at, const Id &key)
{
    store.recordChange(RecordChange{Id::derived(key, set.field), std::string(set.table), id, std::string(set.field),
                                    from, to, by, at});
}

std::string setText(std::vector<Id> ids)
{
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    std::string out;
    for (const auto &id : ids)
        out += (out.empty() ? "" : ",") + id.toString();
    return out;
}

std::vector<Id> parseSetText(std::string_view text)
{
    std::vector<Id> out;
    while (!text.empty()) {
        const auto comma = text.find(',');
        out.push_back(Id::parse(text.substr(0, comma), "id"));
        if (comma == std::string_view::npos)
            break;
        text.remove_prefix(comma + 1);
    }
    return out;
}

} // namespace rd::sync
