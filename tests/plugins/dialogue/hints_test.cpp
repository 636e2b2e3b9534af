// The language hints on a table of sentences a sender or receiver might say, each with the
// hints a therapist would expect; the test prints true and false positives per kind.
#include <gtest/gtest.h>

#include <cstdio>
#include <dyad/show.hpp>
#include <map>
#include <set>

#include "hints.h"
#include "test_support.h"

using namespace dyad::dialogue;

namespace {

struct Case {
    const char* sentence;
    std::set<std::string> expected;
};

const Case kCases[] = {
    {"When you came home late last night, I felt lonely.", {}},
    {"You always leave your dishes in the sink.", {"absolute", "no-i-statement"}},
    {"You never listen to me.", {"absolute"}},
    {"I feel that you don't care about my work.", {"thought"}},
    {"I feel like you're not interested in me.", {"thought"}},
    {"You're so selfish.", {"criticism", "no-i-statement"}},
    {"What's wrong with you?", {"criticism", "no-i-statement"}},
    {"You make me so angry when you do that.", {"blame"}},
    {"It's your fault we're late again.", {"blame", "no-i-statement"}},
    {"I felt scared when the car sped up.", {}},
    {"Every time we visit your parents, I end up alone in the kitchen.", {"absolute"}},
    {"I'd like us to have dinner together on Fridays.", {}},
    {"You are such a lazy person.", {"criticism", "no-i-statement"}},
    {"Whatever. Do what you want.", {"criticism", "no-i-statement"}},
    {"Nevertheless, I appreciate that you called.", {}},
    {"I feel sad and a bit lost.", {}},
    {"You forgot our anniversary.", {"no-i-statement"}},
    {"When you forgot our anniversary, I felt unimportant.", {}},
    {"I feel as if nothing I do is enough.", {"thought"}},
    {"You constantly interrupt.", {"absolute", "no-i-statement"}},
    {"Grow up.", {"criticism"}},
    {"I'm worried about money this month.", {}},
    {"Because of you I missed the train.", {"blame"}},
    {"I always feel better after our walks.", {"absolute"}},
    {"You ruined the evening.", {"blame", "no-i-statement"}},
    {"I love it when you hold my hand.", {}},
    {"You're being ridiculous about this.", {"criticism", "no-i-statement"}},
    {"My fear is that we are drifting apart.", {}},
    {"I felt hurt and invisible at the party.", {}},
    {"You seem tired tonight.", {"no-i-statement"}},
};

}  // namespace

namespace {

const HintRules& shipped_rules() {
    static HintRules rules = [] {
        std::vector<std::string> problems;
        HintRules loaded = load_hint_rules({dyad::test::source_dir() + "/resources"}, problems);
        EXPECT_TRUE(problems.empty()) << problems.front();
        return loaded;
    }();
    return rules;
}

}  // namespace

TEST(DialogueHints, TableOfSentencesWithTrueAndFalsePositives) {
    ASSERT_EQ(shipped_rules().rules.size(), 5u);
    int true_positive = 0, false_positive = 0, false_negative = 0;
    std::map<std::string, std::array<int, 3>> by_kind;
    for (const auto& c : kCases) {
        std::set<std::string> got;
        for (const auto& hint : sender_hints(c.sentence, shipped_rules())) {
            got.insert(hint.kind);
            EXPECT_EQ(std::string(c.sentence).substr(hint.at, hint.phrase.size()), hint.phrase);
        }
        for (const char* kind : {"absolute", "blame", "criticism", "thought", "no-i-statement"}) {
            bool expected = c.expected.count(kind) > 0;
            bool fired = got.count(kind) > 0;
            if (expected && fired) {
                ++true_positive;
                ++by_kind[kind][0];
            } else if (fired) {
                ++false_positive;
                ++by_kind[kind][1];
                std::printf("false positive  %-15s %s\n", kind, c.sentence);
            } else if (expected) {
                ++false_negative;
                ++by_kind[kind][2];
                std::printf("false negative  %-15s %s\n", kind, c.sentence);
            }
        }
    }
    for (const auto& [kind, counts] : by_kind) {
        std::printf("%-15s true positives %2d  false positives %d  false negatives %d\n",
                    kind.c_str(), counts[0], counts[1], counts[2]);
    }
    std::printf("%zu sentences: %d true positives, %d false positives, %d false negatives\n",
                std::size(kCases), true_positive, false_positive, false_negative);
    EXPECT_GE(std::size(kCases), 30u);
    EXPECT_LE(false_positive + false_negative, 3);
}

TEST(DialogueHints, MirrorKeepsAndAddsContentWords) {
    MirrorScore exact = mirror_score("When you came home late I felt lonely and scared",
                                     "If I got it, when I came home late you felt lonely and "
                                     "scared. Did I get that?");
    EXPECT_DOUBLE_EQ(exact.kept, 1.0);
    EXPECT_TRUE(exact.added.empty()) << exact.added.front();
    MirrorScore partial = mirror_score("When you came home late I felt lonely and scared",
                                       "You felt lonely and angry");
    EXPECT_EQ(partial.missing, (std::vector<std::string>{"came", "home", "late", "scared"}));
    EXPECT_EQ(partial.added, (std::vector<std::string>{"angry"}));
    EXPECT_DOUBLE_EQ(partial.kept,
                     2.0 / 6.0);  // felt, lonely of came home late felt lonely scared.
    EXPECT_DOUBLE_EQ(mirror_score("", "anything").kept, 0);
}

TEST(DialogueHints, EmpathyNamesAFeelingFromTheEditableList) {
    auto feelings = load_feelings({dyad::test::source_dir() + "/resources"});
    ASSERT_GT(feelings.size(), 40u);
    EXPECT_EQ(named_feeling("I imagine you might be feeling lonely and scared.", feelings),
              "lonely");  // The list's order: the first listed feeling found.
    EXPECT_EQ(named_feeling("I imagine you feel that I don't care.", feelings), "");
    EXPECT_EQ(named_feeling("You felt SAD.", feelings), "sad");
}

TEST(DialogueHints, BrokenHintFilesAreRefusedWithPathAndLine) {
    auto bad = HintRules::parse(
        "{\n \"hints\": [\n  {\"kind\": \"x\", \"pattern\": \"(\", "
        "\"message\": \"m\"}\n ]\n}",
        "hints.json");
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error(), "hints.json:3: hints[0].pattern: is not a valid regular expression");
    auto empty = HintRules::parse("{\"hints\": []}", "hints.json");
    ASSERT_FALSE(empty);
    EXPECT_NE(empty.error().find("must list at least one hint"), std::string::npos);
    // Without rules, only the built-in I-statement hint remains.
    auto hints = sender_hints("You always forget.", HintRules{});
    ASSERT_EQ(hints.size(), 1u);
    EXPECT_EQ(hints[0].kind, "no-i-statement");
}

// The Spanish rules and feeling words (resources/es/dialogue-language, read when Spanish is
// chosen): the same kinds of hint on Spanish sentences, with their own rule for the missing
// I-statement (the built-in one knows English words only).
namespace {

const Case kSpanishCases[] = {
    {"Cuando llegaste tarde anoche, me sentí sola.", {}},
    {"Tú siempre dejas los platos en el fregadero.", {"absolute", "no-i-statement"}},
    {"Nunca me escuchas.", {"absolute"}},
    {"Siento que no te importa mi trabajo.", {"thought"}},
    {"Me siento como si no te interesara.", {"thought"}},
    {"Eres tan egoísta.", {"criticism"}},
    {"¿Qué problema tienes?", {"criticism"}},
    {"Me haces enojar cuando haces eso.", {"blame"}},
    {"Es tu culpa que lleguemos tarde otra vez.", {"blame"}},
    {"Sentí miedo cuando el coche aceleró.", {}},
    {"Cada vez que visitamos a tus padres, termino sola en la cocina.", {"absolute"}},
    {"Me gustaría que cenáramos juntos los viernes.", {}},
    {"Eres una persona floja.", {"criticism"}},
    {"Lo que sea. Haz lo que quieras.", {"criticism"}},
    {"Aun así, te agradezco que llamaras.", {}},
    {"Me siento triste y un poco perdida.", {}},
    {"Tú no te acordaste de nuestro aniversario.", {"no-i-statement"}},
    {"Cuando olvidaste nuestro aniversario, me sentí poco importante.", {}},
    {"Tú eres ridículo con esto.", {"criticism", "no-i-statement"}},
    {"Por tu culpa perdí el tren.", {"blame"}},
    {"Arruinaste la noche.", {"blame"}},
    {"Me encanta cuando me tomas de la mano.", {}},
    {"Mi miedo es que nos estemos alejando.", {}},
    {"Madura de una vez.", {"criticism"}},
    {"Siempre me siento mejor después de nuestros paseos.", {"absolute"}},
    {"Constantemente me interrumpes.", {"absolute"}},
    {"Me sentí dolida e invisible en la fiesta.", {}},
    {"Hoy pareces cansado.", {}},
    {"Vos sos un desastre.", {"no-i-statement"}},
    {"Tú nunca tienes tiempo para mí.", {"absolute", "no-i-statement"}},
    {"Estás siendo muy inmadura.", {"criticism"}},
    {"Me da igual lo que pienses, da igual.", {"criticism"}},
};

}  // namespace

TEST(DialogueHints, SpanishRulesOnATableOfSpanishSentences) {
    dyad::show::set_language("es", nullptr);
    std::vector<std::string> problems;
    HintRules rules = load_hint_rules({dyad::test::source_dir() + "/resources"}, problems);
    std::vector<std::string> feelings = load_feelings({dyad::test::source_dir() + "/resources"});
    dyad::show::set_language("en", nullptr);
    EXPECT_TRUE(problems.empty()) << problems.front();
    ASSERT_EQ(rules.rules.size(), 6u);
    for (const auto& c : kSpanishCases) {
        std::set<std::string> got;
        for (const auto& hint : sender_hints(c.sentence, rules)) {
            got.insert(hint.kind);
            EXPECT_EQ(std::string(c.sentence).substr(hint.at, hint.phrase.size()), hint.phrase);
        }
        EXPECT_EQ(got, c.expected) << c.sentence;
    }
    ASSERT_GT(feelings.size(), 100u);
    EXPECT_EQ(named_feeling("Imagino que te sientes sola y asustada.", feelings), "asustada");
    EXPECT_EQ(named_feeling("\u00bfTe sientes triste?", feelings), "triste");  // After "¿".
    EXPECT_EQ(named_feeling("Imagino que sientes que no me importa.", feelings), "");
    // The stems of the mirror are no content words: only what the sender said counts.
    MirrorScore mirror = mirror_score("Me sent\u00ed sola y asustada",
                                      "Lo que te escucho decir es que te sentiste sola y "
                                      "asustada. \u00bfLo entend\u00ed bien?");
    EXPECT_EQ(mirror.added, (std::vector<std::string>{"sentiste"}));
    EXPECT_EQ(mirror.missing, (std::vector<std::string>{"sent\u00ed"}));
}
