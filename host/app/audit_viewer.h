// View > Audit Trail (issue 15; owner and supervisor): the audit trail filtered by client unit,
// user, action and dates, "who has seen this chart", and the filtered entries exported as CSV.
// Thread: main. The query is host/core's (records/audit_query.h).
#pragma once

#include <wx/choice.h>
#include <wx/dialog.h>
#include <wx/listctrl.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <cstdint>
#include <string>
#include <vector>

#include "practice.h"
#include "records/audit_query.h"

namespace dyad::app {

class AuditViewer : public wxDialog {
  public:
    // unit_id: the unit to start with (0: every unit).
    AuditViewer(wxWindow* parent, Practice& practice, std::int64_t unit_id);

    // Re-reads the entries for the filters shown; the number of rows.
    long refresh();
    // Writes the rows shown as CSV; an error message, or "" when written.
    std::string export_csv(const std::string& path);
    // Writes the accounting of disclosures of one client as a PDF (itself audited as an
    // export); an error message, or "" when written.
    std::string export_disclosures(std::int64_t client_id, const std::string& path);

  private:
    records::AuditFilter filter() const;

    Practice& m_practice;
    std::vector<std::int64_t> m_unit_ids;  // Parallel to m_unit's items (0 = every unit).
    std::vector<std::string> m_user_names;
    wxChoice* m_unit = nullptr;
    wxChoice* m_user = nullptr;
    wxChoice* m_action = nullptr;
    wxTextCtrl* m_from = nullptr;
    wxTextCtrl* m_to = nullptr;
    wxStaticText* m_problem = nullptr;  // Why the list is empty when a date is not one.
    wxListCtrl* m_list = nullptr;
    std::vector<records::AuditEntry> m_entries;
};

}  // namespace dyad::app
