// A couple practice's money over the plugin's confined connection (issue 16): how each unit
// is billed (kind, identified patient, responsible party, the split between partners), charges
// from attended sessions by the time rule, reversals, payments allocated across charges and
// across partners, and the ledger with its running balance. Every step is one transaction: a
// refused step saves nothing. Posted rows are never changed (schema.cpp's triggers).
// Thread: [main-thread]. No wx here.
#pragma once

#include <time_text.h>
#include <dyad/db.hpp>

#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <vector>

#include "catalogue.h"

namespace dyad::billing {

template <class T>
using Result = std::expected<T, std::string>;

struct SplitPart {
    std::int64_t client_id = 0;
    int percent = 0;
};

struct UnitSetup {
    std::int64_t unit_id = 0;
    std::string kind = "self_pay";  // "self_pay", "insurance" or "superbill".
    std::optional<std::int64_t> identified_patient_id;
    std::optional<std::int64_t> responsible_client_id;
    std::vector<SplitPart> split;  // Members and their percent; sums to 100.
    // Self-pay only: the catalogue's sliding-scale tier ("" for the full fee) and the day it
    // is to be reviewed (required with a tier).
    std::string sliding_tier;
    std::string sliding_review;
};

// "" while a unit's sliding-scale tier needs no review on today; otherwise the words saying
// it is due (the Billing tab and the Overview card show them).
std::string sliding_review_due(const UnitSetup& setup, const std::string& today);

struct Share {
    std::int64_t client_id = 0;
    std::int64_t amount_cents = 0;
    std::int64_t paid_cents = 0;
};

struct Charge {
    std::int64_t id = 0;
    std::int64_t unit_id = 0;
    std::optional<std::int64_t> appointment_id;
    std::string service_date;
    std::string code;
    std::string label;
    std::optional<int> minutes;
    std::string place_of_service;
    std::string modifier;
    std::int64_t amount_cents = 0;
    std::string billed_to;
    std::optional<std::int64_t> patient_id;  // The identified patient it was billed under.
    std::optional<std::int64_t> reversal_of;
    bool reversed = false;
    std::vector<Share> shares;
    // The clinician it was rendered by (clinicians.h); nullopt: the practice's own.
    std::optional<std::int64_t> clinician_id;
};

struct ChargeRun {
    int created = 0;
    std::vector<std::string> skipped;  // One line per session left out, with the reason.
};

struct NewCharge {
    std::int64_t unit_id = 0;
    std::optional<std::int64_t> appointment_id;
    std::string service_date;  // "YYYY-MM-DD"
    std::string code;
    std::optional<std::int64_t> fee_cents;  // The catalogue's fee when not given.
};

struct NewPayment {
    std::int64_t unit_id = 0;
    std::optional<std::int64_t> from_client_id;
    std::string method = "card";  // cash, card, cheque, transfer, insurer.
    std::int64_t amount_cents = 0;
    std::string received_on;  // "YYYY-MM-DD"
    std::string reference;
    // How much goes to each partner's shares; empty: by the unit's split.
    std::vector<std::pair<std::int64_t, std::int64_t>> for_clients;
};

struct NewRefund {
    std::int64_t unit_id = 0;
    std::optional<std::int64_t> to_client_id;
    std::string method = "card";  // cash, card, cheque, transfer.
    std::int64_t amount_cents = 0;
    std::string refunded_on;  // "YYYY-MM-DD"
    std::string reason;
};

struct PaymentResult {
    std::int64_t payment_id = 0;
    std::int64_t allocated_cents = 0;
    std::int64_t credit_cents = 0;  // Left over after every open share: the unit's credit.
};

struct LedgerRow {
    std::string date;
    std::string kind;  // "charge", "reversal", "payment", "refund"
    std::string description;
    std::int64_t amount_cents = 0;   // Charges add, reversals and payments subtract.
    std::int64_t balance_cents = 0;  // Running.
};

struct PartnerBalance {
    std::int64_t client_id = 0;
    std::int64_t owed_cents = 0;
    std::int64_t paid_cents = 0;
    std::int64_t balance() const { return owed_cents - paid_cents; }
};

class BillingStore {
  public:
    // catalogue may change later (set_catalogue); it must outlive the store's calls.
    BillingStore(dyad::sdk::Host host, const Catalogue* catalogue);
    void set_catalogue(const Catalogue* catalogue) { m_catalogue = catalogue; }

    // Refused in words: a member not of the unit, percents not summing to 100, insurance or a
    // superbill without an identified patient (a member), a sliding-scale tier the catalogue
    // does not have, on a unit not self-pay, or without a real review date.
    Result<void> set_unit(const UnitSetup& setup);
    Result<std::optional<UnitSetup>> unit(std::int64_t unit_id);

    // Charges for the unit's attended sessions (and a no-show fee for missed ones) between
    // from and to (local dates, inclusive) that have none yet; only those appointments when
    // `only` is given (the practice view's list). Skipped sessions say why.
    Result<ChargeRun> charge_sessions(std::int64_t unit_id, const std::string& from,
                                      const std::string& to, const std::string& by,
                                      const std::vector<std::int64_t>* only = nullptr);
    // One charge by hand (an add-on, a late-cancel fee): pairing and duplicates checked.
    Result<std::int64_t> add_charge(const NewCharge& charge, const std::string& by);
    // A reversal of a posted charge (its shares negated); refused for a reversal or a charge
    // reversed already. What was paid toward the charge is released to the unit's credit (the
    // reversal takes the payments' allocations negated), in the same transaction.
    Result<std::int64_t> reverse(std::int64_t charge_id, const std::string& by);
    // What was paid toward a charge (all partners), the amount a reversal would release.
    Result<std::int64_t> paid_toward(std::int64_t charge_id);
    Result<PaymentResult> pay(const NewPayment& payment, const std::string& by);
    // credit.cpp: the unit's credit paid to open shares (any partner's), oldest first, from
    // the payments it came from; returns the cents applied (0 when nothing is open or no
    // credit is held).
    Result<std::int64_t> apply_credit(std::int64_t unit_id, const std::string& by);
    // Money given back from the unit's credit (never more than it holds: a paid charge is not
    // refunded by this); returns the refund's id.
    Result<std::int64_t> refund(const NewRefund& refund, const std::string& by);

    Result<std::vector<Charge>> charges(std::int64_t unit_id);
    Result<std::vector<LedgerRow>> ledger(std::int64_t unit_id);
    Result<std::vector<PartnerBalance>> balances(std::int64_t unit_id);
    // Paid, not allocated to any share and not refunded: the unit's credit (applied to later
    // charges by apply_credit). The ledger's balance = what the partners owe - this credit.
    Result<std::int64_t> credit(std::int64_t unit_id);
    // Sessions attended with no charge yet and money owed, across the practice (Home card).
    Result<std::pair<int, std::int64_t>> practice_summary(const std::string& today);
    // The attended sessions of the 90 days to today in units set up for billing that have no
    // charge standing (none, or only reversed ones), oldest first.
    struct Unbilled {
        std::int64_t appointment_id = 0;
        std::int64_t unit_id = 0;
        std::string date;  // Local "YYYY-MM-DD".
    };
    Result<std::vector<Unbilled>> unbilled_sessions(const std::string& today);

  private:
    Result<std::int64_t> post_charge(const UnitSetup& setup, const NewCharge& charge,
                                     const Service& service, std::optional<int> minutes,
                                     const std::string& place_of_service, const std::string& by);
    Result<bool> has_open_charge(std::int64_t appointment_id, const std::string& code);
    // "" when a service that needs an identified patient may go to insurance or a superbill
    // for this unit: the IP has an active diagnosis beyond a Z-code (read from the records
    // plugin); otherwise why not, in words.
    std::string identified_patient_problem(const UnitSetup& setup);

    dyad::sdk::Host m_host;
    dyad::sdk::Database m_db;
    const Catalogue* m_catalogue;
};

// The local date ("YYYY-MM-DD") of a UTC time "YYYY-MM-DDTHH:MM:SSZ", and the whole minutes
// between two of them (nullopt when either is malformed or end is before start).
using dyad::datafile::local_date_of;
// The local date `days` before today, "YYYY-MM-DD".
std::string local_date_days_ago(int days);
// Local midnight starting `date` ("YYYY-MM-DD", a real day: not 2026-02-30), as UTC text;
// `days` later when asked. nullopt for anything else.
using dyad::datafile::local_midnight_utc;
std::optional<int> minutes_between(const std::string& start_utc, const std::string& end_utc);

}  // namespace dyad::billing
