// How far each partner of a unit is with their worksheets (issue 19: the Overview's chart at a
// glance): per partner, each form they have answers for and how many of its sections are
// complete. Counts only, never an answer's words. Thread: [main-thread]. No wx here.
#pragma once

#include <cstdint>
#include <expected>
#include <string>
#include <utility>
#include <vector>

#include "form.h"
#include "response.h"

namespace dyad::workup {

struct FormProgress {
    std::string title;
    int complete = 0;  // Sections complete.
    int sections = 0;
};

struct PartnerProgress {
    std::int64_t client_id = 0;
    std::string name;
    std::vector<FormProgress> forms;  // Only the forms they have answers for, by title.
};

// members: (client id, the name shown). Each partner's newest answers to each form.
std::expected<std::vector<PartnerProgress>, std::string> unit_progress(
    ResponseStore& store, const FormLibrary& library, std::int64_t unit_id,
    const std::vector<std::pair<std::int64_t, std::string>>& members);

// One line per partner: "Ana: Imago Workup 4 of 9 sections, Partner Profile 6 of 6" or
// "Ben: no worksheet started"; "" without members.
std::string progress_text(const std::vector<PartnerProgress>& partners);

}  // namespace dyad::workup
