#include "chart_glance.h"

#include <algorithm>

namespace dyad::records_plugin {

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
    text += last.empty() ? "No session notes yet.\n" : "Last note: session of " + last + "\n";
    if (drafts > 0) {
        text += std::to_string(drafts) + " note(s) to sign\n";
    }
    std::string codes;
    for (const auto& diagnosis : diagnoses) {
        if (diagnosis.status == "active") {
            codes += (codes.empty() ? "" : "; ") + diagnosis.code + " " + diagnosis.description;
        }
    }
    text += codes.empty() ? "No diagnosis in force.\n" : "Diagnoses: " + codes + "\n";
    const Plan* active = nullptr;
    for (const auto& plan : plans) {
        if (plan.status == "active") {
            active = &plan;
        }
    }
    if (active == nullptr) {
        return text + "No active treatment plan.";
    }
    text += "Plan: " + active->title;
    if (!active->review_date.empty()) {
        text += active->review_date < today ? ", review overdue since " + active->review_date
                                            : ", review by " + active->review_date;
    }
    text += "\n";
    int goals = 0, listed = 0;
    for (const auto& item : active->items) {
        if (item.level != "goal" || item.status == "discontinued") {
            continue;
        }
        ++goals;
        if (listed < 4) {
            text += "  Goal: " + item.text + (item.status == "met" ? " (met)" : "") + "\n";
            ++listed;
        }
    }
    if (goals > listed) {
        text += "  and " + std::to_string(goals - listed) + " more goal(s)\n";
    }
    return text.substr(0, text.size() - 1);
}

}  // namespace dyad::records_plugin
