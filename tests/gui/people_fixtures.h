// The people of a practice for the GUI tests (issue 15): a demo practice with an owner, a
// therapist and her supervisor, and a biller; answering the sign-in dialog.
#pragma once

#include "gui_fixtures.h"
#include "people/users.h"

namespace dyad::gui_test {

inline void press(wxWindow* dialog, int id) {
    wxCommandEvent event(wxEVT_BUTTON, id);
    dialog->GetEventHandler()->ProcessEvent(event);
}

// A demo practice whose owner is Olivia, whose therapist is Dana (the Ortiz couple on her
// caseload), supervised by Sue, and whose biller is Bill.
inline std::string make_practice(const dyad::test::TempDir& dir) {
    dyad::PracticeOptions options;
    options.data_dir = dir.file("practice");
    options.load_plugins = false;
    auto practice = dyad::Practice::open(options, dyad::CreatePractice::IfMissing);
    EXPECT_TRUE(dyad::create_demo_practice((*practice)->records()));
    dyad::people::People people((*practice)->connection());
    auto owner = people.add_user({}, "Olivia", dyad::people::Role::Owner, "olivia's phrase");
    dyad::people::Session as_owner{owner->id, owner->name, dyad::people::Role::Owner};
    auto dana =
        people.add_user(as_owner, "Dana", dyad::people::Role::Therapist, "dana's long phrase");
    EXPECT_TRUE(
        people.add_user(as_owner, "Bill", dyad::people::Role::Biller, "bill's long phrase"));
    auto sue =
        people.add_user(as_owner, "Sue", dyad::people::Role::Supervisor, "sue's long phrase");
    EXPECT_TRUE(people.set_supervisor(as_owner, dana->id, sue->id));
    dyad::records::UnitQuery ortiz;
    ortiz.search = "Ortiz";
    EXPECT_TRUE(
        people.assign_unit(as_owner, dana->id, (*practice)->records().units(ortiz)->front().id));
    return dir.file("practice");
}

inline void sign_in_when_asked(const std::string& name, const std::string& wrong,
                               const std::string& right, bool* answered) {
    wxTheApp->CallAfter([=] {
        pump(200);
        CancelIfStillOpen guard{"sign_in_dialog"};
        wxWindow* dialog = open_dialog("sign_in_dialog");
        ASSERT_NE(dialog, nullptr);
        dynamic_cast<wxTextCtrl*>(dialog->FindWindow("user_name"))->SetValue(name);
        auto* phrase = dynamic_cast<wxTextCtrl*>(dialog->FindWindow("user_passphrase"));
        phrase->SetValue(wrong);
        press(dialog, wxID_OK);
        auto* problem = dynamic_cast<wxStaticText*>(dialog->FindWindow("sign_in_problem"));
        EXPECT_EQ(problem->GetLabel(), "wrong name or passphrase");
        phrase->SetValue(right);
        press(dialog, wxID_OK);
        *answered = true;
    });
}

}  // namespace dyad::gui_test
