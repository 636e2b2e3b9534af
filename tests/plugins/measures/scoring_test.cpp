// Scoring of every shipped instrument against hand-worked answer sets (reverse keys, subscales,
// missing items), the cut-offs and reliable change at their boundaries, trajectories, and the
// validator's messages.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include <dyad/show.hpp>

#include "instrument.h"
#include "scoring.h"
#include "test_support.h"

using namespace dyad::measures;

namespace {

std::string read(const std::string& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

const InstrumentLibrary& shipped() {
    static InstrumentLibrary library = load_instruments({dyad::test::source_dir() + "/resources"});
    return library;
}

const Instrument& get(const std::string& id) {
    const Instrument* found = shipped().find(id);
    EXPECT_NE(found, nullptr) << id;
    return *found;
}

Score scored(const std::string& id, const std::string& words) {
    std::vector<std::string> split;
    std::istringstream in(words);
    for (std::string w; in >> w;) {
        split.push_back(w);
    }
    auto answers = parse_answers(split);
    EXPECT_TRUE(answers) << answers.error();
    const Instrument& instrument = get(id);
    while (answers->size() < instrument.items.size()) {
        answers->emplace_back();  // Trailing unscored items.
    }
    auto result = score(instrument, *answers);
    EXPECT_TRUE(result) << id << " " << words << ": " << result.error();
    return result.value_or(Score{});
}

std::string refused(const std::string& id, const Answers& answers) {
    auto result = score(get(id), answers);
    EXPECT_FALSE(result) << id;
    return result ? "" : result.error();
}

// The RDAS template with its items typed in, as a practice would.
Instrument typed_rdas() {
    std::string text = read(dyad::test::source_dir() + "/resources/measures/rdas.json");
    std::string filled;
    for (std::size_t at = 0, n = 1;;) {
        std::size_t hole = text.find("\"text\": \"\"", at);
        filled += text.substr(at, hole == std::string::npos ? std::string::npos : hole - at);
        if (hole == std::string::npos) {
            break;
        }
        filled += "\"text\": \"typed item " + std::to_string(n++) + "\"";
        at = hole + 10;
    }
    InstrumentCheck check = check_instrument(filled, "rdas.json");
    EXPECT_TRUE(check.ok()) << (check.problems.empty() ? "" : check.problems.front());
    return check.instrument;
}

}  // namespace

TEST(Instruments, EveryShippedFileIsValidAndNamesItsSourceAndLicence) {
    EXPECT_TRUE(shipped().problems.empty()) << shipped().problems.front();
    for (const char* id : {"phq-9", "gad-7", "csi-4", "csi-16", "csi-32", "rdas", "ors", "srs"}) {
        const Instrument& instrument = get(id);
        EXPECT_FALSE(instrument.source.empty()) << id;
        EXPECT_FALSE(instrument.licence.empty()) << id;
    }
    EXPECT_EQ(get("phq-9").max_total(), 27);
    EXPECT_EQ(get("gad-7").max_total(), 21);
    EXPECT_EQ(get("csi-4").max_total(), 21);
    EXPECT_EQ(get("csi-16").max_total(), 81);
    EXPECT_EQ(get("csi-32").max_total(), 161);
    EXPECT_EQ(get("rdas").max_total(), 69);
    EXPECT_EQ(get("ors").max_total(), 40);
    // The licensed instruments ship without item text.
    for (const char* id : {"rdas", "ors", "srs"}) {
        EXPECT_TRUE(get(id).bring_your_own) << id;
        EXPECT_FALSE(get(id).items_complete()) << id;
        for (const auto& item : get(id).items) {
            EXPECT_EQ(item.text, "") << id;
        }
    }
}

TEST(Scoring, Phq9HandWorkedWithBandsFlagAndProrating) {
    Score s = scored("phq-9", "1 2 1 2 1 1 2 1 0");
    EXPECT_EQ(s.total, 11);
    EXPECT_EQ(s.band, "moderate");
    EXPECT_TRUE(s.distressed);
    EXPECT_TRUE(s.flags.empty());
    // Item 9 above zero flags whatever the total.
    s = scored("phq-9", "0 0 0 0 0 0 0 0 1");
    EXPECT_EQ(s.total, 1);
    EXPECT_EQ(s.band, "minimal");
    ASSERT_EQ(s.flags.size(), 1u);
    EXPECT_EQ(s.flags[0], "item 9: thoughts of self-harm");
    // The difficulty item is kept but not counted.
    s = scored("phq-9", "3 3 3 3 3 3 3 3 3 3");
    EXPECT_EQ(s.total, 27);
    EXPECT_EQ(s.band, "severe");
    // Two missing: 8 over 7 answered, times 9 = 10.29, rounded to 10. A missing item 9 is
    // flagged for the therapist to ask in person.
    s = scored("phq-9", "1 - 1 1 1 1 2 1 -");
    EXPECT_TRUE(s.prorated);
    EXPECT_EQ(s.missing, 2);
    EXPECT_EQ(s.total, 10);
    ASSERT_EQ(s.flags.size(), 1u);
    EXPECT_EQ(s.flags[0], "item 9: thoughts of self-harm: not answered");
    EXPECT_EQ(refused("phq-9",
                      {1, std::nullopt, std::nullopt, std::nullopt, 1, 1, 1, 1, 0, std::nullopt}),
              "PHQ-9 allows 2 missing item(s) at most; 3 are missing");
    EXPECT_EQ(refused("phq-9", {4, 0, 0, 0, 0, 0, 0, 0, 0, std::nullopt}),
              "item 1: 4 is not an answer (0 to 3)");
    EXPECT_EQ(refused("phq-9", {1, 1}), "PHQ-9 has 10 items; 2 answers were given");
}

TEST(Scoring, Phq9AndGad7BandsAndCutOffsAtTheirBoundaries) {
    struct Case {
        const char* answers;
        double total;
        const char* band;
        bool distressed;
    };
    for (const Case& c :
         {Case{"1 1 1 1 0 0 0 0 0", 4, "minimal", false},
          Case{"1 1 1 1 1 0 0 0 0", 5, "mild", false}, Case{"1 1 1 1 1 1 1 1 1", 9, "mild", false},
          Case{"2 1 1 1 1 1 1 1 1", 10, "moderate", true},
          Case{"2 2 2 2 2 1 1 1 1", 14, "moderate", true},
          Case{"2 2 2 2 2 2 1 1 1", 15, "moderately severe", true},
          Case{"3 3 3 2 2 2 2 2 0", 19, "moderately severe", true},
          Case{"3 3 3 3 2 2 2 2 0", 20, "severe", true}}) {
        Score s = scored("phq-9", c.answers);
        EXPECT_EQ(s.total, c.total) << c.answers;
        EXPECT_EQ(s.band, c.band) << c.answers;
        EXPECT_EQ(s.distressed, c.distressed) << c.answers;
    }
    EXPECT_EQ(scored("gad-7", "1 1 1 1 1 1 1").band, "mild");
    EXPECT_FALSE(scored("gad-7", "1 1 1 1 1 1 1").distressed);
    EXPECT_TRUE(scored("gad-7", "2 1 1 1 1 1 1").distressed);  // 8: caseness.
    EXPECT_EQ(scored("gad-7", "3 3 3 3 3 3 3").band, "severe");
    EXPECT_EQ(scored("gad-7", "2 2 2 2 2 2 2").band, "moderate");
    // GAD-7 has no published missing-item rule: every item is required.
    EXPECT_EQ(refused("gad-7", {1, 1, std::nullopt, 1, 1, 1, 1, std::nullopt}),
              "GAD-7 is scored only with every item answered (1 missing)");
}

TEST(Scoring, CsiScalesHandWorkedWithTheirCutOffs) {
    EXPECT_EQ(scored("csi-4", "6 5 5 5").total, 21);
    EXPECT_TRUE(scored("csi-4", "3 3 3 4").distressed);                   // 13 < 13.5
    EXPECT_FALSE(scored("csi-4", "3 3 4 4").distressed);                  // 14
    Score sixteen = scored("csi-16", "4 3 3 3 3 3 3 3 3 3 3 3 3 3 3 5");  // 4 + 14*3 + 5 = 51
    EXPECT_EQ(sixteen.total, 51);
    EXPECT_TRUE(sixteen.distressed);
    sixteen = scored("csi-16", "5 3 3 3 3 3 3 3 3 3 3 3 3 3 3 5");  // 52
    EXPECT_FALSE(sixteen.distressed);
    EXPECT_EQ(scored("csi-16", "6 5 5 5 5 5 5 5 5 5 5 5 5 5 5 5").total, 81);
    EXPECT_EQ(refused("csi-16", Answers(16, std::nullopt)),
              "CSI-16 is scored only with every item answered (16 missing)");
    // CSI-32: items 10 and 15 are reverse keyed (5 - answer).
    std::string zeros;
    for (int i = 0; i < 32; ++i) {
        zeros += "0 ";
    }
    EXPECT_EQ(scored("csi-32", zeros).total, 10);
    std::string best = "6";
    for (int i = 2; i <= 32; ++i) {
        best += i == 10 || i == 15 ? " 0" : " 5";
    }
    EXPECT_EQ(scored("csi-32", best).total, 161);
    EXPECT_FALSE(scored("csi-32", best).distressed);
    // A semantic differential's positions carry their value: "Interesting" (left) is 5.
    const Instrument& csi16 = get("csi-16");
    const Item& interesting = csi16.items[10];
    EXPECT_EQ(interesting.left_label, "Interesting");
    EXPECT_EQ(csi16.answer_set(interesting.answers)->anchors.front().value, 5);
    const Item& good = csi16.items[11];
    EXPECT_EQ(good.left_label, "Bad");
    EXPECT_EQ(csi16.answer_set(good.answers)->anchors.front().value, 0);
}

TEST(Scoring, RdasSubscalesCutOffAndReliableChangeOnceTyped) {
    Instrument rdas = typed_rdas();
    ASSERT_TRUE(rdas.items_complete());
    auto best = score(rdas, {5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 4, 5, 5, 5});
    ASSERT_TRUE(best) << best.error();
    EXPECT_EQ(best->total, 69);
    EXPECT_EQ(best->subscales.at("consensus"), 30);
    EXPECT_EQ(best->subscales.at("satisfaction"), 20);
    EXPECT_EQ(best->subscales.at("cohesion"), 19);
    auto at47 = score(rdas, {3, 3, 3, 3, 3, 3, 4, 4, 4, 4, 2, 3, 3, 3});  // 18 + 16 + 11 = 45
    ASSERT_TRUE(at47);
    EXPECT_EQ(at47->total, 45);
    EXPECT_TRUE(at47->distressed);
    auto at48 = score(rdas, {3, 3, 3, 3, 3, 4, 4, 4, 4, 4, 2, 3, 3, 4});  // 19 + 16 + 12 = 47
    EXPECT_TRUE(at48->distressed);                                        // 47 <= 47.31
    auto over = score(rdas, {3, 3, 3, 3, 4, 4, 4, 4, 4, 4, 2, 3, 3, 4});  // 48
    EXPECT_EQ(over->total, 48);
    EXPECT_FALSE(over->distressed);
    EXPECT_EQ(reliable_change(rdas, 40, 52), Change::Improved);  // 12 >= 11.58
    EXPECT_EQ(reliable_change(rdas, 40, 51), Change::None);      // 11
    EXPECT_EQ(reliable_change(rdas, 52, 40), Change::Worsened);
    // The SD item is an answer of the item 11 set (0-4): 5 is refused.
    EXPECT_FALSE(score(rdas, {5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5}));
}

TEST(Scoring, ReliableChangeAtItsBoundaryBothWays) {
    const Instrument& phq = get("phq-9");  // Lower is better, 6 points.
    EXPECT_EQ(reliable_change(phq, 15, 9), Change::Improved);
    EXPECT_EQ(reliable_change(phq, 15, 10), Change::None);
    EXPECT_EQ(reliable_change(phq, 10, 16), Change::Worsened);
    const Instrument& gad = get("gad-7");
    EXPECT_EQ(reliable_change(gad, 12, 8), Change::Improved);
    EXPECT_EQ(reliable_change(gad, 12, 9), Change::None);
    EXPECT_EQ(reliable_change(get("csi-16"), 30, 70), Change::None);  // None published.
    // Jacobson & Truax from reliability and SD: 1.96 * 10 * sqrt(2 * 0.1) = 8.77.
    std::string own = read(dyad::test::source_dir() + "/resources/measures/csi-4.json");
    own.insert(own.rfind('}'),
               ", \"reliable_change\": {\"reliability\": 0.9, \"sd\": 10, "
               "\"source\": \"our clinic's sample\"}");
    InstrumentCheck check = check_instrument(own, "csi-4.json");
    ASSERT_TRUE(check.ok()) << check.problems.front();
    EXPECT_NEAR(check.instrument.reliable_change, 8.765, 0.001);
    EXPECT_EQ(reliable_change(check.instrument, 5, 14), Change::Improved);  // 9
    EXPECT_EQ(reliable_change(check.instrument, 5, 13), Change::None);      // 8
}

TEST(Scoring, AnInclusiveCutOffCountsItsOwnScoreAsDistressed) {
    const Instrument& ors = get("ors");  // "25 or below".
    EXPECT_TRUE(ors.cutoff_inclusive);
    EXPECT_TRUE(distressed(ors, 25));
    EXPECT_TRUE(distressed(ors, 24.9));
    EXPECT_FALSE(distressed(ors, 25.1));
    const Instrument& srs = get("srs");  // "below 36".
    EXPECT_FALSE(distressed(srs, 36));
    EXPECT_TRUE(distressed(srs, 35.9));
    EXPECT_FALSE(distressed(get("csi-16"), 51.5 + 0.5));
}

TEST(Scoring, TrajectoryMarksImprovementDropAndNotOnTrack) {
    const Instrument& phq = get("phq-9");
    auto t = trajectory(phq, {{"2026-09-01", 18}, {"2026-10-01", 15}, {"2026-11-01", 11}}, 4);
    EXPECT_EQ(t.marks[1], Change::None);
    EXPECT_EQ(t.marks[2], Change::Improved);
    EXPECT_EQ(t.status, "reliable improvement since Sep 1, 2026");
    EXPECT_FALSE(t.not_on_track);
    t = trajectory(phq, {{"2026-09-01", 8}, {"2026-10-01", 15}}, 4);
    EXPECT_TRUE(t.not_on_track);
    EXPECT_EQ(t.status, "not on track: a reliable drop since Sep 1, 2026");
    // Still distressed, no reliable gain by the 4th administration.
    t = trajectory(
        phq, {{"2026-08-01", 16}, {"2026-09-01", 15}, {"2026-10-01", 14}, {"2026-11-01", 13}}, 4);
    EXPECT_TRUE(t.not_on_track);
    EXPECT_EQ(t.status, "not on track: no reliable gain by administration 4");
    t = trajectory(phq, {{"2026-08-01", 16}, {"2026-09-01", 15}, {"2026-10-01", 14}}, 4);
    EXPECT_FALSE(t.not_on_track);  // Not yet at the 4th.
    // A drop that recovered into a reliable gain is on track again.
    t = trajectory(phq, {{"2026-08-01", 12}, {"2026-09-01", 19}, {"2026-10-01", 5}}, 4);
    EXPECT_EQ(t.marks[1], Change::Worsened);
    EXPECT_FALSE(t.not_on_track);
    EXPECT_EQ(t.status, "reliable improvement since Aug 1, 2026");
}

// Every band, cut-off and safety-flag label of the shipped instruments is shown translated (the
// files keep English: validated instruments); a clinic's own label stays as it is.
TEST(Scoring, ShippedLabelsAndNumbersAreShownInTheLanguageChosen) {
    EXPECT_EQ(shown_label("moderately severe"), "moderately severe");
    EXPECT_EQ(shown_number(23.44), "23.4");
    EXPECT_EQ(shown_number(11), "11");
    struct Marked {  // A catalog that brackets every word, and "," as the decimal separator.
        Marked() {
            dyad::show::set_language(
                "es", [](const char* context, const char* english, const char*, long long) {
                    std::string text = english;
                    if (context != nullptr && std::string(context) == "decimal separator") {
                        return std::string(",");
                    }
                    if (context != nullptr && std::string(context) == "thousands separator") {
                        return std::string(".");
                    }
                    return "[" + text + "]";
                });
        }
        ~Marked() { dyad::show::set_language("en", nullptr); }
    } marked;
    for (const auto& instrument : shipped().instruments) {
        std::vector<std::string> labels = {instrument.cutoff_label};
        for (const auto& band : instrument.bands) {
            labels.push_back(band.label);
        }
        for (const auto& item : instrument.items) {
            if (item.risk_above) {
                labels.push_back(item.risk_flag);
                EXPECT_EQ(shown_label(item.risk_flag + ": not answered"),
                          "[[" + item.risk_flag + "]: not answered]");
            }
        }
        for (const auto& label : labels) {
            if (!label.empty()) {
                EXPECT_EQ(shown_label(label), "[" + label + "]") << instrument.id;
            }
        }
    }
    EXPECT_EQ(shown_label("our own band"), "our own band");
    EXPECT_EQ(shown_number(23.44), "23,4");
}

TEST(Validator, EveryProblemWithItsPathAndLine) {
    std::string broken = R"({
  "id": "Our Scale",
  "version": 0,
  "title": "Our scale",
  "short_title": "OS",
  "source": "ours",
  "licence": "ours",
  "licence_class": "bundled",
  "answer_sets": [{"key": "yn", "anchors": [{"value": 0, "label": "no"}, {"value": 0, "label": "yes"}]}],
  "items": [
    {"id": "1", "text": "One", "answers": "nope"},
    {"id": "1", "text": "Two", "answers": "yn", "risk": {"flag": "risk"}}
  ],
  "scoring": {"method": "mean", "version": 1, "missing": "prorate", "max_missing": 5},
  "cutoff": {"score": "high", "label": "x"},
  "direction": "up"
})";
    InstrumentCheck check = check_instrument(broken, "ours.json");
    std::string all;
    for (const auto& p : check.problems) {
        all += p + "\n";
    }
    for (const char* expected :
         {"ours.json:2: id: use up to 40 lower-case letters, digits, '_' and '-'",
          "ours.json:3: version: \"version\" must be a whole number from 1",
          "ours.json:9: answer_sets[0].anchors[1].value: the value 0 is used twice",
          "ours.json:11: items[0].answers: \"nope\" names no answer set",
          "ours.json:12: items[1].id: \"1\" is used twice",
          "ours.json:12: items[1].risk: \"above\" is required",
          "ours.json:14: scoring.method: \"mean\" is not a scoring method (sum)",
          "ours.json:14: scoring: prorating needs \"max_missing\": 1 to one less than the number "
          "of scored items",
          "ours.json:15: cutoff.score: must be a number",
          "ours.json:16: direction: must be \"higher_is_better\" or \"lower_is_better\""}) {
        EXPECT_NE(all.find(expected), std::string::npos) << expected << "\nin:\n" << all;
    }
    // Nothing scored, or a risk rule no answer can reach.
    std::string unscored = read(dyad::test::source_dir() + "/resources/measures/gad-7.json");
    const std::string frequency = "\"answers\": \"frequency\"";
    for (std::size_t at = unscored.find(frequency); at != std::string::npos;
         at = unscored.find(frequency, at + 1)) {
        unscored.insert(at + frequency.size(), ", \"scored\": false");
    }
    all.clear();
    for (const auto& p : check_instrument(unscored, "gad.json").problems) {
        all += p + "\n";
    }
    EXPECT_NE(all.find("items: at least one item must be scored"), std::string::npos) << all;
    std::string unreachable = read(dyad::test::source_dir() + "/resources/measures/phq-9.json");
    unreachable.replace(unreachable.find("\"above\": 0"), 10, "\"above\": 3");
    all.clear();
    for (const auto& p : check_instrument(unreachable, "phq.json").problems) {
        all += p + "\n";
    }
    EXPECT_NE(all.find("items[8].risk.above: no answer of this item is above it"),
              std::string::npos)
        << all;
    EXPECT_EQ(check_instrument("[1]", "list.json").problems.front(),
              "list.json:1: (file): must hold one JSON object");
    EXPECT_NE(check_instrument("{", "cut.json").problems.front().find("cut.json: not valid JSON"),
              std::string::npos);
    // Bands must cover the range without a gap.
    std::string gap = read(dyad::test::source_dir() + "/resources/measures/gad-7.json");
    gap.replace(gap.find("\"to\": 9"), 7, "\"to\": 8");
    auto gapped = check_instrument(gap, "gad.json");
    ASSERT_FALSE(gapped.ok());
    EXPECT_NE(gapped.problems.front().find("leaves a gap before"), std::string::npos)
        << gapped.problems.front();
}
