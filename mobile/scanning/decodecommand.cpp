#include "decodecommand.h"

#include "barcodedecoder.h"
#include "videoframes.h"

#include "scan/fieldcheck.h"
#include "scan/gs1.h"
#include "scan/label.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QImageReader>
#include <QTextStream>

namespace rd::mobile {

namespace {

/**
 * @p text quoted for one line of a terminal: control characters (GS1's group separator among
 * them) as \xNN, a backslash and a quote escaped, so that a script can read it back.
 */
QString quoted(const QString &text)
{
    QString out = QStringLiteral("\"");
    for (const QChar c : text) {
        if (c == QLatin1Char('\\') || c == QLatin1Char('"'))
            out += QLatin1Char('\\') + c;
        else if (c.unicode() < 0x20 || c.unicode() == 0x7F)
            out += QString::asprintf("\\x%02X", unsigned(c.unicode()));
        else
            out += c;
    }
    return out + QLatin1Char('"');
}

QString qs(std::string_view s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

/** One field's verdict in a line: "accepted "X"" or "refused (product-code, may be overridden): why". */
QString verdict(const rd::scan::ScanCheck &check)
{
    if (check.isAccepted())
        return QStringLiteral("accepted ") + quoted(qs(check.value()));
    return QStringLiteral("refused (%1%2): %3")
        .arg(qs(rd::scan::toString(check.refusal())),
             check.canOverride() ? QStringLiteral(", may be overridden") : QString(), qs(check.reason()));
}

/** What the label rules read in a scan: the AIM identifier, and GS1 element strings when there are. */
QString labelLine(const rd::scan::Label &label)
{
    QStringList parts;
    if (label.aim)
        parts << QStringLiteral("AIM %1 (%2)").arg(qs(label.aim->toString()), qs(label.aim->symbologyName()));
    else
        parts << QStringLiteral("no AIM identifier");
    if (label.gs1) {
        QStringList elements;
        for (const auto &e : label.gs1Data.elements) {
            const auto name = rd::scan::gs1AiName(e.ai);
            elements << QStringLiteral("(%1) %2%3")
                            .arg(qs(e.ai), quoted(qs(e.value)),
                                 name.empty() ? QString() : QStringLiteral(" ") + qs(name));
        }
        QString gs1 = elements.isEmpty() ? QStringLiteral("GS1") : QStringLiteral("GS1 ") + elements.join(QStringLiteral(", "));
        if (!label.gs1Data.ok())
            gs1 += QStringLiteral(" (not read to the end: %1)").arg(qs(label.gs1Data.error));
        parts << gs1;
    }
    return parts.join(QStringLiteral("; "));
}

} // namespace

QString DecodeCommand::helpText()
{
    return QStringLiteral(
        "Usage: releasedesk decode [options] IMAGE...\n"
        "\n"
        "Prints what the scanner reads in each picture (PNG, JPEG, ...): every barcode's format and\n"
        "text, through the same decoder as the tablet's camera, and what the label rules make of it:\n"
        "the AIM symbology identifier, GS1 element strings, and whether the asset-tag field and the\n"
        "serial-number field would take it (prefixes such as \"S/N:\" removed), or why not.\n"
        "Needs no display.\n"
        "\n"
        "Options:\n"
        "  --tag-pattern REGEX  The site's asset-tag format (an ECMAScript regular expression the\n"
        "                       whole tag must match), as set in Sites and rooms. Default: any tag.\n"
        "  --budget MS          Stop starting new looks at a picture after MS milliseconds\n"
        "                       (default 2000; the camera gives each frame 120).\n"
        "  -h, --help           Show this text.\n"
        "\n"
        "Output, for each code found:\n"
        "  FILE: FORMAT \"TEXT\"\n"
        "      label: AIM ]C0 (Code 128); GS1 (01) \"...\" GTIN, ...\n"
        "      asset tag: accepted \"VALUE\" | refused (REASON-CODE[, may be overridden]): WHY\n"
        "      serial: accepted \"VALUE\" | refused (...): WHY\n"
        "Control characters in TEXT are written \\xNN (GS1's separator is \\x1D).\n"
        "A file with no code, or that is not a picture, is named on standard error.\n"
        "\n"
        "Exit status:\n"
        "  0   every file held at least one code\n"
        "  1   some file is a picture in which no code was found\n"
        "  2   some file could not be read as a picture (missing, unreadable, not an image)\n"
        "  64  no file given, or an unknown option\n");
}

int DecodeCommand::run(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    QCommandLineParser parser;
    const QCommandLineOption helpOption({QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("help"));
    const QCommandLineOption patternOption(QStringLiteral("tag-pattern"), QStringLiteral("pattern"),
                                           QStringLiteral("REGEX"));
    const QCommandLineOption budgetOption(QStringLiteral("budget"), QStringLiteral("budget"), QStringLiteral("MS"),
                                          QStringLiteral("2000"));
    parser.addOptions({helpOption, patternOption, budgetOption});
    if (!parser.parse(QStringList{QStringLiteral("releasedesk decode")} + arguments)) {
        err << "releasedesk decode: " << parser.errorText() << "\n"
            << "Try 'releasedesk decode --help'.\n";
        return Usage;
    }
    if (parser.isSet(helpOption)) {
        out << helpText();
        return AllRead;
    }
    bool budgetOk = false;
    const int budget = parser.value(budgetOption).toInt(&budgetOk);
    if (!budgetOk || budget < 1) {
        err << "releasedesk decode: --budget takes a number of milliseconds, not " << parser.value(budgetOption)
            << "\n";
        return Usage;
    }
    const QStringList files = parser.positionalArguments();
    if (files.isEmpty()) {
        err << "releasedesk decode: no picture given.\n"
            << "Usage: releasedesk decode [--tag-pattern REGEX] IMAGE...  (see --help)\n";
        return Usage;
    }
    const std::string pattern = parser.value(patternOption).toStdString();

    BarcodeDecoder::Options options;
    options.budgetMs = budget;
    const BarcodeDecoder decoder(options);
    bool noCode = false;
    bool notImage = false;
    for (const QString &file : files) {
        const QFileInfo info(file);
        if (!info.exists()) {
            err << file << ": not read: no such file\n";
            notImage = true;
            continue;
        }
        if (info.isDir()) {
            err << file << ": not read: a folder, not a picture\n";
            notImage = true;
            continue;
        }
        QImageReader reader(file);
        const QImage image = reader.read();
        if (image.isNull()) {
            err << file << ": not read: not a picture (" << reader.errorString() << ")\n";
            notImage = true;
            continue;
        }
        // The camera's path exactly: the picture as an NV12 frame, the decoder reads its Y plane.
        const QImage luma = lumaOf(videoFrameFromImage(image));
        const DecodeOutcome outcome = decoder.decode(luma);
        if (!outcome.error.isEmpty() || outcome.faulted) {
            err << file << ": no code read: the decoder gave up on this picture ("
                << (outcome.error.isEmpty() ? QStringLiteral("zxing failed inside") : outcome.error) << ")\n";
            noCode = true;
            continue;
        }
        if (outcome.barcodes.isEmpty()) {
            err << file << ": no code found (" << image.width() << "x" << image.height() << " pixels, "
                << outcome.passes << " looks)\n";
            noCode = true;
            continue;
        }
        for (const Barcode &b : outcome.barcodes) {
            const std::string scan = b.scanText().toStdString();
            out << file << ": " << b.format << " " << quoted(b.text) << "\n";
            out << "    label: " << labelLine(rd::scan::readLabel(scan)) << "\n";
            out << "    asset tag: " << verdict(rd::scan::checkAssetTag(scan, pattern)) << "\n";
            out << "    serial: " << verdict(rd::scan::checkSerial(scan)) << "\n";
        }
    }
    out.flush();
    err.flush();
    if (notImage)
        return NotAnImage;
    return noCode ? NoCode : AllRead;
}

} // namespace rd::mobile
