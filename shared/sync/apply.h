#pragma once

#include "kinds.h"
#include "protocol.h"
#include "rights.h"

#include <functional>
#include <map>
#include <string>

namespace rd {
class Store;
namespace sql {
class Database;
}
} // namespace rd

namespace rd::sync {

/** One mutation of a push, read and type-checked before anything is applied. */
struct Mutation {
    std::int64_t seq = 0;
    const MutationKind *kind = nullptr;
    MutationData data;
    const codec::json::object *sent = nullptr; ///< the data as sent (kept with a refusal), in the request's arena
    Millis at = 0;                             ///< when the device made it, by its clock (the history's "when")
};

/** The answer to one mutation, as the push answer lists it. */
struct MutationResult {
    std::int64_t seq = 0;
    std::string status; ///< applied, merged, conflict, rejected, duplicate
    codec::json::object extra;
};

/**
 * Applies one device's mutations inside the push's transaction, each through the store's checked
 * write methods, after the rights check; a rule's refusal is kept (sync_rejections) and answered
 * with the server's current rows, a record that already exists is merged, a field change that
 * lost is kept as a conflict. Throws ForbiddenError (the whole push is refused) and lets database
 * failures through (the push fails and is rolled back).
 */
class MutationApplier {
public:
    /** @p log receives what a device is not told (the database's own words), with its reference. */
    MutationApplier(Store &store, const Principal &who, Millis now, const std::function<void(const std::string &)> &log);

    /** Checks the rights for @p m against what the server holds now, then applies it. */
    MutationResult apply(const Mutation &m);
    /** What a replayed mutation ended as: merged, refused, or simply applied before. */
    MutationResult replayed(const Mutation &m);

    /** The record an id stands for: itself, or the record it was merged into. */
    Id canonical(const Id &id);
    /**
     * Asks at once what every id that @p mutations refer to stands for, so that canonical()
     * answers them without a query each: a few queries a push instead of one an id.
     */
    void prefetchCanonical(const std::vector<Mutation> &mutations);

private:
    void applyOne(const Asset &d, const Mutation &m, MutationResult &r);
    void applyOne(const Installation &d, const Mutation &m, MutationResult &r);
    void applyOne(const StepResult &d, const Mutation &m, MutationResult &r);
    void applyOne(const SignOff &d, const Mutation &m, MutationResult &r);
    void applyOne(const BackOut &d, const Mutation &m, MutationResult &r);
    void applyOne(const ScanOverride &d, const Mutation &m, MutationResult &r);
    void applyOne(const FieldChanges &d, const Mutation &m, MutationResult &r);
    void applyOne(const ReleaseStatusChange &d, const Mutation &m, MutationResult &r);
    void applyOne(const Resolution &d, const Mutation &m, MutationResult &r);
    void applyOne(const Service &d, const Mutation &m, MutationResult &r);
    void applyOne(const SetChange &d, const Mutation &m, MutationResult &r);
    void applyOne(const RecordAction &d, const Mutation &m, MutationResult &r);
    void applyOne(const BuildStart &d, const Mutation &m, MutationResult &r);
    void applyOne(const BuildDraft &d, const Mutation &m, MutationResult &r);
    void applyOne(const BuildReturn &d, const Mutation &m, MutationResult &r);
    void applyOne(const Release &d, const Mutation &m, MutationResult &r);
    void applyOne(const ReleaseClose &d, const Mutation &m, MutationResult &r);
    void applyOne(const Person &d, const Mutation &m, MutationResult &r);
    void applyOne(const DslItem &d, const Mutation &m, MutationResult &r);
    void applyOne(const Site &d, const Mutation &m, MutationResult &r);
    void applyOne(const Room &d, const Mutation &m, MutationResult &r);
    void applyOne(const RoomAudit &d, const Mutation &m, MutationResult &r);
    void applyOne(const MediaLoan &d, const Mutation &m, MutationResult &r);
    void applyOne(const Licence &d, const Mutation &m, MutationResult &r);
    void applyOne(const LicenceAssignment &d, const Mutation &m, MutationResult &r);

    /** The base of the ids of the rows that follow from @p m (its history rows): the device and number. */
    [[nodiscard]] Id keyOf(const Mutation &m) const;

    /** Writes a build draft's parts over the draft @p id (at the draft's current revision). */
    void saveDraft(const BuildDraft &d);

    void merged(MutationResult &r, const Mutation &m, std::string_view table, const Id &alias, const Id &kept);
    Id recordLoss(std::string_view table, const Id &record, const std::string &field,
                  const std::optional<std::string> &kept, const FieldChange &change);
    /** The answer says "conflict", with the conflicts kept. */
    static void conflicted(MutationResult &r, codec::json::array conflicts);
    void addCurrent(MutationResult &r, const Mutation &m);
    /** The refusal's words for the device: the rule's own, or, for the database's, a reference. */
    std::string refusalWords(const Error &e, const Mutation &m);

    Store &m_store;
    sql::Database &m_db;
    const Principal &m_who;
    Millis m_now;
    const std::function<void(const std::string &)> &m_log;
    std::map<Id, Id> m_canonical; // ids asked in this push -> the record they stand for
    RightsCheck m_rights;
};

} // namespace rd::sync
