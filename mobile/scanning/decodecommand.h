#pragma once

#include <QStringList>

class QTextStream;

namespace rd::mobile {

/**
 * `releasedesk decode IMAGE...`: what the scanner reads in picture files, for a technician whose
 * scan failed and for scripts. Each file goes through the camera's own path (an NV12 frame, its Y
 * plane, BarcodeDecoder) and each code found is shown with what the core's label rules make of it
 * (rd::scan::readLabel, checkAssetTag, checkSerial). Needs no display and no window.
 */
class DecodeCommand {
public:
    /** The exit statuses, for scripts. */
    enum Exit {
        AllRead = 0,    ///< every file held at least one code
        NoCode = 1,     ///< some file is a picture with no code the scanner reads
        NotAnImage = 2, ///< some file could not be read as a picture (missing, not an image); wins over NoCode
        Usage = 64,     ///< no file given, or an unknown option (EX_USAGE)
    };

    /**
     * Runs the command. @p arguments are those after "decode" (options and files); the report
     * goes to @p out, each file that fails and why to @p err. Returns an Exit.
     */
    [[nodiscard]] static int run(const QStringList &arguments, QTextStream &out, QTextStream &err);

    /** The --help text. */
    [[nodiscard]] static QString helpText();
};

} // namespace rd::mobile
