#pragma once

#include <QObject>
#include <QPointer>
#include <QString>
#include <QVariantList>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>

namespace rd::mobile {

class OfficePeople;

/**
 * The form for a person: a new one (sign-in name, display name, role, sites) or one already there
 * (display name, role, sites; the sign-in name stays). Each field's check with its error in words,
 * what is still missing, and the saving itself (OfficePeople::add or update). The page binds to it;
 * tests drive it without QML.
 *
 * An error shows for what is wrong with what was entered; a field still empty only keeps the form
 * from being sent, and `missing` says what it waits for.
 */
class PersonForm : public QObject {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(rd::mobile::OfficePeople *people READ people WRITE setPeople NOTIFY peopleChanged)
    Q_PROPERTY(QString userId READ userId WRITE setUserId NOTIFY userIdChanged)
    Q_PROPERTY(bool isNew READ isNew NOTIFY userIdChanged)
    Q_PROPERTY(bool isMe READ isMe NOTIFY personChanged)
    Q_PROPERTY(bool active READ active NOTIFY personChanged)

    Q_PROPERTY(QString name READ name WRITE setName NOTIFY nameChanged)
    Q_PROPERTY(QString displayName READ displayName WRITE setDisplayName NOTIFY displayNameChanged)
    Q_PROPERTY(QString role READ role WRITE setRole NOTIFY roleChanged)
    Q_PROPERTY(int roleIndex READ roleIndex WRITE setRoleIndex NOTIFY roleChanged)
    Q_PROPERTY(QVariantList roles READ roles CONSTANT)
    Q_PROPERTY(QVariantList sites READ sites NOTIFY sitesChanged)

    Q_PROPERTY(QString nameError READ nameError NOTIFY checksChanged)
    Q_PROPERTY(QString displayNameError READ displayNameError NOTIFY checksChanged)
    Q_PROPERTY(QString missing READ missing NOTIFY checksChanged)
    Q_PROPERTY(bool canSubmit READ canSubmit NOTIFY checksChanged)
    Q_PROPERTY(QString error READ error NOTIFY errorChanged)

public:
    explicit PersonForm(QObject *parent = nullptr);

    [[nodiscard]] OfficePeople *people() const { return m_people; }
    void setPeople(OfficePeople *people);
    /** The person edited; empty for a new person. Setting it reads them from the store. */
    [[nodiscard]] QString userId() const { return m_userId; }
    void setUserId(const QString &userId);
    [[nodiscard]] bool isNew() const { return m_userId.isEmpty(); }
    /** The person edited is the one signed in (who cannot switch themselves off or give up their role). */
    [[nodiscard]] bool isMe() const { return m_isMe; }
    [[nodiscard]] bool active() const { return m_active; }

    [[nodiscard]] QString name() const { return m_name; }
    void setName(const QString &name);
    [[nodiscard]] QString displayName() const { return m_displayName; }
    void setDisplayName(const QString &displayName);
    /** "release-manager", "build-developer" or "installer". */
    [[nodiscard]] QString role() const { return m_role; }
    void setRole(const QString &role);
    /** The role as its place in roles(), for a list to choose from. */
    [[nodiscard]] int roleIndex() const;
    void setRoleIndex(int index);
    /** The roles, as [{role, name}]: installer first, the role most people have. */
    [[nodiscard]] QVariantList roles() const;
    /** Every site, as [{id, name, chosen}]. */
    [[nodiscard]] QVariantList sites() const { return m_sites; }
    Q_INVOKABLE void setSiteChosen(const QString &siteId, bool chosen);

    [[nodiscard]] QString nameError() const;
    [[nodiscard]] QString displayNameError() const;
    /** What the form still waits for before it can be sent, in words; empty when nothing. */
    [[nodiscard]] QString missing() const;
    [[nodiscard]] bool canSubmit() const;
    /** Why the last submit() failed, in words; empty otherwise. */
    [[nodiscard]] QString error() const { return m_error; }

    /**
     * Switches the person edited off (they can no longer sign in or sync) or on again, at once:
     * OfficePeople::setActive's {ok, error}.
     */
    Q_INVOKABLE QVariantMap setActive(bool active);
    /** Adds the person, or saves the changes: {ok, id} or {ok: false, error}; saved() on success. */
    Q_INVOKABLE QVariantMap submit();

signals:
    void peopleChanged();
    void userIdChanged();
    void personChanged();
    void nameChanged();
    void displayNameChanged();
    void roleChanged();
    void sitesChanged();
    void checksChanged();
    void errorChanged();
    void saved(const QString &userId);

private:
    /** The person (or a blank one) and the sites, from the store. */
    void load();
    void setError(const QString &error);
    [[nodiscard]] QStringList chosenSites() const;

    QPointer<OfficePeople> m_people;
    QString m_userId;
    bool m_isMe = false;
    bool m_active = true;
    QString m_name;
    QString m_displayName;
    QString m_role = QStringLiteral("installer");
    QVariantList m_sites;
    QString m_error;
};

} // namespace rd::mobile
