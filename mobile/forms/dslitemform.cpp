#include "dslitemform.h"

#include "fielderror.h"

#include "app/appsession.h"
#include "app/qtconvert.h"
#include "models/librarywords.h"

#include "store/buildviews.h"
#include "store/store.h"

#include <QRegularExpression>

namespace rd::mobile {

namespace {

const QString kOk = QStringLiteral("ok");
const QString kError = QStringLiteral("error");
const QString kValue = QStringLiteral("value");

int indexOf(const QVariantList &choices, const QString &value)
{
    for (qsizetype i = 0; i < choices.size(); ++i) {
        if (choices.at(i).toMap().value(kValue).toString() == value)
            return static_cast<int>(i);
    }
    return -1;
}

} // namespace

DslItemForm::DslItemForm(QObject *parent)
    : QObject(parent)
{
    load();
}

AppSession *DslItemForm::session() const
{
    return m_library ? m_library->session() : nullptr;
}

void DslItemForm::setLibrary(OfficeLibrary *library)
{
    if (m_library == library)
        return;
    if (m_library)
        disconnect(m_library, nullptr, this, nullptr);
    m_library = library;
    if (m_library) {
        connect(m_library, &OfficeLibrary::sessionChanged, this, &DslItemForm::load);
        connect(m_library, &OfficeLibrary::rightsChanged, this, &DslItemForm::itemChanged);
    }
    emit libraryChanged();
    load();
}

void DslItemForm::setDslItemId(const QString &id)
{
    if (m_dslItemId == id)
        return;
    m_dslItemId = id;
    emit dslItemIdChanged();
    load();
}

void DslItemForm::load()
{
    m_item = {};
    m_item.mediaKind = MediaKind::Download;
    m_item.licenceType = LicenceType::PerSeat;
    if (auto *s = session(); s && s->ready()) {
        try {
            if (const auto id = optionalId(m_dslItemId)) {
                if (const auto item = s->store().dslItem(*id))
                    m_item = *item;
                else
                    setError(tr("This software item is not on this device."));
            }
        } catch (const Error &e) {
            setError(qs(e.what()));
        }
    }
    m_product = qs(m_item.product);
    m_version = qs(m_item.version);
    m_vendor = qs(m_item.vendor);
    m_mediaKind = qs(toString(m_item.mediaKind));
    m_mediaLocation = qs(m_item.mediaLocation);
    m_buildLocation = qs(m_item.buildLocation);
    m_buildSha256 = qs(m_item.buildSha256);
    m_licenceType = qs(toString(m_item.licenceType));
    checkTaken();
    emit itemChanged();
    emit fieldsChanged();
}

void DslItemForm::setField(QString &field, const QString &value)
{
    if (field == value)
        return;
    field = value;
    emit fieldsChanged();
}

void DslItemForm::setProduct(const QString &text)
{
    if (m_product == text)
        return;
    m_product = text;
    checkTaken();
    emit fieldsChanged();
}

void DslItemForm::setVersion(const QString &text)
{
    if (m_version == text)
        return;
    m_version = text;
    checkTaken();
    emit fieldsChanged();
}

void DslItemForm::checkTaken()
{
    // One product at one version: another item with both is said as they are typed.
    m_taken.clear();
    auto *s = session();
    if (!s || !s->ready())
        return;
    const std::string product = utf8(m_product.trimmed());
    const std::string version = utf8(m_version.trimmed());
    if (product.empty() || version.empty())
        return;
    try {
        for (const auto &d : BuildViews(s->store()).dslCatalogue()) {
            if (d.product == product && d.version == version && qs(d.id) != m_dslItemId)
                m_taken = tr("The library holds %1 %2 already.").arg(qs(product), qs(version));
        }
    } catch (const Error &) {
    }
}

void DslItemForm::setVendor(const QString &text)
{
    setField(m_vendor, text);
}

void DslItemForm::setMediaKind(const QString &kind)
{
    if (tryParse<MediaKind>(utf8(kind)))
        setField(m_mediaKind, kind);
}

int DslItemForm::mediaKindIndex() const
{
    return indexOf(mediaKinds(), m_mediaKind);
}

void DslItemForm::setMediaKindIndex(int index)
{
    const auto choices = mediaKinds();
    if (index >= 0 && index < choices.size())
        setMediaKind(choices.at(index).toMap().value(kValue).toString());
}

QVariantList DslItemForm::mediaKinds() const
{
    return mediaKindChoices();
}

void DslItemForm::setMediaLocation(const QString &text)
{
    setField(m_mediaLocation, text);
}

void DslItemForm::setBuildLocation(const QString &text)
{
    setField(m_buildLocation, text);
}

void DslItemForm::setBuildSha256(const QString &text)
{
    setField(m_buildSha256, text);
}

void DslItemForm::setLicenceType(const QString &type)
{
    if (tryParse<LicenceType>(utf8(type)))
        setField(m_licenceType, type);
}

int DslItemForm::licenceTypeIndex() const
{
    return indexOf(licenceTypes(), m_licenceType);
}

void DslItemForm::setLicenceTypeIndex(int index)
{
    const auto choices = licenceTypes();
    if (index >= 0 && index < choices.size())
        setLicenceType(choices.at(index).toMap().value(kValue).toString());
}

QVariantList DslItemForm::licenceTypes() const
{
    return licenceTypeChoices();
}

bool DslItemForm::readOnly() const
{
    return !m_library || !m_library->canEditLibrary();
}

QString DslItemForm::productError() const
{
    return fieldError(fields::product, m_product);
}

QString DslItemForm::versionError() const
{
    if (const QString e = fieldError(fields::version, m_version); !e.isEmpty())
        return e;
    return m_taken;
}

QString DslItemForm::vendorError() const
{
    return fieldError(fields::vendor, m_vendor);
}

QString DslItemForm::mediaLocationError() const
{
    return fieldError(fields::mediaLocation, m_mediaLocation);
}

QString DslItemForm::buildLocationError() const
{
    return fieldError(fields::buildLocation, m_buildLocation);
}

QString DslItemForm::buildSha256Error() const
{
    const QString text = m_buildSha256.trimmed();
    if (text.isEmpty())
        return {};
    // The store's rule: 64 hexadecimal digits (kept in lower case).
    static const QRegularExpression hex(QStringLiteral("^[0-9A-Fa-f]{64}$"));
    if (!hex.match(text).hasMatch())
        return tr("The build SHA-256 must be 64 hexadecimal digits, 0-9 and a-f (this is %1 characters long).")
            .arg(text.size());
    return {};
}

DslItem DslItemForm::edited() const
{
    DslItem d = m_item;
    d.product = utf8(m_product);
    d.version = utf8(m_version);
    d.vendor = utf8(m_vendor);
    d.mediaKind = tryParse<MediaKind>(utf8(m_mediaKind)).value_or(m_item.mediaKind);
    d.mediaLocation = utf8(m_mediaLocation);
    d.buildLocation = utf8(m_buildLocation);
    d.buildSha256 = utf8(m_buildSha256.trimmed().toLower());
    d.licenceType = tryParse<LicenceType>(utf8(m_licenceType)).value_or(m_item.licenceType);
    return d;
}

bool DslItemForm::dirty() const
{
    const DslItem d = edited();
    const auto same = [](const std::string &typed, const std::string &stored) {
        return qs(typed).trimmed() == qs(stored);
    };
    return adding() ? !m_product.trimmed().isEmpty() || !m_version.trimmed().isEmpty() ||
                          !m_vendor.trimmed().isEmpty() || !m_mediaLocation.trimmed().isEmpty() ||
                          !m_buildLocation.trimmed().isEmpty() || !m_buildSha256.trimmed().isEmpty()
                    : !same(d.product, m_item.product) || !same(d.version, m_item.version) ||
                          !same(d.vendor, m_item.vendor) || d.mediaKind != m_item.mediaKind ||
                          !same(d.mediaLocation, m_item.mediaLocation) ||
                          !same(d.buildLocation, m_item.buildLocation) || d.buildSha256 != m_item.buildSha256 ||
                          d.licenceType != m_item.licenceType;
}

bool DslItemForm::canSubmit() const
{
    return !readOnly() && dirty() && productError().isEmpty() && versionError().isEmpty() &&
           vendorError().isEmpty() && mediaLocationError().isEmpty() && buildLocationError().isEmpty() &&
           buildSha256Error().isEmpty();
}

void DslItemForm::setError(const QString &error)
{
    if (m_error == error)
        return;
    m_error = error;
    emit errorChanged();
}

void DslItemForm::revert()
{
    setError({});
    load();
}

QVariantMap DslItemForm::submit()
{
    if (!m_library) {
        setError(tr("The app's data is not open."));
        return {{kOk, false}, {kError, m_error}};
    }
    const QVariantMap answer = m_library->saveDslItem(edited());
    if (!answer.value(kOk).toBool()) {
        setError(answer.value(kError).toString());
        return answer;
    }
    setError({});
    const QString id = answer.value(QStringLiteral("id")).toString();
    // The form now holds the item as stored (a new one becomes the one to change).
    if (m_dslItemId != id) {
        m_dslItemId = id;
        emit dslItemIdChanged();
    }
    load();
    emit saved(id);
    return answer;
}

} // namespace rd::mobile
