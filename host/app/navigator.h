// The left pane: search box, status filter and a virtual list of client units (only visible
// rows are read). Selecting a row calls the on_select callback with the unit id (0: none).
#pragma once

#include <wx/choice.h>
#include <wx/listctrl.h>
#include <wx/panel.h>
#include <wx/srchctrl.h>
#include <wx/timer.h>

#include <functional>
#include <memory>
#include <optional>

#include "records/unit_list.h"

namespace dyad::app {

class UnitListCtrl : public wxListCtrl {
  public:
    UnitListCtrl(wxWindow* parent, records::UnitList* list);
    wxString OnGetItemText(long item, long column) const override;

  private:
    records::UnitList* m_list;
};

class Navigator : public wxPanel {
  public:
    Navigator(wxWindow* parent, records::CoreRecords& records,
              std::function<void(std::int64_t unit_id)> on_select);

    // Re-reads the list (after data changed), keeping the selection when it is still there.
    void reload();
    void focus_search();
    // Selects the row, as a click would (used by keyboard navigation and tests).
    void select_row(long row);
    // Selects the unit if it is in the list under the current filter.
    bool select_unit(std::int64_t unit_id);
    long row_count() const;
    // The count of active units when the list shows exactly those (the filter "Active", no
    // search), as read at the last filter or reload; empty otherwise or when the read failed.
    std::optional<std::int64_t> active_unit_count() const;
    std::int64_t selected_unit() const { return m_selected; }
    // "Active", "Waitlist", "Discharged" or "All".
    void set_status_filter(int index);

  private:
    void apply_filter();
    void on_selected(wxListEvent& event);

    std::unique_ptr<records::UnitList> m_list;
    std::function<void(std::int64_t)> m_on_select;
    wxSearchCtrl* m_search = nullptr;
    wxChoice* m_status = nullptr;
    UnitListCtrl* m_units = nullptr;
    wxTimer m_search_timer;
    std::int64_t m_selected = 0;
    std::optional<std::int64_t> m_count;  // Rows under the query at the last read,
    bool m_count_is_active = false;       // whose query was "Active" with no search.
};

}  // namespace dyad::app
