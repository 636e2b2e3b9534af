// The records plugin's part of the demo practice (SDK 1.1 "dyad.demo/1", sdk/include/dyad/demo.h):
// progress notes, diagnoses and treatment plans, so that the Notes, Diagnoses and Plan tabs, the
// Overview's Chart card and the dashboard's "Notes to sign" show real, recent content. Made up
// throughout. No wx here.
#pragma once

#include <dyad/plugin.hpp>

#include "records.h"

namespace dyad::records_plugin {

// Fills the demo through the stores the tabs use (create_draft, save_section, sign;
// DiagnosisStore::add; PlanStore), each step audited as the tab audits it, all in one
// transaction:
//  - a progress note for every attended session (read through dyad.core/1) of
//    request.unit_ids [0] Ortiz and [1] Moss (Imago session notes), [2] Diaz (DAP), [3] Nguyen
//    (SOAP) and [5] Haddad (BIRP), its session date the session's local date, every member a
//    participant, worded from demo_texts.h; all signed (by signer_name(records.host), as the
//    Notes tab signs) except the two latest of Ortiz and the latest of Moss, left as drafts;
//  - diagnoses: Ortiz Z63.0 (the couple's) and F43.22 (Ana's); Moss Z63.0 alone (so the
//    Diagnoses tab shows its billing warning); Diaz F43.21; Nguyen Z62.820 (the family's) and
//    F43.25 (Kim's); Haddad F43.23, resolved;
//  - treatment plans: Ortiz the "imago" plan template with its problem worded for them, each
//    goal and objective given a status and target date, review in five weeks; Moss a lighter
//    plan of three goals, review in four weeks.
// [4] (the waitlist) is left alone. Dates are relative to request.today ("YYYY-MM-DD") and to
// the sessions. Does nothing when any of these units already has a note, a diagnosis or a
// plan (a demo filled before). Throws std::runtime_error saying what failed (fewer than six
// units, a template or code missing from the data files, a store's refusal); the transaction
// is then rolled back and nothing is left behind. Thread: [main-thread].
void fill_demo(Records& records, const dyad::sdk::DemoRequest& request);

}  // namespace dyad::records_plugin
