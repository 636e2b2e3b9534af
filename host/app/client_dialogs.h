// New client (Ctrl+N) and new couple (Ctrl+Shift+N). Validation errors appear in the dialog,
// in words a therapist understands; nothing is saved until every field is valid, and a couple
// is saved with both partners or not at all.
#pragma once

#include <wx/dialog.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <cstdint>

#include "db/connection.h"
#include "records/core_records.h"

namespace dyad::app {

// The fields of one person in a dialog.
struct PersonFields {
    wxTextCtrl* given = nullptr;
    wxTextCtrl* family = nullptr;
    wxTextCtrl* pronouns = nullptr;
    wxTextCtrl* date_of_birth = nullptr;
    wxTextCtrl* email = nullptr;
    wxTextCtrl* phone = nullptr;
    records::ClientFields read() const;
};

class NewClientDialog : public wxDialog {
  public:
    // kind: "individual" or "couple".
    NewClientDialog(wxWindow* parent, records::CoreRecords& records, db::Connection& connection,
                    const std::string& kind);
    // The created unit, 0 until saved.
    std::int64_t created_unit() const { return m_created; }

  private:
    void on_ok();

    records::CoreRecords& m_records;
    db::Connection& m_connection;
    std::string m_kind;
    PersonFields m_first;
    PersonFields m_second;
    wxStaticText* m_error = nullptr;
    std::int64_t m_created = 0;
    bool m_duplicates_acknowledged = false;
};

}  // namespace dyad::app
