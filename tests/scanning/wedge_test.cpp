// Keyboard-wedge scanners through QTest key events on a window. Time comes from a fake clock that
// the test moves on between keys, so a "slow person" costs no real time.
#include "keyboardwedge.h"

#include "scan/fieldcheck.h"

#include <QKeyEvent>
#include <QSignalSpy>
#include <QTest>
#include <QWindow>

using namespace rd::mobile;

namespace {

/** A window that keeps the text of the key presses that reach it. */
class RecordingWindow : public QWindow {
public:
    QString typed;
    int enters = 0;
    int tabs = 0;

protected:
    void keyPressEvent(QKeyEvent *e) override
    {
        if (e->key() == Qt::Key_Return || e->key() == Qt::Key_Enter)
            ++enters;
        else if (e->key() == Qt::Key_Tab)
            ++tabs;
        else if (!e->text().isEmpty() && e->text().front().isPrint())
            typed += e->text();
    }
};

} // namespace

class WedgeTest : public QObject {
    Q_OBJECT

private:
    RecordingWindow *m_window = nullptr;
    KeyboardWedge *m_wedge = nullptr;
    qint64 m_now = 1000;

    /** Types @p text, one key every @p gapMs on the fake clock. */
    void type(const QString &text, int gapMs)
    {
        for (const QChar c : text) {
            m_now += gapMs;
            QTest::keyClick(m_window, c.toLatin1());
        }
    }
    void press(Qt::Key key, int gapMs, Qt::KeyboardModifiers mods = Qt::NoModifier)
    {
        m_now += gapMs;
        QTest::keyClick(m_window, key, mods);
    }

private slots:
    void init()
    {
        m_window = new RecordingWindow;
        m_window->resize(200, 100);
        m_window->show();
        m_wedge = new KeyboardWedge;
        m_wedge->setClock([this] { return m_now; });
        m_wedge->attach(m_window);
    }
    void cleanup()
    {
        delete m_wedge;
        delete m_window;
    }

    void burstEndingInEnterIsOneScan()
    {
        QSignalSpy spy(m_wedge, &KeyboardWedge::scanned);
        type(QStringLiteral("5CG1234ABC"), 8);
        press(Qt::Key_Return, 8);
        QCOMPARE(spy.size(), 1);
        QCOMPARE(spy.first().at(0).toString(), QStringLiteral("5CG1234ABC"));
        QCOMPARE(spy.first().at(1).toString(), QString());
        // Nothing of it reached the focused field, not even the Enter.
        QCOMPARE(m_window->typed, QString());
        QCOMPARE(m_window->enters, 0);
    }

    void burstEndingInTabIsOneScan()
    {
        QSignalSpy spy(m_wedge, &KeyboardWedge::scanned);
        type(QStringLiteral("RAU-00042"), 5);
        press(Qt::Key_Tab, 5);
        QCOMPARE(spy.size(), 1);
        QCOMPARE(spy.first().at(0).toString(), QStringLiteral("RAU-00042"));
        QCOMPARE(m_window->tabs, 0);
    }

    void groupSeparatorSurvivesAndAimPrefixIsRemoved()
    {
        QSignalSpy spy(m_wedge, &KeyboardWedge::scanned);
        type(QStringLiteral("]C10109501101530003"), 4);
        m_now += 4;
        // GS as the character itself: QTest has no key for it, so the key event carries the text.
        QTest::sendKeyEvent(QTest::Click, m_window, Qt::Key_unknown, QString(QChar(0x1D)), Qt::NoModifier);
        type(QStringLiteral("21XK42"), 4);
        press(Qt::Key_Return, 4);
        QCOMPARE(spy.size(), 1);
        const QString data = spy.first().at(0).toString();
        QCOMPARE(spy.first().at(1).toString(), QStringLiteral("]C1"));
        QCOMPARE(data, QStringLiteral("0109501101530003\x1d" "21XK42"));
        // And the core reads the serial out of it.
        const auto check = rd::scan::checkSerial((spy.first().at(1).toString() + data).toStdString());
        QVERIFY(check.isAccepted());
        QCOMPARE(check.value(), std::string("XK42"));
    }

    void ctrlBracketIsGroupSeparator()
    {
        QSignalSpy spy(m_wedge, &KeyboardWedge::scanned);
        type(QStringLiteral("10LOT7"), 6);
        press(Qt::Key_BracketRight, 6, Qt::ControlModifier);
        type(QStringLiteral("21ABC"), 6);
        press(Qt::Key_Enter, 6);
        QCOMPARE(spy.size(), 1);
        QCOMPARE(spy.first().at(0).toString(), QStringLiteral("10LOT7\x1d" "21ABC"));
    }

    void aimPrefixOfQr()
    {
        QSignalSpy spy(m_wedge, &KeyboardWedge::scanned);
        type(QStringLiteral("]Q1S/N:PF2ABCDE"), 3);
        press(Qt::Key_Return, 3);
        QCOMPARE(spy.size(), 1);
        QCOMPARE(spy.first().at(1).toString(), QStringLiteral("]Q1"));
        QCOMPARE(spy.first().at(0).toString(), QStringLiteral("S/N:PF2ABCDE"));
    }

    void slowTypingIsNotAScan()
    {
        QSignalSpy spy(m_wedge, &KeyboardWedge::scanned);
        type(QStringLiteral("abc123"), 150);
        press(Qt::Key_Return, 150);
        QCOMPARE(spy.size(), 0);
        QCOMPARE(m_window->typed, QStringLiteral("abc123")); // every key delivered, in order
        QCOMPARE(m_window->enters, 1);
        QCOMPARE(m_wedge->heldCount(), 0);
    }

    void shortFastBurstIsNotAScan()
    {
        QSignalSpy spy(m_wedge, &KeyboardWedge::scanned);
        type(QStringLiteral("ok"), 10);
        press(Qt::Key_Return, 10);
        QCOMPARE(spy.size(), 0);
        QCOMPARE(m_window->typed, QStringLiteral("ok"));
        QCOMPARE(m_window->enters, 1);
    }

    void personThenScannerBurst()
    {
        QSignalSpy spy(m_wedge, &KeyboardWedge::scanned);
        type(QStringLiteral("x"), 300);
        type(QStringLiteral("F"), 400);
        type(QStringLiteral("OC1234X0AB"), 7);
        press(Qt::Key_Return, 7);
        QCOMPARE(spy.size(), 1);
        QCOMPARE(spy.first().at(0).toString(), QStringLiteral("FOC1234X0AB"));
        QCOMPARE(m_window->typed, QStringLiteral("x"));
    }

    void pauseInsideBurstSplitsIt()
    {
        QSignalSpy spy(m_wedge, &KeyboardWedge::scanned);
        type(QStringLiteral("ABCD"), 5);
        type(QStringLiteral("EFGH"), 200); // slow from here on: a person
        press(Qt::Key_Return, 200);
        QCOMPARE(spy.size(), 0);
        QCOMPARE(m_window->typed, QStringLiteral("ABCDEFGH"));
    }

    void heldKeysAreDeliveredWhenTheGapRunsOut()
    {
        type(QStringLiteral("abc"), 5);
        QCOMPARE(m_window->typed, QString()); // held: it may still become a scan
        QCOMPARE(m_wedge->heldCount(), 3);
        m_wedge->flushHeld(); // what the gap timer does
        QCOMPARE(m_window->typed, QStringLiteral("abc"));
        QCOMPARE(m_wedge->heldCount(), 0);
    }

    void gapTimerDeliversByItself()
    {
        m_wedge->setMaximumGapMs(10);
        type(QStringLiteral("q"), 5);
        QCOMPARE(m_window->typed, QString());
        // The real timer (2 x 10 ms) hands the key over; wait for that event, not a fixed time.
        QTRY_COMPARE_WITH_TIMEOUT(m_window->typed, QStringLiteral("q"), 5000);
    }

    void otherKeysPassThrough()
    {
        QSignalSpy spy(m_wedge, &KeyboardWedge::scanned);
        type(QStringLiteral("ab"), 5);
        press(Qt::Key_Backspace, 5); // editing: a person
        QCOMPARE(m_window->typed, QStringLiteral("ab"));
        QCOMPARE(spy.size(), 0);
    }
};

QTEST_MAIN(WedgeTest)
#include "wedge_test.moc"
