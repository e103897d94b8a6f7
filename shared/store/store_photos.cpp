// Photo evidence (issue 12): the tablet's list of the photos it keeps and whether the server has
// each; not a synced table, so no change sequence and no tombstones.
#include "store.h"

#include "domain/errors.h"
#include "domain/photoref.h"

namespace rd {

namespace {

void requireSha(std::string_view sha256)
{
    if (!isSha256Hex(sha256))
        throw ValidationError("photo", "a photo is named by 64 lower-case hex digits (its SHA-256)");
}

Store::PhotoUpload photoRow(const sql::Statement &s)
{
    return {s.text(0), s.int64(1), s.int64(2), s.optInt64(3), s.text(4)};
}

} // namespace

void Store::keepPhoto(std::string_view sha256, std::int64_t bytes, Millis takenAt)
{
    requireSha(sha256);
    if (bytes <= 0)
        throw ValidationError("photo", "an empty photo file");
    m_db.query("INSERT INTO photo_uploads(sha256, bytes, taken_at) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING")
        ->bindAll(sha256, bytes, takenAt)
        .run();
}

std::vector<Store::PhotoUpload> Store::photosToUpload()
{
    std::vector<PhotoUpload> out;
    auto q = m_db.query("SELECT sha256, bytes, taken_at, uploaded_at, refused FROM photo_uploads "
                        "WHERE uploaded_at IS NULL AND refused = '' ORDER BY taken_at, sha256");
    while (q->step())
        out.push_back(photoRow(*q));
    return out;
}

std::optional<Store::PhotoUpload> Store::photoUpload(std::string_view sha256)
{
    auto q = m_db.query("SELECT sha256, bytes, taken_at, uploaded_at, refused FROM photo_uploads WHERE sha256 = ?1");
    q->bind(1, sha256);
    if (!q->step())
        return std::nullopt;
    return photoRow(*q);
}

void Store::markPhotoUploaded(std::string_view sha256, Millis at)
{
    m_db.query("UPDATE photo_uploads SET uploaded_at = ?2 WHERE sha256 = ?1")->bindAll(sha256, at).run();
}

void Store::markPhotoRefused(std::string_view sha256, std::string_view reason)
{
    m_db.query("UPDATE photo_uploads SET refused = ?2 WHERE sha256 = ?1")->bindAll(sha256, reason).run();
}

std::vector<Id> Store::photoSites(std::string_view evidence)
{
    std::vector<Id> out;
    // The LIKE repeats the partial index's condition so that SQLite takes the index.
    auto q = m_db.query("SELECT DISTINCT a.site_id FROM step_results r "
                        "JOIN installations i ON i.id = r.installation_id JOIN assets a ON a.id = i.asset_id "
                        "WHERE r.evidence = ?1 AND r.evidence LIKE 'photo:%'");
    q->bind(1, evidence);
    while (q->step())
        out.push_back(q->id(0));
    return out;
}

} // namespace rd
