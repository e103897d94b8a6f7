#include "serverfixture.h"

#include "domain/enums.h"
#include "store/store.h"

#include <boost/json.hpp>

#include <chrono>

namespace rd::test {

namespace json = boost::json;

TempDir::TempDir()
    : path(std::filesystem::temp_directory_path() / ("rd_server_" + Id::generate().toString()))
{
    std::filesystem::create_directories(path);
}

TempDir::~TempDir()
{
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
}

DemoFacts readDemoFacts(const std::string &databasePath)
{
    Store store(databasePath);
    DemoFacts f;
    f.sam = store.userByName("sam").value().id;
    f.jo = store.userByName("jo").value().id;
    const auto release = store.releaseByNumber("R-2026-047").value();
    f.laptopRelease = release.id;
    f.laptopReleaseStatus = std::string(toString(release.status));
    auto &db = store.database();
    {
        auto q = db.query("SELECT id FROM installations WHERE release_id = ?1 ORDER BY started_at LIMIT 1");
        q->bind(1, release.id);
        q->step();
        f.installation = q->id(0);
    }
    {
        auto q = db.query("SELECT id FROM build_steps WHERE build_id = ?1 ORDER BY position DESC LIMIT 1");
        q->bind(1, release.buildId);
        q->step();
        f.step = q->id(0);
    }
    return f;
}

std::string newDeviceId()
{
    return Id::generate().toString();
}

std::string signinBody(const std::string &name, const std::string &deviceId, const std::string &password)
{
    return json::serialize(json::object{{"name", name}, {"password", password}, {"device_id", deviceId}});
}

std::string pullBody(int limit)
{
    return json::serialize(json::object{
        {"protocol", 1}, {"cursor", 0}, {"limit", limit}, {"session_from", 0}, {"snapshot_until", 0}});
}

namespace {

Millis nowMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

std::string pushOf(const std::string &deviceId, const std::string &kind, json::object data, std::int64_t seq = 1)
{
    json::array mutations;
    mutations.push_back(json::object{{"seq", seq}, {"kind", kind}, {"at", nowMs()}, {"data", std::move(data)}});
    return json::serialize(
        json::object{{"protocol", 1}, {"device_id", deviceId}, {"mutations", std::move(mutations)}});
}

} // namespace

std::string setReleaseStatusPush(const std::string &deviceId, const Id &release, const std::string &from,
                                 const std::string &to)
{
    return pushOf(deviceId, "setReleaseStatus", {{"id", release.toString()}, {"from", from}, {"to", to}});
}

std::string stepResultPush(const std::string &deviceId, const DemoFacts &facts, const Id &recordedBy, std::int64_t seq,
                           const std::string &evidence)
{
    return pushOf(deviceId, "recordStepResult",
                  {{"id", Id::generate().toString()},
                   {"installation_id", facts.installation.toString()},
                   {"step_id", facts.step.toString()},
                   {"outcome", "pass"},
                   {"note", ""},
                   {"evidence", evidence},
                   {"recorded_by", recordedBy.toString()},
                   {"recorded_at", nowMs()}},
                  seq);
}

std::string jsonField(const std::string &text, const std::string &field)
{
    boost::system::error_code ec;
    const auto v = json::parse(text, ec);
    if (ec || !v.is_object())
        return {};
    const auto *f = v.as_object().if_contains(field);
    if (!f)
        return {};
    return f->is_string() ? std::string(f->as_string()) : json::serialize(*f);
}

} // namespace rd::test
