// The Measures tab of a client unit (issue 17): the latest score of each partner and whether
// they are on track, open safety flags (for the therapist alone) with "Mark reviewed", one
// instrument's chart (two lines, the cut-off band, the gap, reliable-change markers), the
// administrations, and the actions: answer in the client view, set a cadence, void an
// administration, the PDF report and the exports. Thin: the rules live in src/.
#pragma once

#include <wx/choice.h>
#include <wx/listctrl.h>
#include <wx/panel.h>
#include <wx/stattext.h>
#include <wx/weakref.h>

#include <dyad/plugin.hpp>
#include <functional>

#include "../src/report.h"
#include "../src/store.h"
#include "client_view.h"
#include "measures_chart.h"

namespace dyad::measures {

class MeasuresPanel : public wxPanel {
  public:
    using Confirm = std::function<bool(wxWindow* parent, const wxString& question)>;

    MeasuresPanel(wxWindow* parent, dyad::sdk::Host host, MeasuresStore& store, Confirm confirm);
    ~MeasuresPanel() override;
    void show_unit(std::int64_t unit_id);

    // Actions behind the buttons (and for tests).
    // Opens the client view for one partner; the answers are saved when they hand back.
    ClientView* open_client_view(std::int64_t client_id, const std::string& instrument_id,
                                 std::int64_t appointment_id, bool full_screen = true);
    bool set_cadence(const Cadence& cadence);
    bool review_flags();
    bool void_selected(const std::string& reason);
    void show_instrument(const std::string& instrument_id);
    MeasuresChart* chart() const { return m_chart; }
    wxString message() const { return m_message->GetLabel(); }
    wxString flags_text() const { return m_flags->GetLabel(); }
    wxString summary_text() const { return m_summary->GetLabel(); }
    // File > Print (SDK 1.1): the clinician's report of the unit through the print dialog,
    // audited when printed ("measures-print-clinician"); false with no unit shown.
    bool print(bool preview);

  private:
    // The unit's report: its history and members' names; clinician or partner-shared.
    ReportInput report_input(bool clinician);
    void reload();
    void show_message(const wxString& text, bool error);
    void client_view_dialog();
    void cadence_dialog();
    void files_dialog(bool pdf);
    std::string member_name(std::int64_t client_id) const;

    dyad::sdk::Host m_host;
    MeasuresStore& m_store;
    Confirm m_confirm;
    std::int64_t m_unit_id = 0;
    std::vector<dyad::sdk::Host::Member> m_members;
    std::vector<Administration> m_history;
    std::vector<Flag> m_open_flags;
    std::string m_instrument_id;
    wxWeakRef<ClientView> m_view;  // Null once the view is gone, however it went.

    wxStaticText* m_summary = nullptr;
    wxStaticText* m_flags = nullptr;
    wxChoice* m_instrument = nullptr;
    MeasuresChart* m_chart = nullptr;
    wxListCtrl* m_list = nullptr;
    wxStaticText* m_message = nullptr;
};

}  // namespace dyad::measures
