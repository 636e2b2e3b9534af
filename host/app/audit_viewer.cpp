#include "audit_viewer.h"

#include <wx/button.h>
#include <wx/choicdlg.h>
#include <wx/filedlg.h>
#include <wx/msgdlg.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

#include <dyad/show.hpp>
#include <fstream>

#include "error_text.h"
#include "pdf_document.h"
#include "people/users.h"
#include "records/week_figures.h"

namespace dyad::app {
namespace {

// The actions the audit trail records, as kept (the filter and CSV use them) and as shown.
struct Action {
    const char* key;
    const char* label;
};
const Action kActions[] = {
    {"", nullptr},
    {"view", dyad::show::marked("audit action", "view")},
    {"create", dyad::show::marked("audit action", "create")},
    {"update", dyad::show::marked("audit action", "update")},
    {"delete", dyad::show::marked("audit action", "delete")},
    {"export", dyad::show::marked("audit action", "export")},
    {"backup", dyad::show::marked("audit action", "backup")},
    {"restore", dyad::show::marked("audit action", "restore")},
    {"sign-in", dyad::show::marked("audit action", "sign-in")},
    {"sign-in-refused", dyad::show::marked("audit action", "sign-in-refused")},
    {"lock", dyad::show::marked("audit action", "lock")},
    {"unlock", dyad::show::marked("audit action", "unlock")},
    {"trust", dyad::show::marked("audit action", "trust")}};

// An action in the reader's language; one Dyad does not know (a plugin's) as kept.
std::string action_label(const std::string& action) {
    for (const auto& known : kActions) {
        if (known.label != nullptr && action == known.key) {
            return dyad::show::tr_in("audit action", known.label);
        }
    }
    return action;
}

}  // namespace

AuditViewer::AuditViewer(wxWindow* parent, Practice& practice, std::int64_t unit_id)
    : wxDialog(parent, wxID_ANY, _("Audit Trail"), wxDefaultPosition, wxSize(900, 560),
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER, "audit_viewer"),
      m_practice(practice) {
    auto* filters = new wxBoxSizer(wxHORIZONTAL);
    m_unit = new wxChoice(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, 0, nullptr, 0,
                          wxDefaultValidator, "audit_unit");
    m_unit->Append(_("Every client unit"));
    m_unit_ids.push_back(0);
    if (auto units = practice.records().units({})) {
        for (const auto& unit : *units) {
            m_unit->Append(wxString::FromUTF8(unit.display_name));
            m_unit_ids.push_back(unit.id);
        }
    }
    m_unit->SetSelection(0);
    for (std::size_t i = 0; i < m_unit_ids.size(); ++i) {
        if (m_unit_ids[i] == unit_id) {
            m_unit->SetSelection(static_cast<int>(i));
        }
    }
    m_user = new wxChoice(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, 0, nullptr, 0,
                          wxDefaultValidator, "audit_user");
    m_user->Append(_("Everyone"));
    m_user_names.emplace_back();
    people::People people(practice.connection());
    if (auto users = people.users()) {
        for (const auto& user : *users) {
            m_user->Append(wxString::FromUTF8(user.name));
            m_user_names.push_back(user.name);
        }
    }
    m_user->SetSelection(0);
    m_action = new wxChoice(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, 0, nullptr, 0,
                            wxDefaultValidator, "audit_action");
    for (const auto& action : kActions) {
        m_action->Append(action.label == nullptr ? _("Every action")
                                                 : wxString::FromUTF8(action_label(action.key)));
    }
    m_action->SetSelection(0);
    m_from = new wxTextCtrl(this, wxID_ANY, "", wxDefaultPosition, wxSize(110, -1), 0,
                            wxDefaultValidator, "audit_from");
    m_to = new wxTextCtrl(this, wxID_ANY, "", wxDefaultPosition, wxSize(110, -1), 0,
                          wxDefaultValidator, "audit_to");
    m_from->SetHint(_("from YYYY-MM-DD"));
    m_to->SetHint(_("to YYYY-MM-DD"));
    auto* seen = new wxButton(this, wxID_ANY, _("Who Has &Seen This Chart"), wxDefaultPosition,
                              wxDefaultSize, 0, wxDefaultValidator, "audit_seen");
    for (wxWindow* control :
         std::initializer_list<wxWindow*>{m_unit, m_user, m_action, m_from, m_to, seen}) {
        filters->Add(control, 0, wxRIGHT | wxALIGN_CENTER_VERTICAL, 6);
    }
    m_list = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                            wxLC_REPORT | wxLC_SINGLE_SEL, wxDefaultValidator, "audit_list");
    m_list->AppendColumn(_("When"), wxLIST_FORMAT_LEFT, 190);
    m_list->AppendColumn(_("Who"), wxLIST_FORMAT_LEFT, 170);
    m_list->AppendColumn(_("Action"), wxLIST_FORMAT_LEFT, 110);
    m_list->AppendColumn(_("Record"), wxLIST_FORMAT_LEFT, 190);
    m_list->AppendColumn(_("Detail"), wxLIST_FORMAT_LEFT, 220);
    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    auto* export_button = new wxButton(this, wxID_ANY, _("&Export as CSV..."), wxDefaultPosition,
                                       wxDefaultSize, 0, wxDefaultValidator, "audit_export");
    buttons->Add(export_button);
    auto* disclosures =
        new wxButton(this, wxID_ANY, _("Accounting of &Disclosures..."), wxDefaultPosition,
                     wxDefaultSize, 0, wxDefaultValidator, "audit_disclosures");
    buttons->Add(disclosures, 0, wxLEFT, 8);
    buttons->AddStretchSpacer();
    buttons->Add(new wxButton(this, wxID_CLOSE, _("&Close")));
    m_problem =
        new wxStaticText(this, wxID_ANY, "", wxDefaultPosition, wxDefaultSize, 0, "audit_problem");
    m_problem->Hide();
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(filters, 0, wxALL, 12);
    sizer->Add(m_problem, 0, wxLEFT | wxRIGHT | wxBOTTOM, 12);
    sizer->Add(m_list, 1, wxEXPAND | wxLEFT | wxRIGHT, 12);
    sizer->Add(buttons, 0, wxEXPAND | wxALL, 12);
    SetSizer(sizer);

    auto changed = [this](wxCommandEvent&) { refresh(); };
    m_unit->Bind(wxEVT_CHOICE, changed);
    m_user->Bind(wxEVT_CHOICE, changed);
    m_action->Bind(wxEVT_CHOICE, changed);
    m_from->Bind(wxEVT_TEXT, changed);
    m_to->Bind(wxEVT_TEXT, changed);
    seen->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        m_action->SetSelection(1);  // "view"
        refresh();
    });
    export_button->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        wxFileDialog file(this, _("Export the audit trail"), "", "audit-trail.csv",
                          _("CSV files (*.csv)|*.csv"), wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
        if (file.ShowModal() != wxID_OK) {
            return;
        }
        std::string failed = export_csv(file.GetPath().ToStdString(wxConvUTF8));
        if (!failed.empty()) {
            wxMessageBox(wxString::FromUTF8(failed), _("Audit Trail"), wxOK | wxICON_ERROR, this);
        }
    });
    Bind(
        wxEVT_BUTTON, [this](wxCommandEvent&) { EndModal(wxID_CLOSE); }, wxID_CLOSE);
    refresh();
}

records::AuditFilter AuditViewer::filter() const {
    records::AuditFilter filter;
    filter.unit_id = m_unit_ids[static_cast<std::size_t>(std::max(0, m_unit->GetSelection()))];
    filter.actor = m_user_names[static_cast<std::size_t>(std::max(0, m_user->GetSelection()))];
    filter.action = kActions[std::max(0, m_action->GetSelection())].key;
    // A date is used once it is complete; half-typed text filters nothing yet.
    auto date = [](const wxString& text) {
        std::string value = text.ToStdString(wxConvUTF8);
        return value.size() == 10 && value[4] == '-' && value[7] == '-' ? value : std::string();
    };
    filter.from = date(m_from->GetValue());
    filter.to = date(m_to->GetValue());
    return filter;
}

long AuditViewer::refresh() {
    m_list->DeleteAllItems();
    records::AuditFilter chosen = filter();
    wxString problem;
    for (const std::string* date : {&chosen.from, &chosen.to}) {
        if (!date->empty() && !records::local_day_start(*date)) {
            // TRANSLATORS: the audit trail's date filter; %s is what was typed ("2026-02-30").
            problem += (problem.empty() ? "" : " ") +
                       wxString::Format(_("%s is not a date."), wxString::FromUTF8(*date));
        }
    }
    m_entries.clear();
    if (problem.empty()) {
        if (auto entries = records::query_audit(m_practice.connection(), chosen)) {
            m_entries = std::move(*entries);
        } else {
            problem = error_text(entries.error());
        }
    }
    if (m_problem->GetLabelText() != problem || m_problem->IsShown() != !problem.empty()) {
        m_problem->SetLabelText(problem);  // Text as it is: an '&' is no mnemonic here.
        m_problem->Show(!problem.empty());
        Layout();
    }
    for (const auto& entry : m_entries) {
        long row = m_list->InsertItem(
            m_list->GetItemCount(),
            wxString::FromUTF8(show::local_date_time(entry.at, show::DateStyle::Compact)));
        m_list->SetItem(row, 1, wxString::FromUTF8(entry.actor));
        m_list->SetItem(row, 2, wxString::FromUTF8(action_label(entry.action)));
        m_list->SetItem(row, 3,
                        wxString::FromUTF8(entry.entity + " " + std::to_string(entry.entity_id)));
        m_list->SetItem(row, 4, wxString::FromUTF8(entry.detail));
    }
    return m_list->GetItemCount();
}

std::string AuditViewer::export_disclosures(std::int64_t client_id, const std::string& path) {
    auto entries = records::disclosures_of_client(m_practice.connection(), client_id);
    auto client = m_practice.records().view_client(client_id, "user");
    if (!entries || !client) {
        return shown_message(!entries ? entries.error() : client.error());
    }
    auto document = pdf::PdfDocument::create(
        path, show::tr("Accounting of disclosures: confidential, protected health information"));
    if (!document) {
        return document.error();
    }
    document->title(show::tr("Accounting of disclosures"));
    document->field(show::tr("Client"),
                    client->fields.given_name + " " + client->fields.family_name);
    auto practice_name = m_practice.records().practice_name();
    document->field(show::tr("Practice"), practice_name ? *practice_name : std::string());
    document->note(
        show::tr("Every export or disclosure of records that carried this client's information, "
                 "from the practice's audit trail (45 CFR 164.528)."));
    document->rule();
    if (entries->empty()) {
        document->paragraph(show::tr("No disclosures are recorded."));
    }
    for (const auto& entry : *entries) {
        // The record, the actor and the detail as the audit trail keeps them (English).
        // TRANSLATORS: a line of the accounting of disclosures: "export of unit 12 by Olivia".
        std::string line = show::tr("{action} of {record} by {actor}");
        line = show::fill(line, "action", action_label(entry.action));
        line = show::fill(line, "record", entry.entity + " " + std::to_string(entry.entity_id));
        line = show::fill(line, "actor", entry.actor);
        document->field(show::local_date_time(entry.at, show::DateStyle::Compact),
                        line + (entry.detail.empty() ? "" : " (" + entry.detail + ")"));
    }
    auto finished = document->finish();
    if (!finished) {
        return finished.error();
    }
    (void)m_practice.records().record_export("client", client_id, "disclosures-pdf", "user");
    return "";
}

std::string AuditViewer::export_csv(const std::string& path) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << records::audit_csv(m_entries);
    out.close();
    if (!out) {
        return wxString::Format(_("The file could not be written: %s"), wxString::FromUTF8(path))
            .utf8_string();
    }
    (void)m_practice.records().record_event("export", "audit", 0, "format: csv", "user");
    return "";
}

}  // namespace dyad::app
