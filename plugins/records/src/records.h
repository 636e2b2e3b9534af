// Everything the records plugin works with, made once at plugin creation and shared by the
// GUI panels and `dyadctl records`: the stores over the plugin's confined connection, the
// data files (note and plan templates, diagnosis codes), and the exports that are written to
// files. Thread: [main-thread]. Lifetime: the plugin's. No wx here.
#pragma once

#include <data_files.h>
#include <pdf_document.h>
#include <time_text.h>
#include <dyad/plugin.hpp>

#include <expected>
#include <string>
#include <vector>

#include "clients.h"
#include "diagnoses.h"
#include "note_templates.h"
#include "notes.h"
#include "plans.h"
#include "schedule.h"

namespace dyad::records_plugin {

struct Records {
    explicit Records(dyad::sdk::Host host);

    dyad::sdk::Host host;
    NoteStore notes;
    ClientStore clients;
    PlanStore plans;
    ScheduleStore schedule;
    DiagnosisStore diagnoses;
    TemplateLibrary templates;
    std::vector<PlanTemplate> plan_templates;
    CodeBook codes;
    std::vector<std::string> problems;  // Data files that were refused, with the reason.

    const PlanTemplate* plan_template(const std::string& id) const;

    // The unit's chart as CSV; audited as an export.
    std::expected<std::string, std::string> chart_csv_text(std::int64_t unit_id, Include include);
    // The unit's chart as a FHIR R4 Bundle (JSON); audited as an export.
    std::expected<std::string, std::string> chart_fhir_text(std::int64_t unit_id, Include include);
    // The unit's chart summary written as a PDF file at path; audited as an export. Returns
    // the number of pages.
    std::expected<int, std::string> chart_pdf_file(std::int64_t unit_id, Include include,
                                                   const std::string& path);
    // The unit's chart summary (progress notes only) drawn in memory for printing; the caller
    // audits the print once it happens.
    std::expected<dyad::pdf::RecordedPages, std::string> chart_print_pages(std::int64_t unit_id);
    // Sessions between two UTC instants as iCalendar text; audited as an export.
    std::expected<std::string, std::string> calendar_text(const std::string& from_utc,
                                                          const std::string& to_utc);
};

using dyad::datafile::write_file_atomically;

// Midnight UTC, days from today, as "YYYY-MM-DDT00:00:00Z".
std::string utc_days_from_now(int days);
using dyad::datafile::local_today;

}  // namespace dyad::records_plugin
