#pragma once

#include <cstdint>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace rd::server {

/**
 * The photo attachments in the data directory, each a file named by its SHA-256
 * (`attachments/<hex>.jpg`), received in pieces that follow on from each other into
 * `attachments/partial/<hex>.part`. A photo becomes visible only whole and checked: once its last
 * piece is in, the part file's hash must be its name; then it is synced to disk and renamed into
 * place. A cut connection loses at most the piece in flight; the device asks how much arrived and
 * goes on from there. Thread-safe (one mutex: pieces are small, and a photo is sent once).
 */
class AttachmentStore {
public:
    explicit AttachmentStore(std::filesystem::path dir);

    /** How much of a photo the server holds. */
    struct State {
        bool complete = false;
        std::int64_t received = 0; ///< the whole size when complete
    };
    [[nodiscard]] State state(std::string_view sha256);

    /** What a piece did. */
    enum class Outcome {
        Stored,      ///< kept; more to come
        Completed,   ///< the last piece: checked and in place
        AlreadyHeld, ///< the photo was complete before: nothing written
        WrongStart,  ///< the piece does not start where the received bytes end (state().received)
        HashMismatch,///< all bytes arrived but they are not the named photo: dropped, start again
        NotAJpeg,    ///< all bytes arrived but they are not a JPEG: dropped
    };
    /** Keeps @p bytes at @p start of the photo @p sha256 of @p total bytes. */
    Outcome put(std::string_view sha256, std::int64_t start, std::int64_t total, std::string_view bytes);

    /** The whole photo, or nothing when the server does not hold it (complete). */
    [[nodiscard]] std::optional<std::string> read(std::string_view sha256);

    [[nodiscard]] std::filesystem::path finalPath(std::string_view sha256) const;
    [[nodiscard]] std::filesystem::path partPath(std::string_view sha256) const;

private:
    std::filesystem::path m_dir;
    std::mutex m_mutex;
};

} // namespace rd::server
