#include "worksheet_pdf.h"

#include <pdf_document.h>

#include <dyad/show.hpp>

namespace dyad::workup {
namespace {

// The worksheet written into a document made by make(footer) (a file or a recording), returned
// unfinished.
template <class Make>
std::expected<dyad::pdf::PdfDocument, std::string> worksheet_document(
    const Form& form, const std::vector<PartnerAnswers>& partners, const std::string& couple_name,
    Make make) {
    if (partners.empty()) {
        return std::unexpected("no answers to print");
    }
    std::expected<dyad::pdf::PdfDocument, std::string> document =
        make(form.title + ". " + couple_name);
    if (!document) {
        return std::unexpected(document.error());
    }
    dyad::pdf::PdfDocument& pdf = *document;
    std::string who = partners.size() == 1
                          ? partners[0].name
                          : dyad::show::fill(dyad::show::fill(dyad::show::tr("{name} and {other}"),
                                                              "other", partners[1].name),
                                             "name", partners[0].name);
    pdf.title(form.title + ": " + who);
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
    return document;
}

}  // namespace

std::expected<int, std::string> worksheet_pdf(const Form& form,
                                              const std::vector<PartnerAnswers>& partners,
                                              const std::string& couple_name,
                                              const std::string& path) {
    auto document = worksheet_document(form, partners, couple_name, [&](const std::string& f) {
        return dyad::pdf::PdfDocument::create(path, f);
    });
    if (!document) {
        return std::unexpected(document.error());
    }
    auto finished = document->finish();
    if (!finished) {
        return std::unexpected(finished.error());
    }
    return document->pages();
}

std::expected<dyad::pdf::RecordedPages, std::string> worksheet_pages(
    const Form& form, const std::vector<PartnerAnswers>& partners, const std::string& couple_name) {
    auto document = worksheet_document(form, partners, couple_name, [](const std::string& f) {
        return std::expected<dyad::pdf::PdfDocument, std::string>(
            dyad::pdf::PdfDocument::record(f));
    });
    if (!document) {
        return std::unexpected(document.error());
    }
    return document->finish_recording();
}

}  // namespace dyad::workup
