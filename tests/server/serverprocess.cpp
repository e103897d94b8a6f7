#include "serverprocess.h"

#include "testdatabase.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <algorithm>
#include <cstring>
#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>

extern char **environ;

namespace rd::test {

namespace {

using namespace std::chrono;

std::string readFile(const std::filesystem::path &p)
{
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

/**
 * Waits for @p pid to exit, at most @p timeout, without sleeping in a loop: a pidfd becomes
 * readable when its process ends. Returns the exit code, 128+signal, or nothing on timeout.
 */
std::optional<int> waitForExit(pid_t pid, milliseconds timeout)
{
    int status = 0;
    const int fd = static_cast<int>(syscall(SYS_pidfd_open, pid, 0));
    if (fd >= 0) {
        pollfd p{fd, POLLIN, 0};
        const int ready = poll(&p, 1, static_cast<int>(timeout.count()));
        close(fd);
        if (ready == 0)
            return std::nullopt;
    } else {
        // No pidfd (an old kernel or a sandbox): poll the child's state, still with a bound.
        const auto deadline = steady_clock::now() + timeout;
        pid_t got = 0;
        while ((got = waitpid(pid, &status, WNOHANG)) == 0 && steady_clock::now() < deadline)
            usleep(10000);
        if (got != pid)
            return std::nullopt;
        return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
    // With the pidfd readable (or none to wait on) the child has exited or waitpid blocks until it does.
    if (waitpid(pid, &status, 0) != pid)
        return std::nullopt;
    if (WIFEXITED(status))
        return WEXITSTATUS(status);
    if (WIFSIGNALED(status))
        return 128 + WTERMSIG(status);
    return std::nullopt;
}

/** Kills @p pid for good and reaps it. */
void killAndReap(pid_t pid)
{
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
}

pid_t spawn(const std::vector<std::string> &args, posix_spawn_file_actions_t *actions)
{
    std::vector<std::string> all{syncserverPath()};
    all.insert(all.end(), args.begin(), args.end());
    std::vector<char *> argv;
    for (auto &a : all)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    // On PostgreSQL, the database of the command's --data DIR is the schema named after DIR.
    std::vector<std::string> env;
    for (char **e = environ; *e; ++e)
        env.emplace_back(*e);
    if (onPostgres()) {
        const auto data = std::find(args.begin(), args.end(), "--data");
        if (data != args.end() && data + 1 != args.end())
            env.push_back("RELEASEDESK_DATABASE=" + databaseFor(*(data + 1)));
    }
    std::vector<char *> envp;
    for (auto &e : env)
        envp.push_back(e.data());
    envp.push_back(nullptr);
    pid_t pid = -1;
    if (const int rc = posix_spawn(&pid, argv[0], actions, nullptr, argv.data(), envp.data()); rc != 0)
        throw std::runtime_error("cannot start " + all[0] + ": " + std::strerror(rc));
    return pid;
}

} // namespace

std::string syncserverPath()
{
    return SYNCSERVER_PATH;
}

CommandResult runSyncserver(const std::vector<std::string> &args, const std::filesystem::path &workDir,
                            const std::string &input, milliseconds timeout)
{
    static int counter = 0;
    const auto stem = workDir / ("cmd" + std::to_string(++counter));
    const auto inFile = stem.string() + ".in", outFile = stem.string() + ".out", errFile = stem.string() + ".err";
    std::ofstream(inFile, std::ios::binary) << input;
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, inFile.c_str(), O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, outFile.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_addopen(&actions, 2, errFile.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    const pid_t pid = spawn(args, &actions);
    posix_spawn_file_actions_destroy(&actions);
    CommandResult r;
    if (const auto code = waitForExit(pid, timeout))
        r.exitCode = *code;
    else
        killAndReap(pid);
    r.out = readFile(outFile);
    r.err = readFile(errFile);
    return r;
}

ServerProcess::ServerProcess(const std::filesystem::path &dataDir, const std::vector<std::string> &extraArgs)
    : m_stderrFile(dataDir.parent_path() / (dataDir.filename().string() + ".server.err"))
{
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0)
        throw std::runtime_error("pipe failed");
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[1], 1);
    posix_spawn_file_actions_addopen(&actions, 2, m_stderrFile.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    std::vector<std::string> args{"serve", "--data", dataDir.string(), "--listen", "127.0.0.1:0"};
    args.insert(args.end(), extraArgs.begin(), extraArgs.end());
    try {
        m_pid = spawn(args, &actions);
    } catch (...) {
        posix_spawn_file_actions_destroy(&actions);
        close(fds[0]);
        close(fds[1]);
        throw;
    }
    posix_spawn_file_actions_destroy(&actions);
    close(fds[1]);
    m_stdout = fds[0];
    m_running = true;

    // The first line says where it listens; read it, waiting at most 30 s in all.
    std::string line;
    const auto deadline = steady_clock::now() + seconds(30);
    while (line.find('\n') == std::string::npos) {
        const auto left = duration_cast<milliseconds>(deadline - steady_clock::now()).count();
        pollfd p{m_stdout, POLLIN, 0};
        if (left <= 0 || poll(&p, 1, static_cast<int>(left)) <= 0)
            break;
        char buf[256];
        const ssize_t n = read(m_stdout, buf, sizeof buf);
        if (n <= 0)
            break; // it exited
        line.append(buf, static_cast<std::size_t>(n));
    }
    const std::string prefix = "syncserver: listening on 127.0.0.1:";
    if (line.rfind(prefix, 0) != 0) {
        stop(seconds(5));
        throw std::runtime_error("syncserver did not start; stdout: '" + line + "', stderr: " + stderrText());
    }
    m_port = static_cast<std::uint16_t>(std::stoi(line.substr(prefix.size())));
}

ServerProcess::~ServerProcess()
{
    stop();
    if (m_stdout >= 0)
        close(m_stdout);
}

std::string ServerProcess::stderrText() const
{
    return readFile(m_stderrFile);
}

int ServerProcess::stop(milliseconds timeout)
{
    if (!m_running)
        return m_exitCode;
    m_running = false;
    kill(m_pid, SIGTERM);
    if (const auto code = waitForExit(m_pid, timeout)) {
        m_exitCode = *code;
    } else {
        killAndReap(m_pid);
        m_exitCode = -1;
    }
    return m_exitCode;
}

} // namespace rd::test
