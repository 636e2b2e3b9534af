#include "search_panel.h"

#include <wx_text.h>

#include <wx/sizer.h>

#include <dyad/show.hpp>

namespace dyad::records_plugin {

using dyad::ui::utf8;
using dyad::ui::wx;
namespace {

std::string unit_name(const dyad::sdk::Host& host, std::int64_t unit_id) {
    std::string name;
    host.core()->get_unit(
        host.raw(), unit_id,
        [](void* user, const dyad_unit_info* unit) {
            *static_cast<std::string*>(user) = unit->display_name;
        },
        &name);
    return name;
}

}  // namespace

SearchPanel::SearchPanel(wxWindow* parent, dyad::sdk::Host host, NoteStore& notes)
    : wxPanel(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxTAB_TRAVERSAL,
              "records_search"),
      m_host(host),
      m_notes(notes) {
    m_query = new wxSearchCtrl(this, wxID_ANY, "", wxDefaultPosition, wxSize(360, -1),
                               wxTE_PROCESS_ENTER, wxDefaultValidator, "records_search_query");
    m_query->SetDescriptiveText(_("Name, email or phone of a client, or words in notes"));
    m_process = new wxCheckBox(this, wxID_ANY, _("Include &psychotherapy notes"));
    m_list =
        new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                       wxLC_REPORT | wxLC_SINGLE_SEL, wxDefaultValidator, "records_search_results");
    m_list->AppendColumn(_("Found"), wxLIST_FORMAT_LEFT, 70);
    m_list->AppendColumn(_("Client unit"), wxLIST_FORMAT_LEFT, 200);
    m_list->AppendColumn(_("Date"), wxLIST_FORMAT_LEFT, 100);
    m_list->AppendColumn(_("Match"), wxLIST_FORMAT_LEFT, 420);
    m_message = new wxStaticText(this, wxID_ANY,
                                 _("Press Enter to search; Enter on a result opens "
                                   "its client unit."));
    auto* top = new wxBoxSizer(wxHORIZONTAL);
    top->Add(m_query, 1, wxRIGHT, 8);
    top->Add(m_process, 0, wxALIGN_CENTER_VERTICAL);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(top, 0, wxEXPAND | wxALL, 8);
    sizer->Add(m_list, 1, wxEXPAND | wxLEFT | wxRIGHT, 8);
    sizer->Add(m_message, 0, wxALL, 8);
    SetSizer(sizer);
    m_query->Bind(wxEVT_TEXT_ENTER, [this](wxCommandEvent&) { run_search(); });
    m_query->Bind(wxEVT_SEARCHCTRL_SEARCH_BTN, [this](wxCommandEvent&) { run_search(); });
    m_process->Bind(wxEVT_CHECKBOX, [this](wxCommandEvent&) { run_search(); });
    m_list->Bind(wxEVT_LIST_ITEM_ACTIVATED, [this](wxListEvent& event) {
        auto index = static_cast<std::size_t>(event.GetIndex());
        if (index < m_results.size()) {
            m_host.ui()->select_unit(m_host.raw(), m_results[index].unit_id);
        }
    });
}

void SearchPanel::run_search() {
    m_list->DeleteAllItems();
    m_results.clear();
    std::string words = utf8(m_query->GetValue().Trim().Trim(false));
    if (words.empty()) {
        return;
    }
    struct Units {
        std::vector<std::pair<std::int64_t, std::string>> found;
    } units;
    m_host.core()->list_units(
        m_host.raw(), nullptr, words.c_str(),
        [](void* user, const dyad_unit_info* unit) {
            auto& found = static_cast<Units*>(user)->found;
            found.emplace_back(unit->id, unit->display_name);
            return found.size() >= 50 ? 1 : 0;
        },
        &units);
    for (const auto& [id, name] : units.found) {
        long row = m_list->InsertItem(m_list->GetItemCount(), _("client"));
        m_list->SetItem(row, 1, wx(name));
        m_results.push_back({id});
    }
    auto hits = m_notes.search(
        words, m_process->GetValue() ? Include::WithPsychotherapy : Include::ProgressOnly, 20);
    if (!hits) {
        m_message->SetLabel(wx(hits.error()));
        return;
    }
    for (const auto& hit : *hits) {
        if (!m_host.may_see_unit(hit.unit_id)) {
            continue;  // Words in a chart outside the therapist's caseload stay unseen.
        }
        long row = m_list->InsertItem(m_list->GetItemCount(), _("note"));
        m_list->SetItem(row, 1, wx(unit_name(m_host, hit.unit_id)));
        m_list->SetItem(row, 2,
                        wx(dyad::show::date(hit.session_date, dyad::show::DateStyle::Compact)));
        std::string snippet = hit.snippet;
        for (char& c : snippet) {
            c = c == '\n' ? ' ' : c;
        }
        m_list->SetItem(row, 3, wx(snippet));
        m_results.push_back({hit.unit_id});
    }
    std::size_t unit_count = units.found.size();
    std::size_t note_count = hits->size();
    m_message->SetLabel(wxString::Format(
        // TRANSLATORS: "3 client units, 2 notes."
        _("%s, %s."),
        wxString::Format(
            wxPLURAL("%zu client unit", "%zu client units", static_cast<unsigned>(unit_count)),
            unit_count),
        wxString::Format(wxPLURAL("%zu note", "%zu notes", static_cast<unsigned>(note_count)),
                         note_count)));
    if (!m_results.empty()) {
        m_list->SetItemState(0, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED,
                             wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
    }
}

}  // namespace dyad::records_plugin
