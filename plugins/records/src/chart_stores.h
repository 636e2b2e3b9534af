// The stores a whole-chart export reads from (FHIR, PDF). References; they outlive the export.
#pragma once

#include <dyad/db.hpp>

#include "clients.h"
#include "diagnoses.h"
#include "note_templates.h"
#include "notes.h"
#include "plans.h"
#include "schedule.h"

namespace dyad::records_plugin {

struct ChartStores {
    dyad::sdk::Database db;
    ClientStore& clients;
    ScheduleStore& schedule;
    NoteStore& notes;
    PlanStore& plans;
    DiagnosisStore& diagnoses;
    const TemplateLibrary& templates;
};

}  // namespace dyad::records_plugin
