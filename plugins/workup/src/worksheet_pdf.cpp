#include "worksheet_pdf.h"

#include <pdf_document.h>

namespace dyad::workup {

std::expected<int, std::string> worksheet_pdf(const Form& form,
                                              const std::vector<PartnerAnswers>& partners,
                                              const std::string& couple_name,
                                              const std::string& path) {
    if (partners.empty()) {
        return std::unexpected("no answers to print");
    }
    auto document = dyad::pdf::PdfDocument::create(path, form.title + ". " + couple_name);
    if (!document) {
        return std::unexpected(document.error());
    }
    dyad::pdf::PdfDocument& pdf = *document;
    pdf.title(form.title + (partners.size() == 1
                                ? ": " + partners[0].name
                                : ": " + partners[0].name + " and " + partners[1].name));
    if (!form.description.empty()) {
        pdf.note(form.description);
    }
    pdf.rule();
    for (const auto& section : form.sections) {
        pdf.heading(section.title);
        for (const auto& field : section.fields) {
            for (const auto& partner : partners) {
                std::string value =
                    field.type == "computed"
                        ? fill_template(form, field.template_text, partner.answers, partner.other)
                        : answer_text(field, partner.answers);
                std::string label =
                    partners.size() == 1 ? field.label : field.label + " (" + partner.name + ")";
                if (field.type == "computed") {
                    pdf.paragraph(partners.size() == 1 ? value : partner.name + ": " + value);
                } else {
                    pdf.field(label, value.empty() ? "-" : value);
                }
            }
        }
    }
    auto finished = pdf.finish();
    if (!finished) {
        return std::unexpected(finished.error());
    }
    return pdf.pages();
}

}  // namespace dyad::workup
