#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace rd::test {

/** One sample image and the text it holds ("" when its set has none, e.g. false positives). */
struct SampleImage {
    QString path;
    QString name;
    QByteArray expected;
    bool hasExpected = false;
};

/**
 * The folder of sample set @p set ("code128-1"): the copy in tests/scanning/data, else the shared
 * test data beside the repository, else "" (the caller skips, saying why).
 */
[[nodiscard]] QString sampleSetDir(const QString &set);

/** The images of sample set folder @p dir, by name, with their expected texts. */
[[nodiscard]] QList<SampleImage> sampleImages(const QString &dir);

/** Every sample set, in a fixed order. */
[[nodiscard]] QStringList sampleSets();

} // namespace rd::test
