#include "notes_panel.h"

#include <wx_text.h>

#include <wx/choicdlg.h>

#include <wx/button.h>
#include <wx/dialog.h>
#include <wx/msgdlg.h>
#include <wx/sizer.h>

#include <dyad/accessible_wx.hpp>

#include <dyad/show.hpp>

namespace dyad::records_plugin {

using dyad::ui::utf8;
using dyad::ui::wx;
namespace {

using dyad::show::DateStyle;

// A UTC instant ("YYYY-MM-DDTHH:MM:SSZ") as the local date and time people read.
wxString moment(const std::string& utc) {
    return wx(dyad::show::local_date_time(utc, DateStyle::Compact));
}

std::vector<std::int64_t> unit_members(const dyad::sdk::Host& host, std::int64_t unit_id) {
    std::vector<std::int64_t> members;
    for (const auto& member : host.members(unit_id)) {
        members.push_back(member.client_id);
    }
    return members;
}

}  // namespace

NotesPanel::NotesPanel(wxWindow* parent, dyad::sdk::Host host, NoteStore& store,
                       const TemplateLibrary& templates, Confirm confirm)
    : wxPanel(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxTAB_TRAVERSAL, "notes_panel"),
      m_host(host),
      m_store(store),
      m_templates(templates),
      m_confirm(std::move(confirm)),
      m_autosave(this) {
    m_template = new wxChoice(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, 0, nullptr, 0,
                              wxDefaultValidator, "note_template");
    dyad::show::set_accessible_name(m_template, _("Template of a new note"));
    for (const auto& note_template : m_templates.templates) {
        m_template->Append(wxString::FromUTF8(note_template.title));
    }
    m_template->SetSelection(m_templates.templates.empty() ? wxNOT_FOUND : 0);
    m_date =
        new wxDatePickerCtrl(this, wxID_ANY, wxDefaultDateTime, wxDefaultPosition, wxDefaultSize,
                             wxDP_DROPDOWN | wxDP_SHOWCENTURY, wxDefaultValidator, "note_date");
    dyad::show::set_accessible_name(m_date, _("Session date of a new note"));
    auto* create = new wxButton(this, wxID_ANY, _("&New Note"), wxDefaultPosition, wxDefaultSize, 0,
                                wxDefaultValidator, "note_new");
    m_show_process = new wxCheckBox(this, wxID_ANY, _("Show &psychotherapy notes"));
    m_list = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxSize(-1, 150),
                            wxLC_REPORT | wxLC_SINGLE_SEL, wxDefaultValidator, "note_list");
    dyad::show::set_accessible_name(m_list, _("Notes"));
    m_list->AppendColumn(_("Session"), wxLIST_FORMAT_LEFT, 110);
    m_list->AppendColumn(_("Template"), wxLIST_FORMAT_LEFT, 200);
    m_list->AppendColumn(_("Status"), wxLIST_FORMAT_LEFT, 220);
    m_editor = new wxScrolledWindow(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxVSCROLL,
                                    "note_editor");
    // Named with its parts (the scrolled window's inner widget takes the focus while no note
    // is shown) now, while it holds no field whose own name this would overwrite.
    dyad::show::set_accessible_name(m_editor, _("The selected note"));
    m_editor->SetScrollRate(0, 12);
    m_editor->SetSizer(new wxBoxSizer(wxVERTICAL));
    auto* sign = new wxButton(this, wxID_ANY, _("&Sign..."), wxDefaultPosition, wxDefaultSize, 0,
                              wxDefaultValidator, "note_sign");
    auto* amend = new wxButton(this, wxID_ANY, _("&Amend..."), wxDefaultPosition, wxDefaultSize, 0,
                               wxDefaultValidator, "note_amend");
    auto* share = new wxButton(this, wxID_ANY, _("S&hare to Partner's Chart..."), wxDefaultPosition,
                               wxDefaultSize, 0, wxDefaultValidator, "note_share");
    // Only a supervisor (or the owner) co-signs; nobody else sees the button.
    auto* co_sign = new wxButton(this, wxID_ANY, _("&Co-sign..."), wxDefaultPosition, wxDefaultSize,
                                 0, wxDefaultValidator, "note_co_sign");
    co_sign->Show(m_host.may_co_sign());
    m_message =
        new wxStaticText(this, wxID_ANY, "", wxDefaultPosition, wxDefaultSize, 0, "note_message");

    auto* top = new wxBoxSizer(wxHORIZONTAL);
    top->Add(m_template, 0, wxRIGHT, 6);
    top->Add(m_date, 0, wxRIGHT, 6);
    top->Add(create, 0, wxRIGHT, 12);
    top->Add(m_show_process, 0, wxALIGN_CENTER_VERTICAL);
    auto* bottom = new wxBoxSizer(wxHORIZONTAL);
    bottom->Add(sign, 0, wxRIGHT, 6);
    bottom->Add(amend, 0, wxRIGHT, 6);
    bottom->Add(share, 0, wxRIGHT, 6);
    bottom->Add(co_sign, 0, wxRIGHT, 12);
    bottom->Add(m_message, 1, wxALIGN_CENTER_VERTICAL);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(top, 0, wxALL, 8);
    sizer->Add(m_list, 0, wxEXPAND | wxLEFT | wxRIGHT, 8);
    sizer->Add(m_editor, 1, wxEXPAND | wxALL, 8);
    sizer->Add(bottom, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, 8);
    SetSizer(sizer);

    create->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        int index = m_template->GetSelection();
        if (index != wxNOT_FOUND) {
            create_note(m_templates.templates[static_cast<std::size_t>(index)].id);
        }
    });
    m_show_process->Bind(wxEVT_CHECKBOX, [this](wxCommandEvent&) { reload_list(); });
    m_list->Bind(wxEVT_LIST_ITEM_SELECTED, [this](wxListEvent& event) {
        auto index = static_cast<std::size_t>(event.GetIndex());
        if (index < m_notes.size() && m_notes[index].id != m_note_id) {
            save_now();
            m_note_id = m_notes[index].id;
            build_editor();
        }
    });
    sign->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { sign_selected(); });
    co_sign->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { co_sign_selected(); });
    share->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { share_dialog(); });
    amend->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        if (m_note_id == 0) {
            show_message(_("Choose a signed note first."), true);
            return;
        }
        if (const NoteSummary* summary = selected_summary();
            summary != nullptr && summary->shared_from_unit != 0) {
            show_message(_("This note belongs to the couple's chart; amend it there."), true);
            return;
        }
        wxDialog dialog(this, wxID_ANY, _("Amend Note"), wxDefaultPosition, wxSize(520, 360),
                        wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER);
        auto* reason = new wxTextCtrl(&dialog, wxID_ANY);
        auto* body =
            new wxTextCtrl(&dialog, wxID_ANY, "", wxDefaultPosition, wxDefaultSize, wxTE_MULTILINE);
        auto* layout = new wxBoxSizer(wxVERTICAL);
        layout->Add(new wxStaticText(&dialog, wxID_ANY, _("&Reason for the amendment:")), 0, wxALL,
                    8);
        layout->Add(reason, 0, wxEXPAND | wxLEFT | wxRIGHT, 8);
        layout->Add(new wxStaticText(&dialog, wxID_ANY, _("&Amendment:")), 0, wxALL, 8);
        layout->Add(body, 1, wxEXPAND | wxLEFT | wxRIGHT, 8);
        layout->Add(dialog.CreateSeparatedButtonSizer(wxOK | wxCANCEL), 0, wxEXPAND | wxALL, 8);
        dialog.SetSizer(layout);
        if (dialog.ShowModal() == wxID_OK) {
            amend_selected(utf8(reason->GetValue()), utf8(body->GetValue()));
        }
    });
    Bind(wxEVT_TIMER, [this](wxTimerEvent&) { save_now(); });
}

NotesPanel::~NotesPanel() {
    // Typing is never lost: a pending autosave happens before the panel goes.
    m_autosave.Stop();
    save_now();
}

void NotesPanel::show_message(const wxString& text, bool error) {
    m_message->SetForegroundColour(error ? wxColour(176, 0, 32) : GetForegroundColour());
    m_message->SetLabel(text);
    Layout();
}

void NotesPanel::show_unit(std::int64_t unit_id) {
    save_now();
    m_unit_id = unit_id;
    m_note_id = 0;
    reload_list();
    build_editor();
    show_message("", false);
}

void NotesPanel::reload_list() {
    m_list->DeleteAllItems();
    m_notes.clear();
    if (m_unit_id == 0) {
        return;
    }
    auto notes = m_store.notes_for_unit(
        m_unit_id, m_show_process->GetValue() ? Include::WithPsychotherapy : Include::ProgressOnly);
    if (!notes) {
        show_message(_("The notes could not be read; see Tools > Log."), true);
        m_host.log(DYAD_LOG_ERROR, "notes: " + notes.error());
        return;
    }
    m_notes = *notes;
    for (std::size_t i = 0; i < m_notes.size(); ++i) {
        const auto& note = m_notes[i];
        const NoteTemplate* note_template = m_templates.find(note.template_id);
        long row = m_list->InsertItem(static_cast<long>(i),
                                      wx(dyad::show::date(note.session_date, DateStyle::Compact)));
        m_list->SetItem(
            row, 1, wxString::FromUTF8(note_template ? note_template->title : note.template_id));
        m_list->SetItem(row, 2,
                        note.shared_from_unit != 0 ? _("shared from the couple's chart")
                        : note.status == "signed"  ? _("signed")
                                                   : _("draft"));
        if (note.id == m_note_id) {
            m_list->SetItemState(row, wxLIST_STATE_SELECTED, wxLIST_STATE_SELECTED);
        }
    }
}

void NotesPanel::build_editor() {
    m_editor->DestroyChildren();
    m_fields.clear();
    m_dirty.clear();
    wxSizer* sizer = m_editor->GetSizer();
    sizer->Clear();
    if (m_note_id == 0) {
        m_editor->FitInside();
        return;
    }
    auto note = m_store.note(m_note_id);
    if (!note) {
        show_message(wxString::FromUTF8(note.error()), true);
        return;
    }
    (void)m_host.core()->audit(m_host.raw(), "view", "note", m_note_id);
    const NoteTemplate* note_template = m_templates.find(note->template_id);
    bool locked = note->status == "signed";
    std::vector<NoteSection> ordered = ordered_sections(*note, note_template);
    for (const auto& section : ordered) {
        const TemplateSection* described =
            note_template ? note_template->section(section.key) : nullptr;
        wxString label = wxString::FromUTF8(described ? described->label : section.key);
        sizer->Add(new wxStaticText(m_editor, wxID_ANY, label), 0, wxTOP, 6);
        auto* field =
            new wxTextCtrl(m_editor, wxID_ANY, wxString::FromUTF8(section.body), wxDefaultPosition,
                           wxSize(-1, 70), wxTE_MULTILINE | (locked ? wxTE_READONLY : 0),
                           wxDefaultValidator, "note_" + section.key);
        if (described != nullptr) {
            field->SetToolTip(wxString::FromUTF8(described->hint));
        }
        std::string key = section.key;
        field->Bind(wxEVT_TEXT, [this, key](wxCommandEvent&) { on_text_changed(key); });
        sizer->Add(field, 0, wxEXPAND);
        m_fields[key] = field;
    }
    if (locked) {
        wxString history =
            wxString::Format(_("Signed %s by %s"), moment(note->signed_at), wx(note->signed_by));
        if (!note->cosigned_at.empty()) {
            history += "\n" + wxString::Format(_("Co-signed %s by %s"), moment(note->cosigned_at),
                                               wx(note->cosigned_by));
        }
        for (const auto& amendment : note->amendments) {
            history += "\n\n" +
                       wxString::Format(_("Amendment %s (%s):"), moment(amendment.created_at),
                                        wx(amendment.reason)) +
                       "\n" + wx(amendment.body);
        }
        sizer->Add(new wxStaticText(m_editor, wxID_ANY, history, wxDefaultPosition, wxDefaultSize,
                                    0, "note_history"),
                   0, wxTOP, 10);
    }
    m_editor->FitInside();
    m_editor->Layout();
}

void NotesPanel::on_text_changed(const std::string& key) {
    m_dirty[key] = true;
    m_autosave.StartOnce(800);
}

void NotesPanel::save_now() {
    if (m_note_id == 0) {
        return;
    }
    bool saved = false;
    for (auto& [key, dirty] : m_dirty) {
        if (!dirty) {
            continue;
        }
        auto done = m_store.save_section(m_note_id, key, utf8(m_fields[key]->GetValue()));
        if (!done) {
            show_message(wxString::FromUTF8(done.error()), true);
            return;
        }
        dirty = false;
        saved = true;
    }
    if (saved) {
        (void)m_host.core()->audit(m_host.raw(), "update", "note", m_note_id);
        wxDateTime now = wxDateTime::Now();
        show_message(wxString::Format(_("Draft saved at %s."),
                                      wx(dyad::show::time_of_day(now.GetHour(), now.GetMinute()))),
                     false);
    }
}

std::int64_t NotesPanel::create_note(const std::string& template_id) {
    if (m_unit_id == 0) {
        show_message(_("Choose a client unit first."), true);
        return 0;
    }
    const NoteTemplate* note_template = m_templates.find(template_id);
    if (note_template == nullptr) {
        show_message(_("That note template is not installed."), true);
        return 0;
    }
    save_now();
    std::string date = utf8(m_date->GetValue().FormatISODate());
    auto created =
        m_store.create_draft(m_unit_id, *note_template, date, unit_members(m_host, m_unit_id));
    if (!created) {
        show_message(wxString::FromUTF8(created.error()), true);
        return 0;
    }
    (void)m_host.core()->audit(m_host.raw(), "create", "note", *created);
    m_note_id = *created;
    if (note_template->kind == "psychotherapy") {
        m_show_process->SetValue(true);
    }
    reload_list();
    build_editor();
    if (!m_fields.empty()) {
        m_fields.begin()->second->SetFocus();
    }
    show_message(_("New draft; it saves as you type."), false);
    return *created;
}

void NotesPanel::select_note(std::int64_t note_id) {
    save_now();
    m_note_id = note_id;
    reload_list();
    build_editor();
}

bool NotesPanel::sign_selected() {
    if (m_note_id == 0) {
        show_message(_("Choose a note to sign."), true);
        return false;
    }
    save_now();
    auto note = m_store.note(m_note_id);
    const NoteTemplate* note_template = note ? m_templates.find(note->template_id) : nullptr;
    if (note_template == nullptr) {
        show_message(_("This note's template is not installed; it cannot be checked for signing."),
                     true);
        return false;
    }
    if (!m_confirm(this, _("Sign this note? A signed note is locked; later corrections are added "
                           "as amendments."))) {
        return false;
    }
    auto signed_note = m_store.sign(m_note_id, *note_template, signer_name(m_host));
    if (!signed_note) {
        show_message(wxString::FromUTF8(signed_note.error()), true);
        return false;
    }
    (void)m_host.core()->audit(m_host.raw(), "update", "note", m_note_id);
    reload_list();
    build_editor();
    show_message(_("Signed."), false);
    return true;
}

bool NotesPanel::co_sign_selected() {
    if (m_note_id == 0) {
        show_message(_("Choose a signed note to co-sign."), true);
        return false;
    }
    std::string by = signer_name(m_host);
    auto note = m_store.check_co_sign(m_note_id, by);
    if (!note) {
        show_message(wxString::FromUTF8(note.error()), true);
        return false;
    }
    if (!m_confirm(this, _("Co-sign this note as its supervisor? The co-signature is kept with "
                           "the note for good."))) {
        return false;
    }
    auto saved = m_store.co_sign(m_note_id, by, [&](std::string* error) {
        return m_host.co_sign("note", m_note_id, note->unit_id, error);
    });
    if (!saved) {
        show_message(wxString::FromUTF8(saved.error()), true);
        return false;
    }
    reload_list();
    build_editor();
    show_message(_("Co-signed."), false);
    return true;
}

bool NotesPanel::amend_selected(const std::string& reason, const std::string& body) {
    auto amended = m_store.amend(m_note_id, signer_name(m_host), reason, body);
    if (!amended) {
        show_message(wxString::FromUTF8(amended.error()), true);
        return false;
    }
    (void)m_host.core()->audit(m_host.raw(), "update", "note", m_note_id);
    build_editor();
    show_message(_("Amendment added."), false);
    return true;
}

const NoteSummary* NotesPanel::selected_summary() const {
    for (const auto& summary : m_notes) {
        if (summary.id == m_note_id) {
            return &summary;
        }
    }
    return nullptr;
}

bool NotesPanel::share_selected(std::int64_t client_id) {
    const NoteSummary* summary = selected_summary();
    if (summary == nullptr || summary->shared_from_unit != 0) {
        show_message(_("Choose a signed note of this couple's sessions first."), true);
        return false;
    }
    auto shared = m_store.share_with_member(m_note_id, client_id, signer_name(m_host));
    if (!shared) {
        show_message(wxString::FromUTF8(shared.error()), true);
        return false;
    }
    (void)m_host.core()->audit(m_host.raw(), "update", "note", m_note_id);
    show_message(_("Shared: the note is now listed in that client's own chart."), false);
    return true;
}

void NotesPanel::share_dialog() {
    if (selected_summary() == nullptr) {
        show_message(_("Choose a signed note first."), true);
        return;
    }
    std::vector<std::pair<std::int64_t, std::string>> members;
    for (const auto& member : m_host.members(m_unit_id)) {
        members.emplace_back(member.client_id, member.full_name());
    }
    wxArrayString names;
    for (const auto& member : members) {
        names.Add(wx(member.second));
    }
    wxSingleChoiceDialog choose(this, _("Whose own chart should list this note?"),
                                _("Share to Partner's Chart"), names);
    choose.SetName("note_share_choice");
    if (members.empty() || choose.ShowModal() != wxID_OK) {
        return;
    }
    const auto& chosen = members[static_cast<std::size_t>(choose.GetSelection())];
    if (!m_confirm(this, wxString::Format(_("Share this note into %s's own chart?\nSharing is "
                                            "recorded and cannot be undone."),
                                          wx(chosen.second)))) {
        return;
    }
    share_selected(chosen.first);
}

}  // namespace dyad::records_plugin
