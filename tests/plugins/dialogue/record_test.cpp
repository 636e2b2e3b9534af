#include <gtest/gtest.h>

#include "plugin_harness.h"
#include "record.h"
#include "script.h"
#include "session.h"

using namespace dyad::dialogue;

TEST(DialogueRecord, ASessionIsKeptOnTheUnitWithItsChecklistAndTrend) {
    dyad::test::PluginHarness harness("dyad.dialogue", dialogue_schema());
    DialogueStore store{dyad::sdk::Database(dyad::sdk::Host(harness.host()))};
    std::int64_t couple = harness.unit("Ana & Ben Ortiz");
    ScriptLibrary library = load_scripts({dyad::test::source_dir() + "/resources"});
    const Script& script = *library.find("couple-dialogue");

    // First session: stopped at validation in round 1.
    Session short_one(script, 0, 0);
    for (double t = 10; short_one.step().id != "validate"; t += 10) {
        ASSERT_TRUE(short_one.move(Move::Advance, t));
    }
    DialogueRecord first = record_of(short_one, script, couple, 0, "2026-11-01T10:00:00Z");
    EXPECT_TRUE(first.fidelity.mirror_confirmed);
    EXPECT_TRUE(first.fidelity.summary_done);
    EXPECT_FALSE(first.fidelity.validation_given);
    EXPECT_FALSE(first.fidelity.roles_switched);
    EXPECT_DOUBLE_EQ(first.seconds, 40);
    ASSERT_TRUE(store.save(first));

    // Second: both rounds, one "is there more".
    Session whole(script, 1, 0);
    double t = 0;
    ASSERT_TRUE(whole.move(Move::Advance, t += 5));
    ASSERT_TRUE(whole.move(Move::Advance, t += 5));
    ASSERT_TRUE(whole.move(Move::ThereIsMore, t += 5));
    while (!whole.finished()) {
        ASSERT_TRUE(whole.move(Move::Advance, t += 5));
    }
    DialogueRecord second = record_of(whole, script, couple, 0, "2026-11-08T10:00:00Z");
    second.fidelity.empathy_named_feelings = true;  // The therapist's confirmation.
    second.notes = "Good mirroring.";
    ASSERT_TRUE(store.save(second));

    auto history = store.history(couple);
    ASSERT_TRUE(history) << history.error();
    ASSERT_EQ(history->size(), 2u);
    EXPECT_EQ((*history)[0].fidelity.count(), 2);
    EXPECT_EQ((*history)[1].fidelity.count(), 5);
    EXPECT_TRUE((*history)[1].finished);
    EXPECT_EQ((*history)[1].more_count, 1);
    EXPECT_EQ((*history)[1].notes, "Good mirroring.");
    EXPECT_DOUBLE_EQ((*history)[1].durations.at("send"), 15);  // Twice in round 1, once in 2.
    std::string json = history_json(*history);
    EXPECT_NE(json.find("\"is_there_more\":1"), std::string::npos) << json;
    EXPECT_NE(json.find("\"score\":5"), std::string::npos);

    DialogueRecord orphan = first;
    orphan.unit_id = 987654;
    auto refused = store.save(orphan);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error(), "That client unit does not exist.");
}
