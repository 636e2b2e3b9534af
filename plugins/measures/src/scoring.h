// Scoring an administration and reading a partner's scores over time. Pure functions of the
// instrument and the answers: the same answers and instrument version always give the same
// score, so a stored administration can be rescored and checked. No wx, no database.
#pragma once

#include <expected>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "instrument.h"

namespace dyad::measures {

// One answer per item, in the instrument's item order; nullopt for a missing one.
using Answers = std::vector<std::optional<double>>;

struct Score {
    double total = 0;
    std::map<std::string, double> subscales;  // By subscale key.
    std::string band;                         // "" when the instrument has no bands.
    bool distressed = false;                  // On the cut-off's distressed side.
    std::optional<double> cutoff;             // The cut-off used.
    int missing = 0;                          // Scored items not answered.
    bool prorated = false;
    std::vector<std::string> flags;  // Risk items: for the therapist alone.
    int scoring_version = 0;
};

// Refused (with the item and what is wrong): a count of answers other than the number of
// items, an answer outside its item's answer set, more missing scored items than the
// instrument's rule allows (all of them when it refuses). Reverse-keyed items count as
// (min + max - answer) of their answer set. A prorated total (and subscale) is the answered
// items' sum times scored / answered, rounded to the nearest whole number for anchored items
// and to one decimal for lines.
std::expected<Score, std::string> score(const Instrument& instrument, const Answers& answers);

// "3 1 - 2": numbers in item order, "-" for a missing answer. Refuses other words.
std::expected<Answers, std::string> parse_answers(const std::vector<std::string>& words);

// Whether total is on the distressed side of the instrument's cut-off (false without one).
bool distressed(const Instrument& instrument, double total);

enum class Change { None, Improved, Worsened };
// Whether after differs from before by at least the instrument's reliable-change points in
// either direction (None when the instrument has none).
Change reliable_change(const Instrument& instrument, double before, double after);

struct Point {
    std::string date;  // "YYYY-MM-DD"
    double total = 0;
};
struct Trajectory {
    std::vector<Change> marks;  // Per point, against the first (baseline): reliable or not.
    bool improved = false;      // The latest point is a reliable improvement on the baseline.
    bool not_on_track = false;
    // In words, in the language shown (dyad::show): "reliable improvement since Sep 1, 2026",
    // "not on track: ...", "".
    std::string status;
};
// A partner's scores oldest first. Not on track: the latest score is a reliable drop from the
// baseline, or there was no reliable improvement by the on_track_by-th administration
// (counting the baseline as the first) and the latest is still on the distressed side.
Trajectory trajectory(const Instrument& instrument, const std::vector<Point>& points,
                      int on_track_by);

// "reliable improvement" / "reliable worsening" in the language shown; "" for None.
std::string shown_change(Change change);

// A severity band, cut-off or safety-flag label of a shipped instrument ("moderately severe",
// "probable depression (10 or more)", "item 9: thoughts of self-harm", with ": not answered")
// in the language shown; any other label (a clinic's instrument) as it is. The instrument
// files, the database, CSV and FHIR keep the English label.
std::string shown_label(const std::string& label);

}  // namespace dyad::measures
