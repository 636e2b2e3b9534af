// The Overview tab: who is in the selected unit, in which roles, and its next appointments.
#pragma once

#include <wx/panel.h>
#include <wx/stattext.h>

#include "records/core_records.h"

namespace dyad::app {

class UnitOverview : public wxPanel {
  public:
    UnitOverview(wxWindow* parent, records::CoreRecords& records);
    void show_unit(std::int64_t unit_id);

  private:
    records::CoreRecords& m_records;
    wxStaticText* m_title = nullptr;
    wxStaticText* m_details = nullptr;
};

}  // namespace dyad::app
