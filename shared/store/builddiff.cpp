// What changed between two versions of a build procedure, line by line.
#include "builddiff.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

namespace rd {

namespace {

/** A line's words as compared: ASCII lower case, runs of white space as one space, trimmed. */
std::string key(std::string_view title)
{
    std::string out;
    bool space = false;
    for (const char c : title) {
        if (std::isspace(static_cast<unsigned char>(c))) {
            space = !out.empty();
            continue;
        }
        if (space)
            out += ' ';
        space = false;
        out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return out;
}

std::set<std::string> words(std::string_view text)
{
    std::set<std::string> out;
    std::string word;
    for (const char c : key(text) + ' ') {
        if (std::isalnum(static_cast<unsigned char>(c)) || (c & 0x80)) {
            word += c;
        } else if (!word.empty()) {
            out.insert(word);
            word.clear();
        }
    }
    return out;
}

/**
 * Whether two lines are one line reworded: at least half of their words (of both together) are
 * shared, or the detail, which is not empty, is the same.
 */
bool reworded(const BuildStep &a, const BuildStep &b)
{
    if (!a.detail.empty() && key(a.detail) == key(b.detail))
        return true;
    const auto wa = words(a.title);
    const auto wb = words(b.title);
    if (wa.empty() || wb.empty())
        return false;
    std::size_t shared = 0;
    for (const auto &w : wa)
        shared += wb.count(w);
    const std::size_t all = wa.size() + wb.size() - shared;
    return shared * 2 >= all;
}

std::vector<BuildStep> partLines(const BuildProcedure &b, StepPart part)
{
    std::vector<BuildStep> out;
    for (const auto &s : b.steps) {
        if (s.part == part)
            out.push_back(s);
    }
    std::stable_sort(out.begin(), out.end(), [](const BuildStep &x, const BuildStep &y) { return x.position < y.position; });
    return out;
}

/** The pairs (i, j) of the longest common subsequence of @p a and @p b, in order. */
std::vector<std::pair<std::size_t, std::size_t>> longestCommon(const std::vector<std::string> &a,
                                                               const std::vector<std::string> &b)
{
    const std::size_t n = a.size();
    const std::size_t m = b.size();
    // len[i][j]: the longest common subsequence of a[i..] and b[j..].
    std::vector<std::vector<int>> len(n + 1, std::vector<int>(m + 1, 0));
    for (std::size_t i = n; i-- > 0;) {
        for (std::size_t j = m; j-- > 0;)
            len[i][j] = a[i] == b[j] ? len[i + 1][j + 1] + 1 : std::max(len[i + 1][j], len[i][j + 1]);
    }
    std::vector<std::pair<std::size_t, std::size_t>> out;
    std::size_t i = 0;
    std::size_t j = 0;
    while (i < n && j < m) {
        if (a[i] == b[j]) {
            out.emplace_back(i++, j++);
        } else if (len[i + 1][j] >= len[i][j + 1]) {
            ++i;
        } else {
            ++j;
        }
    }
    return out;
}

BuildDiff::Line pairLine(StepPart part, const BuildStep &before, const BuildStep &after, bool moved)
{
    BuildDiff::Line l;
    l.part = part;
    l.before = before;
    l.after = after;
    l.moved = moved;
    l.titleChanged = before.title != after.title;
    l.detailChanged = before.detail != after.detail;
    l.requiredChanged = before.required != after.required;
    l.evidenceChanged = before.evidence != after.evidence;
    const bool changed = l.titleChanged || l.detailChanged || l.requiredChanged || l.evidenceChanged;
    l.kind = changed ? DiffKind::Changed : moved ? DiffKind::Moved : DiffKind::Same;
    return l;
}

void diffPart(StepPart part, const BuildProcedure &before, const BuildProcedure &after, std::vector<BuildDiff::Line> &out)
{
    const auto old = partLines(before, part);
    const auto now = partLines(after, part);
    std::vector<std::string> oldKeys;
    std::vector<std::string> newKeys;
    for (const auto &s : old)
        oldKeys.push_back(key(s.title));
    for (const auto &s : now)
        newKeys.push_back(key(s.title));

    constexpr std::size_t kNone = static_cast<std::size_t>(-1);
    std::vector<std::size_t> oldMatch(old.size(), kNone); // old line -> new line
    std::vector<std::size_t> newMatch(now.size(), kNone); // new line -> old line
    std::vector<bool> newMoved(now.size(), false);

    // 1. The backbone: the longest run of lines with the same words in the same order.
    const auto anchors = longestCommon(oldKeys, newKeys);
    for (const auto &[i, j] : anchors) {
        oldMatch[i] = j;
        newMatch[j] = i;
    }
    // 2. The same words elsewhere: the line moved (the first left over with them, in order).
    for (std::size_t j = 0; j < now.size(); ++j) {
        if (newMatch[j] != kNone)
            continue;
        for (std::size_t i = 0; i < old.size(); ++i) {
            if (oldMatch[i] == kNone && oldKeys[i] == newKeys[j]) {
                oldMatch[i] = j;
                newMatch[j] = i;
                newMoved[j] = true;
                break;
            }
        }
    }
    // 3. Between the same two backbone lines, a line left on each side whose words are mostly the
    //    same is one line reworded; taken in order on both sides, so that none crosses another.
    std::size_t gapOld = 0;
    std::size_t gapNew = 0;
    for (std::size_t a = 0; a <= anchors.size(); ++a) {
        const std::size_t endOld = a < anchors.size() ? anchors[a].first : old.size();
        const std::size_t endNew = a < anchors.size() ? anchors[a].second : now.size();
        std::size_t nextNew = gapNew;
        for (std::size_t i = gapOld; i < endOld; ++i) {
            if (oldMatch[i] != kNone)
                continue;
            for (std::size_t j = nextNew; j < endNew; ++j) {
                if (newMatch[j] == kNone && reworded(old[i], now[j])) {
                    oldMatch[i] = j;
                    newMatch[j] = i;
                    nextNew = j + 1;
                    break;
                }
            }
        }
        if (a < anchors.size()) {
            gapOld = anchors[a].first + 1;
            gapNew = anchors[a].second + 1;
        }
    }

    // In the newer version's order; a removed line comes before the first line that was after it,
    // and before the lines added in its place.
    std::size_t nextOld = 0;
    auto removedUpTo = [&](std::size_t end) {
        for (; nextOld < end; ++nextOld) {
            if (oldMatch[nextOld] != kNone)
                continue;
            BuildDiff::Line l;
            l.part = part;
            l.kind = DiffKind::Removed;
            l.before = old[nextOld];
            out.push_back(std::move(l));
        }
    };
    for (std::size_t j = 0; j < now.size(); ++j) {
        if (newMatch[j] == kNone) {
            std::size_t k = j + 1;
            while (k < now.size() && (newMatch[k] == kNone || newMoved[k]))
                ++k;
            removedUpTo(k < now.size() ? std::max(nextOld, newMatch[k]) : old.size());
            BuildDiff::Line l;
            l.part = part;
            l.kind = DiffKind::Added;
            l.after = now[j];
            out.push_back(std::move(l));
            continue;
        }
        if (!newMoved[j])
            removedUpTo(std::max(nextOld, newMatch[j]));
        out.push_back(pairLine(part, old[newMatch[j]], now[j], newMoved[j]));
    }
    removedUpTo(old.size());
}

std::string lowerAscii(std::string_view text)
{
    std::string out(text);
    for (char &c : out)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

void diffSoftware(const BuildProcedure &before, const BuildProcedure &after, std::span<const DslItem> dsl,
                  std::vector<BuildDiff::Software> &out)
{
    auto item = [&](const Id &id) {
        const auto found = std::find_if(dsl.begin(), dsl.end(), [&](const DslItem &d) { return d.id == id; });
        if (found != dsl.end())
            return *found;
        DslItem unknown;
        unknown.id = id;
        unknown.product = id.toString();
        return unknown;
    };
    std::vector<DslItem> gone;
    std::vector<DslItem> come;
    for (const auto &id : before.dslItemIds) {
        if (std::find(after.dslItemIds.begin(), after.dslItemIds.end(), id) != after.dslItemIds.end())
            out.push_back({DiffKind::Same, item(id), item(id)});
        else
            gone.push_back(item(id));
    }
    for (const auto &id : after.dslItemIds) {
        if (std::find(before.dslItemIds.begin(), before.dslItemIds.end(), id) == before.dslItemIds.end())
            come.push_back(item(id));
    }
    // The same product at another version is an upgrade (or a downgrade), not two items.
    for (auto &old : gone) {
        const auto next = std::find_if(come.begin(), come.end(), [&](const DslItem &d) {
            return lowerAscii(d.product) == lowerAscii(old.product);
        });
        if (next != come.end()) {
            out.push_back({DiffKind::Changed, old, *next});
            come.erase(next);
        } else {
            out.push_back({DiffKind::Removed, old, std::nullopt});
        }
    }
    for (auto &d : come)
        out.push_back({DiffKind::Added, std::nullopt, d});
    std::stable_sort(out.begin(), out.end(), [](const BuildDiff::Software &x, const BuildDiff::Software &y) {
        const DslItem &a = x.after ? *x.after : *x.before;
        const DslItem &b = y.after ? *y.after : *y.before;
        return std::pair(lowerAscii(a.product), a.version) < std::pair(lowerAscii(b.product), b.version);
    });
}

BuildDiff::Text text(BuildDiff::TextField field, const std::string &before, const std::string &after)
{
    return {field, before == after ? DiffKind::Same : DiffKind::Changed, before, after};
}

} // namespace

int BuildDiff::lineCount(DiffKind kind) const
{
    return static_cast<int>(std::count_if(lines.begin(), lines.end(), [&](const Line &l) { return l.kind == kind; }));
}

int BuildDiff::softwareCount(DiffKind kind) const
{
    return static_cast<int>(
        std::count_if(software.begin(), software.end(), [&](const Software &s) { return s.kind == kind; }));
}

int BuildDiff::textCount(DiffKind kind) const
{
    return static_cast<int>(std::count_if(texts.begin(), texts.end(), [&](const Text &t) { return t.kind == kind; }));
}

bool BuildDiff::same() const
{
    return lineCount(DiffKind::Same) == static_cast<int>(lines.size()) &&
           softwareCount(DiffKind::Same) == static_cast<int>(software.size()) &&
           textCount(DiffKind::Same) == static_cast<int>(texts.size());
}

BuildDiff diffBuilds(const BuildProcedure &before, const BuildProcedure &after, std::span<const DslItem> dsl)
{
    BuildDiff d;
    d.texts.push_back(text(BuildDiff::TextField::HardwareModel, before.hardwareModel, after.hardwareModel));
    d.texts.push_back(text(BuildDiff::TextField::DesignNotes, before.designNotes, after.designNotes));
    d.texts.push_back(text(BuildDiff::TextField::BackOutPlan, before.backOutPlan, after.backOutPlan));
    diffSoftware(before, after, dsl, d.software);
    for (const auto part : {StepPart::Installation, StepPart::Stability, StepPart::Acceptance})
        diffPart(part, before, after, d.lines);
    return d;
}

} // namespace rd
