// `dyadctl records ...` end to end: the real plugin library, loaded by the real dyadctl.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <iterator>

#include "test_support.h"

using dyad::test::run_process;

namespace {

struct Practice {
    dyad::test::TempDir dir;
    std::vector<std::string> env = {"DYAD_PLUGIN_PATH=" + std::string(DYAD_BUILD_PLUGIN_DIR)};

    dyad::test::ProcessResult run(std::vector<std::string> args) {
        std::vector<std::string> argv = {dyad::test::dyadctl_path(), "--data-dir", dir.path()};
        argv.insert(argv.end(), args.begin(), args.end());
        return run_process(argv, env);
    }
};

std::string first_line(const std::string& text) {
    return text.substr(0, text.find('\n'));
}

}  // namespace

TEST(DyadctlRecords, WriteSignAmendAndSearchANote) {
    Practice p;
    ASSERT_EQ(p.run({"demo", "--people-only"}).exit_code, 0);
    auto templates = p.run({"records", "templates", "--json"});
    ASSERT_EQ(templates.exit_code, 0) << templates.err;
    EXPECT_NE(templates.out.find("\"id\":\"imago-session\""), std::string::npos);

    auto units = p.run({"units", "list", "--json"});
    auto at = units.out.find("\"id\":");
    std::string unit = units.out.substr(at + 5, units.out.find(',', at) - at - 5);

    auto created =
        p.run({"records", "note-new", "--unit", unit, "--template", "dap", "--date", "2026-11-26"});
    ASSERT_EQ(created.exit_code, 0) << created.err;
    std::string note = first_line(created.out);

    auto early = p.run({"records", "note-sign", note});
    EXPECT_EQ(early.exit_code, 1);
    EXPECT_EQ(early.err, "records: \"Data\" is empty; fill it in before signing.\n");
    for (const char* key : {"data", "assessment", "plan"}) {
        ASSERT_EQ(
            p.run({"records", "note-set", note, key, std::string("Worked on ") + key}).exit_code,
            0);
    }
    EXPECT_EQ(p.run({"records", "note-sign", note}).out, "signed\n");
    auto again = p.run({"records", "note-sign", note});
    EXPECT_EQ(again.exit_code, 1);
    EXPECT_NE(again.err.find("already signed"), std::string::npos);
    EXPECT_EQ(p.run({"records", "note-set", note, "plan", "x"}).exit_code, 1);
    EXPECT_EQ(p.run({"records", "note-amend", note, "clarity", "The plan is weekly."}).exit_code,
              0);

    auto found = p.run({"records", "search", "weekly", "--json"});
    ASSERT_EQ(found.exit_code, 0) << found.err;
    EXPECT_NE(found.out.find("\"note\":" + note), std::string::npos) << found.out;
    auto shown = p.run({"records", "note-show", note, "--json"});
    EXPECT_NE(shown.out.find("\"status\":\"signed\""), std::string::npos);
    EXPECT_NE(shown.out.find("\"amendments\":1"), std::string::npos);
    EXPECT_EQ(p.run({"records", "frobnicate"}).exit_code, 2);
}

TEST(DyadctlRecords, TheChartExportsAsCsvWithoutProcessNotesUnlessAsked) {
    Practice p;
    ASSERT_EQ(p.run({"demo", "--people-only"}).exit_code, 0);
    auto units = p.run({"units", "list", "--json"});
    auto at = units.out.find("\"id\":");
    std::string unit = units.out.substr(at + 5, units.out.find(',', at) - at - 5);
    std::string note = first_line(
        p.run({"records", "note-new", "--unit", unit, "--template", "dap", "--date", "2026-11-20"})
            .out);
    p.run({"records", "note-set", note, "data", "Talked about \"fairness\", chores, and money"});
    std::string process = first_line(p.run({"records", "note-new", "--unit", unit, "--template",
                                            "psychotherapy", "--date", "2026-11-20"})
                                         .out);
    p.run({"records", "note-set", process, "process", "my private hypothesis"});

    std::string out = p.dir.path() + "/chart.csv";
    auto exported = p.run({"records", "export", "--unit", unit, "--format", "csv", "--out", out});
    ASSERT_EQ(exported.exit_code, 0) << exported.err;
    std::ifstream file(out);
    std::string csv((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
    EXPECT_EQ(csv.rfind("section,date,who,kind,status,text\r\n", 0), 0u);
    EXPECT_NE(csv.find("member,1988-03-14,Ana Ortiz,partner,active,"), std::string::npos) << csv;
    EXPECT_NE(csv.find("\"Data: Talked about \"\"fairness\"\", chores, and money"),
              std::string::npos)
        << csv;
    EXPECT_EQ(csv.find("private hypothesis"), std::string::npos);  // Not unless asked.
    auto everything =
        p.run({"records", "export", "--unit", unit, "--format", "csv", "--include-psychotherapy"});
    EXPECT_NE(everything.out.find("private hypothesis"), std::string::npos);
    EXPECT_EQ(p.run({"records", "export", "--unit", unit, "--format", "pdf"}).exit_code, 2);
    auto audit = run_process({"/usr/bin/sqlite3", p.dir.path() + "/practice.db",
                              "SELECT count(*) FROM dyad_audit WHERE action = 'export'"});
    EXPECT_EQ(audit.out, "2\n");
}

TEST(DyadctlRecords, AUnitIsMadeFromClientsOnFile) {
    Practice p;
    ASSERT_EQ(p.run({"demo", "--people-only"}).exit_code, 0);
    std::string farah = first_line(p.run({"records", "find-clients", "Khan"}).out);
    std::string carla = first_line(p.run({"records", "find-clients", "Diaz"}).out);
    farah = farah.substr(0, farah.find('\t'));
    carla = carla.substr(0, carla.find('\t'));
    auto made =
        p.run({"records", "unit-new", "--kind", "couple", "--clients", farah + "," + carla});
    ASSERT_EQ(made.exit_code, 0) << made.err;
    auto units = p.run({"units", "list"});
    EXPECT_NE(units.out.find("couple\tactive\tFarah Khan & Carla Diaz"), std::string::npos)
        << units.out;
    auto lonely = p.run({"records", "unit-new", "--kind", "couple", "--clients", farah});
    EXPECT_EQ(lonely.exit_code, 1);
    EXPECT_EQ(lonely.err, "records: A couple has exactly two partners.\n");
}

TEST(DyadctlRecords, UnitsClientsAndDiagnosesWithTheBillingWarning) {
    Practice p;
    ASSERT_EQ(p.run({"demo", "--people-only"}).exit_code, 0);
    auto units = p.run({"records", "units", "--json"});
    ASSERT_EQ(units.exit_code, 0) << units.err;
    auto at = units.out.find("{\"id\":");
    ASSERT_NE(at, std::string::npos);
    std::string unit = units.out.substr(at + 6, units.out.find(',', at) - at - 6);
    EXPECT_NE(units.out.find("\"name\":\"Ana & Ben Ortiz\""), std::string::npos);
    EXPECT_NE(units.out.find("\"kind\":\"couple\",\"name\":\"Ana & Ben Ortiz\",\"status\":"
                             "\"active\",\"members\":["),
              std::string::npos);
    auto waitlist = p.run({"records", "units", "--status", "waitlist"});
    EXPECT_EQ(waitlist.out.find("Ana & Ben"), std::string::npos);

    auto clients = p.run({"records", "clients", "--json"});
    ASSERT_EQ(clients.exit_code, 0) << clients.err;
    EXPECT_NE(clients.out.find("\"given_name\":\"Ana\",\"family_name\":\"Ortiz\""),
              std::string::npos);

    auto codes = p.run({"records", "codes", "relationship", "spouse"});
    EXPECT_EQ(first_line(codes.out), "Z63.0\tProblems in relationship with spouse or partner");

    ASSERT_EQ(p.run({"records", "diagnosis-add", "--unit", unit, "--code", "z630"}).exit_code, 0);
    auto unknown = p.run({"records", "diagnosis-add", "--unit", unit, "--code", "Q99.9"});
    EXPECT_EQ(unknown.exit_code, 1);
    EXPECT_NE(unknown.err.find("no code Q99.9"), std::string::npos);

    auto before = p.run({"records", "diagnoses", "--unit", unit, "--json"});
    EXPECT_EQ(before.out.rfind("{\"warning\":\"\",", 0), 0u) << before.out;
    auto booked = p.run({"records", "book", "--unit", unit, "--start", "2031-01-06 10:00"});
    ASSERT_EQ(booked.exit_code, 0) << booked.err;
    ASSERT_EQ(p.run({"records", "session-status", first_line(booked.out), "attended"}).exit_code,
              0);
    auto after = p.run({"records", "diagnoses", "--unit", unit});
    EXPECT_EQ(after.exit_code, 0);
    EXPECT_NE(after.out.find("Z63.0\tactive"), std::string::npos);
    EXPECT_NE(after.err.find("warning: Z63.0 (relationship distress"), std::string::npos);
}

TEST(DyadctlRecords, ImportACaseloadWithADryRunFirst) {
    Practice p;
    ASSERT_EQ(p.run({"init", "--plain"}).exit_code, 0);
    std::string good = p.dir.path() + "/caseload.csv";
    std::ofstream(good) << "given_name,family_name,date_of_birth,unit\n"
                           "Maya,Lopez,1990-01-02,lk\nJun,Kim,1989-05-06,lk\nRia,Shah,,\n";
    auto dry = p.run({"records", "import", "--csv", good, "--dry-run"});
    EXPECT_EQ(dry.exit_code, 0) << dry.err;
    EXPECT_EQ(dry.out,
              "dry run: 3 client(s) in 2 unit(s) would be imported; nothing was written\n");
    EXPECT_EQ(p.run({"records", "clients"}).out, "");

    auto imported = p.run({"records", "import", "--csv", good});
    EXPECT_EQ(imported.exit_code, 0) << imported.err;
    EXPECT_EQ(imported.out, "imported 3 client(s) in 2 unit(s)\n");
    auto units = p.run({"records", "units"});
    EXPECT_NE(units.out.find("\tcouple\tactive\t"), std::string::npos) << units.out;
    EXPECT_NE(units.out.find("\tindividual\tactive\tRia Shah"), std::string::npos) << units.out;

    std::string bad = p.dir.path() + "/bad.csv";
    std::ofstream(bad) << "given_name,family_name,email\nA,B,nope\nC,,\n";
    auto refused = p.run({"records", "import", "--csv", bad});
    EXPECT_EQ(refused.exit_code, 1);
    EXPECT_NE(refused.err.find("row 1, email: The email address does not look right."),
              std::string::npos)
        << refused.err;
    EXPECT_NE(refused.err.find("row 2, family_name: The last name is missing."), std::string::npos);
    EXPECT_NE(refused.err.find("nothing imported"), std::string::npos);
    auto missing = p.run({"records", "import", "--csv", p.dir.path() + "/none.csv"});
    EXPECT_EQ(missing.exit_code, 1);
    EXPECT_NE(missing.err.find("there is no file"), std::string::npos) << missing.err;
    // Not a file: refused at once instead of read until memory runs out.
    auto endless = p.run({"records", "import", "--csv", "/dev/zero"});
    EXPECT_EQ(endless.exit_code, 1);
    EXPECT_NE(endless.err.find("not a plain file"), std::string::npos) << endless.err;
}

TEST(DyadctlRecords, DemoWithGeneratedNotesIsSearchableNewestFirst) {
    Practice p;
    auto demo = p.run({"demo", "--people-only", "--clients", "60", "--notes", "500"});
    ASSERT_EQ(demo.exit_code, 0) << demo.err;
    auto hits = p.run({"records", "search", "partner", "--json"});
    ASSERT_EQ(hits.exit_code, 0) << hits.err;
    std::vector<std::string> dates;
    for (auto at = hits.out.find("\"date\":\""); at != std::string::npos;
         at = hits.out.find("\"date\":\"", at + 1)) {
        dates.push_back(hits.out.substr(at + 8, 10));
    }
    ASSERT_EQ(dates.size(), 20u);  // The limit.
    EXPECT_TRUE(std::is_sorted(dates.rbegin(), dates.rend())) << hits.out;
    auto bad = p.run({"demo", "--people-only", "--notes", "many"});
    EXPECT_NE(bad.exit_code, 0);
}

// Client text need not be on the command line (issue 21, item 8); text that is not UTF-8 is
// refused in words (item 6); '%' finds no one (item 6).
TEST(DyadctlRecords, NoteTextComesFromStandardInputOrAFileAndMustBeUtf8) {
    Practice p;
    ASSERT_EQ(p.run({"demo", "--people-only"}).exit_code, 0);
    auto units = p.run({"units", "list", "--json"});
    auto at = units.out.find("\"id\":");
    std::string unit = units.out.substr(at + 5, units.out.find(',', at) - at - 5);
    auto created =
        p.run({"records", "note-new", "--unit", unit, "--template", "dap", "--date", "2026-11-26"});
    ASSERT_EQ(created.exit_code, 0) << created.err;
    std::string note = first_line(created.out);
    std::vector<std::string> argv = {dyad::test::dyadctl_path(),
                                     "--data-dir",
                                     p.dir.path(),
                                     "records",
                                     "note-set",
                                     note,
                                     "data",
                                     "-"};
    auto piped = dyad::test::run_process_with_input(argv, p.env, "Ana spoke of her father.\n");
    ASSERT_EQ(piped.exit_code, 0) << piped.err;
    std::ofstream(p.dir.file("plan.txt")) << "Weekly sessions; mirroring at home.";
    auto from_file = p.run({"records", "note-set", note, "plan", "--file", p.dir.file("plan.txt")});
    ASSERT_EQ(from_file.exit_code, 0) << from_file.err;
    auto shown = p.run({"records", "note-show", note, "--json"});
    EXPECT_NE(shown.out.find("Ana spoke of her father."), std::string::npos) << shown.out;
    EXPECT_EQ(shown.out.find("father.\\n"), std::string::npos) << "the trailing newline stays";
    EXPECT_NE(shown.out.find("mirroring at home"), std::string::npos) << shown.out;

    auto bad = dyad::test::run_process_with_input(argv, p.env, "caf\xE9 latin-1\n");
    EXPECT_EQ(bad.exit_code, 1);
    EXPECT_NE(bad.err.find("not valid UTF-8"), std::string::npos) << bad.err;
    auto missing = p.run({"records", "note-set", note, "plan", "--file", p.dir.file("none")});
    EXPECT_EQ(missing.exit_code, 1);
    EXPECT_NE(missing.err.find("there is no file"), std::string::npos) << missing.err;

    // 4294967346 minutes used to book 50 (the number wrapped); now it is refused in words.
    auto wrapped = p.run({"records", "book", "--unit", unit, "--start", "2032-01-05 09:00",
                          "--minutes", "4294967346"});
    EXPECT_EQ(wrapped.exit_code, 2);
    EXPECT_NE(wrapped.err.find("--minutes must be a whole number from 5 to 1440"),
              std::string::npos)
        << wrapped.err;
    auto wildcard = p.run({"records", "find-clients", "%"});
    EXPECT_EQ(wildcard.exit_code, 0) << wildcard.err;
    EXPECT_EQ(wildcard.out, "") << "'%' listed clients";
    EXPECT_NE(p.run({"records", "find-clients", "Ort"}).out, "");
}

TEST(DyadctlRecords, ACsvWithInvalidUtf8OrNulBytesIsRefusedByRowAndColumn) {
    Practice p;
    ASSERT_EQ(p.run({"init", "--plain"}).exit_code, 0);
    std::string csv = "given_name,family_name\nZo\xEB,Lee\nAna,";
    csv += std::string("Ki\0m", 4);
    csv += "\n";
    std::ofstream(p.dir.file("bad.csv"), std::ios::binary) << csv;
    auto refused = p.run({"records", "import", "--csv", p.dir.file("bad.csv")});
    EXPECT_EQ(refused.exit_code, 1);
    EXPECT_NE(refused.err.find("row 1, given_name: the field is not valid UTF-8 text"),
              std::string::npos)
        << refused.err;
    EXPECT_NE(refused.err.find("row 2, family_name: the field contains a NUL byte"),
              std::string::npos)
        << refused.err;
    EXPECT_NE(refused.err.find("nothing imported"), std::string::npos);
}

// Roles reach the records commands (issue 15): the biller reads the units but no note, the
// therapist only her caseload's notes, and a supervisor co-signs a supervisee's signed note
// (once; who and when kept with the note and audited).
TEST(DyadctlRecords, RolesLimitTheCommandsAndASupervisorCoSignsOnce) {
    Practice p;
    ASSERT_EQ(p.run({"demo", "--people-only"}).exit_code, 0);
    auto as = [&](const std::string& user, const std::string& phrase, std::vector<std::string> args,
                  const std::string& more_input = "") {
        std::vector<std::string> argv = {dyad::test::dyadctl_path(), "--data-dir", p.dir.path(),
                                         "--passphrase-fd", "0"};
        if (!user.empty()) {
            argv.insert(argv.end(), {"--user", user});
        }
        argv.insert(argv.end(), args.begin(), args.end());
        return dyad::test::run_process_with_input(argv, p.env, phrase + "\n" + more_input, 120);
    };
    auto units = p.run({"units", "list", "--json"});
    auto at = units.out.find("\"id\":");
    std::string unit = units.out.substr(at + 5, units.out.find(',', at) - at - 5);
    at = units.out.find("\"id\":", at + 5);
    std::string other = units.out.substr(at + 5, units.out.find(',', at) - at - 5);

    ASSERT_EQ(as("", "olivia's phrase", {"users", "add", "Olivia", "--role", "owner"}).exit_code,
              0);
    for (auto [name, role] :
         {std::pair{"Dana", "therapist"}, {"Sue", "supervisor"}, {"Bill", "biller"}}) {
        auto added = as("Olivia", "olivia's phrase", {"users", "add", name, "--role", role},
                        std::string(name) + "'s long phrase\n");
        ASSERT_EQ(added.exit_code, 0) << added.err;
    }
    ASSERT_EQ(as("Olivia", "olivia's phrase", {"users", "assign", "Dana", unit}).exit_code, 0);
    auto supervised = as("Olivia", "olivia's phrase", {"users", "supervisor", "Dana", "Sue"});
    ASSERT_EQ(supervised.out, "Dana is supervised by Sue\n") << supervised.err;

    const std::string dana = "Dana's long phrase";
    auto created =
        as("Dana", dana,
           {"records", "note-new", "--unit", unit, "--template", "dap", "--date", "2026-11-26"});
    ASSERT_EQ(created.exit_code, 0) << created.err;
    std::string note = first_line(created.out);
    for (const char* key : {"data", "assessment", "plan"}) {
        ASSERT_EQ(as("Dana", dana, {"records", "note-set", note, key, "Worked on it"}).exit_code,
                  0);
    }
    ASSERT_EQ(as("Dana", dana, {"records", "note-sign", note}).out, "signed\n");

    auto billed = as("Bill", "Bill's long phrase", {"records", "notes", "--unit", unit});
    EXPECT_EQ(billed.exit_code, 1);
    EXPECT_EQ(billed.err,
              "records: the signed-in user's role may not read clinical records (notes, plans, "
              "diagnoses)\n");
    auto shown = as("Bill", "Bill's long phrase", {"records", "note-show", note});
    EXPECT_EQ(shown.exit_code, 1);
    EXPECT_EQ(shown.out, "") << "not a word of the note";
    EXPECT_EQ(as("Bill", "Bill's long phrase", {"records", "units"}).exit_code, 0);
    auto elsewhere = as("Dana", dana, {"records", "notes", "--unit", other});
    EXPECT_EQ(elsewhere.exit_code, 1);
    EXPECT_EQ(elsewhere.err,
              "records: client unit " + other + " is not on the signed-in user's caseload\n");

    auto own = as("Dana", dana, {"records", "note-cosign", note});
    EXPECT_EQ(own.exit_code, 1);
    EXPECT_EQ(own.err, "records: You signed this note; another clinician co-signs it.\n");
    auto co_signed = as("Sue", "Sue's long phrase", {"records", "note-cosign", note});
    ASSERT_EQ(co_signed.exit_code, 0) << co_signed.err;
    EXPECT_EQ(co_signed.out.rfind("co-signed ", 0), 0u) << co_signed.out;
    EXPECT_NE(co_signed.out.find(" by Sue"), std::string::npos);
    auto twice = as("Sue", "Sue's long phrase", {"records", "note-cosign", note});
    EXPECT_EQ(twice.exit_code, 1);
    EXPECT_NE(twice.err.find("was co-signed"), std::string::npos) << twice.err;
    auto trail = as("Olivia", "olivia's phrase", {"audit", "verify"});
    EXPECT_EQ(trail.exit_code, 0) << trail.err;
}

// A cell that begins with = + - @ is exported as text: a phone number "+1 ..." or a crafted
// name never runs as a spreadsheet formula.
TEST(DyadctlRecords, TheChartCsvNeverStartsACellWithAFormula) {
    Practice p;
    ASSERT_EQ(p.run({"init", "--plain"}).exit_code, 0);
    std::string clients = p.dir.path() + "/clients.csv";
    std::ofstream(clients) << "given_name,family_name,phone,unit\nRia,Shah,+1 555 0100,\n";
    ASSERT_EQ(p.run({"records", "import", "--csv", clients}).exit_code, 0);
    auto units = p.run({"units", "list", "--json"});
    auto at = units.out.find("\"id\":");
    ASSERT_NE(at, std::string::npos) << units.out;
    std::string unit = units.out.substr(at + 5, units.out.find(',', at) - at - 5);
    auto exported = p.run({"records", "export", "--unit", unit, "--format", "csv"});
    ASSERT_EQ(exported.exit_code, 0) << exported.err;
    EXPECT_NE(exported.out.find(",'+1 555 0100"), std::string::npos) << exported.out;
    EXPECT_EQ(exported.out.find(",+1 555 0100"), std::string::npos) << exported.out;
}

// `dyadctl demo` as a new user runs it, with every shipped plugin: months of sessions and each
// plugin's part, no plugin failing; --notes still adds the records plugin's generated notes;
// a second `demo` finds the practice filled and refuses in words.
TEST(DyadctlDemo, TheWholeDemoFillsEveryShippedPluginWithoutANote) {
    Practice p;
    auto demo = p.run({"demo", "--notes", "40"});
    ASSERT_EQ(demo.exit_code, 0) << demo.err;
    EXPECT_EQ(demo.err.find("note:"), std::string::npos) << demo.err;
    auto units = p.run({"units", "list", "--json"});
    auto hit = units.out.find("Ana & Ben Ortiz");
    ASSERT_NE(hit, std::string::npos) << units.out;
    auto id = units.out.rfind("\"id\":", hit);
    ASSERT_NE(id, std::string::npos) << units.out;
    std::string unit = units.out.substr(id + 5, units.out.find(',', id) - id - 5);
    auto notes = p.run({"records", "notes", "--unit", unit, "--json"});
    ASSERT_EQ(notes.exit_code, 0) << notes.err;
    auto count = [](const std::string& text, const std::string& word) {
        std::size_t n = 0;
        for (auto at = text.find(word); at != std::string::npos; at = text.find(word, at + 1)) {
            ++n;
        }
        return n;
    };
    EXPECT_GE(count(notes.out, "\"status\":\"signed\""), 12u) << notes.out;
    EXPECT_GE(count(notes.out, "\"status\":\"draft\""), 2u) << notes.out;
    auto plans = p.run({"records", "plans", "--unit", unit, "--json"});
    EXPECT_NE(plans.out.find("Re-Romanticizing"), std::string::npos) << plans.out;
    auto sessions = p.run({"records", "sessions", "--unit", unit, "--json"});
    EXPECT_GE(count(sessions.out, "\"status\":\"attended\""), 14u) << sessions.out;

    auto again = p.run({"demo"});
    EXPECT_NE(again.exit_code, 0);
    EXPECT_NE(again.err.find("already has client units"), std::string::npos) << again.err;
}
