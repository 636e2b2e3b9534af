#include "chart_glance.h"

#include <algorithm>
#include <dyad/show.hpp>

namespace dyad::records_plugin {

using dyad::show::DateStyle;
using dyad::show::fill;
using dyad::show::tr;

std::string chart_glance(const std::vector<NoteSummary>& notes,
                         const std::vector<Diagnosis>& diagnoses, const std::vector<Plan>& plans,
                         const std::string& today) {
    std::string text;
    std::string last;
    int drafts = 0;
    for (const auto& note : notes) {
        last = std::max(last, note.session_date);
        drafts += note.status == "draft" ? 1 : 0;
    }
    text += last.empty() ? tr("No session notes yet.")
                         : fill(tr("Last note: session of {date}"), "date",
                                dyad::show::date(last, DateStyle::Compact));
    text += "\n";
    if (drafts > 0) {
        text += dyad::show::tr_n("{n} note to sign", "{n} notes to sign", drafts) + "\n";
    }
    std::string codes;
    for (const auto& diagnosis : diagnoses) {
        if (diagnosis.status == "active") {
            codes += (codes.empty() ? "" : "; ") + diagnosis.code + " " + diagnosis.description;
        }
    }
    text += codes.empty() ? tr("No diagnosis in force.")
                          : fill(tr("Diagnoses: {codes}"), "codes", codes);
    text += "\n";
    const Plan* active = nullptr;
    for (const auto& plan : plans) {
        if (plan.status == "active") {
            active = &plan;
        }
    }
    if (active == nullptr) {
        return text + tr("No active treatment plan.");
    }
    std::string review = dyad::show::date(active->review_date, DateStyle::Compact);
    std::string heading =
        active->review_date.empty() ? tr("Plan: {title}")
        : active->review_date < today
            ? fill(tr("Plan: {title}, review overdue since {date}"), "date", review)
            : fill(tr("Plan: {title}, review by {date}"), "date", review);
    text += fill(heading, "title", active->title) + "\n";
    int goals = 0, listed = 0;
    for (const auto& item : active->items) {
        if (item.level != "goal" || item.status == "discontinued") {
            continue;
        }
        ++goals;
        if (listed < 4) {
            text += "  " +
                    fill(item.status == "met" ? tr("Goal: {goal} (met)") : tr("Goal: {goal}"),
                         "goal", item.text) +
                    "\n";
            ++listed;
        }
    }
    if (goals > listed) {
        text += "  " + dyad::show::tr_n("and {n} more goal", "and {n} more goals", goals - listed) +
                "\n";
    }
    return text.substr(0, text.size() - 1);
}

}  // namespace dyad::records_plugin
