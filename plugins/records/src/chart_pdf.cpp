#include "chart_pdf.h"

#include <pdf_document.h>

#include <dyad/show.hpp>
#include <map>

#include "labels.h"

namespace dyad::records_plugin {
namespace {

using dyad::show::DateStyle;
using dyad::show::fill;
using dyad::show::tr;

// A calendar date ("YYYY-MM-DD") and a UTC instant as people read them.
std::string day(const std::string& iso) {
    return dyad::show::date(iso, DateStyle::Compact);
}

std::string moment(const std::string& utc) {
    return dyad::show::local_date_time(utc, DateStyle::Compact);
}

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
        make(fill(tr("Confidential: protected health information. {unit}"), "unit", unit_name));
    if (!document) {
        return std::unexpected(document.error());
    }
    dyad::pdf::PdfDocument& pdf = *document;
    pdf.title(fill(tr("Chart summary: {unit}"), "unit", unit_name));
    pdf.note(fill(fill(include == Include::WithPsychotherapy
                           ? tr("Unit: {kind}. Prepared {date}. Includes psychotherapy notes.")
                           : tr("Unit: {kind}. Prepared {date}. Psychotherapy notes are not "
                                "included."),
                       "kind", unit_kind_label(kind)),
                  "date", day(generated_on)));
    pdf.rule();

    std::map<std::int64_t, std::string> names;
    pdf.heading(tr("Members"));
    for (const auto& m : *members) {
        names[m.client_id] = m.given_name + " " + m.family_name;
        std::string who = m.given_name + " " + m.family_name;
        if (!m.preferred_name.empty()) {
            who = fill(fill(tr("{name} (\"{preferred}\")"), "name", who), "preferred",
                       m.preferred_name);
        }
        pdf.paragraph(joined({who, role_label(m.role), m.pronouns}, ", "));
        pdf.field(tr("Born"), m.date_of_birth.empty() ? tr("not recorded") : day(m.date_of_birth));
        std::string contact = joined({m.phone, m.email}, "; ");
        pdf.field(tr("Contact"), contact.empty() ? tr("not recorded") : contact);
        if (!m.details.emergency_name.empty()) {
            pdf.field(tr("Emergency contact"),
                      joined({m.details.emergency_name, m.details.emergency_relation,
                              m.details.emergency_phone},
                             ", "));
        }
        pdf.field(tr("Consent"),
                  (m.details.may_contact ? tr("may be contacted") : tr("do not contact")) + "; " +
                      (m.details.may_share_with_partner ? tr("may share with partner")
                                                        : tr("does not share with partner")));
        pdf.field(tr("Status"), client_status_label(m.status));
    }

    pdf.heading(tr("Diagnoses"));
    if (diagnoses->empty()) {
        pdf.note(tr("None recorded."));
    }
    for (const auto& d : *diagnoses) {
        auto who = names.find(d.client_id);
        std::string line = d.onset_date.empty()
                               ? tr("{code}  {description} ({who}, {status})")
                               : tr("{code}  {description} ({who}, {status}, onset {date})");
        line =
            fill(fill(line, "date", day(d.onset_date)), "status", diagnosis_status_label(d.status));
        line = fill(line, "who", who != names.end() ? who->second : tr("the unit"));
        pdf.paragraph(fill(fill(line, "description", d.description), "code", d.code));
    }

    pdf.heading(tr("Treatment plans"));
    if (plans->empty()) {
        pdf.note(tr("None recorded."));
    }
    for (const auto& plan : *plans) {
        std::string line = plan.review_date.empty() ? tr("{title} ({status})")
                                                    : tr("{title} ({status}, review {date})");
        line = fill(fill(line, "date", day(plan.review_date)), "status",
                    plan_status_label(plan.status));
        pdf.paragraph(fill(line, "title", plan.title));
        for (const auto& item : plan.items) {
            std::string indent = item.level == "problem" ? ""
                                 : item.level == "goal"  ? "    "
                                                         : "        ";
            std::string entry = item.target_date.empty()
                                    ? tr("{level}: {text} [{status}]")
                                    : tr("{level}: {text} [{status}, target {date}]");
            entry = fill(fill(entry, "date", day(item.target_date)), "status",
                         item_status_label(item.status));
            entry = fill(entry, "level", plan_level_label(item.level));
            pdf.paragraph(indent + fill(entry, "text", item.text));
        }
    }

    pdf.heading(tr("Sessions"));
    if (sessions->empty()) {
        pdf.note(tr("None booked."));
    }
    for (const auto& session : *sessions) {
        std::string line = fill(tr("{when}  {type}, {status}, {where}"), "when",
                                dyad::show::local_date_time(session.starts_at, DateStyle::Compact));
        line = fill(fill(line, "type", session_type_label(session.session_type)), "status",
                    session_status_label(session.status));
        pdf.paragraph(
            fill(line, "where", session.telehealth ? tr("telehealth") : session.location));
    }

    pdf.heading(tr("Notes"));
    if (full_notes.empty()) {
        pdf.note(tr("None written."));
    }
    for (const auto& note : full_notes) {
        const NoteTemplate* note_template = s.templates.find(note.template_id);
        pdf.rule();
        pdf.paragraph(
            fill(fill(tr("Session of {date}: {template}"), "date", day(note.session_date)),
                 "template", note_template != nullptr ? note_template->title : note.template_id));
        pdf.note(note.status == "signed"
                     ? fill(fill(tr("Signed {when} by {who}"), "when", moment(note.signed_at)),
                            "who", note.signed_by)
                     : tr("Draft, not signed"));
        for (const auto& section : ordered_sections(note, note_template)) {
            const TemplateSection* described =
                note_template != nullptr ? note_template->section(section.key) : nullptr;
            pdf.field(described != nullptr ? described->label : section.key,
                      section.body.empty() ? tr("(empty)") : section.body);
        }
        for (const auto& amendment : note.amendments) {
            pdf.field(
                fill(fill(tr("Amendment {when} ({reason})"), "when", moment(amendment.created_at)),
                     "reason", amendment.reason),
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
