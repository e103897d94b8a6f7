#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace rd::test {

/** What a finished `syncserver` command printed and returned. */
struct CommandResult {
    int exitCode = -1; ///< -1 when it did not finish in time (it was killed)
    std::string out;
    std::string err;
};

/**
 * Runs the real syncserver binary with @p args (and @p input on its standard input) and waits for
 * it, at most @p timeout; a command still running then is killed. Output goes through files in
 * @p workDir, so a chatty command can never block on a full pipe.
 */
CommandResult runSyncserver(const std::vector<std::string> &args, const std::filesystem::path &workDir,
                            const std::string &input = {},
                            std::chrono::milliseconds timeout = std::chrono::seconds(60));

/**
 * The real `syncserver serve`, started on 127.0.0.1 with an ephemeral port for one test and
 * always stopped by it: stop() sends SIGTERM and waits (bounded), then SIGKILL as a last resort;
 * the destructor does the same, so a failing test never leaves a server behind.
 */
class ServerProcess {
public:
    /** Starts `syncserver serve --data DIR --listen 127.0.0.1:0 EXTRA...` and reads its port. */
    ServerProcess(const std::filesystem::path &dataDir, const std::vector<std::string> &extraArgs = {});
    ~ServerProcess();
    ServerProcess(const ServerProcess &) = delete;
    ServerProcess &operator=(const ServerProcess &) = delete;

    [[nodiscard]] std::uint16_t port() const noexcept { return m_port; }
    [[nodiscard]] pid_t pid() const noexcept { return m_pid; }
    /** What it wrote to stderr so far, for failure messages. */
    [[nodiscard]] std::string stderrText() const;

    /** SIGTERM, then waits up to @p timeout for the exit; returns the exit code (-1: killed). */
    int stop(std::chrono::milliseconds timeout = std::chrono::seconds(20));

private:
    pid_t m_pid = -1;
    int m_stdout = -1;
    std::uint16_t m_port = 0;
    std::filesystem::path m_stderrFile;
    bool m_running = false;
    int m_exitCode = -1;
};

/** The syncserver binary this build made (a compile definition from CMake). */
[[nodiscard]] std::string syncserverPath();

} // namespace rd::test
