// Outcome-measure instruments as data files ("<resources>/measures/*.json", the user's and the
// clinic's folders first): items with their answer sets, reverse keys, subscales, the scoring
// rule (sum; a missing item refused or prorated), severity bands, the distress cut-off, the
// reliable-change threshold (given, or computed from reliability and SD), the direction, risk
// items, and the licence. The validator reports every problem as "SOURCE:LINE: path: what" (the
// shared data-file checker of the Workup forms and dialogue scripts); a broken file is refused
// whole. Format: docs/measures.md. No wx here.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace dyad::measures {

struct Anchor {
    double value = 0;
    std::string label;
};

// How an item is answered: one of a list of anchors (values need not be contiguous), or a
// visual-analogue line from min to max in steps.
struct AnswerSet {
    std::string key;
    std::vector<Anchor> anchors;  // Empty for a line.
    double min = 0, max = 0, step = 1;
    std::string min_label, max_label;  // A line's two ends.
    bool line() const { return anchors.empty(); }
    bool accepts(double value) const;
    const Anchor* anchor(double value) const;
};

struct Item {
    std::string id;    // "1", "9", "a" ...: unique in the instrument.
    std::string text;  // "" in a bring-your-own template until the practice types it in.
    std::string answers;
    std::string left_label, right_label;  // A semantic differential's two words.
    bool reverse = false;
    bool scored = true;  // false: asked and kept, not in the total (PHQ-9's difficulty item).
    // A risk item raises risk_flag when the answer is above risk_above, and "<flag>: not
    // answered" when skipped: for the therapist alone.
    std::optional<double> risk_above;
    std::string risk_flag;
};

struct Subscale {
    std::string key, label;
    std::vector<std::string> items;
};

struct Band {
    double from = 0, to = 0;  // Inclusive.
    std::string label;
};

struct Instrument {
    std::string id;  // "phq-9"
    int version = 0;
    std::string title, short_title, stem, source, licence;
    bool bring_your_own = false;  // Items must be typed in and the licence attested first.
    std::string attestation;      // What the practice accepts (bring-your-own only).
    std::string respondent_note;  // Who answers, in words (shown to the therapist).
    std::vector<AnswerSet> answer_sets;
    std::vector<Item> items;
    std::vector<Subscale> subscales;
    int max_missing = 0;  // Scored items that may be missing; prorated when > 0.
    std::vector<Band> bands;
    std::optional<double> cutoff;
    bool cutoff_inclusive = false;  // A total equal to the cut-off is on the distressed side.
    std::string cutoff_label;       // What the distressed side means ("relationship distress").
    bool higher_is_better = false;
    double reliable_change = 0;  // Points; 0 when the instrument has none.
    std::string reliable_change_source;
    int scoring_version = 0;  // Bumped whenever the scoring part changes.
    // Of the items and answer sets as used (every field): the attestation binds it.
    std::string items_sha256;

    const AnswerSet* answer_set(const std::string& key) const;
    const Item* item(const std::string& id) const;
    std::vector<const Item*> scored_items() const;
    double min_total() const;
    double max_total() const;
    // Whether every item has its text (a bring-your-own template before it is filled in has
    // none).
    bool items_complete() const;
};

struct InstrumentCheck {
    std::vector<std::string> problems;  // "SOURCE:LINE: path: what is wrong"
    Instrument instrument;
    bool ok() const { return problems.empty(); }
};
InstrumentCheck check_instrument(const std::string& json, const std::string& source);

struct InstrumentLibrary {
    std::vector<Instrument> instruments;  // By id; the first folder's file wins an id.
    std::vector<std::string> problems;    // From refused files.
    const Instrument* find(const std::string& id) const;
};
InstrumentLibrary load_instruments(const std::vector<std::string>& folders);

// A number as people read it: "11", "23.4" (one decimal at most, no trailing zeros). The
// form files, CSV, FHIR and dyadctl use; shown_number is the window's and the PDF's.
std::string number_text(double value);
// The same number in the language shown (dyad::show): "23.4", in Spanish "23,4".
std::string shown_number(double value);

}  // namespace dyad::measures
