#include "chart_pdf.h"

#include <pdf_document.h>

#include <map>

namespace dyad::records_plugin {
namespace {

std::string joined(const std::vector<std::string>& parts, const std::string& separator) {
    std::string text;
    for (const auto& part : parts) {
        if (!part.empty()) {
            text += (text.empty() ? "" : separator) + part;
        }
    }
    return text;
}

// The chart summary written into a document made by make(footer) (a file or a recording);
// the document is returned unfinished.
template <class Make>
std::expected<dyad::pdf::PdfDocument, std::string> chart_document(ChartStores s,
                                                                  std::int64_t unit_id,
                                                                  Include include,
                                                                  const std::string& generated_on,
                                                                  Make make) {
    std::string unit_name;
    std::string kind;
    {
        auto unit = s.db.prepare("SELECT display_name, kind FROM core_unit WHERE id = ?");
        unit.bind(1, unit_id);
        if (!unit.ok() || unit.step() != DYAD_ROW) {
            return std::unexpected(unit.ok()
                                       ? "There is no client unit " + std::to_string(unit_id) + "."
                                       : unit.error());
        }
        unit_name = unit.text(0);
        kind = unit.text(1);
    }
    // Everything is read before the file is created, so a read error leaves no file behind.
    auto members = s.clients.members(unit_id);
    auto diagnoses = s.diagnoses.for_unit(unit_id);
    auto plans = s.plans.plans_for_unit(unit_id);
    auto sessions = s.schedule.sessions(unit_id);
    auto notes = s.notes.notes_for_unit(unit_id, include);
    for (const std::string* error :
         {members ? nullptr : &members.error(), diagnoses ? nullptr : &diagnoses.error(),
          plans ? nullptr : &plans.error(), sessions ? nullptr : &sessions.error(),
          notes ? nullptr : &notes.error()}) {
        if (error != nullptr) {
            return std::unexpected(*error);
        }
    }
    std::vector<Note> full_notes;
    for (const auto& summary : *notes) {
        auto note = s.notes.note(summary.id);
        if (!note) {
            return std::unexpected(note.error());
        }
        full_notes.push_back(std::move(*note));
    }

    std::expected<dyad::pdf::PdfDocument, std::string> document =
        make("Confidential: protected health information. " + unit_name);
    if (!document) {
        return std::unexpected(document.error());
    }
    dyad::pdf::PdfDocument& pdf = *document;
    pdf.title("Chart summary: " + unit_name);
    pdf.note(kind + " unit. Prepared " + generated_on +
             (include == Include::WithPsychotherapy ? ". Includes psychotherapy notes."
                                                    : ". Psychotherapy notes are not included."));
    pdf.rule();

    std::map<std::int64_t, std::string> names;
    pdf.heading("Members");
    for (const auto& m : *members) {
        names[m.client_id] = m.given_name + " " + m.family_name;
        pdf.paragraph(m.given_name + " " + m.family_name +
                      (m.preferred_name.empty() ? "" : " (\"" + m.preferred_name + "\")") + ", " +
                      m.role + (m.pronouns.empty() ? "" : ", " + m.pronouns));
        pdf.field("Born", m.date_of_birth.empty() ? "not recorded" : m.date_of_birth);
        pdf.field("Contact", joined({m.phone, m.email}, "; ").empty()
                                 ? "not recorded"
                                 : joined({m.phone, m.email}, "; "));
        if (!m.details.emergency_name.empty()) {
            pdf.field("Emergency contact",
                      joined({m.details.emergency_name, m.details.emergency_relation,
                              m.details.emergency_phone},
                             ", "));
        }
        pdf.field("Consent",
                  std::string(m.details.may_contact ? "may be contacted" : "do not contact") +
                      "; " +
                      (m.details.may_share_with_partner ? "may share with partner"
                                                        : "does not share with partner"));
        pdf.field("Status", m.status);
    }

    pdf.heading("Diagnoses");
    if (diagnoses->empty()) {
        pdf.note("None recorded.");
    }
    for (const auto& d : *diagnoses) {
        auto who = names.find(d.client_id);
        pdf.paragraph(d.code + "  " + d.description + " (" +
                      (who != names.end() ? who->second : std::string("the unit")) + ", " +
                      (d.status == "entered_in_error" ? "entered in error" : d.status) +
                      (d.onset_date.empty() ? "" : ", onset " + d.onset_date) + ")");
    }

    pdf.heading("Treatment plans");
    if (plans->empty()) {
        pdf.note("None recorded.");
    }
    for (const auto& plan : *plans) {
        pdf.paragraph(plan.title + " (" + plan.status +
                      (plan.review_date.empty() ? "" : ", review " + plan.review_date) + ")");
        for (const auto& item : plan.items) {
            std::string indent = item.level == "problem" ? ""
                                 : item.level == "goal"  ? "    "
                                                         : "        ";
            pdf.paragraph(indent + item.level + ": " + item.text + " [" + item.status +
                          (item.target_date.empty() ? "" : ", target " + item.target_date) + "]");
        }
    }

    pdf.heading("Sessions");
    if (sessions->empty()) {
        pdf.note("None booked.");
    }
    for (const auto& session : *sessions) {
        pdf.paragraph(utc_to_local(session.starts_at) + "  " + session.session_type + ", " +
                      session.status + ", " +
                      (session.telehealth ? std::string("telehealth") : session.location));
    }

    pdf.heading("Notes");
    if (full_notes.empty()) {
        pdf.note("None written.");
    }
    for (const auto& note : full_notes) {
        const NoteTemplate* note_template = s.templates.find(note.template_id);
        pdf.rule();
        pdf.paragraph("Session of " + note.session_date + ": " +
                      (note_template != nullptr ? note_template->title : note.template_id));
        pdf.note(note.status == "signed" ? "Signed " + note.signed_at + " by " + note.signed_by
                                         : std::string("Draft, not signed"));
        for (const auto& section : ordered_sections(note, note_template)) {
            const TemplateSection* described =
                note_template != nullptr ? note_template->section(section.key) : nullptr;
            pdf.field(described != nullptr ? described->label : section.key,
                      section.body.empty() ? "(empty)" : section.body);
        }
        for (const auto& amendment : note.amendments) {
            pdf.field("Amendment " + amendment.created_at + " (" + amendment.reason + ")",
                      amendment.body);
        }
    }
    return document;
}

}  // namespace

std::expected<int, std::string> chart_pdf(ChartStores s, std::int64_t unit_id, Include include,
                                          const std::string& path,
                                          const std::string& generated_on) {
    auto document = chart_document(s, unit_id, include, generated_on, [&](const std::string& f) {
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

std::expected<dyad::pdf::RecordedPages, std::string> chart_pages(ChartStores s,
                                                                 std::int64_t unit_id,
                                                                 Include include,
                                                                 const std::string& generated_on) {
    auto document = chart_document(s, unit_id, include, generated_on, [](const std::string& f) {
        return std::expected<dyad::pdf::PdfDocument, std::string>(
            dyad::pdf::PdfDocument::record(f));
    });
    if (!document) {
        return std::unexpected(document.error());
    }
    return document->finish_recording();
}

}  // namespace dyad::records_plugin
