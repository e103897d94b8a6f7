#include "licenceform.h"

#include "fielderror.h"

#include "app/appsession.h"
#include "app/qtconvert.h"

#include "domain/text.h"
#include "store/buildviews.h"
#include "store/store.h"

namespace rd::mobile {

namespace {

const QString kOk = QStringLiteral("ok");
const QString kError = QStringLiteral("error");
const QString kId = QStringLiteral("id");

} // namespace

LicenceForm::LicenceForm(QObject *parent)
    : QObject(parent)
{
    load();
}

AppSession *LicenceForm::session() const
{
    return m_library ? m_library->session() : nullptr;
}

void LicenceForm::setLibrary(OfficeLibrary *library)
{
    if (m_library == library)
        return;
    if (m_library)
        disconnect(m_library, nullptr, this, nullptr);
    m_library = library;
    if (m_library) {
        connect(m_library, &OfficeLibrary::sessionChanged, this, &LicenceForm::load);
        connect(m_library, &OfficeLibrary::rightsChanged, this, &LicenceForm::load);
    }
    emit libraryChanged();
    load();
}

void LicenceForm::setLicenceId(const QString &id)
{
    if (m_licenceId == id)
        return;
    m_licenceId = id;
    emit licenceIdChanged();
    load();
}

void LicenceForm::load()
{
    m_licence = {};
    m_used = 0;
    m_dslItems = {QVariantMap{{kId, QString()}, {QStringLiteral("name"), tr("No software item")}}};
    if (auto *s = session(); s && s->ready()) {
        try {
            auto &store = s->store();
            if (const auto id = optionalId(m_licenceId)) {
                if (const auto licence = store.licence(*id)) {
                    m_licence = *licence;
                    m_used = store.seatsUsed(*id);
                } else {
                    setError(tr("This licence is not on this device."));
                }
            }
            for (const auto &d : BuildViews(store).dslCatalogue())
                m_dslItems.push_back(
                    QVariantMap{{kId, qs(d.id)}, {QStringLiteral("name"), qs(d.product + " " + d.version)}});
        } catch (const Error &e) {
            setError(qs(e.what()));
        }
    }
    if (!m_library || !m_library->canSeeKeys())
        m_licence.entitlement.clear(); // the office's only: not even held by the form
    m_name = qs(m_licence.name);
    m_key = qs(m_licence.entitlement);
    m_seats = m_licence.seats;
    m_expiresOn = qs(m_licence.expiresOn);
    m_supplier = qs(m_licence.supplier);
    m_purchaseRef = qs(m_licence.purchaseRef);
    m_dslItemId = m_licence.dslItemId ? qs(*m_licence.dslItemId) : QString();
    emit licenceChanged();
    emit fieldsChanged();
}

void LicenceForm::setField(QString &field, const QString &value)
{
    if (field == value)
        return;
    field = value;
    emit fieldsChanged();
}

void LicenceForm::setName(const QString &text)
{
    setField(m_name, text);
}

void LicenceForm::setKey(const QString &text)
{
    if (readOnly())
        return; // never typed in by someone who may not see it
    setField(m_key, text);
}

void LicenceForm::setSeats(int seats)
{
    if (m_seats == seats)
        return;
    m_seats = seats;
    emit fieldsChanged();
}

void LicenceForm::setExpiresOn(const QString &text)
{
    setField(m_expiresOn, text);
}

void LicenceForm::setSupplier(const QString &text)
{
    setField(m_supplier, text);
}

void LicenceForm::setPurchaseRef(const QString &text)
{
    setField(m_purchaseRef, text);
}

void LicenceForm::setDslItemId(const QString &id)
{
    setField(m_dslItemId, id);
}

int LicenceForm::dslItemIndex() const
{
    for (qsizetype i = 0; i < m_dslItems.size(); ++i) {
        if (m_dslItems.at(i).toMap().value(kId).toString() == m_dslItemId)
            return static_cast<int>(i);
    }
    return -1;
}

void LicenceForm::setDslItemIndex(int index)
{
    if (index >= 0 && index < m_dslItems.size())
        setDslItemId(m_dslItems.at(index).toMap().value(kId).toString());
}

bool LicenceForm::readOnly() const
{
    return !m_library || !m_library->canEditLicences() || !m_library->canSeeKeys();
}

QString LicenceForm::nameError() const
{
    return fieldError(fields::licenceName, m_name);
}

QString LicenceForm::keyError() const
{
    return fieldError(fields::entitlement, m_key);
}

QString LicenceForm::seatsError() const
{
    if (m_seats < 0 || m_seats > 1000000)
        return tr("The seats must be between 0 and 1000000.");
    return {};
}

QString LicenceForm::seatsWarning() const
{
    if (m_seats >= m_used || !seatsError().isEmpty())
        return {};
    return tr("Seats given already: %1. Fewer bought leaves the licence over-used until some are taken back.")
        .arg(m_used);
}

QString LicenceForm::expiresOnError() const
{
    const QString text = m_expiresOn.trimmed();
    if (text.isEmpty() || isIsoDate(utf8(text)))
        return {};
    return tr("'%1' is not a date: write it as YYYY-MM-DD, or leave it empty if the licence does not expire.")
        .arg(text);
}

QString LicenceForm::supplierError() const
{
    return fieldError(fields::supplier, m_supplier);
}

QString LicenceForm::purchaseRefError() const
{
    return fieldError(fields::purchaseRef, m_purchaseRef);
}

Licence LicenceForm::edited() const
{
    Licence l = m_licence;
    l.name = utf8(m_name);
    l.entitlement = utf8(m_key);
    l.seats = m_seats;
    l.expiresOn = utf8(m_expiresOn.trimmed());
    l.supplier = utf8(m_supplier);
    l.purchaseRef = utf8(m_purchaseRef);
    l.dslItemId = optionalId(m_dslItemId);
    return l;
}

bool LicenceForm::dirty() const
{
    const Licence l = edited();
    const auto same = [](const std::string &typed, const std::string &stored) {
        return qs(typed).trimmed() == qs(stored);
    };
    if (adding())
        return !m_name.trimmed().isEmpty() || !m_key.trimmed().isEmpty() || !m_supplier.trimmed().isEmpty() ||
               !m_purchaseRef.trimmed().isEmpty() || !m_expiresOn.trimmed().isEmpty() || l.dslItemId.has_value();
    return !same(l.name, m_licence.name) || !same(l.entitlement, m_licence.entitlement) ||
           l.seats != m_licence.seats || l.expiresOn != m_licence.expiresOn ||
           !same(l.supplier, m_licence.supplier) || !same(l.purchaseRef, m_licence.purchaseRef) ||
           l.dslItemId != m_licence.dslItemId;
}

bool LicenceForm::canSubmit() const
{
    return !readOnly() && dirty() && nameError().isEmpty() && keyError().isEmpty() && seatsError().isEmpty() &&
           expiresOnError().isEmpty() && supplierError().isEmpty() && purchaseRefError().isEmpty();
}

void LicenceForm::setError(const QString &error)
{
    if (m_error == error)
        return;
    m_error = error;
    emit errorChanged();
}

void LicenceForm::revert()
{
    setError({});
    load();
}

QVariantMap LicenceForm::submit()
{
    if (!m_library) {
        setError(tr("The app's data is not open."));
        return {{kOk, false}, {kError, m_error}};
    }
    if (readOnly()) {
        setError(tr("Only release managers and build developers change the licence log."));
        return {{kOk, false}, {kError, m_error}};
    }
    const QVariantMap answer = m_library->saveLicence(edited());
    if (!answer.value(kOk).toBool()) {
        setError(answer.value(kError).toString());
        return answer;
    }
    setError({});
    const QString id = answer.value(kId).toString();
    if (m_licenceId != id) {
        m_licenceId = id;
        emit licenceIdChanged();
    }
    load();
    emit saved(id);
    return answer;
}

} // namespace rd::mobile
