#include "keyboardwedge.h"

#include "scan/aimid.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QKeyEvent>

namespace rd::mobile {

/** A key held back: enough to send it again as it was. */
struct KeyboardWedge::HeldKey {
    QPointer<QObject> receiver;
    int key;
    Qt::KeyboardModifiers modifiers;
    QString text;
};

namespace {

constexpr QChar kGs(0x1D);

/** The character a key press adds to a scan, or a null QChar when it adds none. */
QChar scanChar(const QKeyEvent *key)
{
    // Scanners send GS as Ctrl+]; the platform may give its text as 0x1D or as "]".
    if (key->key() == Qt::Key_BracketRight && (key->modifiers() & Qt::ControlModifier))
        return kGs;
    const QString text = key->text();
    if (text.size() != 1)
        return {};
    const QChar c = text.front();
    if (c == kGs || (c.isPrint() && !(key->modifiers() & (Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier))))
        return c;
    return {};
}

/** Shift, Ctrl and the like, pressed alone: scanners press Shift for capitals and Ctrl for GS. */
bool isModifierKey(const QKeyEvent *key)
{
    switch (key->key()) {
    case Qt::Key_Shift:
    case Qt::Key_Control:
    case Qt::Key_Alt:
    case Qt::Key_AltGr:
    case Qt::Key_Meta:
    case Qt::Key_CapsLock:
        return true;
    default:
        return false;
    }
}

bool isTerminator(const QKeyEvent *key)
{
    return key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter || key->key() == Qt::Key_Tab;
}

} // namespace

KeyboardWedge::KeyboardWedge(QObject *parent)
    : QObject(parent)
{
    auto timer = std::make_shared<QElapsedTimer>();
    timer->start();
    m_clock = [timer] { return timer->elapsed(); };
    m_gapTimer.setSingleShot(true);
    connect(&m_gapTimer, &QTimer::timeout, this, &KeyboardWedge::flushHeld);
}

KeyboardWedge::~KeyboardWedge()
{
    attach(nullptr);
}

void KeyboardWedge::attach(QObject *target)
{
    if (m_target == target)
        return;
    flushHeld();
    if (m_target)
        m_target->removeEventFilter(this);
    m_target = target;
    if (m_target)
        m_target->installEventFilter(this);
}

void KeyboardWedge::setClock(std::function<qint64()> clock)
{
    if (clock)
        m_clock = std::move(clock);
}

bool KeyboardWedge::eventFilter(QObject *watched, QEvent *event)
{
    if (m_replaying || event->type() != QEvent::KeyPress)
        return QObject::eventFilter(watched, event);
    return onKeyPress(watched, static_cast<QKeyEvent *>(event));
}

bool KeyboardWedge::onKeyPress(QObject *watched, QKeyEvent *key)
{
    if (isModifierKey(key))
        return false; // neither ends nor breaks a burst
    const qint64 now = m_clock();
    const bool inBurst = !m_held.empty() && now - m_lastKeyAt <= m_maxGapMs;

    if (isTerminator(key)) {
        if (inBurst && m_text.size() >= m_minLength) {
            const QByteArray utf8 = m_text.toUtf8();
            const auto split = rd::scan::splitAimId(std::string_view(utf8.constData(), size_t(utf8.size())));
            const QString data = QString::fromUtf8(split.data.data(), qsizetype(split.data.size()));
            const QString aim = split.aim ? QString::fromStdString(split.aim->toString()) : QString();
            m_held.clear();
            m_text.clear();
            m_gapTimer.stop();
            emit scanned(data, aim);
            return true; // the Enter or Tab was the scanner's, not the person's
        }
        deliverHeld();
        return false;
    }

    const QChar c = scanChar(key);
    if (c.isNull() || key->isAutoRepeat()) {
        // Arrows, Backspace, shortcuts: a person. What was held goes first, then this key.
        deliverHeld();
        return false;
    }
    if (!m_held.empty() && !inBurst)
        deliverHeld(); // too slow to be the same burst: those keys were typed
    m_held.push_back(std::make_unique<HeldKey>(HeldKey{watched, key->key(), key->modifiers(), key->text()}));
    m_text.append(c);
    m_lastKeyAt = now;
    m_gapTimer.start(m_maxGapMs * 2);
    return true;
}

void KeyboardWedge::flushHeld()
{
    deliverHeld();
}

void KeyboardWedge::deliverHeld()
{
    m_gapTimer.stop();
    if (m_held.empty())
        return;
    auto held = std::move(m_held);
    m_held.clear();
    m_text.clear();
    m_replaying = true;
    for (const auto &k : held) {
        if (!k->receiver)
            continue;
        QKeyEvent press(QEvent::KeyPress, k->key, k->modifiers, k->text);
        QCoreApplication::sendEvent(k->receiver, &press);
    }
    m_replaying = false;
}

} // namespace rd::mobile
