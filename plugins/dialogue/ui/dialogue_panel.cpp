#include "dialogue_panel.h"

#include <time_text.h>
#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/dialog.h>
#include <wx/sizer.h>
#include <wx/textctrl.h>

#include <wx_text.h>
#include <dyad/accessible_wx.hpp>

#include <ctime>
#include <dyad/show.hpp>

namespace dyad::dialogue {

using dyad::datafile::now_utc;

using dyad::ui::wx;
namespace {

// The therapist confirms or corrects the suggested checklist and may add notes. Closing the
// dialog any way keeps the record: a dialogue held is never lost.
void confirm_checklist(wxWindow* parent, DialogueRecord& record) {
    wxDialog dialog(parent, wxID_ANY, _("Dialogue Fidelity"), wxDefaultPosition, wxDefaultSize,
                    wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER, "dialogue_checklist");
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(new wxStaticText(&dialog, wxID_ANY, _("How faithfully was the dialogue followed?")),
               0, wxALL, 12);
    struct Item {
        bool* value;
        wxString label;
        const char* name;
    } items[] = {
        {&record.fidelity.mirror_confirmed, _("Mirror confirmed (\"Did I get that?\")"),
         "fidelity_mirror"},
        {&record.fidelity.summary_done, _("Summary done"), "fidelity_summary"},
        {&record.fidelity.validation_given, _("Validation given"), "fidelity_validation"},
        {&record.fidelity.empathy_named_feelings, _("Empathy named feelings"), "fidelity_empathy"},
        {&record.fidelity.roles_switched, _("Roles switched"), "fidelity_switch"},
    };
    std::vector<wxCheckBox*> boxes;
    for (const auto& item : items) {
        auto* box = new wxCheckBox(&dialog, wxID_ANY, item.label, wxDefaultPosition, wxDefaultSize,
                                   0, wxDefaultValidator, item.name);
        box->SetValue(*item.value);
        sizer->Add(box, 0, wxLEFT | wxRIGHT | wxBOTTOM, 12);
        boxes.push_back(box);
    }
    auto* notes = new wxTextCtrl(&dialog, wxID_ANY, "", wxDefaultPosition, wxSize(420, 80),
                                 wxTE_MULTILINE, wxDefaultValidator, "dialogue_notes");
    notes->SetHint(_("Notes (optional)"));
    sizer->Add(notes, 1, wxEXPAND | wxLEFT | wxRIGHT, 12);
    sizer->Add(dialog.CreateSeparatedButtonSizer(wxOK), 0, wxEXPAND | wxALL, 8);
    dialog.SetSizerAndFit(sizer);
    dialog.SetEscapeId(wxID_OK);
    dialog.ShowModal();
    for (std::size_t i = 0; i < boxes.size(); ++i) {
        *items[i].value = boxes[i]->GetValue();
    }
    record.notes = notes->GetValue().ToStdString(wxConvUTF8);
}

}  // namespace

DialoguePanel::DialoguePanel(wxWindow* parent, dyad::sdk::Host host, DialogueStore& store,
                             const ScriptLibrary& library, const HintRules& hint_rules,
                             const std::vector<std::string>& feelings)
    : wxPanel(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxTAB_TRAVERSAL,
              "dialogue_panel"),
      m_host(host),
      m_store(store),
      m_library(library),
      m_hint_rules(hint_rules),
      m_feelings(feelings) {
    m_script = new wxChoice(this, wxID_ANY, wxDefaultPosition, wxSize(240, -1), 0, nullptr, 0,
                            wxDefaultValidator, "dialogue_script");
    dyad::show::set_accessible_name(m_script, _("Dialogue script"));
    for (const auto& script : m_library.scripts) {
        m_script->Append(wx(script.title));
    }
    m_script->SetSelection(m_library.scripts.empty() ? wxNOT_FOUND : 0);
    m_sender = new wxChoice(this, wxID_ANY, wxDefaultPosition, wxSize(160, -1), 0, nullptr, 0,
                            wxDefaultValidator, "dialogue_sender");
    dyad::show::set_accessible_name(m_sender, _("Sender"));
    auto* start_button = new wxButton(this, wxID_ANY, _("&Start Dialogue"), wxDefaultPosition,
                                      wxDefaultSize, 0, wxDefaultValidator, "dialogue_start");
    m_history =
        new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                       wxLC_REPORT | wxLC_SINGLE_SEL, wxDefaultValidator, "dialogue_history");
    dyad::show::set_accessible_name(m_history, _("Dialogue history"));
    m_history->AppendColumn(_("Started"), wxLIST_FORMAT_LEFT, 160);
    m_history->AppendColumn(_("Script"), wxLIST_FORMAT_LEFT, 180);
    m_history->AppendColumn(_("Reached"), wxLIST_FORMAT_LEFT, 110);
    m_history->AppendColumn(_("Is there more"), wxLIST_FORMAT_LEFT, 100);
    m_history->AppendColumn(_("Minutes"), wxLIST_FORMAT_LEFT, 70);
    m_history->AppendColumn(_("Fidelity"), wxLIST_FORMAT_LEFT, 80);
    m_trend =
        new wxStaticText(this, wxID_ANY, "", wxDefaultPosition, wxDefaultSize, 0, "dialogue_trend");
    m_message = new wxStaticText(this, wxID_ANY, "", wxDefaultPosition, wxDefaultSize, 0,
                                 "dialogue_message");
    auto* top = new wxBoxSizer(wxHORIZONTAL);
    top->Add(m_script, 0, wxRIGHT, 6);
    top->Add(new wxStaticText(this, wxID_ANY, _("First sender:")), 0,
             wxALIGN_CENTER_VERTICAL | wxRIGHT, 6);
    top->Add(m_sender, 0, wxRIGHT, 12);
    top->Add(start_button, 0);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(top, 0, wxALL, 8);
    sizer->Add(m_message, 0, wxLEFT | wxRIGHT, 8);
    sizer->Add(m_history, 1, wxEXPAND | wxALL, 8);
    sizer->Add(m_trend, 0, wxLEFT | wxRIGHT | wxBOTTOM, 8);
    SetSizer(sizer);
    start_button->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { start(); });
}

DialoguePanel::~DialoguePanel() {
    if (m_coach != nullptr) {
        m_coach->Destroy();  // Before the plugin that owns its code unloads.
    }
}

void DialoguePanel::show_unit(std::int64_t unit_id) {
    m_unit_id = unit_id;
    m_members.clear();
    for (const auto& member : m_host.members(unit_id)) {
        m_members.emplace_back(member.client_id, member.given_name);
    }
    m_sender->Clear();
    for (const auto& member : m_members) {
        m_sender->Append(wx(member.second));
    }
    m_sender->SetSelection(m_members.empty() ? wxNOT_FOUND : 0);
    m_message->SetLabel(m_members.size() == 2 ? wxString()
                                              : _("A dialogue is held between two partners."));
    reload();
}

void DialoguePanel::reload() {
    m_history->DeleteAllItems();
    auto history = m_store.history(m_unit_id);
    if (!history) {
        m_message->SetLabel(
            wxString::Format(_("The history could not be read: %s"), wx(history.error())));
        return;
    }
    (void)m_host.core()->audit(m_host.raw(), "view", "dialogue", m_unit_id);
    wxString trend;
    for (std::size_t i = 0; i < history->size(); ++i) {
        const auto& r = (*history)[i];
        long row = m_history->InsertItem(
            static_cast<long>(i),
            wx(dyad::show::local_date_time(r.started_at, dyad::show::DateStyle::Compact)));
        const Script* script = m_library.find(r.script_id);  // Its title in the chosen language.
        m_history->SetItem(row, 1, wx(script != nullptr ? script->title : r.script_id));
        m_history->SetItem(row, 2,
                           r.finished
                               ? _("both rounds")
                               : wxString::Format(wxPLURAL("%d step", "%d steps", r.steps_reached),
                                                  r.steps_reached));
        m_history->SetItem(row, 3, wx(dyad::show::number(r.more_count)));
        m_history->SetItem(row, 4, wx(dyad::show::decimal(r.seconds / 60, 0)));
        m_history->SetItem(row, 5, wxString::Format("%d/5", r.fidelity.count()));
        trend += wxString::Format("%s%d", trend.empty() ? "" : " > ", r.fidelity.count());
    }
    m_trend->SetLabel(trend.empty()
                          ? _("No dialogue yet.")
                          : wxString::Format(_("Fidelity over the sessions (of 5): %s"), trend));
}

CoachFrame* DialoguePanel::start() {
    int chosen = m_script->GetSelection();
    if (chosen == wxNOT_FOUND || m_members.size() != 2) {
        m_message->SetLabel(m_members.size() != 2 ? _("A dialogue is held between two partners.")
                                                  : _("No dialogue script is installed."));
        return nullptr;
    }
    if (m_coach != nullptr) {
        m_coach->Raise();
        return m_coach;
    }
    const Script& script = m_library.scripts[static_cast<std::size_t>(chosen)];
    int first = std::max(0, m_sender->GetSelection());
    std::int64_t first_sender = m_members[static_cast<std::size_t>(first)].first;
    std::string started = now_utc();
    m_coach =
        new CoachFrame(wxGetTopLevelParent(this), script,
                       {m_members[0].second, m_members[1].second}, first, m_hint_rules, m_feelings,
                       [this, used = &script, first_sender, started](const Session& session) {
                           finished(session, *used, first_sender, started);
                       });
    m_coach->Bind(wxEVT_DESTROY, [this](wxWindowDestroyEvent& event) {
        if (event.GetEventObject() == m_coach) {
            m_coach = nullptr;
        }
        event.Skip();
    });
    m_coach->Show();
    return m_coach;
}

void DialoguePanel::finished(const Session& session, const Script& used, std::int64_t first_sender,
                             const std::string& started) {
    DialogueRecord record = record_of(session, used, m_unit_id, first_sender, started);
    confirm_checklist(this, record);
    auto saved = m_store.save(record);
    if (saved) {
        (void)m_host.core()->audit(m_host.raw(), "create", "dialogue", *saved);
    }
    m_message->SetLabel(
        saved ? _("Dialogue saved to the couple's record.")
              : wxString::Format(_("The dialogue could not be saved: %s"), wx(saved.error())));
    reload();
}

}  // namespace dyad::dialogue
