// The Dialogue tab of a couple: choose a script and who sends first, start the coach; the
// history of dialogues with their fidelity checklist and its trend. Thin: the rules are in src/.
#pragma once

#include <wx/choice.h>
#include <wx/listctrl.h>
#include <wx/panel.h>
#include <wx/stattext.h>

#include <dyad/plugin.hpp>
#include <map>

#include "../src/record.h"
#include "../src/script.h"
#include "coach.h"

namespace dyad::dialogue {

class DialoguePanel : public wxPanel {
  public:
    DialoguePanel(wxWindow* parent, dyad::sdk::Host host, DialogueStore& store,
                  const ScriptLibrary& library, const HintRules& hint_rules,
                  const std::vector<std::string>& feelings);
    ~DialoguePanel() override;
    void show_unit(std::int64_t unit_id);

    // Opens the coach for the chosen script (Start button); the coach while it runs.
    CoachFrame* start();
    CoachFrame* coach() const { return m_coach; }

  private:
    void reload();
    void finished(const Session& session, const Script& used, std::int64_t first_sender,
                  const std::string& started);

    dyad::sdk::Host m_host;
    DialogueStore& m_store;
    const ScriptLibrary& m_library;
    const HintRules& m_hint_rules;
    const std::vector<std::string>& m_feelings;
    std::int64_t m_unit_id = 0;
    std::vector<std::pair<std::int64_t, std::string>> m_members;
    CoachFrame* m_coach = nullptr;

    wxChoice* m_script = nullptr;
    wxChoice* m_sender = nullptr;
    wxListCtrl* m_history = nullptr;
    wxStaticText* m_trend = nullptr;
    wxStaticText* m_message = nullptr;
};

}  // namespace dyad::dialogue
