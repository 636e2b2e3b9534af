#include "session.h"
#include <dyad/show.hpp>

namespace dyad::dialogue {

Session::Session(const Script& script, int first_sender, double started_at)
    : m_script(script), m_sender(first_sender == 1 ? 1 : 0), m_step_started(started_at) {
    if (!script.steps.empty()) {
        ++m_reached[script.steps.front().id];
    }
}

std::expected<void, std::string> Session::move(Move move, double now) {
    if (m_finished) {
        return std::unexpected(dyad::show::tr("The dialogue is finished."));
    }
    if (now < m_step_started) {
        return std::unexpected(dyad::show::tr("Time went backwards."));
    }
    if (move == Move::ThereIsMore && step().loop_to < 0) {
        return std::unexpected(
            dyad::show::tr("There is nothing more to loop back to from this step."));
    }
    // A refused move changes nothing; an accepted one closes the time spent on this step.
    m_durations[step().id] += now - m_step_started;
    m_step_started = now;
    switch (move) {
        case Move::Repeat:
            ++m_repeats;
            return {};
        case Move::ThereIsMore:
            ++m_more;
            m_step = step().loop_to;
            ++m_reached[step().id];
            return {};
        case Move::Advance:
            if (step().switch_roles) {
                if (m_round == 2) {
                    m_finished = true;
                    return {};
                }
                m_round = 2;
                m_sender = 1 - m_sender;
                m_step = 0;
            } else {
                ++m_step;
            }
            ++m_reached[step().id];
            return {};
    }
    return std::unexpected("unknown move");
}

}  // namespace dyad::dialogue
