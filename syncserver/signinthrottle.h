#pragma once

#include "domain/entities.h"

#include <cstddef>
#include <list>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace rd::server {

/**
 * Growing waits after repeated failed sign-ins, per account name and per client address, so
 * that guessing passwords costs time and an attempt made during a wait costs no password hash.
 * After `threshold` failures, each further attempt waits 2^(failures - threshold) seconds after
 * the last failure, at most maxWait. Attempts still being checked count as failures until they
 * are settled, so a burst sent all at once is held back like one sent in turn. A success resets
 * its account's count (not its address's: one good account must not buy guesses at others); a
 * count with no failure for forgetAfter starts again from nothing. Memory is bounded: past
 * maxEntries names (or addresses) the least recently seen is forgotten. Thread-safe.
 */
class SigninThrottle {
public:
    struct Limits {
        int accountThreshold = 5;
        int addressThreshold = 20;
        Millis maxWait = 15LL * 60 * 1000;
        Millis forgetAfter = 60LL * 60 * 1000;
        std::size_t maxEntries = 20000; ///< each for names and for addresses
    };

    /** How an admitted attempt ended. */
    enum class Outcome {
        Failed,    ///< a wrong password (or unknown name): counted
        Succeeded, ///< the account's count starts again
        Neutral,   ///< decided by something else (account switched off, device taken, server busy)
    };

    /**
     * An admitted attempt, counted as pending until settled. Move-only; settles as Neutral when
     * destroyed unsettled (a refusal for another reason, an error), so a count never leaks.
     */
    class Attempt {
    public:
        Attempt() = default;
        Attempt(Attempt &&other) noexcept;
        Attempt &operator=(Attempt &&other) noexcept;
        Attempt(const Attempt &) = delete;
        Attempt &operator=(const Attempt &) = delete;
        ~Attempt();

        /** Settles the attempt; later calls do nothing. */
        void settle(Outcome outcome, Millis now);
        /** True when admitted (not yet settled); false for a refusal. */
        [[nodiscard]] explicit operator bool() const noexcept { return m_throttle != nullptr; }
        /** For a refusal: milliseconds until an attempt is admitted again. */
        [[nodiscard]] Millis retryAfter() const noexcept { return m_retryAfter; }

    private:
        friend class SigninThrottle;
        SigninThrottle *m_throttle = nullptr;
        std::string m_name;
        std::string m_address;
        Millis m_retryAfter = 0;
    };

    SigninThrottle();
    explicit SigninThrottle(Limits limits);

    /** Admits an attempt for @p name from @p address at @p now, or refuses it with the wait left. */
    [[nodiscard]] Attempt admit(std::string_view name, std::string_view address, Millis now);

    /** The names and addresses remembered (bounded by maxEntries each), for tests. */
    [[nodiscard]] std::size_t size() const;

private:
    /** Failure counts by key (a name or an address), least recently seen last. */
    class Counts {
    public:
        struct Entry {
            std::string key;
            int failures = 0;
            int pending = 0;
            Millis lastFailure = 0;
        };
        Counts(int threshold, const Limits &limits);
        /** The entry for @p key, made if need be and marked most recently seen. */
        Entry &touch(std::string_view key, Millis now);
        /** The entry for @p key, or nullptr. */
        Entry *find(std::string_view key);
        /** Milliseconds before @p e admits another attempt at @p now (attempts in flight counted). */
        [[nodiscard]] Millis waitLeft(const Entry &e, Millis now) const;
        [[nodiscard]] std::size_t size() const noexcept { return m_index.size(); }

    private:
        void evictOverflow();
        int m_threshold;
        const Limits &m_limits;
        std::list<Entry> m_entries; // most recently seen first
        std::unordered_map<std::string_view, std::list<Entry>::iterator> m_index; // keys are views of m_entries'
    };

    void settle(const Attempt &attempt, Outcome outcome, Millis now);

    Limits m_limits;
    mutable std::mutex m_mutex;
    Counts m_accounts;
    Counts m_addresses;
};

} // namespace rd::server
