// What changed between two versions of a build procedure, line by line (store/builddiff.h): a pure
// function over two versions and the DSL, so each case is built here by hand.
#include "store/builddiff.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace rd;

namespace {

BuildStep line(StepPart part, int position, std::string title, std::string detail = {}, bool required = true,
               EvidenceKind evidence = EvidenceKind::None)
{
    return BuildStep{Id::generate(), part, position, std::move(title), std::move(detail), required, evidence};
}

/** A version whose installation steps are @p titles, in order (and nothing else). */
BuildProcedure withSteps(const std::vector<std::string> &titles)
{
    BuildProcedure b;
    int position = 0;
    for (const auto &t : titles)
        b.steps.push_back(line(StepPart::Installation, ++position, t));
    return b;
}

/** "= Title", "+ Title", "- Title", "~ Title", "> Title" (moved), one per line of the diff. */
std::vector<std::string> shape(const BuildDiff &d)
{
    std::vector<std::string> out;
    for (const auto &l : d.lines) {
        const char *mark = l.kind == DiffKind::Same      ? "= "
                           : l.kind == DiffKind::Added   ? "+ "
                           : l.kind == DiffKind::Removed ? "- "
                           : l.kind == DiffKind::Moved   ? "> "
                                                         : "~ ";
        out.push_back(mark + (l.after ? l.after->title : l.before->title));
    }
    return out;
}

using Shape = std::vector<std::string>;

} // namespace

TEST_CASE("Two versions alike are the same, whatever their lines' ids", "[builddiff]")
{
    const auto a = withSteps({"Deploy the image", "Join the domain", "Install the applications"});
    auto b = a;
    for (auto &s : b.steps)
        s.id = Id::generate(); // a new version's lines are new records
    const auto d = diffBuilds(a, b, {});
    CHECK(d.same());
    CHECK(shape(d) == Shape{"= Deploy the image", "= Join the domain", "= Install the applications"});
    CHECK(d.texts.size() == 3);
    CHECK(d.textCount(DiffKind::Same) == 3);
}

TEST_CASE("A line added, and one removed where it was", "[builddiff]")
{
    const auto a = withSteps({"Deploy the image", "Fit the asset tag", "Join the domain"});
    const auto b = withSteps({"Deploy the image", "Join the domain", "Install endpoint protection"});
    const auto d = diffBuilds(a, b, {});
    CHECK(shape(d) == Shape{"= Deploy the image", "- Fit the asset tag", "= Join the domain",
                            "+ Install endpoint protection"});
    CHECK(d.lineCount(DiffKind::Added) == 1);
    CHECK(d.lineCount(DiffKind::Removed) == 1);
    // Join the domain went from 3 to 2 because a line above it went: that is not a move.
    CHECK(d.lines[2].before->position == 3);
    CHECK(d.lines[2].after->position == 2);
    CHECK_FALSE(d.lines[2].moved);
    CHECK_FALSE(d.same());
}

TEST_CASE("A line taken elsewhere has moved; the others have not", "[builddiff]")
{
    const auto a = withSteps({"Update the BIOS", "Deploy the image", "Join the domain"});
    const auto b = withSteps({"Deploy the image", "Join the domain", "Update the BIOS"});
    const auto d = diffBuilds(a, b, {});
    CHECK(shape(d) == Shape{"= Deploy the image", "= Join the domain", "> Update the BIOS"});
    CHECK(d.lines[2].moved);
    CHECK(d.lines[2].before->position == 1);
    CHECK(d.lines[2].after->position == 3);
    CHECK(d.lineCount(DiffKind::Moved) == 1);
}

TEST_CASE("A line reworded between the same neighbours is one line changed", "[builddiff]")
{
    const auto a = withSteps({"Deploy the image", "Join the domain", "Install the applications"});
    const auto b = withSteps({"Deploy the image", "Join the domain and the staff OU", "Install the applications"});
    const auto d = diffBuilds(a, b, {});
    CHECK(shape(d) == Shape{"= Deploy the image", "~ Join the domain and the staff OU", "= Install the applications"});
    const auto &changed = d.lines[1];
    CHECK(changed.titleChanged);
    CHECK_FALSE(changed.detailChanged);
    CHECK(changed.before->title == "Join the domain");
}

TEST_CASE("A line replaced by an unrelated one is removed and added", "[builddiff]")
{
    const auto a = withSteps({"Deploy the image", "Label the charger", "Join the domain"});
    const auto b = withSteps({"Deploy the image", "Check the battery health", "Join the domain"});
    const auto d = diffBuilds(a, b, {});
    CHECK(shape(d) == Shape{"= Deploy the image", "- Label the charger", "+ Check the battery health",
                            "= Join the domain"});
}

TEST_CASE("Its detail, optional flag and evidence are compared too", "[builddiff]")
{
    BuildProcedure a;
    a.steps = {line(StepPart::Installation, 1, "Record the serial", "Scan it", true, EvidenceKind::None),
               line(StepPart::Acceptance, 1, "User signs in", "", true)};
    BuildProcedure b;
    b.steps = {line(StepPart::Installation, 1, "record the  serial", "Scan the label on the base", false,
                    EvidenceKind::Scan),
               line(StepPart::Acceptance, 1, "User signs in", "", true)};
    const auto d = diffBuilds(a, b, {});
    REQUIRE(d.lines.size() == 2);
    const auto &l = d.lines[0];
    CHECK(l.kind == DiffKind::Changed);
    CHECK(l.titleChanged); // its case and spaces: matched, and shown as changed words
    CHECK(l.detailChanged);
    CHECK(l.requiredChanged);
    CHECK(l.evidenceChanged);
    CHECK_FALSE(l.moved);
    CHECK(d.lines[1].part == StepPart::Acceptance);
    CHECK(d.lines[1].kind == DiffKind::Same);
}

TEST_CASE("Each part is compared on its own, in the checklist's order", "[builddiff]")
{
    BuildProcedure a;
    a.steps = {line(StepPart::Acceptance, 1, "User signs in"), line(StepPart::Installation, 1, "Deploy the image"),
               line(StepPart::Stability, 1, "Printing still works")};
    BuildProcedure b;
    // The printing test became an installation step: out of one part, into another.
    b.steps = {line(StepPart::Installation, 1, "Deploy the image"), line(StepPart::Installation, 2, "Printing still works"),
               line(StepPart::Acceptance, 1, "User signs in")};
    const auto d = diffBuilds(a, b, {});
    CHECK(shape(d) == Shape{"= Deploy the image", "+ Printing still works", "- Printing still works", "= User signs in"});
    CHECK(d.lines[1].part == StepPart::Installation);
    CHECK(d.lines[2].part == StepPart::Stability);
    CHECK(d.lines[3].part == StepPart::Acceptance);
}

TEST_CASE("Lines with the same words are matched in order", "[builddiff]")
{
    const auto a = withSteps({"Restart", "Install the drivers", "Restart"});
    const auto b = withSteps({"Restart", "Install the drivers", "Install the printer", "Restart"});
    const auto d = diffBuilds(a, b, {});
    CHECK(shape(d) == Shape{"= Restart", "= Install the drivers", "+ Install the printer", "= Restart"});
}

TEST_CASE("A version drafted from nothing is all added; one emptied is all removed", "[builddiff]")
{
    const auto full = withSteps({"Deploy the image", "Join the domain"});
    CHECK(shape(diffBuilds(BuildProcedure{}, full, {})) == Shape{"+ Deploy the image", "+ Join the domain"});
    CHECK(shape(diffBuilds(full, BuildProcedure{}, {})) == Shape{"- Deploy the image", "- Join the domain"});
}

TEST_CASE("The design details: hardware, notes, software by product and version, and the back-out plan",
          "[builddiff]")
{
    const DslItem windows23{Id::generate(), "Windows 11 Education", "23H2", "Microsoft"};
    const DslItem windows24{Id::generate(), "Windows 11 Education", "24H2", "Microsoft"};
    const DslItem geogebra{Id::generate(), "GeoGebra Classic", "6.0", "GeoGebra"};
    const DslItem sophos{Id::generate(), "Sophos Endpoint", "2023.2", "Sophos"};
    const DslItem chrome{Id::generate(), "Google Chrome Enterprise", "120.0", "Google"};
    const std::vector<DslItem> dsl{windows23, windows24, geogebra, sophos, chrome};

    BuildProcedure a;
    a.hardwareModel = "Dell Latitude 3440";
    a.designNotes = "Standard build";
    a.backOutPlan = "Re-image with the previous build";
    a.dslItemIds = {windows23.id, sophos.id, chrome.id};
    BuildProcedure b = a;
    b.hardwareModel = "Dell Latitude 3450";
    b.dslItemIds = {windows24.id, chrome.id, geogebra.id};

    const auto d = diffBuilds(a, b, dsl);
    REQUIRE(d.texts.size() == 3);
    CHECK(d.texts[0].field == BuildDiff::TextField::HardwareModel);
    CHECK(d.texts[0].kind == DiffKind::Changed);
    CHECK(d.texts[0].before == "Dell Latitude 3440");
    CHECK(d.texts[0].after == "Dell Latitude 3450");
    CHECK(d.texts[1].kind == DiffKind::Same);
    CHECK(d.texts[2].field == BuildDiff::TextField::BackOutPlan);
    CHECK(d.texts[2].kind == DiffKind::Same);

    REQUIRE(d.software.size() == 4);
    CHECK(d.software[0].kind == DiffKind::Added); // GeoGebra Classic
    CHECK(d.software[0].after->product == "GeoGebra Classic");
    CHECK(d.software[1].kind == DiffKind::Same); // Google Chrome Enterprise
    CHECK(d.software[2].kind == DiffKind::Removed); // Sophos Endpoint
    CHECK(d.software[2].before->product == "Sophos Endpoint");
    CHECK(d.software[3].kind == DiffKind::Changed); // Windows 11 Education 23H2 -> 24H2
    CHECK(d.software[3].before->version == "23H2");
    CHECK(d.software[3].after->version == "24H2");
    CHECK(d.softwareCount(DiffKind::Changed) == 1);
}

TEST_CASE("A software item the DSL lacks is shown by its id", "[builddiff]")
{
    BuildProcedure a;
    BuildProcedure b;
    const Id unknown = Id::generate();
    b.dslItemIds = {unknown};
    const auto d = diffBuilds(a, b, {});
    REQUIRE(d.software.size() == 1);
    CHECK(d.software[0].kind == DiffKind::Added);
    CHECK(d.software[0].after->product == unknown.toString());
}

TEST_CASE("A 60-line procedure with a few edits is compared line by line", "[builddiff]")
{
    std::vector<std::string> titles;
    for (int i = 1; i <= 60; ++i)
        titles.push_back("Step number " + std::to_string(i) + " of the build");
    auto edited = titles;
    edited.erase(edited.begin() + 9);                           // step 10 removed
    edited.insert(edited.begin() + 20, "Check the licence key"); // a new line
    std::swap(edited[40], edited[50]);                           // two lines swapped
    const auto d = diffBuilds(withSteps(titles), withSteps(edited), {});
    CHECK(d.lineCount(DiffKind::Removed) == 1);
    CHECK(d.lineCount(DiffKind::Added) == 1);
    CHECK(d.lineCount(DiffKind::Moved) >= 1);
    CHECK(d.lineCount(DiffKind::Moved) <= 2);
    CHECK(d.lineCount(DiffKind::Changed) == 0);
    CHECK(d.lines.size() == 61);
}
