#pragma once

#include <QObject>
#include <QPointer>
#include <QString>
#include <QTimer>

#include <functional>
#include <memory>
#include <vector>

class QKeyEvent;

namespace rd::mobile {

/**
 * Tells a keyboard-wedge barcode scanner (USB or Bluetooth HID) from a person at the keyboard.
 *
 * A scanner types a whole code in a fast burst and ends it with Enter or Tab. Installed on the
 * window of a scanning page (attach()), the wedge holds back printable keys while they come fast;
 * a burst of at least minimumLength() characters, each within maximumGapMs() of the one before,
 * ending in Enter or Tab within the same gap, is one scan: scanned() is emitted and neither the
 * characters nor the Enter/Tab reach the focused field. Anything else was typed by a person: the
 * held keys are delivered, in order, to where they were going, as soon as a slow key shows it
 * or when the gap runs out (flushHeld()).
 *
 * The GS separator (0x1D, sent as Ctrl+] by most scanners) is kept in the scan. An AIM symbology
 * identifier ("]C1", "]d2", "]Q3") at the start is read and removed, and given beside the data.
 * Time comes from a clock that tests may replace (setClock()), so no test has to wait.
 */
class KeyboardWedge : public QObject {
    Q_OBJECT
public:
    explicit KeyboardWedge(QObject *parent = nullptr);
    ~KeyboardWedge() override;

    /** Watches the key events sent to @p target (a QWindow or QQuickWindow); nullptr detaches. */
    void attach(QObject *target);
    [[nodiscard]] QObject *target() const { return m_target; }

    /** Milliseconds since any fixed point; the default is a monotonic clock. */
    void setClock(std::function<qint64()> clock);

    [[nodiscard]] int maximumGapMs() const noexcept { return m_maxGapMs; }
    void setMaximumGapMs(int ms) { m_maxGapMs = ms; }
    [[nodiscard]] int minimumLength() const noexcept { return m_minLength; }
    void setMinimumLength(int chars) { m_minLength = chars; }

    /** Delivers the keys held back as typing: what the gap timer does when it runs out. */
    void flushHeld();
    /** How many keys are held back now. */
    [[nodiscard]] int heldCount() const { return int(m_held.size()); }

signals:
    /** A scan: @p data without the AIM identifier, GS kept; @p symbologyIdentifier e.g. "]C1" or "". */
    void scanned(const QString &data, const QString &symbologyIdentifier);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    struct HeldKey;
    bool onKeyPress(QObject *watched, QKeyEvent *key);
    void deliverHeld();

    QPointer<QObject> m_target;
    std::function<qint64()> m_clock;
    std::vector<std::unique_ptr<HeldKey>> m_held;
    QString m_text;
    qint64 m_lastKeyAt = 0;
    int m_maxGapMs = 40;
    int m_minLength = 4;
    bool m_replaying = false;
    QTimer m_gapTimer;
};

} // namespace rd::mobile
