#include "agreement_pdf.h"

#include <pdf_document.h>

namespace dyad::bcr {
namespace {

std::string weekdays_text(const std::vector<int>& days) {
    static const char* kNames[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                   "Friday", "Saturday", "Sunday"};
    if (days.empty()) {
        return "every day";
    }
    std::string text;
    for (std::size_t i = 0; i < days.size(); ++i) {
        text += (i == 0                 ? ""
                 : i + 1 == days.size() ? " and "
                                        : ", ") +
                std::string(kNames[days[i] % 7]);
    }
    return text;
}

// The agreements, into a PDF file's document or a recorded one.
void write_agreements(dyad::pdf::PdfDocument& pdf, const std::vector<Frustration>& frustrations,
                      const std::map<std::int64_t, std::string>& names,
                      const std::string& couple_name, const std::string& today) {
    auto name = [&](std::int64_t id) {
        auto found = names.find(id);
        return found == names.end() ? std::string("a partner") : found->second;
    };
    pdf.title("Our agreements");
    pdf.note(couple_name + ". As of " + today + ".");
    pdf.rule();
    int shown = 0;
    for (const auto& f : frustrations) {
        const Gift* gift = f.current_gift();
        const Request* request = f.granted_request();
        if (f.state != State::Granted || gift == nullptr || request == nullptr) {
            continue;
        }
        ++shown;
        pdf.heading(name(f.receiver_id) + " gives " + name(f.sender_id) + " this gift");
        pdf.paragraph(request->text);
        pdf.field("Because " + name(f.sender_id) + " wishes", f.desire);
        pdf.field("From", gift->commitment.start + " to " + gift->commitment.last_day());
        pdf.field("We check in on", weekdays_text(gift->commitment.check_days));
        Adherence so_far = adherence(gift->commitment, gift->checkins, today);
        if (so_far.due > 0) {
            pdf.field("So far", std::to_string(so_far.recorded) + " of " +
                                    std::to_string(so_far.due) + " check-ins recorded");
        }
        pdf.space(6);
    }
    if (shown == 0) {
        pdf.paragraph("No request has been granted yet.");
    }
    pdf.space(12);
    pdf.note(
        "A gift is given freely, not traded. When the period ends, we renew, revise or "
        "retire it together with our therapist.");
}

}  // namespace

std::expected<int, std::string> agreements_pdf(const std::vector<Frustration>& frustrations,
                                               const std::map<std::int64_t, std::string>& names,
                                               const std::string& couple_name,
                                               const std::string& today, const std::string& path) {
    auto document = dyad::pdf::PdfDocument::create(path, "Our agreements. " + couple_name);
    if (!document) {
        return std::unexpected(document.error());
    }
    write_agreements(*document, frustrations, names, couple_name, today);
    auto finished = document->finish();
    if (!finished) {
        return std::unexpected(finished.error());
    }
    return document->pages();
}

std::expected<dyad::pdf::RecordedPages, std::string> agreements_pages(
    const std::vector<Frustration>& frustrations, const std::map<std::int64_t, std::string>& names,
    const std::string& couple_name, const std::string& today) {
    auto document = dyad::pdf::PdfDocument::record("Our agreements. " + couple_name);
    write_agreements(document, frustrations, names, couple_name, today);
    return document.finish_recording();
}

}  // namespace dyad::bcr
