// The practice's billing view (View > Billing Overview; issue 16): accounts receivable by age
// as a chart (0-30, 31-60, 61-90, 90+ days) with the credit held and the payments by method,
// what was charged and received in each of the last twelve months as a chart, and the attended
// sessions of the last 90 days with no charge, with an action to charge them (asked first),
// and the last twelve months by the clinician who rendered the sessions.
// Thin: the figures are src/'s (reports, practice_report, ledger).
#pragma once

#include <wx/listctrl.h>
#include <wx/panel.h>
#include <wx/stattext.h>

#include <dyad/plugin.hpp>
#include <functional>

#include "../src/ledger.h"
#include "money_bars.h"

namespace dyad::billing {

class PracticePanel : public wxPanel {
  public:
    using Confirm = std::function<bool(wxWindow* parent, const wxString& question)>;
    PracticePanel(wxWindow* parent, dyad::sdk::Host host, BillingStore& store, Confirm confirm);
    // Reads every figure again (when the view opens, and the Refresh button).
    void reload();
    // Charges every unbilled session listed (after the confirmation); false when refused,
    // cancelled or nothing was listed.
    bool charge_unbilled();

  private:
    void show_message(const wxString& text, bool error);

    dyad::sdk::Host m_host;
    BillingStore& m_store;
    Confirm m_confirm;
    std::vector<BillingStore::Unbilled> m_unbilled;
    MoneyBars* m_aging = nullptr;
    wxStaticText* m_aging_text = nullptr;
    MoneyBars* m_months = nullptr;
    wxListCtrl* m_sessions = nullptr;
    wxListCtrl* m_clinicians = nullptr;
    wxStaticText* m_message = nullptr;
};

}  // namespace dyad::billing
