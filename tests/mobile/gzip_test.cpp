// The sync client's gzip: bodies round-trip, damaged or oversized answers are refused.
#include "sync/qgzip.h"

#include <QRandomGenerator>
#include <QTest>

using namespace rd::mobile;

class GzipTest : public QObject {
    Q_OBJECT

private slots:
    void roundTrips()
    {
        QByteArray body;
        for (int i = 0; i < 2000; ++i)
            body += R"({"seq":)" + QByteArray::number(i) +
                    R"(,"kind":"recordStepResult","data":{"outcome":"pass"}},)";
        const QByteArray packed = gzipCompress(body);
        QVERIFY(looksGzipped(packed));
        QVERIFY(packed.size() < body.size() / 5);
        const auto unpacked = gzipDecompress(packed, body.size());
        QVERIFY(unpacked);
        QCOMPARE(*unpacked, body);
    }

    void randomBytesRoundTrip()
    {
        QByteArray body(100000, Qt::Uninitialized);
        QRandomGenerator rng(7);
        for (auto &c : body)
            c = static_cast<char>(rng.bounded(256));
        const auto unpacked = gzipDecompress(gzipCompress(body), 1 << 20);
        QVERIFY(unpacked);
        QCOMPARE(*unpacked, body);
    }

    void emptyBody()
    {
        const auto unpacked = gzipDecompress(gzipCompress(QByteArray()), 16);
        QVERIFY(unpacked);
        QVERIFY(unpacked->isEmpty());
    }

    void refusesDamagedAndCutShort()
    {
        const QByteArray packed = gzipCompress(QByteArray(10000, 'x'));
        QVERIFY(!gzipDecompress(packed.left(packed.size() / 2), 1 << 20));
        QByteArray damaged = packed;
        damaged[damaged.size() / 2] = static_cast<char>(damaged[damaged.size() / 2] ^ 0x55);
        damaged[damaged.size() - 3] = static_cast<char>(damaged[damaged.size() - 3] ^ 0x55); // CRC
        QVERIFY(!gzipDecompress(damaged, 1 << 20));
        QVERIFY(!gzipDecompress("not gzip at all", 1 << 20));
        QVERIFY(!looksGzipped("{}"));
    }

    void refusesMoreThanTheLimit()
    {
        const QByteArray packed = gzipCompress(QByteArray(1 << 20, '0')); // a small bomb
        QVERIFY(!gzipDecompress(packed, 1000));
        QVERIFY(gzipDecompress(packed, 1 << 20));
    }
};

QTEST_GUILESS_MAIN(GzipTest)
#include "gzip_test.moc"
