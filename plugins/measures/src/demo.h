// The measures plugin's part of the demo practice (dyad.demo/1): outcome measures given at the
// demo units' attended sessions, scored by the plugin's own store, with the cadences that
// planned them, so the Measures tab, the Overview card and the Home card show real trends.
// No wx here.
#pragma once

#include <dyad/plugin.hpp>

#include <string>

#include "instrument.h"
#include "scoring.h"
#include "store.h"

namespace dyad::measures {

// Fills, in one transaction, through store (scored, audited and flagged as the Measures tab
// would), for the request's units (demo.h order):
//  [0] Ana & Ben Ortiz: the CSI-16 for each partner every third attended session (cadence
//      "every 3 sessions"), both rising past the cut-off; the PHQ-9 for Ana about every four
//      weeks (cadence "every 28 days"), a reliable improvement from moderate to mild.
//  [1] Dee & Eli Moss: the CSI-16 for each partner every fourth attended session.
//  [2] Carla Diaz: the PHQ-9 and the GAD-7 every second attended session, both reliable
//      improvements.
// Sessions are the units' attended appointments before request.today, read through dyad.core/1;
// each administration is dated on its session's local day. No risk item is ever endorsed (no
// safety flag). Does nothing when any of these units has measures or cadences already.
// Throws std::runtime_error with a sentence on failure (nothing is then left behind).
void fill_demo(dyad::sdk::Host host, MeasuresStore& store, const dyad::sdk::DemoRequest& request);

// Answers to instrument whose total is exactly total: spread evenly over the scored items, with
// a small deterministic unevenness chosen by variant; risk items answered at their lowest,
// unscored items in proportion to the total. Throws when total is out of the instrument's range.
Answers demo_answers(const Instrument& instrument, double total, int variant);

}  // namespace dyad::measures
