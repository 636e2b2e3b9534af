// A client unit's chart as CSV (RFC 4180): members, sessions, notes with their amendments,
// and plan items, one row each. Psychotherapy notes are left out unless asked for. Written
// only where the therapist chose, as one file, and audited as an export. No wx here.
#pragma once

#include <expected>
#include <string>

#include "clients.h"
#include "note_templates.h"
#include "notes.h"
#include "plans.h"
#include "schedule.h"

namespace dyad::records_plugin {

// text as one CSV field: quoted when it holds a comma, quote or line break.
std::string csv_field(const std::string& text);

struct ChartSources {
    ClientStore& clients;
    ScheduleStore& schedule;
    NoteStore& notes;
    PlanStore& plans;
    const TemplateLibrary& templates;
};

std::expected<std::string, std::string> chart_csv(ChartSources sources, std::int64_t unit_id,
                                                  Include include);

}  // namespace dyad::records_plugin
