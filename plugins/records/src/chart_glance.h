// The unit's chart at a glance, for its Overview card (SDK 1.1): the last session with a note,
// the notes still to sign, the diagnoses in force, the active treatment plan's goals and its
// review date (overdue said so). A pure function over loaded records. No wx here.
#pragma once

#include <string>
#include <vector>

#include "diagnoses.h"
#include "notes.h"
#include "plans.h"

namespace dyad::records_plugin {

// Lines of text; today is the local date "YYYY-MM-DD". At most 4 goals are listed (then
// "and N more").
std::string chart_glance(const std::vector<NoteSummary>& notes,
                         const std::vector<Diagnosis>& diagnoses, const std::vector<Plan>& plans,
                         const std::string& today);

}  // namespace dyad::records_plugin
