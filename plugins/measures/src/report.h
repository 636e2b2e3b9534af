// A unit's measures on paper and in files: the PDF report (for supervision or an insurer),
// CSV, and FHIR R4 (a Questionnaire per instrument used, a QuestionnaireResponse per
// administration, a Patient per partner). Audience "clinician" carries everything; "couple"
// (a partner-shared copy) leaves out the safety flags and the answers of risk items. Voided
// administrations are never exported. No wx here.
#pragma once

#include <pdf_document.h>

#include <expected>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "store.h"

namespace dyad::measures {

struct ReportInput {
    std::string unit_name;
    std::map<std::int64_t, std::string> names;  // Member client id -> full name.
    std::vector<Administration> history;        // Oldest first, not voided.
    int on_track_by = 4;
    bool clinician = true;  // false: partner-shared.
};

std::string measures_csv(const InstrumentLibrary& library, const ReportInput& input);
// uuid: a fresh id per resource (the caller's generator, so tests can fix them).
std::string measures_fhir(const InstrumentLibrary& library, const ReportInput& input,
                          const std::string& timestamp, const std::function<std::string()>& uuid);
std::expected<int, std::string> measures_pdf(const InstrumentLibrary& library,
                                             const ReportInput& input, const std::string& path,
                                             const std::string& today);
// The same report drawn in memory, for printing (nothing is written to disk).
std::expected<dyad::pdf::RecordedPages, std::string> measures_pages(
    const InstrumentLibrary& library, const ReportInput& input, const std::string& today);

// One partner's points of one instrument, oldest first.
std::vector<Point> points_of(const std::vector<Administration>& history,
                             const std::string& instrument_id, std::int64_t client_id);

}  // namespace dyad::measures
