#pragma once

#include <functional>

namespace rd::mobile {

/**
 * Runs a call into zxing-cpp so that a failed assertion inside it cannot end the app.
 *
 * Debian's libzxing 1.4 is built with assertions on, and some of them abort the process on input
 * a camera can produce (Result::operator== aborts when ReadBarcodes meets one linear code twice).
 * BarcodeDecoder never takes those paths (see barcodedecoder.cpp); this guard is the net under
 * it for any other assertion: while @p call runs on this thread, SIGABRT jumps back here instead
 * of ending the process, and runGuarded returns false. What zxing allocated in that call leaks and
 * its destructors do not run, so a fault is counted and reported, never expected. SIGABRT raised
 * anywhere else, or on another thread, goes to the handler that was there before, as if the guard
 * were not installed.
 */
[[nodiscard]] bool runGuarded(const std::function<void()> &call) noexcept;

/** How many guarded calls have aborted since the process started. */
[[nodiscard]] int guardedFaults() noexcept;

} // namespace rd::mobile
