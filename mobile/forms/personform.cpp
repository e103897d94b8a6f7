#include "personform.h"

#include "app/appsession.h"
#include "app/officepeople.h"
#include "app/qtconvert.h"

#include "domain/errors.h"
#include "domain/fields.h"
#include "store/peopleviews.h"
#include "store/store.h"

#include <algorithm>

namespace rd::mobile {

namespace {

const QString kId = QStringLiteral("id");
const QString kChosen = QStringLiteral("chosen");

/** What @p rule says of @p text, as "Field: why" with a capital; empty when it is right. */
QString ruleError(const TextRule &rule, const QString &text)
{
    try {
        (void)checked(rule, utf8(text));
        return {};
    } catch (const ValidationError &e) {
        QString words = qs(e.what());
        if (!words.isEmpty())
            words[0] = words[0].toUpper();
        return words;
    }
}

constexpr Role kRoles[] = {Role::Installer, Role::BuildDeveloper, Role::ReleaseManager};

} // namespace

PersonForm::PersonForm(QObject *parent)
    : QObject(parent)
{}

void PersonForm::setPeople(OfficePeople *people)
{
    if (m_people == people)
        return;
    m_people = people;
    emit peopleChanged();
    load();
}

void PersonForm::setUserId(const QString &userId)
{
    if (m_userId == userId)
        return;
    m_userId = userId;
    emit userIdChanged();
    load();
}

void PersonForm::load()
{
    AppSession *session = m_people ? m_people->session() : nullptr;
    std::optional<PeopleViews::Person> person;
    std::vector<Site> sites;
    if (session && session->ready()) {
        try {
            sites = session->store().sites();
            if (const auto id = optionalId(m_userId))
                person = PeopleViews(session->store()).person(*id);
        } catch (const Error &e) {
            setError(qs(e.what()));
        }
    }
    m_isMe = person && session && person->user.id == session->userId();
    m_active = !person || person->user.active;
    setName(person ? qs(person->user.name) : QString());
    setDisplayName(person ? qs(person->user.displayName) : QString());
    setRole(person ? qs(toString(person->user.role)) : QStringLiteral("installer"));
    m_sites.clear();
    for (const auto &site : sites) {
        const bool chosen =
            person && std::find(person->siteIds.begin(), person->siteIds.end(), site.id) != person->siteIds.end();
        m_sites.push_back(QVariantMap{{kId, qs(site.id)}, {QStringLiteral("name"), qs(site.name)}, {kChosen, chosen}});
    }
    emit sitesChanged();
    emit personChanged();
    emit checksChanged();
}

void PersonForm::setName(const QString &name)
{
    if (m_name == name)
        return;
    m_name = name;
    emit nameChanged();
    emit checksChanged();
}

void PersonForm::setDisplayName(const QString &displayName)
{
    if (m_displayName == displayName)
        return;
    m_displayName = displayName;
    emit displayNameChanged();
    emit checksChanged();
}

void PersonForm::setRole(const QString &role)
{
    if (m_role == role || !tryParse<Role>(utf8(role)))
        return;
    m_role = role;
    emit roleChanged();
    emit checksChanged(); // a release manager needs no site
}

QVariantList PersonForm::roles() const
{
    QVariantList out;
    for (const Role r : kRoles)
        out.push_back(QVariantMap{{QStringLiteral("role"), qs(toString(r))},
                                  {QStringLiteral("name"), OfficePeople::roleWords(r)}});
    return out;
}

int PersonForm::roleIndex() const
{
    for (int i = 0; i < static_cast<int>(std::size(kRoles)); ++i) {
        if (qs(toString(kRoles[i])) == m_role)
            return i;
    }
    return -1;
}

void PersonForm::setRoleIndex(int index)
{
    if (index >= 0 && index < static_cast<int>(std::size(kRoles)))
        setRole(qs(toString(kRoles[index])));
}

void PersonForm::setSiteChosen(const QString &siteId, bool chosen)
{
    for (auto &site : m_sites) {
        QVariantMap map = site.toMap();
        if (map.value(kId).toString() != siteId || map.value(kChosen).toBool() == chosen)
            continue;
        map.insert(kChosen, chosen);
        site = map;
        emit sitesChanged();
        emit checksChanged();
        return;
    }
}

QStringList PersonForm::chosenSites() const
{
    QStringList out;
    for (const auto &site : m_sites) {
        const QVariantMap map = site.toMap();
        if (map.value(kChosen).toBool())
            out << map.value(kId).toString();
    }
    return out;
}

QString PersonForm::nameError() const
{
    if (!isNew() || m_name.trimmed().isEmpty())
        return {};
    if (QString why = ruleError(fields::userName, m_name); !why.isEmpty())
        return why;
    AppSession *session = m_people ? m_people->session() : nullptr;
    if (!session || !session->ready())
        return {};
    try {
        if (const auto taken = session->store().userByName(utf8(m_name.trimmed())))
            return tr("The sign-in name %1 is taken by %2: choose another.")
                .arg(m_name.trimmed(), qs(taken->displayName));
    } catch (const Error &) {
    }
    return {};
}

QString PersonForm::displayNameError() const
{
    return ruleError(fields::displayName, m_displayName);
}

QString PersonForm::missing() const
{
    QStringList needed;
    if (isNew() && m_name.trimmed().isEmpty())
        needed << tr("a sign-in name");
    // A release manager works at every site; the others see the releases and inventory of theirs.
    if (m_role != QLatin1String("release-manager") && chosenSites().isEmpty())
        needed << tr("at least one site");
    return needed.isEmpty() ? QString() : tr("Still needed: %1.").arg(needed.join(tr(" and ")));
}

bool PersonForm::canSubmit() const
{
    return m_people && missing().isEmpty() && nameError().isEmpty() && displayNameError().isEmpty();
}

QVariantMap PersonForm::setActive(bool active)
{
    if (!m_people || isNew())
        return {{QStringLiteral("ok"), false}, {QStringLiteral("error"), tr("Add the person first.")}};
    const QVariantMap answer = m_people->setActive(m_userId, active);
    const bool ok = answer.value(QStringLiteral("ok")).toBool();
    setError(ok ? QString() : answer.value(QStringLiteral("error")).toString());
    if (ok && m_active != active) {
        m_active = active;
        emit personChanged();
    }
    return answer;
}

QVariantMap PersonForm::submit()
{
    QVariantMap answer;
    if (!m_people) {
        answer = {{QStringLiteral("ok"), false}, {QStringLiteral("error"), tr("The app's data is not open.")}};
    } else if (!canSubmit()) {
        const QString why = !missing().isEmpty() ? missing() : !nameError().isEmpty() ? nameError() : displayNameError();
        answer = {{QStringLiteral("ok"), false}, {QStringLiteral("error"), why}};
    } else {
        User u;
        u.id = optionalId(m_userId).value_or(Id());
        u.name = utf8(m_name.trimmed());
        u.displayName = utf8(m_displayName.trimmed());
        u.role = parse<Role>(utf8(m_role));
        u.active = m_active;
        std::vector<Id> sites;
        for (const auto &id : chosenSites())
            sites.push_back(*optionalId(id));
        answer = isNew() ? m_people->add(u, sites) : m_people->update(u, sites);
    }
    const bool ok = answer.value(QStringLiteral("ok")).toBool();
    setError(ok ? QString() : answer.value(QStringLiteral("error")).toString());
    if (ok)
        emit saved(answer.value(QStringLiteral("id")).toString());
    return answer;
}

void PersonForm::setError(const QString &error)
{
    if (m_error == error)
        return;
    m_error = error;
    emit errorChanged();
}

} // namespace rd::mobile
