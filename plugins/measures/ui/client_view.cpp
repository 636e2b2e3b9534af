#include "client_view.h"

#include <wx/msgdlg.h>
#include <wx/panel.h>

#include <cmath>

namespace dyad::measures {
namespace {

wxFont larger(const wxFont& base, double factor) {
    wxFont font = base;
    font.SetPointSize(static_cast<int>(std::lround(base.GetPointSize() * factor)));
    return font;
}

}  // namespace

ClientView::ClientView(wxWindow* parent, const Instrument& instrument, const wxString& partner_name,
                       OnDone on_done, OnAbandon on_abandon, bool full_screen)
    : wxFrame(parent, wxID_ANY, wxString::FromUTF8(instrument.short_title), wxDefaultPosition,
              wxSize(1000, 700), wxDEFAULT_FRAME_STYLE, "measures_client_view"),
      m_instrument(instrument),
      m_on_done(std::move(on_done)),
      m_on_abandon(std::move(on_abandon)),
      m_answers(instrument.items.size()) {
    auto* panel = new wxPanel(this);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    auto* hello = new wxStaticText(panel, wxID_ANY,
                                   wxString::Format(_("For %s, to answer alone"), partner_name));
    hello->SetFont(larger(GetFont(), 1.4));
    m_progress = new wxStaticText(panel, wxID_ANY, "", wxDefaultPosition, wxDefaultSize, 0,
                                  "client_progress");
    m_progress->SetFont(larger(GetFont(), 1.2));
    m_stem = new wxStaticText(panel, wxID_ANY, wxString::FromUTF8(instrument.stem));
    m_stem->SetFont(larger(GetFont(), 1.4));
    m_item =
        new wxStaticText(panel, wxID_ANY, "", wxDefaultPosition, wxDefaultSize, 0, "client_item");
    m_item->SetFont(larger(GetFont(), 2.0).Bold());
    m_choice_panel =
        new wxPanel(panel, wxID_ANY, wxDefaultPosition, wxDefaultSize, 0, "client_choices");
    m_choices = new wxBoxSizer(wxVERTICAL);
    m_choice_panel->SetSizer(m_choices);
    auto* moves = new wxBoxSizer(wxHORIZONTAL);
    m_back = new wxButton(panel, wxID_ANY, _("< Back"), wxDefaultPosition, wxSize(200, 64), 0,
                          wxDefaultValidator, "client_back");
    m_next = new wxButton(panel, wxID_ANY, _("Next >"), wxDefaultPosition, wxSize(260, 64), 0,
                          wxDefaultValidator, "client_next");
    m_back->SetFont(larger(GetFont(), 1.4));
    m_next->SetFont(larger(GetFont(), 1.4));
    moves->Add(m_back, 0, wxRIGHT, 24);
    moves->Add(m_next);
    sizer->Add(hello, 0, wxALL, 24);
    sizer->Add(m_progress, 0, wxLEFT | wxRIGHT, 24);
    sizer->Add(m_stem, 0, wxALL, 24);
    sizer->Add(m_item, 0, wxALL, 24);
    sizer->Add(m_choice_panel, 1, wxEXPAND | wxLEFT | wxRIGHT, 24);
    sizer->Add(moves, 0, wxALL, 24);
    panel->SetSizer(sizer);
    m_back->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { back(); });
    m_next->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        CallAfter([this] { at_end() ? hand_back() : next(); });
    });
    Bind(wxEVT_CHAR_HOOK, &ClientView::on_key, this);
    // The window manager's close is refused until the partner hands back or the therapist
    // ends the view: the therapist's window must not reappear by accident.
    Bind(wxEVT_CLOSE_WINDOW, [this](wxCloseEvent& event) {
        if (!m_finished && event.CanVeto()) {
            event.Veto();
            return;
        }
        if (!m_finished) {  // Forced (the session ends): nothing is saved, the tab is told.
            m_finished = true;
            if (m_on_abandon) {
                m_on_abandon();
            }
        }
        Destroy();
    });
    show_item();
    if (full_screen) {
        ShowFullScreen(true);
    } else {
        Show();
    }
}

void ClientView::show_item() {
    m_choices->Clear(true);
    m_slider = nullptr;
    m_back->Enable(m_position > 0);
    if (at_end()) {
        m_progress->SetLabel(_("All done"));
        m_stem->SetLabel("");
        m_item->SetLabel(_("Thank you. Please hand the screen back to your therapist."));
        m_next->SetLabel(_("Hand back to the therapist"));
        m_next->Enable();
        Layout();
        return;
    }
    const Item& item = m_instrument.items[m_position];
    const AnswerSet* set = m_instrument.answer_set(item.answers);
    if (set == nullptr) {
        return;  // The validator refuses such a file; nothing to show.
    }
    m_progress->SetLabel(
        wxString::Format(_("Question %zu of %zu"), m_position + 1, m_instrument.items.size()));
    m_item->SetLabel(wxString::FromUTF8(item.text));
    m_item->Wrap(std::max(400, GetClientSize().x - 80));
    m_next->SetLabel(_("Next >"));
    const auto& answer = m_answers[m_position];
    if (set->line()) {
        auto* row = new wxBoxSizer(wxHORIZONTAL);
        int steps = static_cast<int>(std::lround((set->max - set->min) / set->step));
        int at = answer ? static_cast<int>(std::lround((*answer - set->min) / set->step)) : 0;
        m_slider =
            new wxSlider(m_choice_panel, wxID_ANY, at, 0, steps, wxDefaultPosition, wxSize(600, 60),
                         wxSL_HORIZONTAL, wxDefaultValidator, "client_line");
        m_slider->Bind(wxEVT_SLIDER, [this, set](wxCommandEvent&) {
            set_line(set->min + m_slider->GetValue() * set->step);
        });
        row->Add(new wxStaticText(m_choice_panel, wxID_ANY, wxString::FromUTF8(set->min_label)), 0,
                 wxALIGN_CENTER_VERTICAL | wxRIGHT, 12);
        row->Add(m_slider, 1);
        row->Add(new wxStaticText(m_choice_panel, wxID_ANY, wxString::FromUTF8(set->max_label)), 0,
                 wxALIGN_CENTER_VERTICAL | wxLEFT, 12);
        m_choices->Add(row, 0, wxEXPAND);
    } else {
        bool differential = !item.left_label.empty();
        auto* row = new wxBoxSizer(differential ? wxHORIZONTAL : wxVERTICAL);
        if (differential) {
            auto* word =
                new wxStaticText(m_choice_panel, wxID_ANY, wxString::FromUTF8(item.left_label));
            word->SetFont(larger(GetFont(), 1.5));
            row->Add(word, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 16);
        }
        for (std::size_t i = 0; i < set->anchors.size(); ++i) {
            const Anchor& anchor = set->anchors[i];
            // A differential's positions are labelled by place only; the value is never shown.
            wxString label = differential ? wxString::Format("%zu", i + 1)
                                          : wxString::Format("%zu.  %s", i + 1,
                                                             wxString::FromUTF8(anchor.label));
            auto* button = new wxButton(m_choice_panel, wxID_ANY, label, wxDefaultPosition,
                                        differential ? wxSize(72, 72) : wxSize(520, 56),
                                        differential ? 0 : wxBU_LEFT, wxDefaultValidator,
                                        wxString::Format("client_choice_%zu", i));
            button->SetFont(larger(GetFont(), 1.4));
            if (answer && *answer == anchor.value) {
                button->SetLabel(label + (differential ? "" : "   \u2714"));
                button->SetFont(button->GetFont().Bold());
            }
            // After the click: choosing rebuilds the buttons, this one among them.
            button->Bind(wxEVT_BUTTON,
                         [this, i](wxCommandEvent&) { CallAfter([this, i] { choose(i); }); });
            row->Add(button, 0, wxALL, 4);
        }
        if (differential) {
            auto* word =
                new wxStaticText(m_choice_panel, wxID_ANY, wxString::FromUTF8(item.right_label));
            word->SetFont(larger(GetFont(), 1.5));
            row->Add(word, 0, wxALIGN_CENTER_VERTICAL | wxLEFT, 16);
        }
        m_choices->Add(row);
    }
    // An item may be left unanswered only when the instrument allows it (or it is unscored).
    int missing = 0;
    for (std::size_t i = 0; i < m_answers.size(); ++i) {
        missing += i != m_position && !m_answers[i] && m_instrument.items[i].scored ? 1 : 0;
    }
    bool may_skip = !item.scored || missing < m_instrument.max_missing;
    // A line left where it starts is not an answer: Next waits for a move (or a skip).
    m_next->Enable(answer.has_value() || may_skip);
    m_choice_panel->Layout();
    Layout();
}

void ClientView::choose(std::size_t anchor_index) {
    if (at_end()) {
        return;
    }
    const AnswerSet* set = m_instrument.answer_set(m_instrument.items[m_position].answers);
    if (set == nullptr || set->line() || anchor_index >= set->anchors.size()) {
        return;
    }
    m_answers[m_position] = set->anchors[anchor_index].value;
    next();
}

void ClientView::set_line(double value) {
    if (!at_end()) {
        m_answers[m_position] = value;
        m_next->Enable();
    }
}

void ClientView::next() {
    if (at_end()) {
        return;
    }
    ++m_position;
    show_item();
}

void ClientView::back() {
    if (m_position > 0) {
        --m_position;
        show_item();
    }
}

void ClientView::hand_back() {
    if (!at_end() || m_finished) {
        return;
    }
    m_finished = true;
    if (m_on_done) {
        m_on_done(m_answers);
    }
    Close(true);
}

void ClientView::detach() {
    m_finished = true;
    m_on_done = nullptr;
    m_on_abandon = nullptr;
}

void ClientView::abandon() {
    if (m_finished) {
        return;
    }
    m_finished = true;
    if (m_on_abandon) {
        m_on_abandon();
    }
    Close(true);
}

wxString ClientView::shown_text() const {
    wxString text = GetTitle() + "\n" + m_progress->GetLabel() + "\n" + m_stem->GetLabel() + "\n" +
                    m_item->GetLabel();
    for (wxWindow* child : m_choice_panel->GetChildren()) {
        text += "\n" + child->GetLabel();
    }
    return text;
}

void ClientView::on_key(wxKeyEvent& event) {
    int key = event.GetKeyCode();
    if (key == 'Q' && event.ControlDown() && event.ShiftDown()) {
        if (wxMessageBox(_("End the client view? The answers given so far are not saved."),
                         _("Therapist"), wxYES_NO | wxNO_DEFAULT | wxICON_QUESTION,
                         this) == wxYES) {
            abandon();
        }
        return;
    }
    // After the key: each of these rebuilds the answer buttons, the focused one among them.
    if (key >= '1' && key <= '9') {
        CallAfter([this, key] { choose(static_cast<std::size_t>(key - '1')); });
    } else if (key == WXK_LEFT || key == WXK_BACK) {
        CallAfter([this] { back(); });
    } else if ((key == WXK_RIGHT || key == WXK_RETURN) && m_next->IsEnabled()) {
        CallAfter([this] { at_end() ? hand_back() : next(); });
    } else if (key == WXK_ESCAPE) {
        // Ignored: only the explicit step leaves the client view.
    } else {
        event.Skip();
    }
}

}  // namespace dyad::measures
