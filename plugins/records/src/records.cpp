#include "records.h"

#include <cstdio>
#include <ctime>
#include <fstream>

#include "chart_export.h"
#include "chart_pdf.h"
#include "fhir_export.h"
#include "util.h"

namespace dyad::records_plugin {

Records::Records(dyad::sdk::Host host_)
    : host(host_),
      notes(dyad::sdk::Database(host_)),
      clients(host_),
      plans(dyad::sdk::Database(host_)),
      schedule(host_),
      diagnoses(dyad::sdk::Database(host_)) {
    std::vector<std::string> folders = host.resource_folders();
    templates = load_note_templates(folders);
    for (const auto& problem : templates.problems) {
        problems.push_back("note template refused: " + problem);
    }
    std::vector<std::string> refused;
    plan_templates = load_plan_templates(folders, refused);
    for (const auto& problem : refused) {
        problems.push_back("plan template refused: " + problem);
    }
    refused.clear();
    codes = load_code_book(folders, refused);
    for (const auto& problem : refused) {
        problems.push_back("diagnosis code list: " + problem);
    }
}

const PlanTemplate* Records::plan_template(const std::string& id) const {
    for (const auto& plan_template : plan_templates) {
        if (plan_template.id == id) {
            return &plan_template;
        }
    }
    return nullptr;
}

std::expected<std::string, std::string> Records::chart_csv_text(std::int64_t unit_id,
                                                                Include include) {
    auto csv = chart_csv({clients, schedule, notes, plans, templates}, unit_id, include);
    if (csv) {
        (void)host.core()->record_export(host.raw(), "unit", unit_id, "csv");
    }
    return csv;
}

std::expected<std::string, std::string> Records::chart_fhir_text(std::int64_t unit_id,
                                                                 Include include) {
    auto bundle = chart_fhir(
        {dyad::sdk::Database(host), clients, schedule, notes, plans, diagnoses, templates}, unit_id,
        include, now_utc());
    if (bundle) {
        (void)host.core()->record_export(host.raw(), "unit", unit_id, "fhir");
    }
    return bundle;
}

std::expected<int, std::string> Records::chart_pdf_file(std::int64_t unit_id, Include include,
                                                        const std::string& path) {
    auto pages = chart_pdf(
        {dyad::sdk::Database(host), clients, schedule, notes, plans, diagnoses, templates}, unit_id,
        include, path, local_today());
    if (pages) {
        (void)host.core()->record_export(host.raw(), "unit", unit_id, "pdf");
    }
    return pages;
}

std::expected<dyad::pdf::RecordedPages, std::string> Records::chart_print_pages(
    std::int64_t unit_id) {
    auto pages = chart_pages(
        {dyad::sdk::Database(host), clients, schedule, notes, plans, diagnoses, templates}, unit_id,
        Include::ProgressOnly, local_today());
    return pages;
}

std::expected<std::string, std::string> Records::calendar_text(const std::string& from_utc,
                                                               const std::string& to_utc) {
    auto events = schedule.calendar(from_utc, to_utc);
    if (!events) {
        return std::unexpected(events.error());
    }
    (void)host.core()->record_export(host.raw(), "schedule", 0, "icalendar");
    return to_icalendar(*events, now_utc());
}

std::string utc_days_from_now(int days) {
    std::time_t when = std::time(nullptr) + static_cast<std::time_t>(days) * 86400;
    std::tm parts{};
    gmtime_r(&when, &parts);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT00:00:00Z", &parts);
    return text;
}

}  // namespace dyad::records_plugin
