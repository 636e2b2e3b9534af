#include "summary.h"

#include <algorithm>
#include <map>

#include <dyad/show.hpp>

namespace dyad::bcr {

using dyad::show::fill;
using dyad::show::tr;

std::vector<std::pair<std::string, int>> themes(const std::vector<Frustration>& frustrations) {
    std::map<std::string, int> counted;
    for (const auto& f : frustrations) {
        ++counted[f.theme.empty() ? tr("no theme") : f.theme];
    }
    std::vector<std::pair<std::string, int>> sorted(counted.begin(), counted.end());
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    return sorted;
}

std::vector<std::string> timeline(const Frustration& f) {
    std::vector<std::pair<std::string, std::string>> dated;  // (date, text); stable by order.
    dated.emplace_back(f.created_at.substr(0, 10), tr("frustration written"));
    for (std::size_t i = 0; i < f.gifts.size(); ++i) {
        const Gift& gift = f.gifts[i];
        std::string until =
            dyad::show::date(gift.commitment.last_day(), dyad::show::DateStyle::Compact);
        dated.emplace_back(gift.commitment.start, fill(i == 0 ? tr("gift begins, until {date}")
                                                              : tr("gift renewed, until {date}"),
                                                       "date", until));
        for (const auto& checkin : gift.checkins) {
            std::string text = checkin.outcome == Outcome::Done     ? tr("check-in: done")
                               : checkin.outcome == Outcome::Partly ? tr("check-in: partly done")
                                                                    : tr("check-in: not done");
            if (checkin.impact > 0) {
                text = fill(fill(tr("{text}, felt impact {impact}/5"), "text", text), "impact",
                            std::to_string(checkin.impact));
            }
            if (!checkin.appreciation.empty()) {
                text = fill(fill(tr("{text}; appreciated: {appreciation}"), "text", text),
                            "appreciation", checkin.appreciation);
            }
            dated.emplace_back(checkin.date, text);
        }
    }
    if (f.state == State::Retired) {
        dated.emplace_back(dated.back().first, tr("retired"));
    }
    std::stable_sort(dated.begin(), dated.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<std::string> lines;
    for (const auto& [date, text] : dated) {
        lines.push_back(dyad::show::date(date, dyad::show::DateStyle::Compact) + "  " + text);
    }
    return lines;
}

}  // namespace dyad::bcr
