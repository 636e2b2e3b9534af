#include "agreement_pdf.h"

#include <pdf_document.h>

#include <dyad/show.hpp>

namespace dyad::bcr {
namespace {

using dyad::show::fill;
using dyad::show::tr;

std::string day_text(const std::string& iso) {
    return dyad::show::date(iso, dyad::show::DateStyle::Compact);
}

// days: 0 = Monday ... 6 = Sunday.
std::string weekdays_text(const std::vector<int>& days) {
    if (days.empty()) {
        return tr("every day");
    }
    std::string text;
    for (std::size_t i = 0; i < days.size(); ++i) {
        std::string name = dyad::show::weekday_name((days[i] % 7 + 1) % 7, false);
        if (i == 0) {
            text = name;
        } else if (i + 1 == days.size()) {
            text = fill(fill(tr("{list} and {last}"), "list", text), "last", name);
        } else {
            text = fill(fill(tr("{list}, {next}"), "list", text), "next", name);
        }
    }
    return text;
}

// The agreements, into a PDF file's document or a recorded one.
void write_agreements(dyad::pdf::PdfDocument& pdf, const std::vector<Frustration>& frustrations,
                      const std::map<std::int64_t, std::string>& names,
                      const std::string& couple_name, const std::string& today) {
    auto name = [&](std::int64_t id) {
        auto found = names.find(id);
        return found == names.end() ? tr("a partner") : found->second;
    };
    pdf.title(tr("Our agreements"));
    pdf.note(fill(fill(tr("{couple}. As of {date}."), "couple", couple_name), "date",
                  dyad::show::date(today, dyad::show::DateStyle::Long)));
    pdf.rule();
    int shown = 0;
    for (const auto& f : frustrations) {
        const Gift* gift = f.current_gift();
        const Request* request = f.granted_request();
        if (f.state != State::Granted || gift == nullptr || request == nullptr) {
            continue;
        }
        ++shown;
        pdf.heading(
            fill(fill(tr("{giver} gives {receiver} this gift"), "giver", name(f.receiver_id)),
                 "receiver", name(f.sender_id)));
        pdf.paragraph(request->text);
        pdf.field(fill(tr("Because {name} wishes"), "name", name(f.sender_id)), f.desire);
        pdf.field(dyad::show::tr_in("agreement dates", "From"),
                  fill(fill(tr("{start} to {end}"), "start", day_text(gift->commitment.start)),
                       "end", day_text(gift->commitment.last_day())));
        pdf.field(tr("We check in on"), weekdays_text(gift->commitment.check_days));
        Adherence so_far = adherence(gift->commitment, gift->checkins, today);
        if (so_far.due > 0) {
            pdf.field(tr("So far"),
                      fill(dyad::show::tr_n("{recorded} of {n} check-in recorded",
                                            "{recorded} of {n} check-ins recorded", so_far.due),
                           "recorded", dyad::show::number(so_far.recorded)));
        }
        pdf.space(6);
    }
    if (shown == 0) {
        pdf.paragraph(tr("No request has been granted yet."));
    }
    pdf.space(12);
    pdf.note(
        tr("A gift is given freely, not traded. When the period ends, we renew, revise or "
           "retire it together with our therapist."));
}

}  // namespace

std::expected<int, std::string> agreements_pdf(const std::vector<Frustration>& frustrations,
                                               const std::map<std::int64_t, std::string>& names,
                                               const std::string& couple_name,
                                               const std::string& today, const std::string& path) {
    auto document = dyad::pdf::PdfDocument::create(path, tr("Our agreements") + ". " + couple_name);
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
    auto document = dyad::pdf::PdfDocument::record(tr("Our agreements") + ". " + couple_name);
    write_agreements(document, frustrations, names, couple_name, today);
    return document.finish_recording();
}

}  // namespace dyad::bcr
