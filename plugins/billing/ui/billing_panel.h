// The Billing tab of a client unit (issue 16): how the unit is billed (kind, identified
// patient, the split between partners), its charges with each partner's share and what is
// paid, the ledger balance per partner, and the actions: charge attended sessions, take a
// payment split between the partners, reverse a charge (what was paid toward it goes back to
// credit), issue an invoice, a receipt or a statement; a partner's
// insurance and billing details, a superbill, a Good Faith Estimate (and its $400 warning),
// claims as an 837P. Thin: the rules live in src/.
#pragma once

#include <wx/choice.h>
#include <wx/listctrl.h>
#include <wx/panel.h>
#include <wx/spinctrl.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <dyad/plugin.hpp>
#include <functional>
#include <map>

#include "../src/catalogue.h"
#include "../src/claims.h"
#include "../src/details.h"
#include "../src/documents.h"
#include "../src/gfe.h"
#include "../src/ledger.h"

namespace dyad::billing {

// Amounts and dates as people read them, in the chosen language (dyad::show): "$1,240.00",
// "Nov 30, 2026" (a malformed date as it is).
wxString shown_money(std::int64_t cents);
wxString shown_date(const std::string& iso);
// The payment methods a payment or a refund is taken by, as stored ("card", "cheque"), and
// their names in the chosen language.
inline constexpr const char* kPaymentMethods[] = {"card", "cash", "cheque", "transfer", "insurer"};
wxString method_label(const std::string& method);
// The sliding-scale review that is due, as a sentence in the chosen language ("" when none is
// due): the tab and the unit's Overview card say it.
std::string review_due_words(const UnitSetup& setup, const std::string& today);
// An estimate's watch over its $400 margin, as a sentence ("" while within it).
std::string gfe_warning_words(const GfeWatch& watch);

// Asks where to save a document (a save dialog with name as the proposed file name): the path,
// or "" when cancelled. Also the path a wxModalDialogHook gave (the GUI tests).
std::string save_path(wxWindow* parent, const wxString& title, const wxString& name,
                      const wxString& wildcard);
// The PDF chosen in an open dialog (title), or "" when cancelled.
std::string open_path(wxWindow* parent, const wxString& title, const wxString& wildcard);

class BillingPanel : public wxPanel {
  public:
    using Confirm = std::function<bool(wxWindow* parent, const wxString& question)>;

    BillingPanel(wxWindow* parent, dyad::sdk::Host host, BillingStore& store, DetailsStore& details,
                 ClaimStore& claims, const Catalogue* catalogue, Confirm confirm);
    void show_unit(std::int64_t unit_id);

    // Actions behind the buttons (and for tests); each shows its outcome and returns whether
    // it was done.
    // Fills "Seen by" with the practice's clinicians and selects the unit's.
    void show_clinicians();
    bool save_setup(const UnitSetup& setup);
    bool charge_sessions(const std::string& from, const std::string& to);
    bool take_payment(const NewPayment& payment);
    bool reverse_selected();
    // Writes the invoice of one partner to path; the number, or "" when refused.
    std::string invoice(std::int64_t client_id, const std::string& path);
    // ui/billing_documents.cpp: a partner's billing details and (optionally) a new payer and
    // coverage; a superbill, an estimate or an 837P written to path (the number, or "" when
    // refused, the reasons shown).
    bool save_insurance(const ClientDetails& details, const std::optional<Payer>& new_payer,
                        std::optional<Coverage> coverage);
    std::string superbill(const std::string& from, const std::string& to, const std::string& path);
    std::string estimate(const GfeRequest& request, const std::string& path);
    // ui/claims_manager.cpp: format "837p" or "cms1500".
    std::string file_claims(const std::string& from, const std::string& to, const std::string& path,
                            const std::string& format = "837p");
    // ui/billing_statements.cpp: a payment's receipt, a partner's statement for [from, to],
    // written to path (the number, or "" when refused, the reason shown).
    std::string receipt(std::int64_t payment_id, const std::string& path);
    std::string statement(std::int64_t client_id, const std::string& from, const std::string& to,
                          const std::string& path);
    // File > Print (preview: Print Preview) on the tab: the first partner's statement of
    // account, not numbered (ui/billing_statements.cpp); false when there is nothing to print.
    bool print(bool preview);
    // Prints an issued document again from the PDF saved when it was issued (the file at path;
    // preview: Print Preview): only when the file's SHA-256 is that of a document issued for
    // this unit, so what prints is that document, unchanged. Returns its number (printed,
    // previewed, or its print dialog cancelled), or "" when refused or failed (the reason
    // shown). Audited as "<kind>-print" (or "-pdf" to a file) when printing starts.
    std::string print_issued(const std::string& path, bool preview);
    bool apply_credit();
    bool refund(const NewRefund& refund);
    long charge_count() const { return m_charges->GetItemCount(); }
    wxString message() const { return m_message->GetLabel(); }

  private:
    void reload();
    void show_message(const wxString& text, bool error);
    // After a document was written: offers to e-mail it to the client (the mail plugin's
    // dyad.mail.documents/1), asking first with the recipient and the address; the outcome
    // joins the message line. Nothing is sent without the therapist's yes. shown: the document
    // as the question and the e-mail name it ("Invoice INV-000001"), in the chosen language
    // (the mail plugin's templates hold the message's other words).
    void offer_email(std::int64_t client_id, const wxString& shown, const std::string& path);
    void payment_dialog();
    void invoice_dialog();
    void insurance_dialog();
    void superbill_dialog();
    void estimate_dialog();
    void claims_dialog();
    void refund_dialog();
    void receipt_dialog();
    void statement_dialog();
    void print_issued_dialog();
    std::string by() const;
    UnitSetup setup_shown() const;

    dyad::sdk::Host m_host;
    BillingStore& m_store;
    DetailsStore& m_details;
    ClaimStore& m_claims;
    const Catalogue* m_catalogue;
    Confirm m_confirm;
    std::int64_t m_unit_id = 0;
    std::vector<dyad::sdk::Host::Member> m_members;
    std::vector<Charge> m_shown;

    wxChoice* m_kind = nullptr;
    wxChoice* m_patient = nullptr;
    wxSpinCtrl* m_first_share = nullptr;
    wxStaticText* m_split_label = nullptr;
    wxChoice* m_tier = nullptr;  // "(full fee)" then the catalogue's sliding-scale tiers.
    wxTextCtrl* m_review = nullptr;
    // "Seen by": the practice's own clinician, then the other clinicians (ids alongside, 0 for
    // the practice's own); filled on each show_unit.
    wxChoice* m_clinician = nullptr;
    std::vector<std::int64_t> m_clinician_ids;
    std::map<std::int64_t, std::string> m_clinician_names;
    wxListCtrl* m_charges = nullptr;
    wxStaticText* m_balances = nullptr;
    wxStaticText* m_message = nullptr;
};

}  // namespace dyad::billing
