#include <gtest/gtest.h>

#include "script.h"
#include "session.h"
#include "test_support.h"

using namespace dyad::dialogue;

namespace {

const ScriptLibrary& library() {
    static ScriptLibrary loaded = load_scripts({dyad::test::source_dir() + "/resources"});
    return loaded;
}

}  // namespace

// For every shipped script: a whole dialogue with two "is there more" loops and both rounds,
// every refused move on the way, and the counts the record keeps.
TEST(DialogueSession, EveryShippedScriptRunsBothRoundsWithItsLoops) {
    ASSERT_EQ(library().scripts.size(), 4u);
    for (const auto& script : library().scripts) {
        SCOPED_TRACE(script.id);
        Session session(script, 1, 100);
        EXPECT_EQ(session.sender(), 1);
        double now = 100;
        int mirror = script.step_index("mirror");
        for (int round = 1; round <= 2; ++round) {
            EXPECT_EQ(session.round(), round);
            for (std::size_t i = 0; i < script.steps.size(); ++i) {
                EXPECT_EQ(session.step_index(), static_cast<int>(i));
                const Step& step = session.step();
                if (step.loop_to < 0) {
                    auto refused = session.move(Move::ThereIsMore, now + 5);
                    EXPECT_FALSE(refused) << step.id;
                    EXPECT_EQ(session.step_index(), static_cast<int>(i));  // Nothing changed.
                }
                if (static_cast<int>(i) == mirror) {
                    // "Is there more?" - yes: back to sending, then mirror again.
                    ASSERT_TRUE(session.move(Move::ThereIsMore, now += 10));
                    EXPECT_EQ(session.step_index(), step.loop_to);
                    ASSERT_TRUE(session.move(Move::Advance, now += 10));
                    EXPECT_EQ(session.step_index(), mirror);
                }
                ASSERT_TRUE(session.move(Move::Advance, now += 30));
            }
            if (round == 1) {
                EXPECT_EQ(session.sender(), 0) << "roles switch after round 1";
                EXPECT_TRUE(session.roles_switched());
                EXPECT_FALSE(session.finished());
            }
        }
        EXPECT_TRUE(session.finished());
        EXPECT_FALSE(session.move(Move::Advance, now + 1));
        EXPECT_FALSE(session.move(Move::Repeat, now + 1));
        EXPECT_EQ(session.more_count(), 2);
        EXPECT_EQ(session.reached().at("switch"), 2);
        double total = 0;
        for (const auto& [id, seconds] : session.durations()) {
            total += seconds;
        }
        EXPECT_DOUBLE_EQ(total, now - 100);
    }
}

TEST(DialogueSession, RepeatKeepsTheStepAndTimeCannotRunBackwards) {
    const Script* script = library().find("couple-dialogue");
    ASSERT_NE(script, nullptr);
    Session session(*script, 0, 50);
    ASSERT_TRUE(session.move(Move::Repeat, 60));
    EXPECT_EQ(session.step_index(), 0);
    EXPECT_EQ(session.repeats(), 1);
    EXPECT_DOUBLE_EQ(session.durations().at("appointment"), 10);
    auto backwards = session.move(Move::Advance, 55);
    ASSERT_FALSE(backwards);
    EXPECT_EQ(session.step_index(), 0);
}
