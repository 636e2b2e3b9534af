#include "navigator.h"

#include "accessible.h"

#include <wx/sizer.h>

namespace dyad::app {
namespace {
const char* const kStatusValues[] = {"active", "waitlist", "discharged", ""};

wxString kind_label(const std::string& kind) {
    if (kind == "couple") {
        return _("Couple");
    }
    if (kind == "family") {
        return _("Family");
    }
    if (kind == "group") {
        return _("Group");
    }
    return _("Individual");
}
}  // namespace

UnitListCtrl::UnitListCtrl(wxWindow* parent, records::UnitList* list)
    : wxListCtrl(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                 wxLC_REPORT | wxLC_VIRTUAL | wxLC_SINGLE_SEL, wxDefaultValidator, "unit_list"),
      m_list(list) {
    AppendColumn(_("Client unit"), wxLIST_FORMAT_LEFT, 190);
    AppendColumn(_("Kind"), wxLIST_FORMAT_LEFT, 80);
}

wxString UnitListCtrl::OnGetItemText(long item, long column) const {
    auto unit = m_list->at(item);
    if (!unit) {
        return {};
    }
    return column == 0 ? wxString::FromUTF8(unit->display_name) : kind_label(unit->kind);
}

Navigator::Navigator(wxWindow* parent, records::CoreRecords& records,
                     std::function<void(std::int64_t)> on_select)
    : wxPanel(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxTAB_TRAVERSAL, "navigator"),
      m_list(std::make_unique<records::UnitList>(records)),
      m_on_select(std::move(on_select)),
      m_search_timer(this) {
    m_search = new wxSearchCtrl(this, wxID_ANY, "", wxDefaultPosition, wxDefaultSize,
                                wxTE_PROCESS_ENTER, wxDefaultValidator, "unit_search");
    m_search->SetDescriptiveText(_("Search clients (Ctrl+F)"));
    m_status = new wxChoice(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, 0, nullptr, 0,
                            wxDefaultValidator, "status_filter");
    m_status->Append(_("Active"));
    m_status->Append(_("Waitlist"));
    m_status->Append(_("Discharged"));
    m_status->Append(_("All"));
    m_status->SetSelection(0);
    m_units = new UnitListCtrl(this, m_list.get());
    set_accessible_name(m_search, _("Search clients"));
    set_accessible_name(m_status, _("Show client units by status"));
    set_accessible_name(m_units, _("Client units"));

    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(m_search, 0, wxEXPAND | wxALL, 6);
    sizer->Add(m_status, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, 6);
    sizer->Add(m_units, 1, wxEXPAND);
    SetSizer(sizer);

    // Typing filters after a short pause, so each key press does not query the database.
    m_search->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { m_search_timer.StartOnce(200); });
    m_search->Bind(wxEVT_TEXT_ENTER, [this](wxCommandEvent&) {
        m_search_timer.Stop();
        apply_filter();
        if (m_units->GetItemCount() > 0) {
            select_row(0);
            m_units->SetFocus();
        }
    });
    m_search->Bind(wxEVT_SEARCHCTRL_CANCEL_BTN, [this](wxCommandEvent&) {
        m_search->Clear();
        apply_filter();
    });
    Bind(wxEVT_TIMER, [this](wxTimerEvent&) { apply_filter(); });
    m_status->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { apply_filter(); });
    m_units->Bind(wxEVT_LIST_ITEM_SELECTED, &Navigator::on_selected, this);
    apply_filter();
}

void Navigator::apply_filter() {
    int index = m_status->GetSelection();
    const char* status = kStatusValues[index < 0 || index > 3 ? 0 : index];
    std::string search = m_search->GetValue().ToStdString(wxConvUTF8);
    auto count = m_list->set_query(status, search);
    m_count_is_active = index == 0 && search.empty();
    m_count = count ? std::optional<std::int64_t>(static_cast<std::int64_t>(*count)) : std::nullopt;
    m_units->SetItemCount(count ? static_cast<long>(*count) : 0);
    m_units->Refresh();
    if (m_selected != 0 && !select_unit(m_selected)) {
        // The selected unit is filtered out: keep it selected in the window, unmarked here.
        long marked = m_units->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
        if (marked >= 0) {
            m_units->SetItemState(marked, 0, wxLIST_STATE_SELECTED);
        }
    }
}

void Navigator::reload() {
    auto count = m_list->refresh();
    m_count = count ? std::optional<std::int64_t>(static_cast<std::int64_t>(*count)) : std::nullopt;
    m_units->SetItemCount(count ? static_cast<long>(*count) : 0);
    m_units->Refresh();
}

void Navigator::set_status_filter(int index) {
    m_status->SetSelection(index);
    apply_filter();
}

void Navigator::focus_search() {
    m_search->SetFocus();
    m_search->SelectAll();
}

void Navigator::select_row(long row) {
    if (row < 0 || row >= m_units->GetItemCount()) {
        return;
    }
    m_units->SetItemState(row, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED,
                          wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
    m_units->EnsureVisible(row);
}

bool Navigator::select_unit(std::int64_t unit_id) {
    // Rows load on demand; look through the first pages only, so a huge caseload stays fast.
    long limit = std::min(static_cast<long>(m_units->GetItemCount()), 5000L);
    for (long row = 0; row < limit; ++row) {
        auto unit = m_list->at(row);
        if (unit && unit->id == unit_id) {
            if (m_units->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED) != row) {
                select_row(row);
            }
            return true;
        }
    }
    return false;
}

long Navigator::row_count() const {
    return m_units->GetItemCount();
}

std::optional<std::int64_t> Navigator::active_unit_count() const {
    return m_count_is_active ? m_count : std::nullopt;
}

void Navigator::on_selected(wxListEvent& event) {
    auto unit = m_list->at(event.GetIndex());
    std::int64_t id = unit ? unit->id : 0;
    if (id != m_selected) {
        m_selected = id;
        m_on_select(id);
    }
}

}  // namespace dyad::app
