#include "reportscreenshots.h"

#include "appsession.h"
#include "demotablet.h"
#include "qtconvert.h"
#include "reportexport.h"

#include "store/buildviews.h"
#include "store/report.h"
#include "store/store.h"

#include <QDateTime>
#include <QDir>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QTemporaryDir>
#include <QUrl>

#include <exception>
#include <iostream>
#include <string>
#include <vector>

namespace rd::mobile {

namespace {

constexpr Millis kMinute = 60 * 1000;
constexpr Millis kHour = 60 * kMinute;
constexpr Millis kDay = 24 * kHour;

QVariant call(QObject *target, const char *method, const QVariant &a = {}, const QVariant &b = {})
{
    QVariant result;
    if (!target)
        return result;
    if (b.isValid())
        QMetaObject::invokeMethod(target, method, Q_RETURN_ARG(QVariant, result), Q_ARG(QVariant, a), Q_ARG(QVariant, b));
    else if (a.isValid())
        QMetaObject::invokeMethod(target, method, Q_RETURN_ARG(QVariant, result), Q_ARG(QVariant, a));
    else
        QMetaObject::invokeMethod(target, method, Q_RETURN_ARG(QVariant, result));
    return result;
}

QObject *root(QQmlApplicationEngine &engine)
{
    return engine.rootObjects().isEmpty() ? nullptr : engine.rootObjects().constFirst();
}

/** The place's own page: in the left pane on a wide screen, the stack's first page on a narrow one. */
QObject *placePage(QQmlApplicationEngine &engine, bool wide)
{
    auto *window = root(engine);
    if (!window)
        return nullptr;
    auto *holder = wide ? window->findChild<QObject *>(QStringLiteral("leftPane")) : window->property("stack").value<QObject *>();
    return holder ? holder->property("currentItem").value<QObject *>() : nullptr;
}

/**
 * The staff desktops (ProDesk 400 G7) re-imaged with the desktop build, a room at a time, month by
 * month since the build was approved, ending with @p last: a rollout a month, alternately at each
 * site, each unit signed off by a member of staff. @p last, the month the pictures report on, has
 * a bit of everything: a line failed and passed on a retest, a scan taken on the installer's
 * word, a unit backed out and installed again, one signed off after nine days.
 */
class DesktopHistory {
public:
    explicit DesktopHistory(Store &store)
        : m_store(store)
        , m_morgan(store.userByName("morgan")->id)
        , m_sam(store.userByName("sam")->id)
        , m_jo(store.userByName("jo")->id)
        , m_upper(store.releaseByNumber("R-2026-047")->siteId)
        , m_lower(store.releaseByNumber("R-2026-049")->siteId)
    {
        BuildViews views(store);
        if (const auto service = views.serviceNamed("Staff desktop")) {
            for (const auto &v : views.buildVersions(*service)) {
                if (v.status == BuildStatus::Approved && v.approvedAt) {
                    m_build = v.id;
                    m_approvedAt = *v.approvedAt;
                }
            }
        }
    }

    [[nodiscard]] bool ok() const { return !m_build.isNull(); }

    void add(ReportMonth last)
    {
        // Oldest first, so that the release numbers go up with the months.
        const int perMonth[] = {3, 6, 4, 7, 5};
        std::vector<ReportMonth> months;
        ReportMonth m = last;
        for (std::size_t i = 0; i < std::size(perMonth); ++i) {
            m = m.previous();
            months.insert(months.begin(), m);
        }
        for (std::size_t i = 0; i < months.size(); ++i) {
            const Millis start = months[i].period().from + 6 * kDay + 15 * kHour + 30 * kMinute; // after school
            if (start < m_approvedAt + 2 * kDay)
                continue; // before the build was approved
            const int units = perMonth[i];
            const Id release = plan(months[i], i % 2 == 0 ? m_lower : m_upper, units, start);
            const auto assets = freeDesktops(i % 2 == 0 ? m_lower : m_upper, units);
            for (std::size_t u = 0; u < assets.size(); ++u) {
                const Millis at = start + static_cast<Millis>(u / 3) * kDay + static_cast<Millis>(u % 3) * 40 * kMinute;
                const Id inst = begin(release, assets[u], at, u % 2 == 0 ? m_sam : m_jo);
                if (i == 2 && u == 1) {
                    backOut(inst, "The science room's data logger software is not in the build; put back on the old "
                                  "image until the build has it", at + 2 * kHour);
                    continue;
                }
                passAll(inst, at + 30 * kMinute, u == 0 && i == 1);
                signOff(inst, signer(u + i), at + 45 * kMinute);
            }
            close(release);
        }
        reportMonth(last);
    }

private:
    /** Last month: six desktops in the Upper School's staff workroom, with what a report is for. */
    void reportMonth(ReportMonth month)
    {
        const Millis start = month.period().from + 3 * kDay + 15 * kHour + 30 * kMinute;
        const Id release = plan(month, m_upper, 6, start);
        const auto assets = freeDesktops(m_upper, 6);
        if (assets.size() < 6)
            return;
        const auto step = [&](std::size_t u) { return start + static_cast<Millis>(u) * kDay; };
        // Two signed off the same afternoon.
        for (std::size_t u : {0u, 5u}) {
            const Id inst = begin(release, assets[u], step(u), m_sam);
            passAll(inst, step(u) + 30 * kMinute, false);
            signOff(inst, signer(u), step(u) + 50 * kMinute);
        }
        // The shared printer not found at first: failed, the driver added, passed on a retest.
        {
            const Id inst = begin(release, assets[1], step(1), m_jo);
            passAll(inst, step(1) + 30 * kMinute, true);
            signOff(inst, "Ms R. Lewis (Science)", step(1) + 90 * kMinute);
        }
        // A worn asset tag: the scan refused, taken on the installer's word.
        {
            const Id inst = begin(release, assets[2], step(2), m_sam);
            const std::string tag = m_store.asset(assets[2])->assetTag.value_or("RAU-00000");
            std::string misread = tag;
            misread.back() = '?';
            m_store.recordScanOverride({{}, assets[2], inst, "asset-tag", tag,
                                        "the label read as " + misread + ", which is not an asset tag",
                                        "Label scratched; the tag checked against the asset register by hand", m_sam,
                                        step(2) + 5 * kMinute});
            passAll(inst, step(2) + 30 * kMinute, false);
            signOff(inst, "Mr T. Brennan (Maths)", step(2) + 45 * kMinute);
        }
        // Backed out: the head of year's dictation software missing; installed again two days later.
        {
            const Id inst = begin(release, assets[3], step(3), m_jo);
            backOut(inst, "Dragon dictation, which the head of year needs daily, is not in the build; put back on "
                          "the old image until it is added",
                    step(3) + 3 * kHour);
            const Id again = begin(release, assets[3], step(3) + 2 * kDay, m_jo);
            passAll(again, step(3) + 2 * kDay + 30 * kMinute, false);
            signOff(again, "Mrs S. Adeyemi (Head of Year 9)", step(3) + 2 * kDay + 45 * kMinute);
        }
        // Signed off after nine days: its user was away on a school trip.
        {
            const Id inst = begin(release, assets[4], step(4), m_sam);
            passAll(inst, step(4) + 30 * kMinute, false);
            signOff(inst, "Ms K. Nowak (English)", step(4) + 9 * kDay + 2 * kHour);
        }
        close(release);
    }

    Id plan(ReportMonth month, const Id &site, int units, Millis start)
    {
        Release r;
        r.number = "R-" + std::to_string(month.year) + "-0" + std::to_string(m_number++);
        r.kind = ReleaseKind::Rollout;
        r.units = units;
        r.trigger = TriggerKind::Request;
        r.triggerRef = "REQ-" + std::to_string(4600 + m_number * 7);
        r.buildId = m_build;
        r.siteId = site;
        r.plannedDate = utf8(localTime(start).date().toString(Qt::ISODate));
        r.installers = {m_sam, m_jo};
        r.createdBy = m_morgan;
        r.createdAt = start - 8 * kDay;
        r.userNotice = "Staff desktops are re-imaged after school, a room at a time; save your work to OneDrive first.";
        return m_store.addRelease(r);
    }

    std::vector<Id> freeDesktops(const Id &site, int n)
    {
        std::vector<Id> out;
        auto q = m_store.database().query(
            "SELECT id FROM assets WHERE site_id = ?1 AND model = 'ProDesk 400 G7' AND status = 'in-use' AND "
            "id NOT IN (SELECT asset_id FROM installations) ORDER BY asset_tag LIMIT ?2");
        q->bind(1, site);
        q->bind(2, n);
        while (q->step())
            out.push_back(q->id(0));
        return out;
    }

    Id begin(const Id &release, const Id &asset, Millis at, const Id &by)
    {
        return m_store.startInstallation({{}, release, asset, InstallationStatus::InProgress, by, at});
    }

    /** Every line passed (or not applicable); with @p printerFails, the printing line failed first. */
    void passAll(const Id &inst, Millis at, bool printerFails)
    {
        const Id by = m_store.installation(inst)->startedBy;
        for (const auto &line : m_store.checklist(inst)) {
            Millis when = at;
            if (printerFails && line.step.title.find("print") != std::string::npos) {
                m_store.recordStepResult({{}, inst, line.step.id, StepOutcome::Fail,
                                          "Staff room printer not found: its driver package is not in the DSL", "", by,
                                          at});
                when = at + 40 * kMinute;
                printerFails = false;
            }
            m_store.recordStepResult({{}, inst, line.step.id,
                                      line.step.required ? StepOutcome::Pass : StepOutcome::NotApplicable, "", "", by,
                                      when});
        }
    }

    void signOff(const Id &inst, const std::string &name, Millis at)
    {
        const Id by = m_store.installation(inst)->startedBy;
        m_store.signOff({{}, inst, name, "10,40 30,22 52,45 70,20;80,40 120,38", at, by});
    }

    void backOut(const Id &inst, const std::string &reason, Millis at)
    {
        m_store.recordBackOut({{}, inst, reason, m_store.installation(inst)->startedBy, at});
    }

    void close(const Id &release)
    {
        m_store.setReleaseStatus(release, ReleaseStatus::Installed);
        m_store.setReleaseStatus(release, ReleaseStatus::Accepted);
        m_store.setReleaseStatus(release, ReleaseStatus::Closed);
    }

    static std::string signer(std::size_t i)
    {
        static const char *const names[] = {"Mr D. Osei (Geography)", "Mrs A. Patel (Finance)", "Mr J. Evans (History)",
                                            "Ms H. Clarke (Art)",     "Mr P. Singh (Computing)", "Ms E. Byrne (Music)"};
        return names[i % std::size(names)];
    }

    Store &m_store;
    Id m_morgan, m_sam, m_jo, m_upper, m_lower;
    Id m_build;
    Millis m_approvedAt = 0;
    int m_number = 35; ///< the demo school's own releases are R-2026-041 and later
};

} // namespace

bool renderReportScreenshots(const ScreenshotKit &kit)
{
    QTemporaryDir data;
    QTemporaryDir home;
    const QString documents = QDir(home.path()).filePath(QStringLiteral("Documents"));
    QDir().mkpath(documents);
    AppSession morgan(data.path());
    QString why;
    if (!prepareDemoTablet(morgan, QStringLiteral("morgan"), &why)) {
        std::cerr << "releasedesk: cannot prepare the release manager's demo tablet: " << why.toStdString() << "\n";
        return false;
    }
    // The month a release manager reports on: the one just over.
    const ReportMonth month = ReportMonth::containing(AppSession::now()).previous();
    try {
        DesktopHistory history(morgan.store());
        if (!history.ok()) {
            std::cerr << "releasedesk: the demo school lacks an approved staff desktop build\n";
            return false;
        }
        Store::Batch batch(morgan.store());
        history.add(month);
        batch.commit();
    } catch (const std::exception &e) {
        std::cerr << "releasedesk: cannot write the report's history: " << e.what() << "\n";
        return false;
    }
    morgan.notifyLocalChange();
    const QString monthKey = qs(month.toString());

    // At a desk: the report on the left, what a count stands for on the right.
    {
        QQmlApplicationEngine engine;
        if (!kit.openWindow(engine, morgan, 1280, 800))
            return false;
        call(root(engine), "showPlace", QStringLiteral("report"));
        auto *page = placePage(engine, true);
        auto *model = page ? page->property("model").value<QObject *>() : nullptr;
        if (!model) {
            std::cerr << "releasedesk: the report page did not open\n";
            return false;
        }
        model->setProperty("month", monthKey);
        kit.shoot(engine, QStringLiteral("40-report"));
        const auto openCount = [&](const QString &key) {
            page->setProperty("chosenKey", key);
            model->setProperty("chartKey", key);
            call(root(engine), "openReportList", monthKey, key);
        };
        openCount(QStringLiteral("builds_installed"));
        kit.shoot(engine, QStringLiteral("41-report-builds-installed"));
        openCount(QStringLiteral("back_outs"));
        kit.shoot(engine, QStringLiteral("42-report-back-outs"));

        // Export: the file dialog, in a documents folder that holds the two months before.
        {
            ReportExport exporter;
            exporter.setSession(&morgan);
            for (ReportMonth m : {month.previous(), month.previous().previous()}) {
                exporter.setMonth(qs(m.toString()));
                exporter.savePdf(QUrl::fromLocalFile(QDir(documents).filePath(exporter.fileName(QStringLiteral("pdf")))));
            }
            exporter.setMonth(qs(month.previous().toString()));
            exporter.saveCsv(QUrl::fromLocalFile(QDir(documents).filePath(exporter.fileName(QStringLiteral("csv")))));
        }
        auto *dialog = page->property("saveDialog").value<QObject *>();
        auto *exporter = qobject_cast<ReportExport *>(page->property("exporter").value<QObject *>());
        if (dialog && exporter) {
            dialog->setProperty("format", QStringLiteral("pdf"));
            dialog->setProperty("currentFolder", QUrl::fromLocalFile(documents));
            dialog->setProperty("selectedFile", QUrl::fromLocalFile(QDir(documents)
                                                                       .filePath(exporter->fileName(QStringLiteral("pdf")))));
            QMetaObject::invokeMethod(dialog, "open");
        }
        kit.shoot(engine, QStringLiteral("44-report-export"));
        if (dialog)
            QMetaObject::invokeMethod(dialog, "close");
    }
    // A tablet in portrait: the whole report on one page, the chart below the counts.
    {
        QQmlApplicationEngine engine;
        if (!kit.openWindow(engine, morgan, 800, 1280))
            return false;
        call(root(engine), "showPlace", QStringLiteral("report"));
        auto *page = placePage(engine, false);
        auto *model = page ? page->property("model").value<QObject *>() : nullptr;
        if (!model)
            return false;
        model->setProperty("month", monthKey);
        page->setProperty("chosenKey", QStringLiteral("builds_installed"));
        kit.shoot(engine, QStringLiteral("43-report-chart"));
    }
    return true;
}

} // namespace rd::mobile
