#include "billing_panel.h"

#include <wx/button.h>
#include <wx/choicdlg.h>
#include <wx/dialog.h>
#include <wx/filedlg.h>
#include <wx/sizer.h>
#include <wx/textctrl.h>
#include <wx/wrapsizer.h>

#include <dyad/accessible_wx.hpp>

#include <time_text.h>
#include <wx_text.h>
#include <dyad/show.hpp>

#include "../src/clinicians.h"
#include "../src/money.h"

namespace dyad::billing {
namespace {

const char* const kKinds[] = {"self_pay", "insurance", "superbill"};

using dyad::ui::utf8;
using dyad::ui::wx;

// Who a charge is billed to (its stored kind), as the list shows it.
wxString billed_to_label(const std::string& kind) {
    if (kind == "self_pay") {
        return wxGETTEXT_IN_CONTEXT("billed to", "self-pay");
    }
    if (kind == "insurance") {
        return wxGETTEXT_IN_CONTEXT("billed to", "insurance");
    }
    return kind == "superbill" ? wxGETTEXT_IN_CONTEXT("billed to", "superbill") : wx(kind);
}

}  // namespace

wxString shown_money(std::int64_t cents) {
    return wx(dyad::show::money(cents));
}

wxString shown_date(const std::string& iso) {
    return wx(dyad::show::date(iso, dyad::show::DateStyle::Compact));
}

wxString method_label(const std::string& method) {
    if (method == "card") {
        return wxGETTEXT_IN_CONTEXT("payment method", "card");
    }
    if (method == "cash") {
        return wxGETTEXT_IN_CONTEXT("payment method", "cash");
    }
    if (method == "cheque") {
        return wxGETTEXT_IN_CONTEXT("payment method", "cheque");
    }
    if (method == "transfer") {
        return wxGETTEXT_IN_CONTEXT("payment method", "bank transfer");
    }
    return method == "insurer" ? wxGETTEXT_IN_CONTEXT("payment method", "insurer") : wx(method);
}

std::string review_due_words(const UnitSetup& setup, const std::string& today) {
    if (sliding_review_due(setup, today).empty()) {
        return {};
    }
    std::string text = dyad::show::tr(
        "Review due: the sliding-scale tier {tier} was to be reviewed by {date}: review the "
        "couple's fee.");
    text = dyad::show::fill(text, "tier", setup.sliding_tier);
    return dyad::show::fill(text, "date",
                            dyad::show::date(setup.sliding_review, dyad::show::DateStyle::Compact));
}

std::string gfe_warning_words(const GfeWatch& watch) {
    if (!watch.over()) {
        return {};
    }
    std::string text = dyad::show::tr(
        "Warning: billed {billed} in the period of estimate {number} ({estimate}): at least "
        "$400 over, the client may dispute the bill (45 CFR 149.620).");
    text = dyad::show::fill(text, "billed", dyad::show::money(watch.billed_cents));
    text = dyad::show::fill(text, "number", watch.number);
    return dyad::show::fill(text, "estimate", dyad::show::money(watch.estimate_cents));
}

BillingPanel::BillingPanel(wxWindow* parent, dyad::sdk::Host host, BillingStore& store,
                           DetailsStore& details, ClaimStore& claims, const Catalogue* catalogue,
                           Confirm confirm)
    : wxPanel(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxTAB_TRAVERSAL, "billing_panel"),
      m_host(host),
      m_store(store),
      m_details(details),
      m_claims(claims),
      m_catalogue(catalogue),
      m_confirm(std::move(confirm)) {
    m_kind = new wxChoice(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, 0, nullptr, 0,
                          wxDefaultValidator, "billing_kind");
    dyad::show::set_accessible_name(m_kind, _("Billed as"));
    m_kind->Append(_("Self-pay"));
    m_kind->Append(_("Insurance"));
    m_kind->Append(_("Out of network (superbill)"));
    m_patient = new wxChoice(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, 0, nullptr, 0,
                             wxDefaultValidator, "billing_patient");
    dyad::show::set_accessible_name(m_patient, _("Identified patient"));
    m_first_share = new wxSpinCtrl(this, wxID_ANY, "50", wxDefaultPosition, wxDefaultSize,
                                   wxSP_ARROW_KEYS, 0, 100, 50, "billing_first_share");
    dyad::show::set_accessible_name(m_first_share, _("First partner's share (%)"));
    m_split_label =
        new wxStaticText(this, wxID_ANY, "", wxDefaultPosition, wxDefaultSize, 0, "billing_split");
    m_tier = new wxChoice(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, 0, nullptr, 0,
                          wxDefaultValidator, "billing_sliding_tier");
    dyad::show::set_accessible_name(m_tier, _("Sliding scale (self-pay)"));
    m_tier->Append(_("(full fee)"));
    for (const auto& tier :
         m_catalogue != nullptr ? m_catalogue->sliding_scale : std::vector<SlidingTier>{}) {
        m_tier->Append(wxString::Format(_("%s: %s (%d%% of the fee)"), wx(tier.id), wx(tier.label),
                                        tier.percent));
    }
    m_tier->SetSelection(0);
    m_review = new wxTextCtrl(this, wxID_ANY, "", wxDefaultPosition, wxSize(110, -1), 0,
                              wxDefaultValidator, "billing_sliding_review");
    dyad::show::set_accessible_name(m_review, _("Review by"));
    m_review->SetHint(_("YYYY-MM-DD"));
    m_clinician = new wxChoice(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, 0, nullptr, 0,
                               wxDefaultValidator, "billing_clinician");
    dyad::show::set_accessible_name(m_clinician, _("Seen by"));
    auto* save = new wxButton(this, wxID_ANY, _("Save &Setup"), wxDefaultPosition, wxDefaultSize, 0,
                              wxDefaultValidator, "billing_save_setup");
    m_charges =
        new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxSize(-1, 200),
                       wxLC_REPORT | wxLC_SINGLE_SEL, wxDefaultValidator, "billing_charges");
    dyad::show::set_accessible_name(m_charges, _("Charges"));
    m_charges->AppendColumn(_("Date"), wxLIST_FORMAT_LEFT, 100);
    m_charges->AppendColumn(_("Code"), wxLIST_FORMAT_LEFT, 90);
    m_charges->AppendColumn(_("Service"), wxLIST_FORMAT_LEFT, 260);
    m_charges->AppendColumn(_("Amount"), wxLIST_FORMAT_RIGHT, 90);
    m_charges->AppendColumn(_("Billed to"), wxLIST_FORMAT_LEFT, 90);
    m_charges->AppendColumn(_("Paid"), wxLIST_FORMAT_RIGHT, 90);
    m_charges->AppendColumn(_("Seen by"), wxLIST_FORMAT_LEFT, 140);
    m_balances = new wxStaticText(this, wxID_ANY, "", wxDefaultPosition, wxDefaultSize, 0,
                                  "billing_balances");
    auto* charge = new wxButton(this, wxID_ANY, _("&Charge Attended Sessions"), wxDefaultPosition,
                                wxDefaultSize, 0, wxDefaultValidator, "billing_charge_sessions");
    auto* pay = new wxButton(this, wxID_ANY, _("Take &Payment..."), wxDefaultPosition,
                             wxDefaultSize, 0, wxDefaultValidator, "billing_pay");
    auto* reverse = new wxButton(this, wxID_ANY, _("&Reverse Charge..."), wxDefaultPosition,
                                 wxDefaultSize, 0, wxDefaultValidator, "billing_reverse");
    auto* invoice = new wxButton(this, wxID_ANY, _("&Invoice..."), wxDefaultPosition, wxDefaultSize,
                                 0, wxDefaultValidator, "billing_invoice");
    auto* insurance = new wxButton(this, wxID_ANY, _("Insurance && &Details..."), wxDefaultPosition,
                                   wxDefaultSize, 0, wxDefaultValidator, "billing_insurance");
    auto* superbill = new wxButton(this, wxID_ANY, _("Super&bill..."), wxDefaultPosition,
                                   wxDefaultSize, 0, wxDefaultValidator, "billing_superbill");
    auto* estimate = new wxButton(this, wxID_ANY, _("Good Faith &Estimate..."), wxDefaultPosition,
                                  wxDefaultSize, 0, wxDefaultValidator, "billing_estimate");
    auto* claim = new wxButton(this, wxID_ANY, _("C&laims..."), wxDefaultPosition, wxDefaultSize, 0,
                               wxDefaultValidator, "billing_claims");
    auto* apply = new wxButton(this, wxID_ANY, _("Apply Cre&dit"), wxDefaultPosition, wxDefaultSize,
                               0, wxDefaultValidator, "billing_apply_credit");
    auto* give_back = new wxButton(this, wxID_ANY, _("Re&fund..."), wxDefaultPosition,
                                   wxDefaultSize, 0, wxDefaultValidator, "billing_refund");
    auto* receipt = new wxButton(this, wxID_ANY, _("Receip&t..."), wxDefaultPosition, wxDefaultSize,
                                 0, wxDefaultValidator, "billing_receipt");
    auto* statement = new wxButton(this, wxID_ANY, _("State&ment..."), wxDefaultPosition,
                                   wxDefaultSize, 0, wxDefaultValidator, "billing_statement");
    auto* again = new wxButton(this, wxID_ANY, _("Print Issued Doc&ument..."), wxDefaultPosition,
                               wxDefaultSize, 0, wxDefaultValidator, "billing_print_issued");
    again->SetToolTip(
        _("Prints an invoice, receipt, statement, superbill or estimate issued for "
          "this unit again, from the PDF saved when it was issued."));
    m_message = new wxStaticText(this, wxID_ANY, "", wxDefaultPosition, wxDefaultSize, 0,
                                 "billing_message");

    auto* setup = new wxWrapSizer(wxHORIZONTAL);
    setup->Add(new wxStaticText(this, wxID_ANY, _("Billed as")), 0,
               wxALIGN_CENTER_VERTICAL | wxRIGHT, 6);
    setup->Add(m_kind, 0, wxRIGHT, 12);
    setup->Add(new wxStaticText(this, wxID_ANY, _("Identified patient")), 0,
               wxALIGN_CENTER_VERTICAL | wxRIGHT, 6);
    setup->Add(m_patient, 0, wxRIGHT, 12);
    setup->Add(m_first_share, 0, wxRIGHT, 6);
    setup->Add(m_split_label, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 12);
    setup->Add(save, 0);
    auto* sliding = new wxWrapSizer(wxHORIZONTAL);
    sliding->Add(new wxStaticText(this, wxID_ANY, _("Sliding scale (self-pay)")), 0,
                 wxALIGN_CENTER_VERTICAL | wxRIGHT, 6);
    sliding->Add(m_tier, 0, wxRIGHT, 12);
    sliding->Add(new wxStaticText(this, wxID_ANY, _("Review by")), 0,
                 wxALIGN_CENTER_VERTICAL | wxRIGHT, 6);
    sliding->Add(m_review, 0, wxRIGHT, 12);
    sliding->Add(new wxStaticText(this, wxID_ANY, _("Seen by")), 0,
                 wxALIGN_CENTER_VERTICAL | wxRIGHT, 6);
    sliding->Add(m_clinician, 0);
    auto* actions = new wxWrapSizer(wxHORIZONTAL);
    for (wxButton* button : {charge, pay, reverse, invoice, receipt, statement}) {
        actions->Add(button, 0, wxRIGHT, 6);
    }
    auto* documents = new wxWrapSizer(wxHORIZONTAL);
    for (wxButton* button : {insurance, superbill, estimate, claim, apply, give_back, again}) {
        documents->Add(button, 0, wxRIGHT, 6);
    }
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    // Rows wrap where the page is narrower than they are (large text, a small window), so no
    // control is cut to nothing.
    sizer->Add(setup, 0, wxEXPAND | wxALL, 8);
    sizer->Add(sliding, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, 8);
    sizer->Add(m_charges, 1, wxEXPAND | wxLEFT | wxRIGHT, 8);
    sizer->Add(m_balances, 0, wxALL, 8);
    sizer->Add(actions, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, 8);
    sizer->Add(documents, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, 8);
    sizer->Add(m_message, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, 8);
    SetSizer(sizer);

    m_first_share->Bind(wxEVT_SPINCTRL, [this](wxSpinEvent&) {
        if (m_members.size() == 2) {
            m_split_label->SetLabel(
                wxString::Format(_("%% for %s, %d%% for %s"), wx(m_members[0].given_name),
                                 100 - m_first_share->GetValue(), wx(m_members[1].given_name)));
        }
    });
    save->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { save_setup(setup_shown()); });
    charge->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        // The last twelve months: nothing older is left unbilled by accident.
        charge_sessions(local_date_days_ago(366), dyad::datafile::local_today());
    });
    pay->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { payment_dialog(); });
    reverse->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { reverse_selected(); });
    invoice->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { invoice_dialog(); });
    insurance->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { insurance_dialog(); });
    superbill->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { superbill_dialog(); });
    estimate->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { estimate_dialog(); });
    claim->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { claims_dialog(); });
    apply->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { apply_credit(); });
    give_back->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { refund_dialog(); });
    receipt->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { receipt_dialog(); });
    statement->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { statement_dialog(); });
    again->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { print_issued_dialog(); });
}

std::string BillingPanel::by() const {
    return m_host.signed_in().name.empty() ? "user" : m_host.signed_in().name;
}

void BillingPanel::show_unit(std::int64_t unit_id) {
    m_unit_id = unit_id;
    m_members = unit_id != 0 ? m_host.members(unit_id) : std::vector<dyad::sdk::Host::Member>();
    m_patient->Clear();
    m_patient->Append(_("(none)"));
    for (const auto& member : m_members) {
        m_patient->Append(wx(member.full_name()));
    }
    m_kind->SetSelection(0);
    m_patient->SetSelection(0);
    m_first_share->SetValue(m_members.size() > 1 ? 50 : 100);
    m_first_share->Enable(m_members.size() == 2);
    m_tier->SetSelection(0);
    m_review->ChangeValue("");
    if (auto setup = unit_id != 0 ? m_store.unit(unit_id) : Result<std::optional<UnitSetup>>();
        setup && *setup) {
        for (int i = 0; i < 3; ++i) {
            if ((*setup)->kind == kKinds[i]) {
                m_kind->SetSelection(i);
            }
        }
        if (m_catalogue != nullptr) {
            for (std::size_t i = 0; i < m_catalogue->sliding_scale.size(); ++i) {
                if (m_catalogue->sliding_scale[i].id == (*setup)->sliding_tier) {
                    m_tier->SetSelection(static_cast<int>(i) + 1);
                }
            }
        }
        m_review->ChangeValue(wx((*setup)->sliding_review));
        for (std::size_t i = 0; i < m_members.size(); ++i) {
            if ((*setup)->identified_patient_id == m_members[i].client_id) {
                m_patient->SetSelection(static_cast<int>(i) + 1);
            }
            for (const auto& part : (*setup)->split) {
                if (i == 0 && part.client_id == m_members[0].client_id) {
                    m_first_share->SetValue(part.percent);
                }
            }
        }
    }
    show_clinicians();
    wxSpinEvent refresh(wxEVT_SPINCTRL);
    m_first_share->GetEventHandler()->ProcessEvent(refresh);
    show_message("", false);
    reload();
}

UnitSetup BillingPanel::setup_shown() const {
    UnitSetup setup;
    setup.unit_id = m_unit_id;
    setup.kind = kKinds[std::max(0, m_kind->GetSelection())];
    int tier = m_tier->GetSelection();
    if (tier > 0 && m_catalogue != nullptr &&
        static_cast<std::size_t>(tier) <= m_catalogue->sliding_scale.size()) {
        setup.sliding_tier = m_catalogue->sliding_scale[static_cast<std::size_t>(tier - 1)].id;
    }
    setup.sliding_review = utf8(m_review->GetValue().Strip(wxString::both));
    int patient = m_patient->GetSelection();
    if (patient > 0) {
        setup.identified_patient_id = m_members[static_cast<std::size_t>(patient - 1)].client_id;
    }
    if (m_members.size() == 2) {
        setup.split = {{m_members[0].client_id, m_first_share->GetValue()},
                       {m_members[1].client_id, 100 - m_first_share->GetValue()}};
    } else {
        // Families and groups: equal shares, the rest to the first member.
        int each = m_members.empty() ? 0 : 100 / static_cast<int>(m_members.size());
        for (std::size_t i = 0; i < m_members.size(); ++i) {
            setup.split.push_back(
                {m_members[i].client_id,
                 each + (i == 0 ? 100 - each * static_cast<int>(m_members.size()) : 0)});
        }
    }
    return setup;
}

void BillingPanel::reload() {
    m_charges->DeleteAllItems();
    m_shown.clear();
    m_balances->SetLabel("");
    if (m_unit_id == 0) {
        return;
    }
    auto charges = m_store.charges(m_unit_id);
    if (!charges) {
        show_message(wx(charges.error()), true);
        return;
    }
    m_shown = std::move(*charges);
    for (const auto& charge : m_shown) {
        long row =
            m_charges->InsertItem(m_charges->GetItemCount(), shown_date(charge.service_date));
        m_charges->SetItem(row, 1, wx(charge.code));
        m_charges->SetItem(row, 2,
                           wx(charge.label) + (charge.reversal_of ? _(" (reversal)")
                                               : charge.reversed  ? _(" (reversed)")
                                                                  : wxString()));
        m_charges->SetItem(row, 3, shown_money(charge.amount_cents));
        m_charges->SetItem(row, 4, billed_to_label(charge.billed_to));
        std::int64_t paid = 0;
        for (const auto& share : charge.shares) {
            paid += share.paid_cents;
        }
        m_charges->SetItem(row, 5, shown_money(paid));
        auto name = m_clinician_names.find(charge.clinician_id.value_or(0));
        m_charges->SetItem(row, 6, name != m_clinician_names.end() ? wx(name->second) : wxString());
    }
    auto balances = m_store.balances(m_unit_id);
    if (balances) {
        wxString text;
        for (const auto& balance : *balances) {
            for (const auto& member : m_members) {
                if (member.client_id == balance.client_id) {
                    text += (text.empty() ? "" : "    ") +
                            wxString::Format(_("%s owes %s"), wx(member.given_name),
                                             shown_money(balance.balance()));
                }
            }
        }
        if (auto credit = m_store.credit(m_unit_id); credit && *credit > 0) {
            text += "    " + wxString::Format(_("Credit %s"), shown_money(*credit));
        }
        if (auto watch = gfe_watch(dyad::sdk::Database(m_host), m_unit_id); watch && *watch) {
            text +=
                "\n" + (!(*watch)->over() ? wxString::Format(_("Estimate %s: %s billed of %s."),
                                                             wx((*watch)->number),
                                                             shown_money((*watch)->billed_cents),
                                                             shown_money((*watch)->estimate_cents))
                                          : wx(gfe_warning_words(**watch)));
        }
        if (auto setup = m_store.unit(m_unit_id); setup && *setup) {
            std::string due = review_due_words(**setup, dyad::datafile::local_today());
            if (!due.empty()) {
                text += "\n" + wx(due);
            }
        }
        m_balances->SetLabel(text);
    }
    Layout();
}

void BillingPanel::show_message(const wxString& text, bool error) {
    m_message->SetForegroundColour(error ? wxColour(170, 0, 0) : GetForegroundColour());
    m_message->SetLabel(text);
    Layout();
}

void BillingPanel::show_clinicians() {
    m_clinician->Clear();
    m_clinician_ids.clear();
    m_clinician_names.clear();
    auto identity = IdentityStore(m_host).load();
    std::string own = identity && *identity ? (*identity)->clinician_name : std::string();
    m_clinician_names[0] = own;
    m_clinician->Append(own.empty() ? _("The practice's own clinician")
                                    : wxString::Format(_("%s (the practice's own)"), wx(own)));
    m_clinician_ids.push_back(0);
    ClinicianStore clinicians(m_host);
    if (auto all = clinicians.list(true)) {
        for (const auto& clinician : *all) {
            m_clinician_names[clinician.id] = clinician.name;
            if (!clinician.retired) {
                m_clinician->Append(wx(clinician.name));
                m_clinician_ids.push_back(clinician.id);
            }
        }
    }
    m_clinician->SetSelection(0);
    auto seen_by = m_unit_id != 0 ? clinicians.unit_clinician(m_unit_id)
                                  : std::expected<std::optional<std::int64_t>, std::string>();
    for (std::size_t i = 0; seen_by && *seen_by && i < m_clinician_ids.size(); ++i) {
        if (m_clinician_ids[i] == **seen_by) {
            m_clinician->SetSelection(static_cast<int>(i));
        }
    }
    // Shown only where the practice bills for more than one clinician.
    m_clinician->Enable(m_clinician_ids.size() > 1);
}

bool BillingPanel::save_setup(const UnitSetup& setup) {
    auto saved = m_store.set_unit(setup);
    if (saved && m_clinician->GetSelection() >= 0 && m_unit_id != 0) {
        std::int64_t id = m_clinician_ids[static_cast<std::size_t>(m_clinician->GetSelection())];
        ClinicianStore clinicians(m_host);
        auto current = clinicians.unit_clinician(m_unit_id);
        if (!current) {
            saved = std::unexpected(current.error());
        } else if (current->value_or(0) != id) {
            // From today: sessions held before keep the clinician who held them.
            saved = clinicians.set_unit_clinician(
                m_unit_id, id == 0 ? std::nullopt : std::optional<std::int64_t>(id));
        }
    }
    show_message(saved ? _("Billing setup saved.") : wx(saved.error()), !saved);
    return static_cast<bool>(saved);
}

bool BillingPanel::charge_sessions(const std::string& from, const std::string& to) {
    auto run = m_store.charge_sessions(m_unit_id, from, to, by());
    if (!run) {
        show_message(wx(run.error()), true);
        return false;
    }
    reload();
    wxString text = wxString::Format(
        wxPLURAL("%d charge created.", "%d charges created.", run->created), run->created);
    if (!run->skipped.empty()) {
        text += " " + wxString::Format(_("Skipped: %s"), wx(run->skipped.front()));
    }
    show_message(text, false);
    return true;
}

bool BillingPanel::take_payment(const NewPayment& payment) {
    auto paid = m_store.pay(payment, by());
    if (!paid) {
        show_message(wx(paid.error()), true);
        return false;
    }
    reload();
    show_message(
        wxString::Format(_("Payment recorded: %s allocated, %s credit."),
                         shown_money(paid->allocated_cents), shown_money(paid->credit_cents)),
        false);
    return true;
}

bool BillingPanel::reverse_selected() {
    long row = m_charges->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
    if (row < 0 || static_cast<std::size_t>(row) >= m_shown.size()) {
        show_message(_("Choose a charge to reverse."), true);
        return false;
    }
    const Charge& charge = m_shown[static_cast<std::size_t>(row)];
    wxString question = wxString::Format(_("Reverse the %s charge of %s? A reversal is posted; "
                                           "the charge stays on the ledger."),
                                         wx(charge.code), shown_date(charge.service_date));
    auto paid = m_store.paid_toward(charge.id);
    if (!paid) {
        show_message(wx(paid.error()), true);
        return false;
    }
    if (*paid > 0) {
        question += "\n\n" + wxString::Format(_("The %s paid toward it goes back to the couple's "
                                                "credit: apply it to other sessions or refund it."),
                                              shown_money(*paid));
    }
    if (!m_confirm(this, question)) {
        return false;
    }
    auto reversed = m_store.reverse(charge.id, by());
    if (!reversed) {
        show_message(wx(reversed.error()), true);
        return false;
    }
    reload();
    show_message(_("Reversed."), false);
    return true;
}

std::string BillingPanel::invoice(std::int64_t client_id, const std::string& path) {
    auto issued = issue_invoice(m_host, m_store, m_unit_id, client_id, path, by());
    if (!issued) {
        show_message(wx(issued.error()), true);
        return {};
    }
    show_message(wxString::Format(_("Invoice %s written (%s)."), wx(issued->number),
                                  shown_money(issued->total_cents)),
                 false);
    offer_email(client_id, wxString::Format(_("Invoice %s"), wx(issued->number)), path);
    return issued->number;
}

void BillingPanel::payment_dialog() {
    if (m_unit_id == 0 || m_members.empty()) {
        return;
    }
    wxDialog dialog(this, wxID_ANY, _("Take Payment"), wxDefaultPosition, wxDefaultSize,
                    wxDEFAULT_DIALOG_STYLE, "billing_payment_dialog");
    auto* amount = new wxTextCtrl(&dialog, wxID_ANY, "", wxDefaultPosition, wxSize(140, -1), 0,
                                  wxDefaultValidator, "payment_amount");
    auto* method = new wxChoice(&dialog, wxID_ANY, wxDefaultPosition, wxDefaultSize, 0, nullptr, 0,
                                wxDefaultValidator, "payment_method");
    for (const char* name : kPaymentMethods) {
        method->Append(method_label(name));
    }
    method->SetSelection(0);
    auto* payer = new wxChoice(&dialog, wxID_ANY, wxDefaultPosition, wxDefaultSize, 0, nullptr, 0,
                               wxDefaultValidator, "payment_payer");
    for (const auto& member : m_members) {
        payer->Append(wx(member.full_name()));
    }
    payer->SetSelection(0);
    auto* grid = new wxFlexGridSizer(2, 6, 12);
    grid->Add(new wxStaticText(&dialog, wxID_ANY, _("&Amount")), 0, wxALIGN_CENTER_VERTICAL);
    grid->Add(amount);
    grid->Add(new wxStaticText(&dialog, wxID_ANY, _("&Method")), 0, wxALIGN_CENTER_VERTICAL);
    grid->Add(method);
    grid->Add(new wxStaticText(&dialog, wxID_ANY, _("&Paid by")), 0, wxALIGN_CENTER_VERTICAL);
    grid->Add(payer);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(grid, 0, wxALL, 12);
    sizer->Add(new wxStaticText(&dialog, wxID_ANY,
                                _("The payment is split between the partners by the unit's "
                                  "shares, oldest sessions first; what is over is kept as "
                                  "credit.")),
               0, wxLEFT | wxRIGHT, 12);
    sizer->Add(dialog.CreateButtonSizer(wxOK | wxCANCEL), 0, wxEXPAND | wxALL, 12);
    dialog.SetSizerAndFit(sizer);
    amount->SetFocus();
    if (dialog.ShowModal() != wxID_OK) {
        return;
    }
    auto cents = parse_shown_cents(utf8(amount->GetValue()));
    if (!cents) {
        show_message(wx(cents.error()), true);
        return;
    }
    NewPayment payment;
    payment.unit_id = m_unit_id;
    payment.amount_cents = *cents;
    payment.method = kPaymentMethods[std::max(0, method->GetSelection())];
    payment.received_on = dyad::datafile::local_today();
    payment.from_client_id = m_members[static_cast<std::size_t>(payer->GetSelection())].client_id;
    take_payment(payment);
}

void BillingPanel::invoice_dialog() {
    if (m_unit_id == 0 || m_members.empty()) {
        return;
    }
    wxArrayString names;
    for (const auto& member : m_members) {
        names.Add(wx(member.full_name()));
    }
    int chosen = wxGetSingleChoiceIndex(_("Invoice whose share?"), _("Invoice"), names, 0, this);
    if (chosen < 0) {
        return;
    }
    std::string path =
        save_path(this, _("Save Invoice"), "invoice.pdf", _("PDF files (*.pdf)|*.pdf"));
    if (!path.empty()) {
        invoice(m_members[static_cast<std::size_t>(chosen)].client_id, path);
    }
}

}  // namespace dyad::billing
