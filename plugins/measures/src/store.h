// The practice's measures over the plugin's confined connection: cadences per unit, what is
// due on a day, administrations (scored at once, kept with their raw answers, the instrument and
// scoring versions and the cut-off used; never changed, only voided), safety flags for the
// therapist alone, and the licence attestations of bring-your-own instruments. Every write is
// one transaction: a refused one saves nothing. Audited as "dyad.measures:<entity>" (never
// with answers). Thread: [main-thread]. No wx here.
#pragma once

#include <dyad/db.hpp>
#include <dyad/plugin.hpp>

#include <cstdint>
#include <expected>
#include <string>
#include <vector>

#include "instrument.h"
#include "scoring.h"

namespace dyad::measures {

template <class T>
using Result = std::expected<T, std::string>;

struct Cadence {
    std::int64_t id = 0;
    std::int64_t unit_id = 0;
    std::string instrument_id;
    std::int64_t respondent_id = 0;  // 0: each member of the unit.
    int every_sessions = 0;          // Due at sessions 1, 1 + N, 1 + 2N ... of the unit; or
    int every_days = 0;              // due when the last one is N days old (or none yet).
};

struct NewAdministration {
    std::int64_t unit_id = 0;
    std::int64_t client_id = 0;
    std::int64_t appointment_id = 0;  // 0: not tied to a session.
    std::string instrument_id;
    Answers answers;
    std::string mode = "entered";  // "client_view" (the partner answered) or "entered".
    std::string date;              // "YYYY-MM-DD"; not in the future.
};

struct Administration {
    std::int64_t id = 0;
    std::int64_t unit_id = 0, client_id = 0, appointment_id = 0;
    std::string instrument_id;
    int instrument_version = 0;
    Answers answers;
    Score score;
    std::string mode, date, recorded_by;
    bool voided = false;
};

struct Flag {
    std::int64_t id = 0;
    std::int64_t administration_id = 0, unit_id = 0, client_id = 0;
    std::string text, raised_at, instrument_id, date;
};

struct Due {
    std::int64_t unit_id = 0;
    std::int64_t appointment_id = 0;
    std::string starts_at;   // UTC
    int session_number = 0;  // Of the unit's sessions (not cancelled), counting from 1.
    std::int64_t client_id = 0;
    std::string instrument_id;
};

class MeasuresStore {
  public:
    // library outlives the store (the plugin's).
    MeasuresStore(dyad::sdk::Host host, const InstrumentLibrary& library);

    // Refused: an unknown instrument or unit, a respondent who is not a member, neither or
    // both of every_sessions / every_days or out of range. Replaces the same rule (unit,
    // instrument, respondent).
    Result<std::int64_t> set_cadence(const Cadence& cadence);
    Result<void> remove_cadence(std::int64_t cadence_id);
    Result<std::vector<Cadence>> cadences(std::int64_t unit_id);

    // The instrument when it may be used now: known, and for a bring-your-own one, its items
    // typed in and attested by the practice; else why not.
    Result<const Instrument*> usable(const std::string& instrument_id);
    // Records the practice's acceptance of a bring-your-own instrument's attestation for its
    // items as they are now (a changed item needs a new attestation).
    Result<void> attest(const std::string& instrument_id);

    // Scores and saves; raises the scoring's risk flags. Refused (nothing saved): an unusable
    // instrument, a unit that is unknown or discharged, a client who is not a member, an
    // appointment of another unit or cancelled, a date in the future or malformed, answers the
    // scoring refuses. today: "YYYY-MM-DD".
    Result<Administration> administer(const NewAdministration& administration,
                                      const std::string& today);
    Result<void> void_administration(std::int64_t id, const std::string& reason);
    // The unit's administrations oldest first (voided ones only when asked).
    Result<std::vector<Administration>> history(std::int64_t unit_id, bool with_voided = false);

    // What is due at the sessions on day (local "YYYY-MM-DD") of every unit the user may see
    // (unit_id 0) or of one unit, by cadence (sessions numbered without cancelled ones and
    // no-shows), less what was given at that session or on its day without a session.
    Result<std::vector<Due>> due(const std::string& day, std::int64_t unit_id = 0);

    Result<std::vector<Flag>> open_flags(std::int64_t unit_id = 0);
    // Refused for a flag (cadence, administration) of a unit outside the user's caseload.
    Result<void> review_flag(std::int64_t flag_id, const std::string& note);
    // Every open flag of the unit, in one transaction; how many.
    Result<int> review_unit_flags(std::int64_t unit_id, const std::string& note);

    const InstrumentLibrary& library() const { return m_library; }

  private:
    bool attested(const Instrument& instrument);
    // "" when the signed-in user may reach the unit's records, else why not.
    std::string refusal(std::int64_t unit_id) const;
    std::string by() const;

    dyad::sdk::Host m_host;
    dyad::sdk::Database m_db;
    const InstrumentLibrary& m_library;
};

}  // namespace dyad::measures
