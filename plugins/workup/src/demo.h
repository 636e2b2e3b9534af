// The plugin's part of the demo practice (dyad.demo/1): worksheets the demo's couples filled
// in over the last weeks, so the Worksheets tab, its Side by Side view, the Shared Vision and
// the Overview's card show real content. No wx here.
#pragma once

#include <dyad/plugin.hpp>

#include "form.h"
#include "response.h"

namespace dyad::workup {

// Fills the demo's worksheets through the store the UI uses (checked answers, an audit entry
// per save as the Worksheets tab writes), all in one transaction:
//  - request.unit_ids[0], Ana & Ben Ortiz: each partner's Imago Workup (every section), Partner
//    Profile, Caring Behaviours and Relationship Vision, saved as homework between their Monday
//    sessions over the last twelve weeks, and the shared vision the therapist kept at the
//    session two weeks ago;
//  - request.unit_ids[1], Dee & Eli Moss: each partner's Imago Workup started (Dee two of its
//    sections, Eli one) during the last two weeks.
// The other units get nothing. Dates are relative to request.today. Does nothing when either
// couple already has answers or a kept vision (a demo filled before). Throws
// std::runtime_error saying what failed (a form missing from the library or refusing the
// answers, a couple without its partners, the database); nothing is then written.
// Thread: [main-thread].
void fill_demo(const dyad::sdk::Host& host, ResponseStore& store, const FormLibrary& library,
               const dyad::sdk::DemoRequest& request);

}  // namespace dyad::workup
