// The client's screen: one partner answers one instrument, full screen, one item at a time in
// large type, with a big button per answer (digits 1-9 choose too; Left goes back). It never
// shows a score, a band, a flag or the other partner's answers. Closing it is refused while
// the partner answers; the way back to the therapist's window is an explicit step: "Hand back
// to the therapist" at the end, or Ctrl+Shift+Q with the therapist's confirmation (nothing is
// saved then); a close that cannot be refused (the session ends) saves nothing either. A line
// item (ORS/SRS) counts only once its slider is moved. Lifetime: the Measures tab deletes it
// before the plugin unloads.
#pragma once

#include <wx/button.h>
#include <wx/frame.h>
#include <wx/panel.h>
#include <wx/sizer.h>
#include <wx/slider.h>
#include <wx/stattext.h>

#include <functional>

#include "../src/instrument.h"
#include "../src/scoring.h"

namespace dyad::measures {

class ClientView : public wxFrame {
  public:
    // on_done gets the answers when the partner hands back; on_abandon when the therapist ends
    // the view before the end. Both are called once, then the view closes itself.
    using OnDone = std::function<void(const Answers& answers)>;
    using OnAbandon = std::function<void()>;
    // instrument outlives the view (the plugin's library).
    ClientView(wxWindow* parent, const Instrument& instrument, const wxString& partner_name,
               OnDone on_done, OnAbandon on_abandon, bool full_screen = true);

    // The partner's actions (also what the tests drive).
    void choose(std::size_t anchor_index);  // The index-th answer button of this item.
    void set_line(double value);            // A line item's value.
    void next();
    void back();
    void hand_back();  // At the end: give the answers and close.
    void abandon();    // The therapist ends it: nothing is kept.
    // No callback any more and free to close: for an owner going away first.
    void detach();
    std::size_t position() const { return m_position; }
    bool at_end() const { return m_position >= m_instrument.items.size(); }
    wxString shown_text() const;  // Everything the partner can read now.

  private:
    void show_item();
    void on_key(wxKeyEvent& event);

    const Instrument& m_instrument;
    OnDone m_on_done;
    OnAbandon m_on_abandon;
    Answers m_answers;
    std::size_t m_position = 0;
    bool m_finished = false;

    wxStaticText* m_progress = nullptr;
    wxStaticText* m_stem = nullptr;
    wxStaticText* m_item = nullptr;
    wxBoxSizer* m_choices = nullptr;
    wxPanel* m_choice_panel = nullptr;
    wxSlider* m_slider = nullptr;
    wxButton* m_back = nullptr;
    wxButton* m_next = nullptr;
};

}  // namespace dyad::measures
