// Photo attachments (issue 12) against the real syncserver on 127.0.0.1: an upload cut off half
// way and resumed, a photo over the limit, pieces out of order and bytes that are not the photo.
#include "httpclient.h"
#include "testdatabase.h"
#include "liveserver.h"
#include "rawconnection.h"
#include "serverfixture.h"

#include "store/database.h"

#include <openssl/evp.h>

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <random>

using namespace rd;
using namespace rd::test;
namespace fs = std::filesystem;

namespace {

/** Bytes that look like a JPEG to the server (its first three bytes) and do not compress. */
std::string fakeJpeg(std::size_t size, unsigned seed)
{
    std::mt19937 random(seed);
    std::string bytes(size, '\0');
    for (auto &c : bytes)
        c = static_cast<char>(random() & 0xff);
    bytes[0] = '\xFF';
    bytes[1] = '\xD8';
    bytes[2] = '\xFF';
    return bytes;
}

std::string sha256Hex(const std::string &bytes)
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    REQUIRE(EVP_Digest(bytes.data(), bytes.size(), digest, &n, EVP_sha256(), nullptr) == 1);
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    for (unsigned i = 0; i < n; ++i) {
        out.push_back(kHex[digest[i] >> 4]);
        out.push_back(kHex[digest[i] & 0xf]);
    }
    return out;
}

std::map<std::string, std::string> pieceHeaders(const std::string &token, std::size_t start, std::size_t length,
                                                std::size_t total)
{
    auto h = bearer(token);
    h["Content-Type"] = "image/jpeg";
    h["Content-Range"] = "bytes " + std::to_string(start) + "-" + std::to_string(start + length - 1) + "/" +
                         std::to_string(total);
    return h;
}

HttpAnswer putPiece(LiveServer &s, const std::string &token, const std::string &sha, const std::string &photo,
                    std::size_t start, std::size_t length)
{
    return s.client().send("PUT", "/api/v1/attachments/" + sha, photo.substr(start, length),
                           pieceHeaders(token, start, length, photo.size()));
}

std::int64_t received(LiveServer &s, const std::string &token, const std::string &sha)
{
    const auto a = s.client().get("/api/v1/attachments/" + sha + "/status", bearer(token));
    INFO(a.body);
    REQUIRE(a.status == 200);
    return std::stoll(jsonField(a.body, "received"));
}

std::string fileBytes(const fs::path &path)
{
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

} // namespace

TEST_CASE("A photo cut off half way is resumed, and the server holds it once, byte for byte",
          "[server][process][attachments]")
{
    LiveServer s;
    const auto device = newDeviceId();
    const auto token = s.signin("sam", device);
    const auto photo = fakeJpeg(600 * 1024, 12);
    const auto sha = sha256Hex(photo);
    const std::size_t piece = 150 * 1024;

    CHECK(received(s, token, sha) == 0);
    // The first piece arrives whole.
    auto a = putPiece(s, token, sha, photo, 0, piece);
    INFO(a.body);
    REQUIRE(a.status == 200);
    CHECK(jsonField(a.body, "complete") == "false");
    CHECK(received(s, token, sha) == static_cast<std::int64_t>(piece));

    // The second piece is cut off half way: its headers and half its bytes, then the socket closes.
    {
        RawConnection raw(s.server->port());
        const std::size_t length = 2 * piece;
        std::string request = "PUT /api/v1/attachments/" + sha + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
        for (const auto &[name, value] : pieceHeaders(token, piece, length, photo.size()))
            request += name + ": " + value + "\r\n";
        request += "Content-Length: " + std::to_string(length) + "\r\n\r\n";
        request += photo.substr(piece, length / 2);
        REQUIRE(raw.write(request));
    } // closed here, mid-body
    s.requireStillServing();
    // What was cut off is not counted: the device goes on from the end of the first piece.
    CHECK(received(s, token, sha) == static_cast<std::int64_t>(piece));
    CHECK_FALSE(fs::exists(s.data / "attachments" / (sha + ".jpg")));

    // A piece that does not follow on is refused with how much the server holds.
    a = putPiece(s, token, sha, photo, 2 * piece, piece);
    s.checkRefused(a, 409, "range_mismatch");
    CHECK(jsonField(a.body, "received") == std::to_string(piece));

    // Resumed from there, in two pieces: the last one completes it.
    a = putPiece(s, token, sha, photo, piece, 2 * piece);
    INFO(a.body);
    REQUIRE(a.status == 200);
    a = putPiece(s, token, sha, photo, 3 * piece, photo.size() - 3 * piece);
    INFO(a.body);
    REQUIRE(a.status == 201);
    CHECK(jsonField(a.body, "complete") == "true");

    // Held once, byte for byte, and nothing half-written left beside it.
    const auto dir = s.data / "attachments";
    CHECK(fileBytes(dir / (sha + ".jpg")) == photo);
    int files = 0;
    for (const auto &entry : fs::recursive_directory_iterator(dir))
        files += entry.is_regular_file() ? 1 : 0;
    CHECK(files == 1);

    // Uploaded once: the status says complete, and sending it again writes nothing.
    const auto st = s.client().get("/api/v1/attachments/" + sha + "/status", bearer(token));
    CHECK(jsonField(st.body, "complete") == "true");
    a = putPiece(s, token, sha, photo, 0, piece);
    CHECK(a.status == 200);
    CHECK(jsonField(a.body, "complete") == "true");

    // The office fetches it once a checklist line refers to it, at a site the caller works at.
    s.checkRefused(s.client().get("/api/v1/attachments/" + sha, bearer(token)), 404, "not_found");
    const auto pushed = s.client().post("/api/v1/push",
                                        stepResultPush(device, s.facts, s.facts.sam, 1, "photo:sha256:" + sha),
                                        bearer(token));
    INFO(pushed.body);
    REQUIRE(pushed.status == 200);
    const auto got = s.client().get("/api/v1/attachments/" + sha, bearer(token));
    REQUIRE(got.status == 200);
    CHECK(got.headers.at("content-type") == "image/jpeg");
    CHECK(got.body == photo);
    // Scoped by site: the release manager sees it; Alex (Lower School only) only if the asset is there.
    CHECK(s.client().get("/api/v1/attachments/" + sha, bearer(s.signin("morgan", newDeviceId()))).body == photo);
    bool atLower = false;
    {
        sql::Database db(rd::test::databaseFor(s.data));
        auto q = db.query("SELECT a.site_id = (SELECT id FROM sites WHERE code = 'RAL') FROM installations i "
                          "JOIN assets a ON a.id = i.asset_id WHERE i.id = ?1");
        q->bind(1, s.facts.installation);
        REQUIRE(q->step());
        atLower = q->int64(0) == 1;
    }
    const auto alex = s.client().get("/api/v1/attachments/" + sha, bearer(s.signin("alex", newDeviceId())));
    if (atLower)
        CHECK(alex.status == 200);
    else
        s.checkRefused(alex, 403, "forbidden");
    // Without a token: nothing.
    s.checkRefused(s.client().get("/api/v1/attachments/" + sha), 401, "unauthorized");
}

TEST_CASE("A photo over the limit is refused with a clear error while its step result syncs",
          "[server][process][attachments]")
{
    LiveServer s({"--attachment-limit", "100000"});
    const auto device = newDeviceId();
    const auto token = s.signin("sam", device);
    const auto photo = fakeJpeg(150000, 7);
    const auto sha = sha256Hex(photo);

    const auto pushed = s.client().post("/api/v1/push",
                                        stepResultPush(device, s.facts, s.facts.sam, 1, "photo:sha256:" + sha),
                                        bearer(token));
    INFO(pushed.body);
    REQUIRE(pushed.status == 200);
    CHECK(jsonField(pushed.body, "last_applied_seq") == "1");
    CHECK(pushed.body.find("rejected") == std::string::npos);

    const auto a = putPiece(s, token, sha, photo, 0, 64 * 1024);
    s.checkRefused(a, 413, "attachment_too_large");
    CHECK(jsonField(a.body, "limit") == "100000");
    CHECK_THAT(jsonField(a.body, "message"), Catch::Contains("at most") && Catch::Contains("100000 bytes"));
    CHECK(received(s, token, sha) == 0);
    CHECK_FALSE(fs::exists(s.data / "attachments" / "partial" / (sha + ".part")));

    // The step result is on the server with its photo reference all the same.
    const auto pulled = s.client().post("/api/v1/pull", pullBody(20000), bearer(token));
    REQUIRE(pulled.status == 200);
    CHECK(pulled.body.find("photo:sha256:" + sha) != std::string::npos);
}

TEST_CASE("Bytes that are not the photo named are dropped whole", "[server][process][attachments][bad-input]")
{
    LiveServer s;
    const auto token = s.signin("sam", newDeviceId());
    const auto photo = fakeJpeg(40000, 3);
    const auto sha = sha256Hex(photo);
    auto other = photo;
    other[1000] ^= 0x55;
    auto a = s.client().send("PUT", "/api/v1/attachments/" + sha, other, pieceHeaders(token, 0, other.size(), other.size()));
    s.checkRefused(a, 400, "hash_mismatch");
    CHECK(received(s, token, sha) == 0);

    const std::string text = "not a photo at all";
    a = s.client().send("PUT", "/api/v1/attachments/" + sha256Hex(text), text, bearer(token));
    s.checkRefused(a, 415, "not_a_photo");
    s.checkRefused(s.client().send("PUT", "/api/v1/attachments/ABC", photo, bearer(token)), 404, "not_found");
    s.checkRefused(s.client().send("PUT", "/api/v1/attachments/" + sha, photo.substr(0, 10),
                                   pieceHeaders(token, 0, 20, photo.size())),
                   400, "bad_request");
}
