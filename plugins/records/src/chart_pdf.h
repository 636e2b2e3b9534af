// A printable summary of a client unit's chart as PDF: members with contacts and consent,
// diagnoses, treatment plans, sessions, and notes with their amendments (psychotherapy notes
// only when asked for). Written only to the path the therapist chose. No wx here.
#pragma once

#include <cstdint>
#include <expected>
#include <string>

#include <pdf_document.h>

#include "chart_stores.h"

namespace dyad::records_plugin {

// generated_on: the local date printed on the summary. Returns the number of pages.
std::expected<int, std::string> chart_pdf(ChartStores stores, std::int64_t unit_id, Include include,
                                          const std::string& path, const std::string& generated_on);
// The same summary drawn in memory, for printing (nothing is written to disk).
std::expected<dyad::pdf::RecordedPages, std::string> chart_pages(ChartStores stores,
                                                                 std::int64_t unit_id,
                                                                 Include include,
                                                                 const std::string& generated_on);

}  // namespace dyad::records_plugin
