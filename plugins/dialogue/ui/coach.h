// The dialogue coach: the therapist's control window and the couple's full-screen view.
// One key press moves the dialogue on: Enter or Space (next / sender confirms), M (there is
// more), R (repeat the step), F (couple view on or off), Esc (end). Both windows show the step,
// who speaks and the stems; only the control window shows what to do and avoid, the per-turn
// timer and the language hints, labelled as hints for the therapist.
// Lifetime: owned by the Dialogue tab, which closes it before the plugin unloads.
#pragma once

#include <wx/frame.h>
#include <wx/panel.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/timer.h>

#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "../src/hints.h"
#include "../src/script.h"
#include "../src/session.h"

namespace dyad::dialogue {

class CoupleView;

class CoachFrame : public wxFrame {
  public:
    // names: the partners' names, index 0 and 1; first_sender: 0 or 1. on_end gets the
    // finished (or ended) session when the coach closes.
    using OnEnd = std::function<void(const Session& session)>;
    // hint_rules outlives the coach (the plugin's).
    CoachFrame(wxWindow* parent, const Script& script, std::array<std::string, 2> names,
               int first_sender, const HintRules& hint_rules, std::vector<std::string> feelings,
               OnEnd on_end);
    ~CoachFrame() override;

    // The keyboard's actions (also what the test drives).
    bool handle_key(int key_code);
    const Session& session() const { return m_session; }
    CoupleView* couple_view() const { return m_couple; }

  private:
    void show_step();
    void step_on(dyad::dialogue::Move move);
    void end();
    void toggle_couple_view();
    void update_hints();
    double now() const;

    const Script& m_script;
    std::array<std::string, 2> m_names;
    const HintRules& m_hint_rules;
    std::vector<std::string> m_feelings;
    OnEnd m_on_end;
    std::chrono::steady_clock::time_point m_started = std::chrono::steady_clock::now();
    Session m_session;
    bool m_ended = false;
    int m_turn_seconds = 0;
    std::chrono::steady_clock::time_point m_turn_started = m_started;
    std::string m_last_sent;  // The sender's words, for the mirror's score.

    wxStaticText* m_roles = nullptr;
    wxStaticText* m_title = nullptr;
    wxStaticText* m_stems = nullptr;
    wxStaticText* m_guide = nullptr;
    wxStaticText* m_timer_label = nullptr;
    wxTextCtrl* m_said = nullptr;
    wxStaticText* m_hints = nullptr;
    wxTimer m_timer;
    CoupleView* m_couple = nullptr;
};

// The couple's screen: the step and its stems, large enough to read across a room.
class CoupleView : public wxFrame {
  public:
    explicit CoupleView(wxWindow* parent);
    void show(const wxString& roles, const wxString& title, const wxString& stems);

  private:
    wxStaticText* m_roles = nullptr;
    wxStaticText* m_title = nullptr;
    wxStaticText* m_stems = nullptr;
};

}  // namespace dyad::dialogue
