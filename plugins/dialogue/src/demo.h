// The Dialogue tab's part of the demo practice (SDK 1.1 "dyad.demo/1", dyad/demo.h). No wx.
#pragma once

#include <dyad/plugin.hpp>

#include "record.h"
#include "script.h"

namespace dyad::dialogue {

// Fills the dialogue history of the demo's couples, as the coach would have saved it at their
// attended sessions (read through dyad.core/1, so it needs "core:units:read" and
// "core:appointments:read"): request.unit_ids[0] (Ana & Ben Ortiz) a dialogue at most sessions
// of the last fourteen weeks, senders alternating, the therapist's fidelity checklist rising
// from 2 of 5 to 5 of 5; [1] (Dee & Eli Moss) three dialogues of the last weeks. Each dialogue
// runs its script through a Session (times per step, "is there more" loops) and is saved with
// DialogueStore::save and audited like the coach's, all in one transaction. Needs the "Couple
// Dialogue" script in library (the others are used where installed). Does nothing when either
// couple already has a dialogue (a demo filled before). Throws std::runtime_error with a
// sentence on failure, leaving nothing behind.
void fill_demo(dyad::sdk::Host host, DialogueStore& store, const ScriptLibrary& library,
               const dyad::sdk::DemoRequest& request);

}  // namespace dyad::dialogue
