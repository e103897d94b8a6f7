#include "kinds.h"

#include "tables.h"

#include "domain/text.h"
#include "store/migrations.h"
#include "store/database.h"

#include <algorithm>
#include <array>

namespace rd::sync {

namespace {

using C = Condition;

template <typename Record>
MutationData decodeAs(const codec::json::object &data)
{
    return codec::fromJson<Record>(data);
}

template <const ChangeableTable &(*table)()>
MutationData decodeChanges(const codec::json::object &data)
{
    auto changes = codec::fromJson<FieldChanges>(data);
    checkChanges(table(), changes.changes);
    return changes;
}

// Who may, kind by kind. Release managers work at every site, so "one of their sites" always
// holds for them; they still record work only as themselves.

constexpr std::array kAddAssetInstaller{Requirement{C::AtTheirSite, "site_id"}};
constexpr std::array kAddAsset{Grant{ReleaseManagers, {}}, Grant{Installers, kAddAssetInstaller}};

constexpr std::array kSetAssetFieldsInstaller{Requirement{C::AssetAtTheirSite, "id"},
                                              Requirement{C::MovesOnlyToTheirSites, "changes"}};
constexpr std::array kSetAssetFields{Grant{ReleaseManagers, {}}, Grant{Installers, kSetAssetFieldsInstaller}};

constexpr std::array<std::string_view, 2> kInstallerReleaseStatuses{"in-progress", "installed"};
constexpr std::array kSetReleaseStatusInstaller{Requirement{C::InstallerOfRelease, "id"},
                                                Requirement{C::ValueIn, "to", kInstallerReleaseStatuses}};
constexpr std::array kSetReleaseStatus{Grant{ReleaseManagers, {}}, Grant{Installers, kSetReleaseStatusInstaller}};

constexpr std::array kStartManager{Requirement{C::AsThemselves, "started_by"}};
constexpr std::array kStartInstaller{Requirement{C::AsThemselves, "started_by"},
                                     Requirement{C::InstallerOfRelease, "release_id"}};
constexpr std::array kStart{Grant{ReleaseManagers, kStartManager}, Grant{Installers, kStartInstaller}};

constexpr std::array kAuditManager{Requirement{C::AsThemselves, "audited_by"}};
constexpr std::array kAuditInstaller{Requirement{C::AsThemselves, "audited_by"},
                                     Requirement{C::AtTheirSite, "site_id"}};
constexpr std::array kAudit{Grant{ReleaseManagers, kAuditManager}, Grant{Installers, kAuditInstaller}};

constexpr std::array kRecordedByManager{Requirement{C::AsThemselves, "recorded_by"}};
constexpr std::array kRecordedByInstaller{Requirement{C::AsThemselves, "recorded_by"},
                                          Requirement{C::InstallerOfInstallation, "installation_id"}};
constexpr std::array kRecordedBy{Grant{ReleaseManagers, kRecordedByManager},
                                 Grant{Installers, kRecordedByInstaller}};

constexpr std::array kBackOutManager{Requirement{C::AsThemselves, "performed_by"}};
constexpr std::array kBackOutInstaller{Requirement{C::AsThemselves, "performed_by"},
                                       Requirement{C::InstallerOfInstallation, "installation_id"}};
constexpr std::array kBackOut{Grant{ReleaseManagers, kBackOutManager}, Grant{Installers, kBackOutInstaller}};

constexpr std::array kOverrideInstaller{
    Requirement{C::AsThemselves, "recorded_by"}, Requirement{C::AssetAtTheirSite, "asset_id"},
    Requirement{C::InstallerOfInstallation, "installation_id", {}, true}};
constexpr std::array kOverride{Grant{ReleaseManagers, kRecordedByManager}, Grant{Installers, kOverrideInstaller}};

// The office: release managers decide; build developers write build procedures.
constexpr std::array kByThemselves{Requirement{C::AsThemselves, "by"}};
constexpr std::array kCreatedByThemselves{Requirement{C::AsThemselves, "created_by"}};
constexpr std::array kOffice{Grant{ReleaseManagers | BuildDevelopers, {}}};
constexpr std::array kManagers{Grant{ReleaseManagers, {}}};
constexpr std::array kManagersThemselves{Grant{ReleaseManagers, kByThemselves}};
constexpr std::array kDevelopersThemselves{Grant{BuildDevelopers, kByThemselves}};
constexpr std::array kDevelopersCreate{Grant{BuildDevelopers, kCreatedByThemselves}};
constexpr std::array kManagersCreate{Grant{ReleaseManagers, kCreatedByThemselves}};

constexpr std::array kTakenByThemselves{Requirement{C::AsThemselves, "taken_by"}};
constexpr std::array kAnyoneTakes{Grant{Everyone, kTakenByThemselves}};
constexpr std::array kAnyoneThemselves{Grant{Everyone, kByThemselves}};
constexpr std::array kAssignedByThemselves{Requirement{C::AsThemselves, "assigned_by"}};
constexpr std::array kOfficeAssigns{Grant{ReleaseManagers | BuildDevelopers, kAssignedByThemselves}};

constexpr std::array kResolveManager{Requirement{C::AsThemselves, "by"}};
constexpr std::array kResolveLoser{Requirement{C::AsThemselves, "by"}, Requirement{C::LostTheConflict, "id"},
                                   Requirement{C::ConflictAtTheirSite, "id"}};
constexpr std::array kResolve{Grant{ReleaseManagers, kResolveManager}, Grant{Everyone, kResolveLoser}};

const std::array kKinds{
    MutationKind{"addAsset", "registers a piece of hardware", "assets", kAddAsset, decodeAs<Asset>,
                 describeRecord<Asset>},
    MutationKind{"setAssetFields", "moves an asset, or changes its status or user", "", kSetAssetFields,
                 decodeChanges<assetFields>, describeRecord<FieldChanges>, &assetFields()},
    MutationKind{"setReleaseStatus", "moves a release through its life", "", kSetReleaseStatus,
                 decodeAs<ReleaseStatusChange>, describeRecord<ReleaseStatusChange>},
    MutationKind{"startInstallation", "starts one unit of a release on an asset", "installations", kStart,
                 decodeAs<Installation>, describeRecord<Installation>, nullptr, nullptr, MutationKind::Writes::BesideOthers},
    MutationKind{"recordStepResult", "records a checklist line's result (append-only; the latest counts)",
                 "step_results", kRecordedBy, decodeAs<StepResult>, describeRecord<StepResult>, nullptr, nullptr,
                 MutationKind::Writes::BesideOthers},
    MutationKind{"signOff", "the user's acceptance; the installation becomes accepted", "signoffs", kRecordedBy,
                 decodeAs<SignOff>, describeRecord<SignOff>, nullptr, nullptr, MutationKind::Writes::BesideOthers},
    MutationKind{"recordBackOut", "takes an installation back out by the back-out plan", "backouts", kBackOut,
                 decodeAs<BackOut>, describeRecord<BackOut>},
    MutationKind{"recordScanOverride", "keeps a refused scan taken on the technician's word", "scan_overrides",
                 kOverride, decodeAs<ScanOverride>, describeRecord<ScanOverride>},
    MutationKind{"recordRoomAudit", "keeps a room audit: each asset of the room found or missing, each other scan",
                 "room_audits", kAudit, decodeAs<RoomAudit>, describeRecord<RoomAudit>},
    MutationKind{"resolveConflict", "settles a conflict with the value to keep", "", kResolve,
                 decodeAs<Resolution>, describeRecord<Resolution>},
    // the office
    MutationKind{"addSite", "adds a site (a school or building) of the organisation", "sites", kManagers,
                 decodeAs<Site>, describeRecord<Site>},
    MutationKind{"addRoom", "adds a room to a site", "rooms", kManagers, decodeAs<Room>, describeRecord<Room>},
    MutationKind{"addService", "adds a service to the catalogue", "services", kOffice, decodeAs<Service>,
                 describeRecord<Service>},
    MutationKind{"setServiceFields", "changes a service's name, description, what users get or owner", "", kOffice,
                 decodeChanges<serviceFields>, describeRecord<FieldChanges>, &serviceFields()},
    MutationKind{"retireService", "retires a service (none of its releases open)", "", kManagersThemselves,
                 decodeAs<RecordAction>, describeRecord<RecordAction>},
    MutationKind{"draftBuild", "starts a new version of a service's build procedure, as a draft", "build_procedures",
                 kDevelopersCreate, decodeAs<BuildStart>, describeRecord<BuildStart>},
    MutationKind{"saveBuildDraft", "replaces a draft's four parts", "", kDevelopersThemselves, decodeAs<BuildDraft>,
                 describeRecord<BuildDraft>},
    MutationKind{"submitBuild", "hands a draft in for approval", "", kDevelopersThemselves, decodeAs<RecordAction>,
                 describeRecord<RecordAction>},
    MutationKind{"returnBuild", "sends a submitted version back to draft, with the reason", "", kManagersThemselves,
                 decodeAs<BuildReturn>, describeRecord<BuildReturn>},
    MutationKind{"approveBuild", "approves a submitted version; the service's approved one before it retires", "",
                 kManagersThemselves, decodeAs<RecordAction>, describeRecord<RecordAction>},
    MutationKind{"retireBuild", "retires a version", "", kManagersThemselves, decodeAs<RecordAction>,
                 describeRecord<RecordAction>},
    MutationKind{"planRelease", "plans a release of an approved build", "releases", kManagersCreate,
                 decodeAs<Release>, describeRecord<Release>},
    MutationKind{"setReleaseFields", "changes a release's plan", "", kManagers, decodeChanges<releaseFields>,
                 describeRecord<FieldChanges>, &releaseFields()},
    MutationKind{"setReleaseInstallers", "replaces a release's installers", "", kManagers, decodeAs<SetChange>,
                 describeRecord<SetChange>, nullptr, &releaseInstallers()},
    MutationKind{"setReleaseTargets", "replaces the assets and rooms a release names", "", kManagers,
                 decodeAs<SetChange>, describeRecord<SetChange>, nullptr, &releaseTargets()},
    MutationKind{"closeRelease", "closes a release with its post-implementation review", "", kManagersThemselves,
                 decodeAs<ReleaseClose>, describeRecord<ReleaseClose>},
    MutationKind{"addPerson", "adds a person, their role and sites", "users", kManagers, decodeAs<Person>,
                 describeRecord<Person>},
    MutationKind{"setPersonFields", "changes a person's name, role, or switches them off or on", "", kManagers,
                 decodeChanges<personFields>, describeRecord<FieldChanges>, &personFields()},
    MutationKind{"setPersonSites", "replaces the sites a person works at", "", kManagers, decodeAs<SetChange>,
                 describeRecord<SetChange>, nullptr, &personSites()},
    // the Definitive Software Library and the licence log
    MutationKind{"addDslItem", "adds a software item to the DSL", "dsl_items", kOffice, decodeAs<DslItem>,
                 describeRecord<DslItem>},
    MutationKind{"setDslItemFields", "changes a DSL item", "", kOffice, decodeChanges<dslFields>,
                 describeRecord<FieldChanges>, &dslFields()},
    MutationKind{"takeOutMedia", "writes a line in the in/out book: original media taken out", "media_loans",
                 kAnyoneTakes, decodeAs<MediaLoan>, describeRecord<MediaLoan>},
    MutationKind{"returnMedia", "books original media back in (`id`: the loan)", "", kAnyoneThemselves,
                 decodeAs<RecordAction>, describeRecord<RecordAction>},
    MutationKind{"addLicence", "adds a licence to the licence log", "licences", kOffice, decodeAs<Licence>,
                 describeRecord<Licence>},
    MutationKind{"setLicenceFields", "changes a licence", "", kOffice, decodeChanges<licenceFields>,
                 describeRecord<FieldChanges>, &licenceFields()},
    MutationKind{"assignLicence", "gives an asset a seat of a licence", "licence_assignments", kOfficeAssigns,
                 decodeAs<LicenceAssignment>, describeRecord<LicenceAssignment>},
    MutationKind{"unassignLicence", "takes a seat back (`id`: the seat)", "", kOffice, decodeAs<RecordAction>,
                 describeRecord<RecordAction>},
};

std::string roleWords(unsigned roles)
{
    if (roles == Everyone)
        return "anyone";
    std::string out;
    for (const auto role : {Role::ReleaseManager, Role::BuildDeveloper, Role::Installer}) {
        if (roles & (1u << static_cast<unsigned>(role)))
            out += (out.empty() ? "`" : " or `") + std::string(toString(role)) + "`";
    }
    return out;
}

std::string requirementWords(const Requirement &r)
{
    const std::string f = "`" + std::string(r.field) + "`";
    std::string out;
    switch (r.condition) {
    case C::AsThemselves:
        out = "as themselves (" + f + ")";
        break;
    case C::InstallerOfRelease:
        out = "an installer of the release " + f;
        break;
    case C::InstallerOfInstallation:
        out = "an installer of the release of the installation " + f;
        break;
    case C::AtTheirSite:
        out = "at one of their sites (" + f + ")";
        break;
    case C::AssetAtTheirSite:
        out = "the asset " + f + " at one of their sites";
        break;
    case C::MovesOnlyToTheirSites:
        out = "a new `site_id` one of their sites";
        break;
    case C::ValueIn:
        out = f + " ";
        for (std::size_t i = 0; i < r.values.size(); ++i)
            out += (i ? (i + 1 == r.values.size() ? " or `" : ", `") : "`") + std::string(r.values[i]) + "`";
        break;
    case C::LostTheConflict:
        out = "whose value lost in the conflict " + f;
        break;
    case C::ConflictAtTheirSite:
        out = "its record at one of their sites";
        break;
    }
    if (r.ifGiven)
        out += " when given";
    return out;
}

} // namespace

std::span<const MutationKind> mutationKinds() noexcept
{
    return kKinds;
}

const MutationKind &mutationKind(std::string_view name)
{
    for (const auto &k : kKinds) {
        if (k.name == name)
            return k;
    }
    throw ProtocolError("wrong_type", "unknown mutation kind '" + printable(name, 40) + "'");
}

codec::json::object toJson(const MutationData &data)
{
    return std::visit([](const auto &d) { return codec::toJson(d); }, data);
}

std::optional<Id> idField(const MutationData &data, std::string_view name)
{
    return std::visit([&](const auto &d) { return idField(d, name); }, data);
}

std::optional<std::string> textField(const MutationData &data, std::string_view name)
{
    return std::visit([&](const auto &d) { return textField(d, name); }, data);
}

bool roleHasGrant(const MutationKind &kind, Role role) noexcept
{
    const unsigned bit = 1u << static_cast<unsigned>(role);
    return std::any_of(kind.grants.begin(), kind.grants.end(), [bit](const Grant &g) { return (g.roles & bit) != 0; });
}

std::string describeGrants(const MutationKind &kind)
{
    std::string out;
    for (const auto &g : kind.grants) {
        out += out.empty() ? "" : "; ";
        out += roleWords(g.roles);
        for (const auto &r : g.requirements)
            out += ", " + requirementWords(r);
    }
    return out;
}

std::string protocolTablesMarkdown()
{
    std::string md;
    md += "| kind | what it does | data | creates | who may |\n| --- | --- | --- | --- | --- |\n";
    for (const auto &k : kKinds) {
        md += "| `" + std::string(k.name) + "` | " + std::string(k.summary) + " | " + k.describe().name + " | " +
              (k.creates.empty() ? std::string("–") : "`" + std::string(k.creates) + "`") + " | " +
              describeGrants(k) + " |\n";
    }
    md += "\nEvery kind's `data` is one record, with these fields (the database's column names). A required\n"
          "field must be there and not null; an optional one may be left out or null, and its default (empty\n"
          "text, no id) stands. Fields not listed are ignored. Text rules are the store's: text is trimmed of\n"
          "surrounding white space, must be valid UTF-8 without control characters, and a value that breaks a\n"
          "rule gets the mutation `rejected` with the reason.\n";
    for (const auto &k : kKinds) {
        const auto doc = k.describe();
        md += "\n#### `" + std::string(k.name) + "`: " + doc.name + "\n\n";
        md += "| field | type | required | rule | note |\n| --- | --- | --- | --- | --- |\n";
        for (const auto &f : doc.fields) {
            md += "| `" + f.name + "` | " + f.type + " | " + (f.required ? "yes" : "no") + " | " +
                  (f.rule.empty() ? std::string("–") : f.rule) + " | " + (f.note.empty() ? std::string("–") : f.note) +
                  " |\n";
        }
        for (const auto &part : doc.parts) {
            md += "\nEach " + part.name + ":\n\n| field | type | required | rule | note |\n| --- | --- | --- | --- | --- |\n";
            for (const auto &f : part.fields) {
                md += "| `" + f.name + "` | " + f.type + " | " + (f.required ? "yes" : "no") + " | " +
                      (f.rule.empty() ? std::string("–") : f.rule) + " | " +
                      (f.note.empty() ? std::string("–") : f.note) + " |\n";
            }
        }
        if (!doc.computed.empty()) {
            md += "\nThe server computes:";
            for (const auto &c : doc.computed)
                md += " `" + std::string(c.name) + "`: " + std::string(c.how) + ";";
            md.back() = '.';
            md += "\n";
        }
        if (k.fields) {
            md += "\nThe fields of `" + std::string(k.fields->table) +
                  "` it may change, each as `{\"from\": the value it saw, \"to\": the value it set}` (text or "
                  "null); a `from` that is no longer the server's value makes that field a conflict:\n\n"
                  "| field | values | may be null |\n| --- | --- | --- |\n";
            for (const auto &f : k.fields->fields)
                md += "| `" + std::string(f.name) + "` | " + std::string(f.what) + " | " + (f.nullable ? "yes" : "no") +
                      " |\n";
        }
        if (k.set)
            md += "\nReplaces the `" + std::string(k.set->field) + "` of a `" + std::string(k.set->table) +
                  "` record; a `from` that is not the server's set makes the change a conflict.\n";
    }
    md += "\n#### The tables a pull carries\n\nParents before children. Each row is an array of the "
          "`columns` the page names (the server's schema, in this order today; read them by name). Ids are UUID "
          "text, times Unix milliseconds, enums their names; a value may be null where the column allows it.\n\n"
          "| table | key | columns | who receives its rows |\n| --- | --- | --- | --- |\n";
    sql::Database schema(":memory:");
    migrate(schema);
    for (const auto &t : syncedTables()) {
        std::string columns;
        for (const auto &c : tableColumns(schema, t.name).names) {
            if (c != "seq")
                columns += (columns.empty() ? "`" : ", `") + c + "`";
        }
        md += "| `" + std::string(t.name) + "` | `" + std::string(t.key1) + "`" +
              (t.key2.empty() ? std::string() : ", `" + std::string(t.key2) + "`") + " | " + columns + " | " +
              std::string(t.scopeWords) + " |\n";
    }
    return md;
}

} // namespace rd::sync
