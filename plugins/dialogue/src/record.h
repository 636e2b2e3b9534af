// Dialogues held with a couple, kept on the client unit: script, who sent first, how far it
// got, "is there more" loops, time per step, the therapist's fidelity checklist and optional
// notes. Over the plugin's confined connection. Thread: [main-thread]. No wx here.
#pragma once

#include <dyad/schema.h>
#include <dyad/db.hpp>

#include <cstdint>
#include <expected>
#include <map>
#include <string>
#include <vector>

#include "session.h"

namespace dyad::dialogue {

const dyad_schema_v1* dialogue_schema();

struct Fidelity {
    bool mirror_confirmed = false;
    bool summary_done = false;
    bool validation_given = false;
    bool empathy_named_feelings = false;
    bool roles_switched = false;

    int count() const;  // 0-5.
};

// The checklist as the session suggests it; the therapist confirms or corrects it.
Fidelity suggested_fidelity(const Session& session);

struct DialogueRecord {
    std::int64_t id = 0;
    std::int64_t unit_id = 0;
    std::string script_id;
    int script_version = 0;
    std::int64_t first_sender = 0;  // Client id.
    std::string started_at;         // UTC "YYYY-MM-DDTHH:MM:SSZ".
    bool finished = false;
    int steps_reached = 0;  // Distinct steps reached.
    int more_count = 0;
    int repeats = 0;
    double seconds = 0;
    std::map<std::string, double> durations;
    Fidelity fidelity;
    std::string notes;
};

class DialogueStore {
  public:
    explicit DialogueStore(dyad::sdk::Database database) : m_db(database) {}

    std::expected<std::int64_t, std::string> save(const DialogueRecord& record);
    // Oldest first.
    std::expected<std::vector<DialogueRecord>, std::string> history(std::int64_t unit_id);

  private:
    dyad::sdk::Database m_db;
};

// The record of a session as it stands.
DialogueRecord record_of(const Session& session, const Script& script, std::int64_t unit_id,
                         std::int64_t first_sender, const std::string& started_at);

std::string history_json(const std::vector<DialogueRecord>& history);

}  // namespace dyad::dialogue
