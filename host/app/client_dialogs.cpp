#include "client_dialogs.h"

#include <wx/button.h>
#include <wx/sizer.h>
#include <wx/statbox.h>

#include <dyad/show.hpp>

#include "error_text.h"
#include "records/unit_list.h"

namespace dyad::app {
namespace {

std::string value(const wxTextCtrl* control) {
    return control != nullptr ? control->GetValue().ToStdString(wxConvUTF8) : std::string();
}

PersonFields add_person(wxWindow* parent, wxSizer* into, const wxString& title,
                        const wxString& name_prefix) {
    auto* box = new wxStaticBoxSizer(wxVERTICAL, parent, title);
    auto* grid = new wxFlexGridSizer(2, wxSize(8, 6));
    grid->AddGrowableCol(1);
    PersonFields fields;
    auto row = [&](const wxString& label, const wxString& name, const wxString& hint) {
        grid->Add(new wxStaticText(box->GetStaticBox(), wxID_ANY, label), 0,
                  wxALIGN_CENTER_VERTICAL);
        auto* text = new wxTextCtrl(box->GetStaticBox(), wxID_ANY, "", wxDefaultPosition,
                                    wxSize(220, -1), 0, wxDefaultValidator, name_prefix + name);
        text->SetHint(hint);
        grid->Add(text, 1, wxEXPAND);
        return text;
    };
    fields.given = row(_("&First name *"), "given", "");
    fields.family = row(_("&Last name *"), "family", "");
    fields.pronouns = row(_("&Pronouns"), "pronouns", _("e.g. she/her"));
    fields.date_of_birth = row(_("&Date of birth"), "dob", _("YYYY-MM-DD"));
    fields.email = row(_("&Email"), "email", "");
    fields.phone = row(_("P&hone"), "phone", "");
    box->Add(grid, 1, wxEXPAND | wxALL, 8);
    into->Add(box, 1, wxEXPAND | wxALL, 6);
    return fields;
}

}  // namespace

records::ClientFields PersonFields::read() const {
    records::ClientFields fields;
    fields.given_name = value(given);
    fields.family_name = value(family);
    fields.pronouns = value(pronouns);
    fields.date_of_birth = value(date_of_birth);
    fields.email = value(email);
    fields.phone = value(phone);
    return fields;
}

NewClientDialog::NewClientDialog(wxWindow* parent, records::CoreRecords& records,
                                 db::Connection& connection, const std::string& kind)
    : wxDialog(parent, wxID_ANY, kind == "couple" ? _("New Couple") : _("New Client"),
               wxDefaultPosition, wxDefaultSize, wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER,
               "new_client_dialog"),
      m_records(records),
      m_connection(connection),
      m_kind(kind) {
    auto* people = new wxBoxSizer(wxHORIZONTAL);
    if (kind == "couple") {
        m_first = add_person(this, people, _("Partner 1"), "partner1_");
        m_second = add_person(this, people, _("Partner 2"), "partner2_");
    } else {
        m_first = add_person(this, people, _("Client"), "client_");
    }
    m_error =
        new wxStaticText(this, wxID_ANY, "", wxDefaultPosition, wxDefaultSize, 0, "dialog_error");
    m_error->SetForegroundColour(wxColour(176, 0, 32));
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(people, 1, wxEXPAND | wxALL, 6);
    sizer->Add(m_error, 0, wxEXPAND | wxLEFT | wxRIGHT, 12);
    sizer->Add(CreateSeparatedButtonSizer(wxOK | wxCANCEL), 0, wxEXPAND | wxALL, 10);
    SetSizerAndFit(sizer);
    m_first.given->SetFocus();
    Bind(
        wxEVT_BUTTON, [this](wxCommandEvent&) { on_ok(); }, wxID_OK);
}

void NewClientDialog::on_ok() {
    // Warn once about a client who may already be on file; a second OK adds them anyway.
    if (!m_duplicates_acknowledged) {
        wxString warning;
        for (const PersonFields* person : {&m_first, &m_second}) {
            if (person->given == nullptr) {
                continue;
            }
            records::ClientFields fields = person->read();
            auto similar = m_records.similar_clients(fields);
            if (similar && !similar->empty()) {
                const auto& found = similar->front().fields;
                wxString name = wxString::FromUTF8(found.given_name + " " + found.family_name);
                warning +=
                    found.date_of_birth.empty()
                        ? wxString::Format(_("%s is already a client. "), name)
                        : wxString::Format(_("%s (born %s) is already a client. "), name,
                                           wxString::FromUTF8(show::date(
                                               found.date_of_birth, show::DateStyle::Compact)));
            }
        }
        if (!warning.empty()) {
            m_duplicates_acknowledged = true;
            m_error->SetLabel(warning + _("Press OK again to add a new record anyway."));
            Layout();
            Fit();
            return;
        }
    }
    Result<records::Unit> unit =
        m_kind == "couple"
            ? records::create_couple(m_records, m_connection, m_first.read(), m_second.read(),
                                     "user")
            : records::create_individual(m_records, m_connection, m_first.read(), "user");
    if (!unit) {
        // Stay open with everything typed kept, and say what to fix.
        m_error->SetLabel(error_text(unit.error()));
        Layout();
        Fit();
        return;
    }
    m_created = unit->id;
    EndModal(wxID_OK);
}

}  // namespace dyad::app
