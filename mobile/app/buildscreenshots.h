#pragma once

#include <QString>

#include <functional>

class QQmlApplicationEngine;

namespace rd::mobile {

class AppSession;

/** What renderScreenshots lends the pictures of the office's services and build procedures pages. */
struct ScreenshotKit {
    /** Opens Main.qml over a session, width x height, in an engine; false when it cannot. */
    std::function<bool(QQmlApplicationEngine &, AppSession &, int, int)> openWindow;
    /** Lets the engine's window settle, and writes it to the pictures' folder as NAME.png. */
    std::function<void(QQmlApplicationEngine &, const QString &)> shoot;
};

/**
 * The services and build procedures pages, desktop layout (1280x800), on the demo school's build
 * developer's (devi) and release manager's (morgan) tablets, each made for the pictures: the
 * catalogue with what users get, a laptop build's third version being written, a version handed in
 * and returned, a draft two people saved. Pictures 30 to 38. False when a tablet cannot be made.
 */
bool renderBuildScreenshots(const ScreenshotKit &kit);

} // namespace rd::mobile
