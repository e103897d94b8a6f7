#include "zxingguard.h"

#include <atomic>
#include <csetjmp>
#include <csignal>
#include <cstring>
#include <mutex>

namespace rd::mobile {

namespace {

thread_local sigjmp_buf *t_jump = nullptr;
std::atomic<int> g_faults{0};
std::mutex g_installMutex;
struct sigaction g_previous {};

void onAbort(int sig, siginfo_t *info, void *context)
{
    if (sigjmp_buf *jump = t_jump) {
        t_jump = nullptr;
        siglongjmp(*jump, 1);
    }
    // Not ours: behave as the handler before us would have.
    if (g_previous.sa_flags & SA_SIGINFO) {
        if (g_previous.sa_sigaction) {
            g_previous.sa_sigaction(sig, info, context);
            return;
        }
    } else if (g_previous.sa_handler != SIG_DFL && g_previous.sa_handler != SIG_IGN && g_previous.sa_handler) {
        g_previous.sa_handler(sig);
        return;
    }
    // Default action: abort() resets SIGABRT to its default and raises it again when we return.
    signal(SIGABRT, SIG_DFL);
}

/**
 * Installs onAbort unless it is the current handler. Checked on every call: a test framework or a
 * crash reporter may install its own handler after us; we then chain to it.
 */
void ensureInstalled()
{
    std::lock_guard lock(g_installMutex);
    struct sigaction current {};
    sigaction(SIGABRT, nullptr, &current);
    if ((current.sa_flags & SA_SIGINFO) && current.sa_sigaction == onAbort)
        return;
    g_previous = current;
    struct sigaction ours {};
    ours.sa_sigaction = onAbort;
    ours.sa_flags = SA_SIGINFO;
    sigemptyset(&ours.sa_mask);
    sigaction(SIGABRT, &ours, nullptr);
}

} // namespace

bool runGuarded(const std::function<void()> &call) noexcept
{
    ensureInstalled();
    sigjmp_buf jump;
    sigjmp_buf *outer = t_jump;
    // savesigs = 1: the signal mask (SIGABRT blocked inside the handler) is restored on the jump.
    if (sigsetjmp(jump, 1) != 0) {
        t_jump = outer;
        g_faults.fetch_add(1, std::memory_order_relaxed);
        return false;
    }
    t_jump = &jump;
    bool ok = true;
    try {
        call();
    } catch (...) {
        ok = false; // zxing reports bad input by exceptions too (std::invalid_argument)
    }
    t_jump = outer;
    return ok;
}

int guardedFaults() noexcept
{
    return g_faults.load(std::memory_order_relaxed);
}

} // namespace rd::mobile
