#include "search_dialog.h"

#include <wx/sizer.h>

#include "error_text.h"

namespace dyad::app {

SearchDialog::SearchDialog(wxWindow* parent, Practice& practice)
    : wxDialog(parent, wxID_ANY, _("Find in All Records"), wxDefaultPosition, wxSize(760, 460),
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER, "search_dialog"),
      m_practice(practice) {
    m_query = new wxSearchCtrl(this, wxID_ANY, "", wxDefaultPosition, wxDefaultSize,
                               wxTE_PROCESS_ENTER, wxDefaultValidator, "search_query");
    m_query->SetDescriptiveText(_("Words in notes, exercises and other records"));
    m_query->ShowCancelButton(true);
    m_results = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                               wxLC_REPORT | wxLC_SINGLE_SEL, wxDefaultValidator, "search_results");
    m_results->AppendColumn(_("Found in"), wxLIST_FORMAT_LEFT, 130);
    m_results->AppendColumn(_("Client unit"), wxLIST_FORMAT_LEFT, 160);
    m_results->AppendColumn(_("What"), wxLIST_FORMAT_LEFT, 170);
    m_results->AppendColumn(_("Text"), wxLIST_FORMAT_LEFT, 280);
    m_message = new wxStaticText(this, wxID_ANY, _("Type words and press Enter."),
                                 wxDefaultPosition, wxDefaultSize, 0, "search_message");
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(m_query, 0, wxEXPAND | wxALL, 10);
    sizer->Add(m_results, 1, wxEXPAND | wxLEFT | wxRIGHT, 10);
    sizer->Add(m_message, 0, wxEXPAND | wxALL, 10);
    sizer->Add(CreateStdDialogButtonSizer(wxCLOSE), 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, 10);
    SetSizer(sizer);
    SetEscapeId(wxID_CLOSE);
    m_query->Bind(wxEVT_TEXT_ENTER, [this](wxCommandEvent&) { run_search(); });
    m_query->Bind(wxEVT_SEARCHCTRL_SEARCH_BTN, [this](wxCommandEvent&) { run_search(); });
    m_results->Bind(wxEVT_LIST_ITEM_ACTIVATED, [this](wxListEvent& event) {
        auto row = static_cast<std::size_t>(event.GetIndex());
        if (row < m_found.size()) {
            m_chosen = row;
            EndModal(wxID_OK);
        }
    });
    m_query->SetFocus();
}

void SearchDialog::run_search() {
    m_results->DeleteAllItems();
    m_found.clear();
    m_chosen = SIZE_MAX;
    wxBusyCursor busy;
    people::People people(m_practice.connection());
    auto report = plugins::search_plugins(m_practice.plugins().search_providers(),
                                          m_practice.records(), people, m_practice.session(),
                                          m_query->GetValue().ToStdString(wxConvUTF8), 50);
    (void)m_practice.plugins().close_abandoned_transactions();
    if (!report) {
        m_message->SetLabel(error_text(report.error()));
        return;
    }
    m_found = std::move(report->results);
    for (const auto& hit : m_found) {
        long row = m_results->InsertItem(m_results->GetItemCount(), wxString::FromUTF8(hit.label));
        m_results->SetItem(row, 1, wxString::FromUTF8(hit.unit_name));
        m_results->SetItem(row, 2, wxString::FromUTF8(hit.title));
        m_results->SetItem(row, 3, wxString::FromUTF8(hit.snippet));
    }
    wxString said = m_found.empty()
                        ? _("Nothing found.")
                        : wxString::Format(wxPLURAL("%zu found. Enter or double-click opens it.",
                                                    "%zu found. Enter or double-click opens one.",
                                                    static_cast<unsigned>(m_found.size())),
                                           m_found.size());
    for (const auto& problem : report->problems) {
        said += "\n" + wxString::FromUTF8(problem);
    }
    m_message->SetLabel(said);
    if (!m_found.empty()) {
        m_results->SetItemState(0, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED,
                                wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
    }
    Layout();
}

}  // namespace dyad::app
