#include "coach.h"

#include <wx/button.h>
#include <wx/display.h>
#include <wx/sizer.h>
#include <wx/spinctrl.h>
#include <wx_text.h>

#include <dyad/show.hpp>

namespace dyad::dialogue {

using dyad::ui::wx;
namespace {

wxString stems_text(const Step& step) {
    wxString text;
    for (const auto& stem : step.stems) {
        text += wx(stem) + "\n";
    }
    return text.Trim();
}

wxString speaker_text(const Step& step, const std::array<std::string, 2>& names, int sender) {
    if (step.speaker == "sender") {
        return wxString::Format(_("%s speaks"), wx(names[static_cast<std::size_t>(sender)]));
    }
    if (step.speaker == "receiver") {
        return wxString::Format(_("%s speaks"), wx(names[static_cast<std::size_t>(1 - sender)]));
    }
    if (step.speaker == "observer") {
        return _("The therapist speaks");
    }
    return wxString::Format(_("%s and %s speak"), wx(names[0]), wx(names[1]));
}

wxFont sized(wxFont font, double factor, bool bold) {
    font.SetFractionalPointSize(font.GetFractionalPointSize() * factor);
    if (bold) {
        font.MakeBold();
    }
    return font;
}

}  // namespace

CoupleView::CoupleView(wxWindow* parent)
    : wxFrame(parent, wxID_ANY, _("Dialogue"), wxDefaultPosition, wxSize(1000, 700),
              wxDEFAULT_FRAME_STYLE, "dialogue_couple_view") {
    auto* panel = new wxPanel(this);
    panel->SetBackgroundColour(wxColour(250, 248, 242));
    m_roles = new wxStaticText(panel, wxID_ANY, "");
    m_title = new wxStaticText(panel, wxID_ANY, "", wxDefaultPosition, wxDefaultSize, 0,
                               "couple_view_title");
    m_stems = new wxStaticText(panel, wxID_ANY, "", wxDefaultPosition, wxDefaultSize, 0,
                               "couple_view_stems");
    m_roles->SetFont(sized(GetFont(), 1.8, false));
    m_title->SetFont(sized(GetFont(), 3.0, true));
    m_stems->SetFont(sized(GetFont(), 2.6, false));
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->AddStretchSpacer(1);
    for (wxWindow* line : {static_cast<wxWindow*>(m_roles), static_cast<wxWindow*>(m_title),
                           static_cast<wxWindow*>(m_stems)}) {
        sizer->Add(line, 0, wxALIGN_CENTER_HORIZONTAL | wxALL, 18);
    }
    sizer->AddStretchSpacer(2);
    panel->SetSizer(sizer);
}

void CoupleView::show(const wxString& roles, const wxString& title, const wxString& stems) {
    m_roles->SetLabel(roles);
    m_title->SetLabel(title);
    m_stems->SetLabel(stems);
    m_stems->Wrap(std::max(400, GetClientSize().GetWidth() - 80));
    Layout();
    GetChildren().front()->Layout();
}

CoachFrame::CoachFrame(wxWindow* parent, const Script& script, std::array<std::string, 2> names,
                       int first_sender, const HintRules& hint_rules,
                       std::vector<std::string> feelings, OnEnd on_end)
    : wxFrame(parent, wxID_ANY, wxString::Format(_("%s - Dialogue Coach"), wx(script.title)),
              wxDefaultPosition, wxSize(900, 680), wxDEFAULT_FRAME_STYLE, "dialogue_coach"),
      m_script(script),
      m_names(std::move(names)),
      m_hint_rules(hint_rules),
      m_feelings(std::move(feelings)),
      m_on_end(std::move(on_end)),
      m_session(script, first_sender, 0),
      m_timer(this) {
    auto* panel = new wxPanel(this);
    m_roles =
        new wxStaticText(panel, wxID_ANY, "", wxDefaultPosition, wxDefaultSize, 0, "coach_roles");
    m_title =
        new wxStaticText(panel, wxID_ANY, "", wxDefaultPosition, wxDefaultSize, 0, "coach_step");
    m_stems =
        new wxStaticText(panel, wxID_ANY, "", wxDefaultPosition, wxDefaultSize, 0, "coach_stems");
    m_guide =
        new wxStaticText(panel, wxID_ANY, "", wxDefaultPosition, wxDefaultSize, 0, "coach_guide");
    m_title->SetFont(sized(GetFont(), 2.2, true));
    m_stems->SetFont(sized(GetFont(), 1.8, false));
    auto* timer_row = new wxBoxSizer(wxHORIZONTAL);
    auto* turn = new wxSpinCtrl(panel, wxID_ANY, "", wxDefaultPosition, wxDefaultSize,
                                wxSP_ARROW_KEYS, 0, 30, 0, "coach_turn_minutes");
    m_timer_label =
        new wxStaticText(panel, wxID_ANY, "", wxDefaultPosition, wxDefaultSize, 0, "coach_timer");
    timer_row->Add(new wxStaticText(panel, wxID_ANY, _("Minutes per turn (0: no limit):")), 0,
                   wxALIGN_CENTER_VERTICAL | wxRIGHT, 6);
    timer_row->Add(turn, 0, wxRIGHT, 12);
    timer_row->Add(m_timer_label, 0, wxALIGN_CENTER_VERTICAL);
    m_said = new wxTextCtrl(panel, wxID_ANY, "", wxDefaultPosition, wxSize(-1, 60), wxTE_MULTILINE,
                            wxDefaultValidator, "coach_said");
    m_said->SetHint(_("Optional: type what was said, for the hints below"));
    m_hints =
        new wxStaticText(panel, wxID_ANY, "", wxDefaultPosition, wxDefaultSize, 0, "coach_hints");
    m_hints->SetForegroundColour(wxColour(120, 70, 0));
    // The same actions for the mouse; the keys work whichever button has the focus.
    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    struct Action {
        wxString label;
        const char* name;
        int key;
    } actions[] = {{_("Next (Enter)"), "coach_next", WXK_RETURN},
                   {_("There is more (M)"), "coach_more", 'M'},
                   {_("Repeat step (R)"), "coach_repeat", 'R'},
                   {_("Couple view (F)"), "coach_couple_view", 'F'},
                   {_("End (Esc)"), "coach_end", WXK_ESCAPE}};
    wxButton* next = nullptr;
    for (const auto& action : actions) {
        auto* button = new wxButton(panel, wxID_ANY, action.label, wxDefaultPosition, wxDefaultSize,
                                    0, wxDefaultValidator, action.name);
        int key = action.key;
        button->Bind(wxEVT_BUTTON, [this, key](wxCommandEvent&) { handle_key(key); });
        buttons->Add(button, 0, wxRIGHT, 6);
        next = next == nullptr ? button : next;
    }
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(m_roles, 0, wxALL, 10);
    sizer->Add(m_title, 0, wxLEFT | wxRIGHT, 10);
    sizer->Add(m_stems, 0, wxALL, 10);
    sizer->Add(m_guide, 0, wxLEFT | wxRIGHT | wxBOTTOM, 10);
    sizer->Add(timer_row, 0, wxALL, 10);
    sizer->Add(m_said, 0, wxEXPAND | wxLEFT | wxRIGHT, 10);
    sizer->Add(m_hints, 0, wxALL, 10);
    sizer->AddStretchSpacer(1);
    sizer->Add(buttons, 0, wxALL, 10);
    panel->SetSizer(sizer);

    Bind(wxEVT_CHAR_HOOK, [this](wxKeyEvent& event) {
        // Typing in the notes box stays typing; the keys act everywhere else.
        if (FindFocus() == m_said && event.GetKeyCode() != WXK_ESCAPE) {
            event.Skip();
            return;
        }
        if (!handle_key(event.GetKeyCode())) {
            event.Skip();
        }
    });
    m_said->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { update_hints(); });
    turn->Bind(wxEVT_SPINCTRL, [this, turn](wxSpinEvent&) {
        m_turn_seconds = turn->GetValue() * 60;
        m_turn_started = std::chrono::steady_clock::now();
    });
    Bind(wxEVT_TIMER, [this](wxTimerEvent&) {
        auto elapsed = std::chrono::duration_cast<std::chrono::seconds>(
                           std::chrono::steady_clock::now() - m_turn_started)
                           .count();
        wxString text =
            wxString::Format(_("This step: %lld:%02lld"), static_cast<long long>(elapsed / 60),
                             static_cast<long long>(elapsed % 60));
        if (m_turn_seconds > 0 && elapsed >= m_turn_seconds) {
            text += _("  (time for this turn is up)");
        }
        m_timer_label->SetLabel(text);
    });
    Bind(wxEVT_CLOSE_WINDOW, [this](wxCloseEvent& event) {
        end();
        event.Skip();
    });
    m_timer.Start(1000);
    show_step();
    next->SetFocus();  // Not the minutes box: a digit or Space there would be typed.
}

CoachFrame::~CoachFrame() {
    m_timer.Stop();
    if (m_couple != nullptr) {
        m_couple->Destroy();
    }
}

double CoachFrame::now() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - m_started).count();
}

bool CoachFrame::handle_key(int key_code) {
    switch (key_code) {
        case WXK_RETURN:
        case WXK_NUMPAD_ENTER:
        case WXK_SPACE:
            step_on(dyad::dialogue::Move::Advance);
            return true;
        case 'M':
        case 'm':
            step_on(dyad::dialogue::Move::ThereIsMore);
            return true;
        case 'R':
        case 'r':
            step_on(dyad::dialogue::Move::Repeat);
            return true;
        case 'F':
        case 'f':
            toggle_couple_view();
            return true;
        case WXK_ESCAPE:
            Close();
            return true;
        default:
            return false;
    }
}

void CoachFrame::step_on(dyad::dialogue::Move move) {
    if (m_session.step().id == "send" && move != dyad::dialogue::Move::Repeat) {
        m_last_sent = m_said->GetValue().ToStdString(wxConvUTF8);
    }
    auto moved = m_session.move(move, now());
    if (!moved) {
        m_hints->SetLabel(wx(moved.error()));
        return;
    }
    m_turn_started = std::chrono::steady_clock::now();
    m_said->ChangeValue("");
    if (m_session.finished()) {
        Close();
        return;
    }
    show_step();
}

void CoachFrame::show_step() {
    const Step& step = m_session.step();
    wxString roles = wxString::Format(_("Round %d: %s sends, %s receives"), m_session.round(),
                                      wx(m_names[static_cast<std::size_t>(m_session.sender())]),
                                      wx(m_names[static_cast<std::size_t>(m_session.receiver())]));
    m_roles->SetLabel(roles + "  |  " + speaker_text(step, m_names, m_session.sender()));
    m_title->SetLabel(
        wxString::Format("%d/%zu  ", m_session.step_index() + 1, m_script.steps.size()) +
        wx(step.title));
    m_stems->SetLabel(stems_text(step));
    m_stems->Wrap(GetClientSize().GetWidth() - 40);
    wxString guide;
    for (const auto& item : step.dos) {
        guide += wxString::Format(_("Do: %s"), wx(item)) + "\n";
    }
    for (const auto& item : step.avoid) {
        guide += wxString::Format(_("Avoid: %s"), wx(item)) + "\n";
    }
    if (step.loop_to >= 0) {
        guide += _("Press M when the sender says there is more.");
    }
    m_guide->SetLabel(guide.Trim());
    m_hints->SetLabel("");
    if (m_couple != nullptr) {
        m_couple->show(roles, wx(step.title), stems_text(step));
    }
    Layout();
    GetChildren().front()->Layout();
}

void CoachFrame::update_hints() {
    std::string said = m_said->GetValue().ToStdString(wxConvUTF8);
    const std::string& step = m_session.step().id;
    wxString text;
    if (step == "mirror" && !m_last_sent.empty()) {
        MirrorScore score = mirror_score(m_last_sent, said);
        text = wxString::Format(_("Mirror kept %s of the sender's words"),
                                wx(dyad::show::percent(static_cast<int>(score.kept * 100 + 0.5))));
        if (!score.added.empty()) {
            wxString added = wx(score.added.front());
            if (score.added.size() > 1) {
                added += wxString::Format(" (+%zu)", score.added.size() - 1);
            }
            text += wxString::Format(_("; added: %s"), added);
        }
    } else if (step == "empathize") {
        std::string feeling = named_feeling(said, m_feelings);
        text = feeling.empty() ? _("No feeling word named yet.")
                               : wxString::Format(_("Names a feeling: %s"), wx(feeling));
    } else {
        for (const auto& hint : sender_hints(said, m_hint_rules)) {
            // TRANSLATORS: the words a partner typed, in quotes, and the hint they raised.
            text += wxString::Format(_("\"%s\": %s"), wx(hint.phrase), wx(hint.message)) + "\n";
        }
    }
    m_hints->SetLabel(text.empty() ? wxString()
                                   : wxString::Format(_("Hint for the therapist: %s"), text));
    GetChildren().front()->Layout();
}

void CoachFrame::toggle_couple_view() {
    if (m_couple == nullptr) {
        m_couple = new CoupleView(this);
        // On a second monitor when there is one (the couple's screen), else on this one.
        if (wxDisplay::GetCount() > 1) {
            int here = wxDisplay::GetFromWindow(this);
            wxDisplay other(static_cast<unsigned>(here == 0 ? 1 : 0));
            m_couple->SetSize(other.GetGeometry());
        }
        m_couple->Show();
        m_couple->ShowFullScreen(true);
        show_step();
        Raise();  // The keys stay with the therapist's window.
    } else {
        m_couple->Destroy();
        m_couple = nullptr;
    }
}

void CoachFrame::end() {
    if (m_ended) {
        return;
    }
    m_ended = true;
    m_timer.Stop();
    if (m_on_end) {
        m_on_end(m_session);
    }
}

}  // namespace dyad::dialogue
