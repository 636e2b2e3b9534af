// A completed worksheet as PDF: one partner's answers section by section with the computed
// sentences, or both partners side by side (each field followed by each partner's answer).
// Written only where the therapist chose. No wx here.
#pragma once

#include <expected>
#include <string>
#include <vector>

#include <pdf_document.h>

#include "form.h"
#include "response.h"

namespace dyad::workup {

struct PartnerAnswers {
    std::string name;
    Poco::JSON::Object::Ptr answers;
    AnswersOf other = {};  // The partner's answers to other forms, for {overlap:...}.
};

// One partner: partners.size() == 1; side by side: 2. Returns the number of pages.
std::expected<int, std::string> worksheet_pdf(const Form& form,
                                              const std::vector<PartnerAnswers>& partners,
                                              const std::string& couple_name,
                                              const std::string& path);
// The same worksheet drawn in memory, for printing (nothing is written to disk).
std::expected<dyad::pdf::RecordedPages, std::string> worksheet_pages(
    const Form& form, const std::vector<PartnerAnswers>& partners, const std::string& couple_name);

}  // namespace dyad::workup
