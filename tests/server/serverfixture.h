#pragma once

#include "domain/id.h"

#include <filesystem>
#include <string>

namespace rd::test {

/** A fresh directory under the system temp directory, removed with everything in it. */
struct TempDir {
    TempDir();
    ~TempDir();
    TempDir(const TempDir &) = delete;
    TempDir &operator=(const TempDir &) = delete;
    std::filesystem::path path;
};

/** Records of the demo school that the bad-input tests aim at. */
struct DemoFacts {
    Id sam;             ///< installer
    Id jo;              ///< the other installer of the laptop rollout
    Id laptopRelease;   ///< R-2026-047, installers sam and jo
    std::string laptopReleaseStatus; ///< its status as seeded
    Id installation;    ///< one of its installations, started by sam
    Id step;            ///< a step of its build procedure
};

/** Reads DemoFacts from a database written by seed-demo (before the server opens it). */
[[nodiscard]] DemoFacts readDemoFacts(const std::string &databasePath);

/** A new device id, as a tablet makes one. */
[[nodiscard]] std::string newDeviceId();

/** The sign-in body for a demo user. */
[[nodiscard]] std::string signinBody(const std::string &name, const std::string &deviceId,
                                     const std::string &password = "demo-password");

/** A pull request body from cursor 0. */
[[nodiscard]] std::string pullBody(int limit = 100);

/** A push of one setReleaseStatus mutation. */
[[nodiscard]] std::string setReleaseStatusPush(const std::string &deviceId, const Id &release,
                                               const std::string &from, const std::string &to);

/**
 * A push of one recordStepResult mutation recorded by @p recordedBy, as the device's change @p seq,
 * with @p evidence (a photo reference, say).
 */
[[nodiscard]] std::string stepResultPush(const std::string &deviceId, const DemoFacts &facts, const Id &recordedBy,
                                         std::int64_t seq = 1, const std::string &evidence = {});

/** The string value of a top-level field of a JSON object text, or empty. */
[[nodiscard]] std::string jsonField(const std::string &json, const std::string &field);

} // namespace rd::test
