// The couple's current agreements as a PDF to hand to them: each granted request with who
// gives it to whom, the desire it serves, the period and check-in days. No clinical notes, no
// frustrations' wording beyond the desire. No wx here.
#pragma once

#include <cstdint>
#include <expected>
#include <map>
#include <string>
#include <vector>

#include <pdf_document.h>

#include "store.h"

namespace dyad::bcr {

// names: client id -> the name to print. Returns the number of pages.
std::expected<int, std::string> agreements_pdf(const std::vector<Frustration>& frustrations,
                                               const std::map<std::int64_t, std::string>& names,
                                               const std::string& couple_name,
                                               const std::string& today, const std::string& path);
// The same agreements drawn in memory, for printing (nothing is written to disk).
std::expected<dyad::pdf::RecordedPages, std::string> agreements_pages(
    const std::vector<Frustration>& frustrations, const std::map<std::int64_t, std::string>& names,
    const std::string& couple_name, const std::string& today);

}  // namespace dyad::bcr
