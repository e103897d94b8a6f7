// Photo evidence in the core (issue 12): the reference a step result carries, the tablet's list of
// photos to upload, and the sites a photo is evidence at (who may fetch it from the server).
#include "fixture.h"

#include "domain/errors.h"
#include "domain/photoref.h"
#include "store/views.h"

using namespace rd;
using namespace rd::test;

namespace {
const std::string kSha = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
const std::string kOther = std::string(64, 'a');
} // namespace

TEST_CASE("A photo reference names a SHA-256 in lower-case hex, and nothing else", "[photo]")
{
    CHECK(photoEvidence(kSha) == "photo:sha256:" + kSha);
    CHECK(photoSha256("photo:sha256:" + kSha) == kSha);
    CHECK_FALSE(photoSha256(kSha));                              // no prefix: a scanned value
    CHECK_FALSE(photoSha256("photo:sha256:" + kSha.substr(1)));  // 63 digits
    CHECK_FALSE(photoSha256("photo:sha256:" + std::string(64, 'A'))); // upper case
    CHECK_FALSE(photoSha256("photo:sha256:" + kSha + "0"));
    CHECK_FALSE(photoSha256(""));
    CHECK(isSha256Hex(kSha));
    CHECK_FALSE(isSha256Hex("../" + kSha.substr(3)));
}

TEST_CASE("The tablet lists the photos it keeps until the server has them or refuses them", "[photo]")
{
    SchoolFixture f;
    f.store.keepPhoto(kSha, 1234, kT0);
    f.store.keepPhoto(kOther, 99, kT0 + 1);
    f.store.keepPhoto(kSha, 5555, kT0 + 2); // kept already: unchanged
    auto waiting = f.store.photosToUpload();
    REQUIRE(waiting.size() == 2);
    CHECK(waiting[0].sha256 == kSha);
    CHECK(waiting[0].bytes == 1234);
    CHECK(waiting[1].sha256 == kOther);

    f.store.markPhotoUploaded(kSha, kT0 + 10);
    f.store.markPhotoRefused(kOther, "the photo is larger than the server takes");
    CHECK(f.store.photosToUpload().empty());
    CHECK(f.store.photoUpload(kSha)->uploadedAt == kT0 + 10);
    CHECK(f.store.photoUpload(kOther)->refused == "the photo is larger than the server takes");
    CHECK_FALSE(f.store.photoUpload(std::string(64, 'b')));

    CHECK_THROWS_AS(f.store.keepPhoto("not-a-hash", 10, kT0), ValidationError);
    CHECK_THROWS_AS(f.store.keepPhoto(std::string(64, 'c'), 0, kT0), ValidationError);
}

TEST_CASE("A photo is evidence at the sites of the assets whose lines refer to it", "[photo]")
{
    SchoolFixture f;
    const Id release = f.store.addRelease(f.releaseSpec("R-2026-001"));
    const Id inst = f.startOn(release, f.asset);
    CHECK(f.store.photoSites(photoEvidence(kSha)).empty());
    f.store.recordStepResult(
        {{}, inst, f.steps.at(0).id, StepOutcome::Pass, "", photoEvidence(kSha), f.installer, kT0 + 3 * kDay});
    CHECK(f.store.photoSites(photoEvidence(kSha)) == std::vector<Id>{f.site});
    CHECK(f.store.photoSites(photoEvidence(kOther)).empty());
    // The index the server reads it through (SQLite's plan; PostgreSQL plans by its statistics).
    if (!f.store.database().isPostgres()) {
        auto plan = f.store.database().query(
            "EXPLAIN QUERY PLAN SELECT 1 FROM step_results r WHERE r.evidence = ?1 AND r.evidence LIKE 'photo:%'");
        plan->bind(1, photoEvidence(kSha));
        std::string how;
        while (plan->step())
            how += plan->text(3) + "\n";
        CHECK_THAT(how, Catch::Contains("step_results_photo"));
    }

    // The asset's history says "photo" and carries the reference, not "scanned photo:...".
    Views views(f.store);
    const auto history = views.assetHistory(f.asset);
    const auto line = std::find_if(history.begin(), history.end(), [](const auto &h) { return !h.photo.empty(); });
    REQUIRE(line != history.end());
    CHECK(line->photo == photoEvidence(kSha));
    CHECK(line->detail == "photo");
}
