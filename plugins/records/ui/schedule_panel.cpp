#include "schedule_panel.h"

#include <wx_text.h>

#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/choice.h>
#include <wx/dialog.h>
#include <wx/radiobox.h>
#include <wx/sizer.h>
#include <wx/spinctrl.h>
#include <wx/textctrl.h>

#include <dyad/accessible_wx.hpp>

#include <dyad/show.hpp>

#include "../src/labels.h"

namespace dyad::records_plugin {

using dyad::ui::utf8;
using dyad::ui::wx;
namespace {

// A choice of the session types, in words; the chosen one's code through session_type_of.
wxChoice* session_type_choice(wxWindow* parent, const std::string& selected) {
    auto* type = new wxChoice(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, 0, nullptr, 0,
                              wxDefaultValidator, "session_type");
    for (const auto& code : session_type_codes()) {
        type->Append(wx(session_type_label(code)));
        if (code == selected) {
            type->SetSelection(static_cast<int>(type->GetCount()) - 1);
        }
    }
    return type;
}

std::string session_type_of(const wxChoice* type) {
    auto codes = session_type_codes();
    int chosen = type->GetSelection();
    return chosen < 0 || static_cast<std::size_t>(chosen) >= codes.size()
               ? std::string()
               : codes[static_cast<std::size_t>(chosen)];
}

}  // namespace

SchedulePanel::SchedulePanel(wxWindow* parent, ScheduleStore& store,
                             std::function<std::string(std::int64_t)> reminders)
    : wxPanel(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxTAB_TRAVERSAL,
              "schedule_panel"),
      m_store(store),
      m_reminders(std::move(reminders)) {
    m_list = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                            wxLC_REPORT | wxLC_SINGLE_SEL, wxDefaultValidator, "session_list");
    dyad::show::set_accessible_name(m_list, _("Sessions"));
    m_list->AppendColumn(_("When"), wxLIST_FORMAT_LEFT, 190);
    m_list->AppendColumn(_("Until"), wxLIST_FORMAT_LEFT, 80);
    m_list->AppendColumn(_("Session"), wxLIST_FORMAT_LEFT, 90);
    m_list->AppendColumn(_("Where"), wxLIST_FORMAT_LEFT, 140);
    m_list->AppendColumn(_("Status"), wxLIST_FORMAT_LEFT, 90);
    m_list->AppendColumn(_("Series"), wxLIST_FORMAT_LEFT, 60);
    if (m_reminders) {
        m_list->AppendColumn(_("Reminders"), wxLIST_FORMAT_LEFT, 130);
    }
    auto* book_button = new wxButton(this, wxID_ANY, _("&Book..."));
    auto* move_button = new wxButton(this, wxID_ANY, _("&Move..."));
    auto* details_button = new wxButton(this, wxID_ANY, _("&Details..."));
    auto* attended = new wxButton(this, wxID_ANY, _("&Attended"));
    auto* cancelled = new wxButton(this, wxID_ANY, _("&Cancelled"));
    auto* no_show = new wxButton(this, wxID_ANY, _("&No-show"));
    m_message = new wxStaticText(this, wxID_ANY, "", wxDefaultPosition, wxDefaultSize, 0,
                                 "schedule_message");
    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    for (wxWindow* button :
         {static_cast<wxWindow*>(book_button), static_cast<wxWindow*>(move_button),
          static_cast<wxWindow*>(details_button), static_cast<wxWindow*>(attended),
          static_cast<wxWindow*>(cancelled), static_cast<wxWindow*>(no_show)}) {
        buttons->Add(button, 0, wxRIGHT, 6);
    }
    buttons->Add(m_message, 1, wxALIGN_CENTER_VERTICAL | wxLEFT, 6);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(m_list, 1, wxEXPAND | wxALL, 8);
    sizer->Add(buttons, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, 8);
    SetSizer(sizer);
    book_button->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { book(); });
    move_button->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { move(); });
    details_button->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { change_details(); });
    attended->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { set_status("attended"); });
    cancelled->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { set_status("cancelled"); });
    no_show->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { set_status("no_show"); });
}

void SchedulePanel::show_unit(std::int64_t unit_id) {
    m_unit_id = unit_id;
    m_message->SetLabel("");
    reload();
}

void SchedulePanel::reload() {
    m_list->DeleteAllItems();
    m_sessions.clear();
    if (m_unit_id == 0) {
        return;
    }
    auto sessions = m_store.sessions(m_unit_id);
    if (!sessions) {
        m_message->SetLabel(wx(sessions.error()));
        return;
    }
    m_sessions = std::move(*sessions);
    for (std::size_t i = 0; i < m_sessions.size(); ++i) {
        const auto& s = m_sessions[i];
        long row = m_list->InsertItem(
            static_cast<long>(i),
            wx(dyad::show::local_date_time(s.starts_at, dyad::show::DateStyle::Compact)));
        m_list->SetItem(row, 1, wx(local_clock(s.ends_at)));
        m_list->SetItem(row, 2, wx(session_type_label(s.session_type)));
        m_list->SetItem(row, 3, s.telehealth ? wxString(_("Telehealth")) : wx(s.location));
        m_list->SetItem(row, 4, wx(session_status_label(s.status)));
        m_list->SetItem(row, 5, s.series_id != 0 ? _("yes") : wxString());
        if (m_reminders) {
            m_list->SetItem(row, 6, wx(m_reminders(s.appointment_id)));
        }
    }
}

std::int64_t SchedulePanel::selected() const {
    long row = m_list->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
    return row < 0 || static_cast<std::size_t>(row) >= m_sessions.size()
               ? 0
               : m_sessions[static_cast<std::size_t>(row)].appointment_id;
}

void SchedulePanel::book() {
    if (m_unit_id == 0) {
        m_message->SetLabel(_("Choose a client unit first."));
        return;
    }
    wxDialog dialog(this, wxID_ANY, _("Book Sessions"), wxDefaultPosition, wxDefaultSize,
                    wxDEFAULT_DIALOG_STYLE, "book_dialog");
    auto* grid = new wxFlexGridSizer(2, wxSize(8, 6));
    auto label = [&](const wxString& text) {
        grid->Add(new wxStaticText(&dialog, wxID_ANY, text), 0, wxALIGN_CENTER_VERTICAL);
    };
    label(_("&Start (local time)"));
    auto* start = new wxTextCtrl(&dialog, wxID_ANY, "", wxDefaultPosition, wxSize(180, -1), 0,
                                 wxDefaultValidator, "book_start");
    start->SetHint(_("YYYY-MM-DD HH:MM"));
    grid->Add(start);
    label(_("&Minutes"));
    auto* minutes = new wxSpinCtrl(&dialog, wxID_ANY, "50", wxDefaultPosition, wxDefaultSize,
                                   wxSP_ARROW_KEYS, 5, 480, 50);
    grid->Add(minutes);
    label(_("Session &type"));
    auto* type = session_type_choice(&dialog, "couple");
    grid->Add(type);
    label(_("&Location"));
    auto* location = new wxTextCtrl(&dialog, wxID_ANY, "", wxDefaultPosition, wxSize(180, -1));
    grid->Add(location);
    label("");
    auto* telehealth = new wxCheckBox(&dialog, wxID_ANY, _("T&elehealth"));
    grid->Add(telehealth);
    label(_("&Repeat"));
    auto* repeat = new wxChoice(&dialog, wxID_ANY);
    repeat->Append(_("Once"));
    repeat->Append(_("Weekly"));
    repeat->Append(_("Every other week"));
    repeat->SetSelection(0);
    grid->Add(repeat);
    label(_("&Sessions"));
    auto* count = new wxSpinCtrl(&dialog, wxID_ANY, "1", wxDefaultPosition, wxDefaultSize,
                                 wxSP_ARROW_KEYS, 1, 104, 1);
    grid->Add(count);
    auto* error = new wxStaticText(&dialog, wxID_ANY, "");
    error->SetForegroundColour(wxColour(176, 0, 32));
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(grid, 0, wxALL, 12);
    sizer->Add(error, 0, wxLEFT | wxRIGHT, 12);
    sizer->Add(dialog.CreateSeparatedButtonSizer(wxOK | wxCANCEL), 0, wxEXPAND | wxALL, 10);
    dialog.SetSizerAndFit(sizer);
    dialog.Bind(
        wxEVT_BUTTON,
        [&](wxCommandEvent&) {
            Booking booking;
            booking.unit_id = m_unit_id;
            booking.first_start = utf8(start->GetValue().Trim().Trim(false));
            booking.duration_minutes = minutes->GetValue();
            booking.session_type = session_type_of(type);
            booking.location = utf8(location->GetValue());
            booking.telehealth = telehealth->GetValue();
            booking.repeat = repeat->GetSelection() == 1   ? Repeat::Weekly
                             : repeat->GetSelection() == 2 ? Repeat::Biweekly
                                                           : Repeat::None;
            booking.count = booking.repeat == Repeat::None ? 1 : count->GetValue();
            auto booked = m_store.book(booking);
            if (!booked) {
                error->SetLabel(wx(booked.error()));
                dialog.Fit();
                return;
            }
            dialog.EndModal(wxID_OK);
        },
        wxID_OK);
    if (dialog.ShowModal() == wxID_OK) {
        reload();
        m_message->SetLabel(_("Booked."));
    }
}

void SchedulePanel::move() {
    std::int64_t id = selected();
    if (id == 0) {
        m_message->SetLabel(_("Choose a session first."));
        return;
    }
    const Session* session = nullptr;
    for (const auto& s : m_sessions) {
        if (s.appointment_id == id) {
            session = &s;
        }
    }
    wxDialog dialog(this, wxID_ANY, _("Move Session"), wxDefaultPosition, wxDefaultSize,
                    wxDEFAULT_DIALOG_STYLE, "move_dialog");
    auto* start = new wxTextCtrl(&dialog, wxID_ANY, wx(utc_to_local(session->starts_at)),
                                 wxDefaultPosition, wxSize(180, -1));
    wxString scopes[] = {_("Only this session"), _("This and the later sessions of its series")};
    auto* scope = new wxRadioBox(&dialog, wxID_ANY, _("Apply to"), wxDefaultPosition, wxDefaultSize,
                                 session->series_id != 0 ? 2 : 1, scopes, 1);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(new wxStaticText(&dialog, wxID_ANY, _("New start (local time, YYYY-MM-DD HH:MM):")),
               0, wxALL, 10);
    sizer->Add(start, 0, wxLEFT | wxRIGHT, 10);
    sizer->Add(scope, 0, wxALL, 10);
    sizer->Add(dialog.CreateSeparatedButtonSizer(wxOK | wxCANCEL), 0, wxEXPAND | wxALL, 10);
    dialog.SetSizerAndFit(sizer);
    if (dialog.ShowModal() != wxID_OK) {
        return;
    }
    auto moved = m_store.move(id, utf8(start->GetValue().Trim().Trim(false)),
                              scope->GetSelection() == 1 ? ScheduleStore::Scope::ThisAndLater
                                                         : ScheduleStore::Scope::ThisOne);
    if (!moved) {
        m_message->SetLabel(wx(moved.error()));
        return;
    }
    reload();
    m_message->SetLabel(wxString::Format(
        wxPLURAL("%d session moved.", "%d sessions moved.", static_cast<unsigned>(*moved)),
        *moved));
}

void SchedulePanel::change_details() {
    std::int64_t id = selected();
    const Session* session = nullptr;
    for (const auto& s : m_sessions) {
        if (s.appointment_id == id) {
            session = &s;
        }
    }
    if (session == nullptr) {
        m_message->SetLabel(_("Choose a session first."));
        return;
    }
    wxDialog dialog(this, wxID_ANY, _("Session Details"), wxDefaultPosition, wxDefaultSize,
                    wxDEFAULT_DIALOG_STYLE, "details_dialog");
    auto* type = session_type_choice(&dialog, session->session_type);
    auto* location = new wxTextCtrl(&dialog, wxID_ANY, wx(session->location), wxDefaultPosition,
                                    wxSize(200, -1));
    auto* telehealth = new wxCheckBox(&dialog, wxID_ANY, _("T&elehealth"));
    telehealth->SetValue(session->telehealth);
    wxString scopes[] = {_("Only this session"), _("This and the later sessions of its series")};
    auto* scope = new wxRadioBox(&dialog, wxID_ANY, _("Apply to"), wxDefaultPosition, wxDefaultSize,
                                 session->series_id != 0 ? 2 : 1, scopes, 1);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(type, 0, wxEXPAND | wxALL, 10);
    sizer->Add(location, 0, wxEXPAND | wxLEFT | wxRIGHT, 10);
    sizer->Add(telehealth, 0, wxALL, 10);
    sizer->Add(scope, 0, wxLEFT | wxRIGHT, 10);
    sizer->Add(dialog.CreateSeparatedButtonSizer(wxOK | wxCANCEL), 0, wxEXPAND | wxALL, 10);
    dialog.SetSizerAndFit(sizer);
    if (dialog.ShowModal() != wxID_OK) {
        return;
    }
    auto changed = m_store.change_details(
        id, session_type_of(type), utf8(location->GetValue()), telehealth->GetValue(),
        scope->GetSelection() == 1 ? ScheduleStore::Scope::ThisAndLater
                                   : ScheduleStore::Scope::ThisOne);
    if (!changed) {
        m_message->SetLabel(wx(changed.error()));
        return;
    }
    reload();
    m_message->SetLabel(wxString::Format(
        wxPLURAL("%d session changed.", "%d sessions changed.", static_cast<unsigned>(*changed)),
        *changed));
}

void SchedulePanel::set_status(const std::string& status) {
    std::int64_t id = selected();
    if (id == 0) {
        m_message->SetLabel(_("Choose a session first."));
        return;
    }
    auto done = m_store.set_status(id, status);
    if (!done) {
        m_message->SetLabel(wx(done.error()));
        return;
    }
    reload();
    m_message->SetLabel(_("Saved."));
}

}  // namespace dyad::records_plugin
