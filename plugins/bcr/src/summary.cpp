#include "summary.h"

#include <algorithm>
#include <map>

namespace dyad::bcr {

std::vector<std::pair<std::string, int>> themes(const std::vector<Frustration>& frustrations) {
    std::map<std::string, int> counted;
    for (const auto& f : frustrations) {
        ++counted[f.theme.empty() ? std::string("no theme") : f.theme];
    }
    std::vector<std::pair<std::string, int>> sorted(counted.begin(), counted.end());
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    return sorted;
}

std::vector<std::string> timeline(const Frustration& f) {
    std::vector<std::pair<std::string, std::string>> dated;  // (date, text); stable by order.
    dated.emplace_back(f.created_at.substr(0, 10), "frustration written");
    for (std::size_t i = 0; i < f.gifts.size(); ++i) {
        const Gift& gift = f.gifts[i];
        dated.emplace_back(gift.commitment.start,
                           std::string(i == 0 ? "gift begins" : "gift renewed") + ", until " +
                               gift.commitment.last_day());
        for (const auto& checkin : gift.checkins) {
            std::string text =
                std::string("check-in: ") + (checkin.outcome == Outcome::Done     ? "done"
                                             : checkin.outcome == Outcome::Partly ? "partly done"
                                                                                  : "not done");
            if (checkin.impact > 0) {
                text += ", felt impact " + std::to_string(checkin.impact) + "/5";
            }
            if (!checkin.appreciation.empty()) {
                text += "; appreciated: " + checkin.appreciation;
            }
            dated.emplace_back(checkin.date, text);
        }
    }
    if (f.state == State::Retired) {
        dated.emplace_back(dated.back().first, "retired");
    }
    std::stable_sort(dated.begin(), dated.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<std::string> lines;
    for (const auto& [date, text] : dated) {
        lines.push_back(date + "  " + text);
    }
    return lines;
}

}  // namespace dyad::bcr
