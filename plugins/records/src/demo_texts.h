// The wording of the demo practice's progress notes (demo.h): what a therapist would have
// written after each session of the demo's units, oldest session first. Made up throughout.
// Texts name the members by first name only, through placeholders: {A} and {B} the partners or
// the parents in the host's order (Ana and Ben, Dee and Eli, Lan and Minh; an individual is
// {A}), {C} the child (Kim). No wx here.
#pragma once

#include <vector>

namespace dyad::records_plugin {

struct DemoScript {
    const char* template_id;                         // A note template of resources/note-templates.
    std::vector<const char*> keys;                   // Section keys of that template.
    std::vector<std::vector<const char*>> sessions;  // Per session, one text per key.
};

// Ana & Ben Ortiz: fourteen attended sessions, Imago session notes that follow the dialogues
// the dialogue plugin's demo records for the same sessions.
const DemoScript& ortiz_notes();
// Dee & Eli Moss (Eli they/them): nine attended sessions, Imago session notes.
const DemoScript& moss_notes();
// Carla Diaz: eight individual sessions, DAP notes.
const DemoScript& diaz_notes();
// The Nguyen family (Lan, Minh, Kim 16): three family sessions, SOAP notes.
const DemoScript& nguyen_notes();
// Omar Haddad, discharged: an intake, typical sessions to rotate through, a closing session;
// BIRP notes.
const DemoScript& haddad_notes();

}  // namespace dyad::records_plugin
