// One guided dialogue as a step machine over a script: which step, who is sender in which
// round, how often "is there more" looped, how long each step took. Time is given by the
// caller (seconds), so the machine is pure and testable. No wx here.
//
//   advance:      next step; on the switch step, roles swap and round 2 begins at step 0;
//                 on round 2's switch step, the dialogue is finished.
//   there_is_more: only on a step with a loop; back to its loop target ("Is there more?").
//   repeat:       the same step again (counted).
#pragma once

#include <expected>
#include <map>
#include <string>

#include "script.h"

namespace dyad::dialogue {

enum class Move { Advance, ThereIsMore, Repeat };

class Session {
  public:
    // first_sender: 0 or 1, which partner sends in round 1. started_at: seconds.
    Session(const Script& script, int first_sender, double started_at);

    // The move's effect, or why it cannot be made now ("There is nothing more to loop back to
    // from this step."). now: seconds, not before the previous move.
    std::expected<void, std::string> move(Move move, double now);

    const Step& step() const { return m_script.steps[static_cast<std::size_t>(m_step)]; }
    int step_index() const { return m_step; }
    int round() const { return m_round; }    // 1 or 2.
    int sender() const { return m_sender; }  // 0 or 1.
    int receiver() const { return 1 - m_sender; }
    bool finished() const { return m_finished; }
    int more_count() const { return m_more; }  // "Is there more?" loops, both rounds.
    int repeats() const { return m_repeats; }
    // Seconds spent per step id, both rounds together.
    const std::map<std::string, double>& durations() const { return m_durations; }
    // Step ids reached at least once.
    const std::map<std::string, int>& reached() const { return m_reached; }
    bool roles_switched() const { return m_round == 2 || m_finished; }

  private:
    const Script& m_script;
    int m_step = 0;
    int m_round = 1;
    int m_sender = 0;
    bool m_finished = false;
    int m_more = 0;
    int m_repeats = 0;
    double m_step_started = 0;
    std::map<std::string, double> m_durations;
    std::map<std::string, int> m_reached;
};

}  // namespace dyad::dialogue
