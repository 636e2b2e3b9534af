// The Billing tab of a client unit (issue 16): how the unit is billed (kind, identified
// patient, the split between partners), its charges with each partner's share and what is
// paid, the ledger balance per partner, and the actions: charge attended sessions, take a
// payment split between the partners, reverse a charge, issue an invoice. Thin: the rules
// live in src/ledger.cpp and src/documents.cpp.
#pragma once

#include <wx/choice.h>
#include <wx/listctrl.h>
#include <wx/panel.h>
#include <wx/spinctrl.h>
#include <wx/stattext.h>

#include <dyad/plugin.hpp>
#include <functional>

#include "../src/catalogue.h"
#include "../src/documents.h"
#include "../src/ledger.h"

namespace dyad::billing {

class BillingPanel : public wxPanel {
  public:
    using Confirm = std::function<bool(wxWindow* parent, const wxString& question)>;

    BillingPanel(wxWindow* parent, dyad::sdk::Host host, BillingStore& store,
                 const Catalogue* catalogue, Confirm confirm);
    void show_unit(std::int64_t unit_id);

    // Actions behind the buttons (and for tests); each shows its outcome and returns whether
    // it was done.
    bool save_setup(const UnitSetup& setup);
    bool charge_sessions(const std::string& from, const std::string& to);
    bool take_payment(const NewPayment& payment);
    bool reverse_selected();
    // Writes the invoice of one partner to path; the number, or "" when refused.
    std::string invoice(std::int64_t client_id, const std::string& path);
    long charge_count() const { return m_charges->GetItemCount(); }
    wxString message() const { return m_message->GetLabel(); }

  private:
    void reload();
    void show_message(const wxString& text, bool error);
    void payment_dialog();
    void invoice_dialog();
    UnitSetup setup_shown() const;

    dyad::sdk::Host m_host;
    BillingStore& m_store;
    const Catalogue* m_catalogue;
    Confirm m_confirm;
    std::int64_t m_unit_id = 0;
    std::vector<dyad::sdk::Host::Member> m_members;
    std::vector<Charge> m_shown;

    wxChoice* m_kind = nullptr;
    wxChoice* m_patient = nullptr;
    wxSpinCtrl* m_first_share = nullptr;
    wxStaticText* m_split_label = nullptr;
    wxListCtrl* m_charges = nullptr;
    wxStaticText* m_balances = nullptr;
    wxStaticText* m_message = nullptr;
};

}  // namespace dyad::billing
