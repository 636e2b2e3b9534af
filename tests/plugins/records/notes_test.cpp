#include <gtest/gtest.h>

#include "clients.h"
#include "notes.h"
#include "plugin_harness.h"
#include "schema.h"
#include "units.h"

using namespace dyad::records_plugin;

namespace {

struct Fixture {
    dyad::test::PluginHarness harness{"dyad.records", records_schema()};
    TemplateLibrary templates = load_note_templates({dyad::test::source_dir() + "/resources"});
    dyad::sdk::Database db{dyad::sdk::Host(harness.host())};
    NoteStore store{db};
    std::int64_t couple = harness.unit("Ana & Ben Ortiz");

    std::vector<std::int64_t> partners() {
        auto members = harness.practice().records().members(couple);
        std::vector<std::int64_t> ids;
        for (const auto& member : *members) {
            ids.push_back(member.client_id);
        }
        return ids;
    }
    std::int64_t filled_soap(const std::string& date, const std::string& words) {
        auto id = store.create_draft(couple, *templates.find("soap"), date, partners());
        EXPECT_TRUE(id) << id.error();
        for (const char* key : {"subjective", "objective", "assessment", "plan"}) {
            EXPECT_TRUE(store.save_section(*id, key, words + " (" + key + ")"));
        }
        return *id;
    }
};

}  // namespace

TEST(Notes, DraftSavesThenSignLocksThenAmendmentsKeepHistory) {
    Fixture f;
    std::int64_t id = f.filled_soap("2026-11-24", "Mirroring practised");
    ASSERT_TRUE(f.store.sign(id, *f.templates.find("soap"), "Maya Lin"));
    auto note = f.store.note(id);
    ASSERT_TRUE(note);
    EXPECT_EQ(note->status, "signed");
    EXPECT_EQ(note->signed_by, "Maya Lin");
    EXPECT_EQ(note->participants.size(), 2u);

    auto edit = f.store.save_section(id, "plan", "rewritten");
    ASSERT_FALSE(edit);
    EXPECT_NE(edit.error().find("signed and locked"), std::string::npos);
    auto twice = f.store.sign(id, *f.templates.find("soap"), "Maya Lin");
    ASSERT_FALSE(twice);
    EXPECT_NE(twice.error().find("already signed"), std::string::npos);
    EXPECT_FALSE(f.store.discard_draft(id));

    EXPECT_FALSE(f.store.amend(id, "Maya Lin", "", "text"));
    EXPECT_FALSE(f.store.amend(id, "Maya Lin", "typo", "  "));
    ASSERT_TRUE(f.store.amend(id, "Maya Lin", "date of the fight", "It was Saturday, not Sunday."));
    ASSERT_TRUE(f.store.amend(id, "Maya Lin", "homework", "Add: appreciation dialogue daily."));
    note = f.store.note(id);
    ASSERT_EQ(note->amendments.size(), 2u);
    EXPECT_EQ(note->amendments[0].reason, "date of the fight");
    EXPECT_EQ(note->body("plan"), "Mirroring practised (plan)");  // The original stays.
}

TEST(Notes, SigningNeedsEveryRequiredSection) {
    Fixture f;
    auto id = f.store.create_draft(f.couple, *f.templates.find("imago-session"), "2026-11-25", {});
    ASSERT_TRUE(id);
    ASSERT_TRUE(f.store.save_section(*id, "stage", "Restructuring Frustrations"));
    auto refused = f.store.sign(*id, *f.templates.find("imago-session"), "Maya Lin");
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error(), "\"Dialogue practiced\" is empty; fill it in before signing.");
    for (const char* key : {"dialogue", "observations", "plan"}) {
        ASSERT_TRUE(f.store.save_section(*id, key, "done"));
    }
    // "exercises" is optional.
    EXPECT_TRUE(f.store.sign(*id, *f.templates.find("imago-session"), "Maya Lin"));
}

TEST(Notes, TheDatabaseItselfRefusesChangesToSignedNotes) {
    Fixture f;
    std::int64_t id = f.filled_soap("2026-11-24", "x");
    ASSERT_TRUE(f.store.sign(id, *f.templates.find("soap"), "Maya Lin"));
    // Even SQL that bypasses NoteStore cannot edit or delete a signed note.
    for (const std::string& sql :
         {"UPDATE records_note_section SET body = 'edited' WHERE note_id = " + std::to_string(id),
          "UPDATE records_note SET session_date = '2020-01-01' WHERE id = " + std::to_string(id),
          "DELETE FROM records_note WHERE id = " + std::to_string(id)}) {
        std::string error = f.db.exec(sql.c_str());
        EXPECT_NE(error.find("signed note cannot be"), std::string::npos) << sql << ": " << error;
    }
}

TEST(Notes, SeveralNotesADayPsychotherapyNotesApartAndBadInputRefused) {
    Fixture f;
    f.filled_soap("2026-11-24", "morning");
    f.filled_soap("2026-11-24", "evening");
    auto process =
        f.store.create_draft(f.couple, *f.templates.find("psychotherapy"), "2026-11-24", {});
    ASSERT_TRUE(process);
    ASSERT_TRUE(f.store.save_section(*process, "process", "countertransference when Ben withdrew"));

    auto chart = f.store.notes_for_unit(f.couple, Include::ProgressOnly);
    ASSERT_TRUE(chart);
    EXPECT_EQ(chart->size(), 2u);
    auto everything = f.store.notes_for_unit(f.couple, Include::WithPsychotherapy);
    EXPECT_EQ(everything->size(), 3u);

    EXPECT_TRUE(f.store.search("countertransference", Include::ProgressOnly, 20)->empty());
    EXPECT_EQ(f.store.search("countertransference", Include::WithPsychotherapy, 20)->size(), 1u);

    auto bad_date =
        f.store.create_draft(f.couple, *f.templates.find("soap"), "2026-02-30", f.partners());
    ASSERT_FALSE(bad_date);
    EXPECT_NE(bad_date.error().find("not a valid date"), std::string::npos);
    auto stranger = f.store.create_draft(f.couple, *f.templates.find("soap"), "2026-11-24",
                                         {f.harness.practice().records().units({})->back().id});
    ASSERT_FALSE(stranger);
    auto nowhere = f.store.create_draft(123456, *f.templates.find("soap"), "2026-11-24", {});
    ASSERT_FALSE(nowhere);
    EXPECT_EQ(nowhere.error(), "That client unit does not exist.");
    // Failed drafts left nothing behind.
    EXPECT_EQ(f.store.notes_for_unit(f.couple, Include::WithPsychotherapy)->size(), 3u);
}

TEST(Notes, SearchFindsWordsAndPrefixesWithSnippets) {
    Fixture f;
    std::int64_t first = f.filled_soap("2026-11-20", "Discussed the holiday plans");
    f.filled_soap("2026-11-27", "Practised the appreciation dialogue");
    auto hits = f.store.search("holid", Include::ProgressOnly, 20);
    ASSERT_TRUE(hits);
    ASSERT_EQ(hits->size(), 1u);
    EXPECT_EQ((*hits)[0].note_id, first);
    EXPECT_NE((*hits)[0].snippet.find("[holiday]"), std::string::npos) << (*hits)[0].snippet;
    // Punctuation and quotes in the search box are taken literally, not as query syntax.
    EXPECT_TRUE(f.store.search("\"holiday) OR (", Include::ProgressOnly, 20).has_value());
    EXPECT_EQ(fts_query("  holiday  plans "), "\"holiday\"* \"plans\"*");
    EXPECT_EQ(fts_query("\"\""), "");
    ASSERT_TRUE(f.store.sign(first, *f.templates.find("soap"), "Maya Lin"));
    ASSERT_TRUE(f.store.amend(first, "Maya Lin", "missing detail", "Also the snowstorm."));
    EXPECT_EQ(f.store.search("snowstorm", Include::ProgressOnly, 20)->size(), 1u);
    EXPECT_TRUE(f.store.search("   ", Include::ProgressOnly, 20)->empty());
}

TEST(Notes, DraftsToSignAreCountedAcrossThePractice) {
    Fixture f;
    EXPECT_EQ(f.store.drafts_to_sign()->first, 0);
    std::int64_t first = f.filled_soap("2026-11-20", "a");
    f.filled_soap("2026-11-24", "b");
    auto drafts = f.store.drafts_to_sign();
    EXPECT_EQ(drafts->first, 2);
    EXPECT_EQ(drafts->second, "2026-11-20");
    ASSERT_TRUE(f.store.sign(first, *f.templates.find("soap"), "Maya Lin"));
    EXPECT_EQ(f.store.drafts_to_sign()->second, "2026-11-24");
}

TEST(Notes, CoupleNoteSharedIntoAPartnersOwnChartOnlyWithTheOtherPartnersConsent) {
    Fixture f;
    dyad::sdk::Host host(f.harness.host());
    ClientStore clients(host);
    std::vector<std::int64_t> partners = f.partners();
    auto own_chart = create_unit_from_clients(host, "individual", {partners[0]}, {"self"});
    ASSERT_TRUE(own_chart) << own_chart.error();

    std::int64_t draft = f.filled_soap("2026-11-24", "Worked on appreciation");
    auto unsigned_share = f.store.share_with_member(draft, partners[0], "Dr. Test");
    ASSERT_FALSE(unsigned_share);
    EXPECT_EQ(unsigned_share.error(), "Sign the note before sharing it.");
    ASSERT_TRUE(f.store.sign(draft, *f.templates.find("soap"), "Dr. Test"));

    // The other partner has not agreed yet: nothing is shared.
    auto refused = f.store.share_with_member(draft, partners[0], "Dr. Test");
    ASSERT_FALSE(refused);
    EXPECT_NE(refused.error().find("has not agreed"), std::string::npos) << refused.error();
    EXPECT_TRUE(f.store.shared_with(draft)->empty());
    EXPECT_TRUE(f.store.notes_for_unit(*own_chart, Include::ProgressOnly)->empty());

    ASSERT_TRUE(clients.save_consent(f.couple, partners[1], true, true));
    ASSERT_TRUE(f.store.share_with_member(draft, partners[0], "Dr. Test"));
    EXPECT_EQ(*f.store.shared_with(draft), std::vector<std::int64_t>{partners[0]});
    auto listed = f.store.notes_for_unit(*own_chart, Include::ProgressOnly);
    ASSERT_EQ(listed->size(), 1u);
    EXPECT_EQ((*listed)[0].id, draft);
    EXPECT_EQ((*listed)[0].shared_from_unit, f.couple);
    // The couple's own list shows it as its own note.
    EXPECT_EQ(f.store.notes_for_unit(f.couple, Include::ProgressOnly)->front().shared_from_unit, 0);

    auto twice = f.store.share_with_member(draft, partners[0], "Dr. Test");
    ASSERT_FALSE(twice);
    EXPECT_EQ(twice.error(), "The note is already shared with them.");
    EXPECT_FALSE(f.store.share_with_member(draft, 12345, "Dr. Test"));
    // A share cannot be taken back by deleting the row either.
    EXPECT_NE(f.db.exec("DELETE FROM records_note_share"), "");
}

TEST(Notes, PsychotherapyNotesAreNeverShared) {
    Fixture f;
    const NoteTemplate* process = f.templates.find("psychotherapy");
    auto id = f.store.create_draft(f.couple, *process, "2026-11-24", f.partners());
    ASSERT_TRUE(id);
    for (const auto& section : process->sections) {
        ASSERT_TRUE(f.store.save_section(*id, section.key, "private process notes"));
    }
    ASSERT_TRUE(f.store.sign(*id, *process, "Dr. Test"));
    auto refused = f.store.share_with_member(*id, f.partners()[0], "Dr. Test");
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error(), "Psychotherapy notes are never shared.");
}

TEST(Notes, PrefixSearchUsesKnownWordsAndFallsBackToThePrefixQuery) {
    Fixture f;
    EXPECT_EQ(search_terms("Partner's PARTNERS, ünïcode—dash 42"),
              (std::vector<std::string>{"partner", "s", "partners", "ünïcode—dash", "42"}));
    std::int64_t older = f.filled_soap("2026-01-05", "The partner listened");
    std::int64_t newer = f.filled_soap("2026-02-05", "Both partners listened");
    auto hits = f.store.search("PARTN", Include::ProgressOnly, 20);
    ASSERT_TRUE(hits) << hits.error();
    ASSERT_EQ(hits->size(), 2u);
    EXPECT_EQ((*hits)[0].note_id, newer);  // Newest session first.
    EXPECT_EQ((*hits)[1].note_id, older);
    // A word the term list does not know (a note indexed before it existed) is still found.
    ASSERT_EQ(f.db.exec("DELETE FROM records_note_term WHERE term = 'listened'"), "");
    auto fallback = f.store.search("listen", Include::ProgressOnly, 20);
    ASSERT_TRUE(fallback);
    EXPECT_EQ(fallback->size(), 2u);
    EXPECT_TRUE(f.store.search("zzz", Include::ProgressOnly, 20)->empty());
    // Several words: every one must match.
    auto both = f.store.search("partners list", Include::ProgressOnly, 20);
    ASSERT_TRUE(both) << both.error();
    ASSERT_EQ(both->size(), 1u);
    EXPECT_EQ((*both)[0].note_id, newer);
}
