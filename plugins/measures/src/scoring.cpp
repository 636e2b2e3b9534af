#include "scoring.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include <dyad/show.hpp>

namespace dyad::measures {
namespace {

double ends_sum(const AnswerSet& set) {
    if (set.line()) {
        return set.min + set.max;
    }
    double low = set.anchors.front().value, high = low;
    for (const auto& anchor : set.anchors) {
        low = std::min(low, anchor.value);
        high = std::max(high, anchor.value);
    }
    return low + high;
}

struct Sum {
    double total = 0;
    int answered = 0, scored = 0;
    bool lines = false;
};

double prorated(const Sum& sum) {
    double value = sum.total * sum.scored / sum.answered;
    return sum.lines ? std::round(value * 10) / 10 : std::round(value);
}

}  // namespace

std::expected<Score, std::string> score(const Instrument& instrument, const Answers& answers) {
    if (answers.size() != instrument.items.size()) {
        return std::unexpected(instrument.short_title + " has " +
                               std::to_string(instrument.items.size()) + " items; " +
                               std::to_string(answers.size()) + " answers were given");
    }
    Score result;
    result.scoring_version = instrument.scoring_version;
    std::map<std::string, double> keyed;  // Item id -> its scored value.
    Sum whole;
    for (std::size_t i = 0; i < instrument.items.size(); ++i) {
        const Item& item = instrument.items[i];
        const AnswerSet* set = instrument.answer_set(item.answers);
        if (set == nullptr || (!set->line() && set->anchors.empty())) {
            return std::unexpected("item " + item.id + " has no answer set");  // Not validated.
        }
        const auto& answer = answers[i];
        if (answer && !set->accepts(*answer)) {
            double low = set->min, high = set->max;
            if (!set->line()) {
                low = high = set->anchors.front().value;
                for (const auto& anchor : set->anchors) {
                    low = std::min(low, anchor.value);
                    high = std::max(high, anchor.value);
                }
            }
            return std::unexpected("item " + item.id + ": " + number_text(*answer) +
                                   " is not an answer (" + number_text(low) + " to " +
                                   number_text(high) + ")");
        }
        if (item.risk_above) {
            if (!answer) {
                result.flags.push_back(item.risk_flag + ": not answered");
            } else if (*answer > *item.risk_above) {
                result.flags.push_back(item.risk_flag);
            }
        }
        if (!item.scored) {
            continue;
        }
        ++whole.scored;
        whole.lines = whole.lines || set->line();
        if (!answer) {
            ++result.missing;
            continue;
        }
        double value = item.reverse ? ends_sum(*set) - *answer : *answer;
        keyed[item.id] = value;
        whole.total += value;
        ++whole.answered;
    }
    if (result.missing > instrument.max_missing) {
        return std::unexpected(
            instrument.max_missing == 0
                ? instrument.short_title + " is scored only with every item answered (" +
                      std::to_string(result.missing) + " missing)"
                : instrument.short_title + " allows " + std::to_string(instrument.max_missing) +
                      " missing item(s) at most; " + std::to_string(result.missing) +
                      " are missing");
    }
    result.prorated = result.missing > 0;
    result.total = result.prorated ? prorated(whole) : whole.total;
    for (const auto& subscale : instrument.subscales) {
        Sum part;
        for (const auto& id : subscale.items) {
            ++part.scored;
            const Item* item = instrument.item(id);
            const AnswerSet* set = item == nullptr ? nullptr : instrument.answer_set(item->answers);
            part.lines = part.lines || (set != nullptr && set->line());
            if (auto found = keyed.find(id); found != keyed.end()) {
                part.total += found->second;
                ++part.answered;
            }
        }
        if (part.answered == 0) {
            return std::unexpected(subscale.label + " has no answered item");
        }
        result.subscales[subscale.key] = part.answered < part.scored ? prorated(part) : part.total;
    }
    for (const auto& band : instrument.bands) {
        if (result.total >= band.from && result.total <= band.to + 0.999999) {
            result.band = band.label;
        }
    }
    if (instrument.cutoff) {
        result.cutoff = instrument.cutoff;
        result.distressed = distressed(instrument, result.total);
    }
    return result;
}

bool distressed(const Instrument& instrument, double total) {
    if (!instrument.cutoff) {
        return false;
    }
    double cut = *instrument.cutoff;
    if (instrument.cutoff_inclusive && std::fabs(total - cut) < 1e-9) {
        return true;
    }
    return instrument.higher_is_better ? total < cut : total > cut;
}

std::expected<Answers, std::string> parse_answers(const std::vector<std::string>& words) {
    Answers answers;
    for (const auto& word : words) {
        if (word == "-") {
            answers.emplace_back();
            continue;
        }
        char* end = nullptr;
        double value = std::strtod(word.c_str(), &end);
        if (word.empty() || end == nullptr || *end != '\0' || !std::isfinite(value) ||
            word.find_first_of("xXpPnN") != std::string::npos) {
            return std::unexpected("\"" + word +
                                   "\" is not an answer (a number, or - when "
                                   "missing)");
        }
        answers.emplace_back(value);
    }
    return answers;
}

Change reliable_change(const Instrument& instrument, double before, double after) {
    if (instrument.reliable_change <= 0) {
        return Change::None;
    }
    double delta = after - before;
    if (std::fabs(delta) + 1e-9 < instrument.reliable_change) {
        return Change::None;
    }
    bool better = instrument.higher_is_better ? delta > 0 : delta < 0;
    return better ? Change::Improved : Change::Worsened;
}

Trajectory trajectory(const Instrument& instrument, const std::vector<Point>& points,
                      int on_track_by) {
    Trajectory result;
    if (points.empty()) {
        return result;
    }
    double baseline = points.front().total;
    for (const auto& point : points) {
        result.marks.push_back(reliable_change(instrument, baseline, point.total));
    }
    bool dropped = result.marks.back() == Change::Worsened;
    result.improved = result.marks.back() == Change::Improved;
    bool ever_improved = false;
    for (std::size_t i = 0; i < points.size() && static_cast<int>(i) < on_track_by; ++i) {
        ever_improved = ever_improved || result.marks[i] == Change::Improved;
    }
    const Point& latest = points.back();
    bool still_distressed = distressed(instrument, latest.total);
    std::string baseline_date =
        dyad::show::date(points.front().date, dyad::show::DateStyle::Compact);
    if (dropped) {
        result.not_on_track = true;
        result.status = dyad::show::fill(
            dyad::show::tr("not on track: a reliable drop since {date}"), "date", baseline_date);
    } else if (instrument.reliable_change > 0 && static_cast<int>(points.size()) >= on_track_by &&
               !ever_improved && still_distressed) {
        result.not_on_track = true;
        result.status =
            dyad::show::fill(dyad::show::tr("not on track: no reliable gain by administration {n}"),
                             "n", std::to_string(on_track_by));
    } else if (result.improved) {
        result.status = dyad::show::fill(dyad::show::tr("reliable improvement since {date}"),
                                         "date", baseline_date);
    }
    return result;
}

std::string shown_change(Change change) {
    return change == Change::Improved   ? dyad::show::tr("reliable improvement")
           : change == Change::Worsened ? dyad::show::tr("reliable worsening")
                                        : "";
}

std::string shown_label(const std::string& label) {
    // The labels of the instruments Dyad ships (resources/measures/*.json).
    static const char* const kShipped[] = {
        dyad::show::marked("measures label", "minimal"),
        dyad::show::marked("measures label", "mild"),
        dyad::show::marked("measures label", "moderate"),
        dyad::show::marked("measures label", "moderately severe"),
        dyad::show::marked("measures label", "severe"),
        dyad::show::marked("measures label", "relationship dissatisfaction (below 51.5)"),
        dyad::show::marked("measures label", "relationship dissatisfaction (below 104.5)"),
        dyad::show::marked("measures label", "relationship dissatisfaction (below 13.5)"),
        dyad::show::marked("measures label", "probable anxiety disorder (8 or more)"),
        dyad::show::marked("measures label", "clinical range (25 or below)"),
        dyad::show::marked("measures label", "probable depression (10 or more)"),
        dyad::show::marked("measures label", "relationship distress (47 or less)"),
        dyad::show::marked("measures label", "alliance concern (below 36)"),
        dyad::show::marked("measures label", "item 9: thoughts of self-harm"),
    };
    const std::string unanswered = ": not answered";
    if (label.size() > unanswered.size() &&
        label.compare(label.size() - unanswered.size(), unanswered.size(), unanswered) == 0) {
        return dyad::show::fill(dyad::show::tr("{flag}: not answered"), "flag",
                                shown_label(label.substr(0, label.size() - unanswered.size())));
    }
    for (const char* shipped : kShipped) {
        if (label == shipped) {
            return dyad::show::tr_in("measures label", shipped);
        }
    }
    return label;
}

}  // namespace dyad::measures
