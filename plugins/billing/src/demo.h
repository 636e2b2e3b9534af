// The billing plugin's part of the demo practice (SDK 1.1 "dyad.demo/1", sdk/include/dyad/demo.h).
// No wx here. Thread: [main-thread].
#pragma once

#include <dyad/plugin.hpp>

#include "catalogue.h"
#include "ledger.h"

namespace dyad::billing {

// Fills the demo practice's billing, all through the store's own functions (so the numbering,
// the triggers and the audit trail are what the Billing tab would have made), in one
// transaction:
//  - the billing identity (Demo Practice, Maya Lin LMFT, a made-up NPI and EIN, an Oregon
//    address), unless one is saved already; the clinician's facts come from the Directory
//    Profile when that plugin has a complete one;
//  - each unit's setup: [0] Ortiz self-pay 60/40 Ana/Ben with Ana the identified patient;
//    [1] Moss self-pay 50/50; [2] Diaz self-pay on sliding-scale tier B, review in 60 days;
//    [3] Nguyen self-pay 50/50 between the parents, Kim the identified patient; [5] Haddad
//    (discharged) self-pay, when the request has six units. [4] (the waitlist) is left alone;
//  - charges for every attended and missed session of the last twelve months
//    (charge_sessions: the catalogue's fees, a no-show fee for a missed one) and a late-cancel
//    fee for the Moss couple's cancelled session;
//  - payments received on the sessions' days: card, cash, cheque and transfer, some paying
//    one partner's share only; everything is paid except Ben Ortiz's last two shares and Eli
//    Moss's shares from six weeks back on (so the aging report shows 31-60 days).
// Dates are the sessions' own (read through dyad.core/1) and request.today. Writes nothing on
// disk (no invoice, receipt or superbill). Does nothing when any of the units already has a
// billing setup or charges (a demo filled before). Throws std::runtime_error saying what
// failed (the transaction is then rolled back: nothing is left behind), also when the
// catalogue could not be read or the request has fewer than four units.
void fill_demo(const dyad::sdk::Host& host, BillingStore& store, const Catalogue* catalogue,
               const dyad::sdk::DemoRequest& request);

}  // namespace dyad::billing
