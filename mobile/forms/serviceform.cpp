#include "serviceform.h"

#include "fielderror.h"

#include "app/appsession.h"
#include "app/qtconvert.h"

#include "store/buildviews.h"
#include "store/store.h"

namespace rd::mobile {

namespace {

const QString kId = QStringLiteral("id");
const QString kOk = QStringLiteral("ok");
const QString kError = QStringLiteral("error");

} // namespace

ServiceForm::ServiceForm(QObject *parent)
    : QObject(parent)
{}

AppSession *ServiceForm::session() const
{
    return m_office ? m_office->session() : nullptr;
}

void ServiceForm::setOffice(OfficeBench *office)
{
    if (m_office == office)
        return;
    if (m_office)
        disconnect(m_office, nullptr, this, nullptr);
    m_office = office;
    if (m_office) {
        connect(m_office, &OfficeBench::sessionChanged, this, &ServiceForm::load);
        connect(m_office, &OfficeBench::rightsChanged, this, &ServiceForm::serviceChanged);
    }
    emit officeChanged();
    load();
}

void ServiceForm::setServiceId(const QString &serviceId)
{
    if (m_serviceId == serviceId)
        return;
    m_serviceId = serviceId;
    emit serviceIdChanged();
    load();
}

void ServiceForm::load()
{
    m_service = {};
    m_owners = {QVariantMap{{kId, QString()}, {QStringLiteral("name"), tr("No one")}}};
    if (auto *s = session(); s && s->ready()) {
        try {
            auto &store = s->store();
            if (const auto id = optionalId(m_serviceId)) {
                if (const auto service = store.service(*id))
                    m_service = *service;
                else
                    setError(tr("This service is not on this tablet."));
            }
            for (const auto &p : BuildViews(store).activePeople())
                m_owners.push_back(QVariantMap{{kId, qs(p.id)}, {QStringLiteral("name"), qs(p.displayName)}});
        } catch (const Error &e) {
            setError(qs(e.what()));
        }
    }
    emit serviceChanged();
    m_name.clear(); // setName below checks the name again, even when it is the same
    setName(qs(m_service.name));
    setDescription(qs(m_service.description));
    setUserBenefit(qs(m_service.userBenefit));
    setOwnerId(m_service.ownerId ? qs(*m_service.ownerId) : QString());
    emit nameChanged();
    emit checksChanged();
}

void ServiceForm::setName(const QString &name)
{
    if (m_name == name)
        return;
    m_name = name;
    // A name is the service's own: another service with it is said as it is typed.
    m_nameTaken.clear();
    if (auto *s = session(); s && s->ready()) {
        try {
            const auto other = BuildViews(s->store()).serviceNamed(utf8(name.trimmed()));
            if (other && qs(*other) != m_serviceId)
                m_nameTaken = tr("Another service is already called %1.").arg(name.trimmed());
        } catch (const Error &) {
        }
    }
    emit nameChanged();
    emit checksChanged();
}

void ServiceForm::setDescription(const QString &description)
{
    if (m_description == description)
        return;
    m_description = description;
    emit descriptionChanged();
    emit checksChanged();
}

void ServiceForm::setUserBenefit(const QString &userBenefit)
{
    if (m_userBenefit == userBenefit)
        return;
    m_userBenefit = userBenefit;
    emit userBenefitChanged();
    emit checksChanged();
}

void ServiceForm::setOwnerId(const QString &ownerId)
{
    if (m_ownerId == ownerId)
        return;
    m_ownerId = ownerId;
    emit ownerChanged();
    emit checksChanged();
}

int ServiceForm::ownerIndex() const
{
    for (qsizetype i = 0; i < m_owners.size(); ++i) {
        if (m_owners.at(i).toMap().value(kId).toString() == m_ownerId)
            return static_cast<int>(i);
    }
    return -1;
}

void ServiceForm::setOwnerIndex(int index)
{
    if (index >= 0 && index < m_owners.size())
        setOwnerId(m_owners.at(index).toMap().value(kId).toString());
}

bool ServiceForm::readOnly() const
{
    return retired() || !m_office || !m_office->canEditServices();
}

QString ServiceForm::nameError() const
{
    if (const QString e = fieldError(fields::serviceName, m_name); !e.isEmpty())
        return e;
    return m_nameTaken;
}

QString ServiceForm::descriptionError() const
{
    return fieldError(fields::serviceDescription, m_description);
}

QString ServiceForm::userBenefitError() const
{
    return fieldError(fields::userBenefit, m_userBenefit);
}

Service ServiceForm::edited() const
{
    Service s = m_service;
    s.name = utf8(m_name);
    s.description = utf8(m_description);
    s.userBenefit = utf8(m_userBenefit);
    s.ownerId = optionalId(m_ownerId);
    return s;
}

bool ServiceForm::dirty() const
{
    const Service s = edited();
    return s.name != m_service.name || s.description != m_service.description ||
           s.userBenefit != m_service.userBenefit || s.ownerId != m_service.ownerId;
}

bool ServiceForm::canSubmit() const
{
    return !readOnly() && dirty() && nameError().isEmpty() && descriptionError().isEmpty() &&
           userBenefitError().isEmpty();
}

void ServiceForm::setError(const QString &error)
{
    if (m_error == error)
        return;
    m_error = error;
    emit errorChanged();
}

void ServiceForm::revert()
{
    setError({});
    load();
}

QVariantMap ServiceForm::submit()
{
    if (!m_office) {
        setError(tr("The app's data is not open."));
        return {{kOk, false}, {kError, m_error}};
    }
    const QVariantMap answer = m_office->saveService(edited());
    if (!answer.value(kOk).toBool()) {
        setError(answer.value(kError).toString());
        return answer;
    }
    setError({});
    const QString id = answer.value(kId).toString();
    // The form now holds the service as stored (a new one becomes the one to change).
    if (m_serviceId != id) {
        m_serviceId = id;
        emit serviceIdChanged();
    }
    load();
    emit saved(id);
    return answer;
}

} // namespace rd::mobile
