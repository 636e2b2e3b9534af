#include "chart_export.h"

#include <text_lists.h>

namespace dyad::records_plugin {

// A cell as spreadsheets read it safely: quoted when needed, and a leading = + - @ made text
// (a client's "+1 555..." or a crafted name never runs as a formula; plugins/common).
std::string csv_field(const std::string& text) {
    return dyad::datafile::csv_cell(text);
}

std::expected<std::string, std::string> chart_csv(ChartSources sources, std::int64_t unit_id,
                                                  Include include) {
    std::string csv = "section,date,who,kind,status,text\r\n";
    auto row = [&](const std::string& section, const std::string& date, const std::string& who,
                   const std::string& kind, const std::string& status, const std::string& text) {
        csv += csv_field(section) + "," + csv_field(date) + "," + csv_field(who) + "," +
               csv_field(kind) + "," + csv_field(status) + "," + csv_field(text) + "\r\n";
    };
    auto members = sources.clients.members(unit_id);
    if (!members) {
        return std::unexpected(members.error());
    }
    for (const auto& m : *members) {
        std::string contact = m.pronouns;
        for (const std::string* part : {&m.email, &m.phone}) {
            if (!part->empty()) {
                contact += (contact.empty() ? "" : "; ") + *part;
            }
        }
        row("member", m.date_of_birth, m.given_name + " " + m.family_name, m.role, m.status,
            contact);
    }
    auto sessions = sources.schedule.sessions(unit_id);
    if (!sessions) {
        return std::unexpected(sessions.error());
    }
    for (const auto& s : *sessions) {
        row("session", utc_to_local(s.starts_at), "", s.session_type, s.status,
            s.telehealth ? "Telehealth" : s.location);
    }
    auto notes = sources.notes.notes_for_unit(unit_id, include);
    if (!notes) {
        return std::unexpected(notes.error());
    }
    for (const auto& summary : *notes) {
        auto note = sources.notes.note(summary.id);
        if (!note) {
            return std::unexpected(note.error());
        }
        const NoteTemplate* note_template = sources.templates.find(note->template_id);
        std::string text;
        for (const auto& section : ordered_sections(*note, note_template)) {
            const TemplateSection* described =
                note_template != nullptr ? note_template->section(section.key) : nullptr;
            text += (text.empty() ? "" : "\n") +
                    (described != nullptr ? described->label : section.key) + ": " + section.body;
        }
        for (const auto& amendment : note->amendments) {
            text += "\nAmendment " + amendment.created_at + " (" + amendment.reason +
                    "): " + amendment.body;
        }
        row("note", note->session_date,
            note_template != nullptr ? note_template->title : note->template_id, note->kind,
            note->status, text);
    }
    auto plans = sources.plans.plans_for_unit(unit_id);
    if (!plans) {
        return std::unexpected(plans.error());
    }
    for (const auto& plan : *plans) {
        for (const auto& item : plan.items) {
            row("plan", item.target_date, plan.title, item.level, item.status, item.text);
        }
    }
    return csv;
}

}  // namespace dyad::records_plugin
