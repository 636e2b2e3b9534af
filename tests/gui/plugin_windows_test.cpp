// The shipped plugins' windows under Xvfb: BCR, Dialogue, Workup, Directory and the SDK
// template, each driven as a therapist would (split from main_window_test.cpp).
#include <fstream>

#include "gui_fixtures.h"

using namespace dyad::gui_test;

namespace {

struct BcrWindow : PluginWindow {
    BcrWindow() : PluginWindow({"records", "bcr"}, wxSize(1100, 800)) {}
};

// The modal dialog open now other than the main window (for dialogs without a name).
wxDialog* modal_dialog() {
    for (wxWindow* top : wxTopLevelWindows) {
        if (auto* dialog = dynamic_cast<wxDialog*>(top); dialog != nullptr && dialog->IsModal()) {
            return dialog;
        }
    }
    return nullptr;
}

}  // namespace

TEST(BcrPlugin, ATherapistTakesAFrustrationToAGiftAndRecordsACheckIn) {
    BcrWindow window;
    app::MainFrame* frame = window.frame;
    frame->navigator()->select_row(0);  // Ana & Ben Ortiz.
    ASSERT_TRUE(pump_until([&] { return frame->selected_unit() != 0; }));
    wxWindow* panel = frame->unit_panel("bcr.requests");
    ASSERT_NE(panel, nullptr) << "the Requests tab is missing";
    frame->notebook()->SetSelection(static_cast<size_t>(frame->notebook()->FindPage(panel)));
    auto* message = dynamic_cast<wxStaticText*>(panel->FindWindow("bcr_message"));
    auto* list = dynamic_cast<wxListCtrl*>(panel->FindWindow("bcr_list"));
    ASSERT_NE(list, nullptr);

    // 1. The frustration, through its dialog; an empty one is refused at the dialog first.
    bool answered = false;
    wxTheApp->CallAfter([&] {
        pump(200);
        CancelIfStillOpen guard{"bcr_new_dialog"};
        wxWindow* dialog = open_dialog("bcr_new_dialog");
        ASSERT_NE(dialog, nullptr);
        wxCommandEvent ok(wxEVT_BUTTON, wxID_OK);
        dialog->GetEventHandler()->ProcessEvent(ok);
        auto* error = dynamic_cast<wxStaticText*>(dialog->FindWindow("bcr_dialog_error"));
        EXPECT_TRUE(error->GetLabel().Contains("I don't like it when")) << error->GetLabel();
        dynamic_cast<wxTextCtrl*>(dialog->FindWindow("bcr_frustration"))
            ->SetValue("you look at your phone while I am talking");
        dynamic_cast<wxTextCtrl*>(dialog->FindWindow("bcr_theme"))->SetValue("attention");
        dialog->GetEventHandler()->ProcessEvent(ok);
        answered = true;
    });
    click(panel->FindWindow("bcr_new"));
    ASSERT_TRUE(answered);
    ASSERT_EQ(list->GetItemCount(), 1);
    EXPECT_EQ(list->GetItemText(0, 3), "frustration written");

    // 2. The desire, in the plain text entry dialog.
    answered = false;
    wxTheApp->CallAfter([&] {
        pump(200);
        wxDialog* dialog = modal_dialog();
        ASSERT_NE(dialog, nullptr);
        for (wxWindow* child : dialog->GetChildren()) {
            if (auto* text = dynamic_cast<wxTextCtrl*>(child)) {
                text->SetValue("I would like to feel heard when I talk to you.");
            }
        }
        wxCommandEvent ok(wxEVT_BUTTON, wxID_OK);  // OK reads the value; EndModal would not.
        dialog->GetEventHandler()->ProcessEvent(ok);
        answered = true;
    });
    click(panel->FindWindow("bcr_desire"));
    ASSERT_TRUE(answered);
    EXPECT_EQ(list->GetItemText(0, 3), "desire named");

    // 3. Three requests; the SMART findings appear as a request is typed.
    answered = false;
    wxTheApp->CallAfter([&] {
        pump(200);
        CancelIfStillOpen guard{"bcr_requests_dialog"};
        wxWindow* dialog = open_dialog("bcr_requests_dialog");
        ASSERT_NE(dialog, nullptr);
        auto* first = dynamic_cast<wxTextCtrl*>(dialog->FindWindow("bcr_request_1"));
        first->SetValue("Stop checking your phone");  // SetValue sends the text event.
        auto* findings = dynamic_cast<wxStaticText*>(dialog->FindWindow("bcr_findings_1"));
        EXPECT_TRUE(findings->GetLabel().Contains("asks to stop something"))
            << findings->GetLabel();
        first->SetValue(
            "Put your phone in the basket for 15 minutes after dinner, every "
            "evening for the next three weeks.");
        EXPECT_TRUE(findings->GetLabel().StartsWith("Passes")) << findings->GetLabel();
        dynamic_cast<wxTextCtrl*>(dialog->FindWindow("bcr_request_2"))
            ->SetValue("Ask me one question about my day each evening for three weeks.");
        dynamic_cast<wxTextCtrl*>(dialog->FindWindow("bcr_request_3"))
            ->SetValue("Take a 20-minute walk with me on Sundays for the next month.");
        wxCommandEvent ok(wxEVT_BUTTON, wxID_OK);
        dialog->GetEventHandler()->ProcessEvent(ok);
        answered = true;
    });
    click(panel->FindWindow("bcr_requests"));
    ASSERT_TRUE(answered);
    EXPECT_EQ(list->GetItemText(0, 3), "three requests");

    // 4. The receiver grants the first as a gift, from today, checked daily.
    answered = false;
    wxTheApp->CallAfter([&] {
        pump(200);
        CancelIfStillOpen guard{"bcr_grant_dialog"};
        wxWindow* dialog = open_dialog("bcr_grant_dialog");
        ASSERT_NE(dialog, nullptr);
        wxCommandEvent ok(wxEVT_BUTTON, wxID_OK);
        dialog->GetEventHandler()->ProcessEvent(ok);
        answered = true;
    });
    click(panel->FindWindow("bcr_grant"));
    ASSERT_TRUE(answered);
    EXPECT_EQ(list->GetItemText(0, 3), "gift granted");
    frame->notebook()->SetSelection(0);  // Home: today's check-in is due.
    auto* due = dynamic_cast<wxStaticText*>(frame->FindWindow("bcr_due"));
    ASSERT_NE(due, nullptr);
    EXPECT_TRUE(pump_until([&] { return due->GetLabel().StartsWith("1 request check-in"); }))
        << due->GetLabel();
    frame->notebook()->SetSelection(static_cast<size_t>(frame->notebook()->FindPage(panel)));

    // 5. Today's check-in: partly done, felt impact 4.
    answered = false;
    wxTheApp->CallAfter([&] {
        pump(200);
        CancelIfStillOpen guard{"bcr_checkin_dialog"};
        wxWindow* dialog = open_dialog("bcr_checkin_dialog");
        ASSERT_NE(dialog, nullptr);
        dynamic_cast<wxChoice*>(dialog->FindWindow("bcr_checkin_outcome"))->SetSelection(1);
        dynamic_cast<wxSpinCtrl*>(dialog->FindWindow("bcr_checkin_impact"))->SetValue(4);
        wxCommandEvent ok(wxEVT_BUTTON, wxID_OK);
        dialog->GetEventHandler()->ProcessEvent(ok);
        answered = true;
    });
    click(panel->FindWindow("bcr_checkin"));
    ASSERT_TRUE(answered);
    EXPECT_EQ(list->GetItemText(0, 4), "50%");  // Partly done on the one day due so far.
    EXPECT_EQ(**frame->practice()->connection().query_int64(
                  "SELECT count(*) FROM bcr_checkin WHERE outcome = 'partly' AND impact = 4"),
              1);
    pump(200);
    screenshot(frame, "bcr-requests-checkin");
    frame->notebook()->SetSelection(0);
    EXPECT_TRUE(pump_until([&] { return due->GetLabel() == "No check-in is due today."; }))
        << due->GetLabel();
    (void)message;
}

namespace {

struct DialogueWindow : PluginWindow {
    DialogueWindow() : PluginWindow({"records", "dialogue"}) {}
};

void press(wxWindow* window, int key_code) {
    wxKeyEvent key(wxEVT_CHAR_HOOK);
    key.m_keyCode = key_code;
    key.SetEventObject(window);
    window->GetEventHandler()->ProcessEvent(key);
    pump(20);
}

wxString label_of(wxWindow* parent, const char* name) {
    auto* label = dynamic_cast<wxStaticText*>(parent->FindWindow(name));
    return label != nullptr ? label->GetLabel() : wxString("(missing " + wxString(name) + ")");
}

}  // namespace

TEST(DialoguePlugin, ADialogueIsWalkedFromTheKeyboardThroughTheRoleSwitchAndKept) {
    DialogueWindow window;
    app::MainFrame* frame = window.frame;
    frame->navigator()->select_row(0);  // Ana & Ben Ortiz.
    ASSERT_TRUE(pump_until([&] { return frame->selected_unit() != 0; }));
    wxWindow* panel = frame->unit_panel("dialogue.coach");
    ASSERT_NE(panel, nullptr) << "the Dialogue tab is missing";
    frame->notebook()->SetSelection(static_cast<size_t>(frame->notebook()->FindPage(panel)));
    auto* script = dynamic_cast<wxChoice*>(panel->FindWindow("dialogue_script"));
    script->SetSelection(script->FindString("Couple Dialogue"));
    click(panel->FindWindow("dialogue_start"));
    wxWindow* coach = open_dialog("dialogue_coach");
    ASSERT_NE(coach, nullptr) << "the coach did not open";
    pump(200);
    EXPECT_TRUE(label_of(coach, "coach_step").EndsWith("Appointment"));
    EXPECT_TRUE(label_of(coach, "coach_roles").StartsWith("Round 1: Ana sends, Ben receives"))
        << label_of(coach, "coach_roles");

    press(coach, WXK_RETURN);  // Sending.
    press(coach, WXK_SPACE);   // Mirroring.
    EXPECT_TRUE(label_of(coach, "coach_step").EndsWith("Mirroring"));
    EXPECT_TRUE(label_of(coach, "coach_stems").Contains("Is there more"));
    press(coach, 'M');  // There is more: back to sending.
    EXPECT_TRUE(label_of(coach, "coach_step").EndsWith("Sending"));
    press(coach, 'R');  // Repeat the step: still sending.
    EXPECT_TRUE(label_of(coach, "coach_step").EndsWith("Sending"));
    press(coach, 'F');  // The couple's view follows.
    wxWindow* couple = open_dialog("dialogue_couple_view");
    ASSERT_NE(couple, nullptr);
    EXPECT_EQ(label_of(couple, "couple_view_title"), "Sending");
    for (int i = 0; i < 6; ++i) {
        press(coach, WXK_RETURN);  // Mirror, summary, validation, empathy, appreciation, switch.
    }
    EXPECT_TRUE(label_of(coach, "coach_step").EndsWith("Switch roles"));
    press(coach, WXK_RETURN);  // The role switch.
    EXPECT_TRUE(label_of(coach, "coach_roles").StartsWith("Round 2: Ben sends, Ana receives"))
        << label_of(coach, "coach_roles");
    EXPECT_EQ(label_of(couple, "couple_view_title"), "Appointment");
    pump(200);
    screenshot(coach, "dialogue-coach");
    screenshot(couple, "dialogue-couple-view");

    // Esc ends it: the checklist comes up as suggested, the therapist confirms it.
    bool confirmed = false;
    wxTheApp->CallAfter([&] {
        pump(200);
        CancelIfStillOpen guard{"dialogue_checklist"};
        wxWindow* checklist = open_dialog("dialogue_checklist");
        ASSERT_NE(checklist, nullptr);
        auto checked = [&](const char* name) {
            return dynamic_cast<wxCheckBox*>(checklist->FindWindow(name))->GetValue();
        };
        EXPECT_TRUE(checked("fidelity_mirror"));
        EXPECT_TRUE(checked("fidelity_switch"));
        EXPECT_FALSE(checked("fidelity_empathy"));  // The therapist's call.
        dynamic_cast<wxCheckBox*>(checklist->FindWindow("fidelity_empathy"))->SetValue(true);
        wxCommandEvent ok(wxEVT_BUTTON, wxID_OK);
        checklist->GetEventHandler()->ProcessEvent(ok);
        confirmed = true;
    });
    press(coach, WXK_ESCAPE);
    ASSERT_TRUE(pump_until([&] { return confirmed && open_dialog("dialogue_coach") == nullptr; }));
    auto* history = dynamic_cast<wxListCtrl*>(panel->FindWindow("dialogue_history"));
    ASSERT_EQ(history->GetItemCount(), 1);
    EXPECT_EQ(history->GetItemText(0, 3), "1");    // One "is there more".
    EXPECT_EQ(history->GetItemText(0, 5), "5/5");  // Confirmed checklist.
    EXPECT_EQ(**frame->practice()->connection().query_int64(
                  "SELECT count(*) FROM dialogue_session WHERE roles_switched = 1 AND "
                  "empathy_named_feelings = 1 AND finished = 0"),
              1);
}

TEST(WorkupPlugin, APartnerFillsTheWorkupAndItIsSavedWithTheSummary) {
    PluginWindow window({"records", "workup"}, wxSize(1100, 800));
    app::MainFrame* frame = window.frame;
    frame->navigator()->select_row(0);  // Ana & Ben Ortiz.
    ASSERT_TRUE(pump_until([&] { return frame->selected_unit() != 0; }));
    wxWindow* panel = frame->unit_panel("workup.forms");
    ASSERT_NE(panel, nullptr) << "the Worksheets tab is missing";
    frame->notebook()->SetSelection(static_cast<size_t>(frame->notebook()->FindPage(panel)));
    auto* form = dynamic_cast<wxChoice*>(panel->FindWindow("workup_form"));
    form->SetSelection(form->FindString("Imago Workup"));
    wxCommandEvent chose(wxEVT_CHOICE, form->GetId());
    form->GetEventHandler()->ProcessEvent(chose);

    // Typed from the keyboard into the first partner's "what I wanted" field.
    auto* want = dynamic_cast<wxTextCtrl*>(panel->FindWindow("field_childhood_want"));
    ASSERT_NE(want, nullptr);
    want->SetFocus();
    pump(50);
    wxUIActionSimulator keyboard;
    keyboard.Text("to be seen");
    ASSERT_TRUE(pump_until([&] { return want->GetValue() == "to be seen"; })) << want->GetValue();
    auto* traits = dynamic_cast<wxTextCtrl*>(panel->FindWindow("field_negative_traits"));
    traits->SetValue("absent, critical");  // Sends the text event, as typing does.
    auto* flags = dynamic_cast<wxCheckListBox*>(panel->FindWindow("field_negative_traits_flags"));
    ASSERT_NE(flags, nullptr);
    ASSERT_EQ(flags->GetCount(), 2u);
    flags->Check(0);
    wxCommandEvent ticked(wxEVT_CHECKLISTBOX, flags->GetId());
    ticked.SetInt(0);
    flags->GetEventHandler()->ProcessEvent(ticked);

    // The summary sentence follows the answers; the autosave writes them.
    auto* troubled = dynamic_cast<wxStaticText*>(panel->FindWindow("field_troubled"));
    ASSERT_NE(troubled, nullptr);
    EXPECT_EQ(troubled->GetLabel(),
              "When I am with such a person, I am troubled by these traits: absent.");
    auto* message = dynamic_cast<wxStaticText*>(panel->FindWindow("workup_message"));
    ASSERT_TRUE(pump_until([&] { return message->GetLabel().StartsWith("Saved"); }, 6000))
        << message->GetLabel();
    auto& connection = frame->practice()->connection();
    auto stored =
        connection.prepare("SELECT answers FROM workup_response WHERE form_id = 'imago-workup'");
    ASSERT_TRUE(stored);
    ASSERT_TRUE(*stored->step());
    std::string answers = stored->text(0);
    EXPECT_NE(answers.find("\"childhood_want\":\"to be seen\""), std::string::npos) << answers;
    EXPECT_NE(answers.find("\"flagged\":true"), std::string::npos) << answers;
    pump(200);
    screenshot(frame, "workup-filled");

    // The other partner's worksheet is empty; switching back shows the saved answers.
    auto* partner = dynamic_cast<wxChoice*>(panel->FindWindow("workup_partner"));
    partner->SetSelection(1);
    wxCommandEvent other(wxEVT_CHOICE, partner->GetId());
    partner->GetEventHandler()->ProcessEvent(other);
    EXPECT_EQ(want->GetValue(), "");
    partner->SetSelection(0);
    wxCommandEvent back(wxEVT_CHOICE, partner->GetId());
    partner->GetEventHandler()->ProcessEvent(back);
    EXPECT_EQ(want->GetValue(), "to be seen");
    EXPECT_EQ(flags->GetCount(), 2u);
    EXPECT_TRUE(flags->IsChecked(0));

    // Another unit reuses the form's controls (not built again) and shows nothing of Ana's;
    // back on the Ortiz couple her answers return.
    std::int64_t ortiz = frame->selected_unit();
    frame->navigator()->select_row(1);
    ASSERT_TRUE(pump_until([&] { return frame->selected_unit() != ortiz; }));
    ASSERT_EQ(panel->FindWindow("field_childhood_want"), want) << "the form was built again";
    EXPECT_EQ(want->GetValue(), "");
    EXPECT_EQ(traits->GetValue(), "");
    EXPECT_FALSE(troubled->GetLabel().Contains("absent")) << troubled->GetLabel();
    frame->select_unit(ortiz);
    pump(100);
    EXPECT_EQ(want->GetValue(), "to be seen");
    EXPECT_TRUE(flags->IsChecked(0));

    // The Overview's card: how far each partner is, in counts.
    auto* card = dynamic_cast<wxStaticText*>(frame->FindWindow("workup_progress_card"));
    ASSERT_NE(card, nullptr) << "no Worksheets card on the Overview";
    EXPECT_TRUE(card->GetLabel().StartsWith("Ana: Imago Workup ")) << card->GetLabel();
    EXPECT_TRUE(card->GetLabel().Contains("\nBen: no worksheet started")) << card->GetLabel();
    EXPECT_FALSE(card->GetLabel().Contains("to be seen")) << card->GetLabel();
}

TEST(DirectoryPlugin, TheProfileEditorCountsAgainstEachDirectorysLimitAndSavesVersions) {
    PluginWindow window({"directory"});
    app::MainFrame* frame = window.frame;
    ASSERT_TRUE(run_menu_command(frame, "View", "Directory Profile..."))
        << "the profile editor is not in the View menu";
    wxWindow* editor = nullptr;
    ASSERT_TRUE(pump_until([&] { return (editor = find_in_any_window("directory_profile")); }));
    auto text = [&](const char* name) {
        auto* control = dynamic_cast<wxTextCtrl*>(editor->FindWindow(name));
        EXPECT_NE(control, nullptr) << name;
        return control;
    };
    auto* counter = dynamic_cast<wxStaticText*>(editor->FindWindow("counter_bio_help"));
    ASSERT_NE(counter, nullptr);
    text("profile_bio_help")->SetValue(std::string(700, 'x'));  // Sends the text event.
    EXPECT_TRUE(counter->GetLabel().StartsWith("700 characters")) << counter->GetLabel();
    EXPECT_TRUE(counter->GetLabel().Contains("Psychology Today 640 (over: will be cut)"))
        << counter->GetLabel();

    // A bad NPI is refused with its reason; fixed, the profile is saved as version 1.
    text("profile_given_name")->SetValue("Maya");
    text("profile_family_name")->SetValue("Lopez");
    text("profile_npi")->SetValue("1234567890");
    auto* message = dynamic_cast<wxStaticText*>(editor->FindWindow("profile_message"));
    click(editor->FindWindow("profile_save"));
    EXPECT_TRUE(message->GetLabel().Contains("NPI")) << message->GetLabel();
    text("profile_npi")->SetValue("1234567893");
    click(editor->FindWindow("profile_save"));
    EXPECT_EQ(message->GetLabel(), "Saved as version 1.");
    EXPECT_EQ(
        **frame->practice()->connection().query_int64("SELECT count(*) FROM directory_profile"), 1);
}

TEST(DirectoryPlugin, ATherapistChecksADirectoryChoosesOnAConflictPushesAndMarksAnotherUpdated) {
    dyad::test::TempDir dir;
    auto server = dyad::directory::DirectoryServer::start(dir.file("directory.db"), 0);
    ASSERT_TRUE(server) << server.error();
    std::string url = "http://127.0.0.1:" + std::to_string((*server)->port());
    // The directory already lists her, with its own "What I help with".
    Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>((*server)->port()));
    Poco::Net::HTTPRequest put("PUT", "/listings/1234567893");
    std::string body = R"({"name": "Maya Lopez", "bio_help": "From the site."})";
    put.setContentLength(static_cast<std::streamsize>(body.size()));
    session.sendRequest(put) << body;
    Poco::Net::HTTPResponse created;
    session.receiveResponse(created);
    ASSERT_EQ(created.getStatus(), Poco::Net::HTTPResponse::HTTP_CREATED);

    PluginWindow window({"directory"});
    app::MainFrame* frame = window.frame;
    ASSERT_TRUE(run_menu_command(frame, "View", "Directory Profile..."));
    wxWindow* editor = nullptr;
    ASSERT_TRUE(pump_until([&] { return (editor = find_in_any_window("directory_profile")); }));
    auto* where = dynamic_cast<wxStaticText*>(editor->FindWindow("where_modalities"));
    ASSERT_NE(where, nullptr) << "each field says where it goes";
    EXPECT_TRUE(where->GetLabel().Contains("Psychology Today: Types of therapy"))
        << where->GetLabel();
    auto set = [&](const char* name, const char* value) {
        dynamic_cast<wxTextCtrl*>(editor->FindWindow(name))->SetValue(value);
    };
    set("profile_given_name", "Maya");
    set("profile_family_name", "Lopez");
    set("profile_npi", "1234567893");
    set("profile_bio_help", "Couples who keep having the same fight.");
    click(editor->FindWindow("profile_save"));

    ASSERT_TRUE(run_menu_command(frame, "View", "Directory Sync..."));
    wxWindow* sync = nullptr;
    ASSERT_TRUE(pump_until([&] { return (sync = find_in_any_window("directory_sync")); }));
    auto* targets = dynamic_cast<wxListCtrl*>(sync->FindWindow("sync_targets"));
    auto* fields = dynamic_cast<wxListCtrl*>(sync->FindWindow("sync_fields"));
    auto* results = dynamic_cast<wxListBox*>(sync->FindWindow("sync_results"));
    ASSERT_TRUE(targets && fields && results);
    auto last_result = [&] { return results->GetString(results->GetCount() - 1); };
    auto row_named = [](wxListCtrl* list, const wxString& text) {
        for (long row = 0; row < list->GetItemCount(); ++row) {
            if (list->GetItemText(row, 0) == text) {
                return row;
            }
        }
        return -1L;
    };

    // Connect, through the dialog (a bad address is refused in the dialog first).
    bool answered = false;
    wxTheApp->CallAfter([&] {
        pump(200);
        CancelIfStillOpen guard{"sync_connect_dialog"};
        wxWindow* dialog = open_dialog("sync_connect_dialog");
        ASSERT_NE(dialog, nullptr);
        auto text = [&](const char* name) {
            return dynamic_cast<wxTextCtrl*>(dialog->FindWindow(name));
        };
        text("connect_id")->SetValue("imago-network");
        text("connect_name")->SetValue("Imago network");
        text("connect_url")->SetValue("http://example.org");
        wxCommandEvent ok(wxEVT_BUTTON, wxID_OK);
        dialog->GetEventHandler()->ProcessEvent(ok);
        auto* error = dynamic_cast<wxStaticText*>(dialog->FindWindow("connect_error"));
        EXPECT_TRUE(error->GetLabel().Contains("https://")) << error->GetLabel();
        text("connect_url")->SetValue(url);
        dialog->GetEventHandler()->ProcessEvent(ok);
        answered = true;
    });
    click(sync->FindWindow("sync_connect"));
    ASSERT_TRUE(answered);
    long network = row_named(targets, "Imago network");
    ASSERT_GE(network, 0);
    EXPECT_EQ(targets->GetItemText(network, 3), "never synced");
    targets->SetItemState(network, wxLIST_STATE_SELECTED, wxLIST_STATE_SELECTED);
    pump(100);

    // The dry run: the name is the same, "What I help with" differs on both sides.
    click(sync->FindWindow("sync_check"));
    EXPECT_TRUE(last_result().Contains("1 conflict.")) << last_result();
    long help = row_named(fields, "What I help with");
    ASSERT_GE(help, 0);
    EXPECT_EQ(fields->GetItemText(help, 4), "CONFLICT: choose mine or theirs");
    EXPECT_EQ(fields->GetItemText(row_named(fields, "Name"), 4), "same");
    click(sync->FindWindow("sync_push"));
    EXPECT_TRUE(last_result().Contains("choose yours or the directory's text first"))
        << last_result();
    fields->SetItemState(help, wxLIST_STATE_SELECTED, wxLIST_STATE_SELECTED);
    pump(100);
    EXPECT_EQ(dynamic_cast<wxTextCtrl*>(sync->FindWindow("sync_mine"))->GetValue(),
              "Couples who keep having the same fight.");
    EXPECT_EQ(dynamic_cast<wxTextCtrl*>(sync->FindWindow("sync_theirs"))->GetValue(),
              "From the site.");
    click(sync->FindWindow("sync_mine_button"));
    EXPECT_EQ(fields->GetItemText(help, 4), "send mine (chosen)");
    click(sync->FindWindow("sync_push"));
    EXPECT_TRUE(last_result().Contains("published (version \"2\")")) << last_result();
    EXPECT_EQ(targets->GetItemText(row_named(targets, "Imago network"), 3), "in step");
    auto& connection = frame->practice()->connection();
    EXPECT_EQ(**connection.query_int64("SELECT count(*) FROM dyad_audit WHERE entity LIKE "
                                       "'dyad.directory:push:imago-network:sent:%bio_help%'"),
              1);

    // An assisted directory: copy a field, then mark it updated (confirmed).
    long today = row_named(targets, "Psychology Today");
    ASSERT_GE(today, 0);
    targets->SetItemState(today, wxLIST_STATE_SELECTED, wxLIST_STATE_SELECTED);
    pump(100);
    fields->SetItemState(0, wxLIST_STATE_SELECTED, wxLIST_STATE_SELECTED);
    pump(100);
    click(sync->FindWindow("sync_copy"));
    EXPECT_TRUE(last_result().Contains("copied")) << last_result();
    bool confirmed = false;
    answer_yes_when_asked(confirmed);
    click(sync->FindWindow("sync_mark"));
    EXPECT_TRUE(confirmed);
    EXPECT_EQ(targets->GetItemText(row_named(targets, "Psychology Today"), 3), "in step");
    screenshot(wxGetTopLevelParent(sync), "directory_sync");
}

TEST(SdkTemplate, ACoupleSharesAnAppreciationInTheTemplatesTabAndTheHomeCardCountsIt) {
    PluginWindow window({"records", DYAD_TEMPLATE_PLUGIN});
    app::MainFrame* frame = window.frame;
    auto* card = dynamic_cast<wxStaticText*>(frame->FindWindow("appreciation_card"));
    ASSERT_NE(card, nullptr) << "the template's Home card is missing";
    EXPECT_EQ(card->GetLabel(), "Shared today: 0 couple(s)");
    frame->navigator()->select_row(0);  // Ana & Ben Ortiz.
    ASSERT_TRUE(pump_until([&] { return frame->selected_unit() != 0; }));
    wxWindow* panel = frame->unit_panel("appreciation.unit");
    ASSERT_NE(panel, nullptr) << "the template's tab is missing";
    frame->notebook()->SetSelection(static_cast<size_t>(frame->notebook()->FindPage(panel)));
    auto* week = dynamic_cast<wxStaticText*>(panel->FindWindow("appreciation_week"));
    auto* giver = dynamic_cast<wxChoice*>(panel->FindWindow("appreciation_giver"));
    auto* text = dynamic_cast<wxTextCtrl*>(panel->FindWindow("appreciation_text"));
    auto* entries = dynamic_cast<wxListBox*>(panel->FindWindow("appreciation_entries"));
    auto* message = dynamic_cast<wxStaticText*>(panel->FindWindow("appreciation_message"));
    ASSERT_TRUE(week && giver && text && entries && message);
    EXPECT_EQ(week->GetLabel(), "Entries on 0 of the last 7 days");
    ASSERT_EQ(giver->GetCount(), 2u);
    EXPECT_EQ(giver->GetString(0), "Ana Ortiz");

    click(panel->FindWindow("appreciation_add"));  // Nothing written yet: refused, said why.
    EXPECT_EQ(message->GetLabel(), "Not added: write what was appreciated");
    giver->SetSelection(1);
    text->SetValue("You made time for a walk with me.");
    click(panel->FindWindow("appreciation_add"));
    EXPECT_EQ(message->GetLabel(), "Added.");
    ASSERT_EQ(entries->GetCount(), 1u);
    EXPECT_TRUE(entries->GetString(0).EndsWith("Ben Ortiz: You made time for a walk with me."))
        << entries->GetString(0);
    EXPECT_EQ(week->GetLabel(), "Entries on 1 of the last 7 days");
    EXPECT_TRUE(text->GetValue().empty());
    auto& connection = frame->practice()->connection();
    EXPECT_EQ(**connection.query_int64("SELECT count(*) FROM appreciation_entry"), 1);
    EXPECT_EQ(
        **connection.query_int64(
            "SELECT count(*) FROM dyad_audit WHERE entity = 'org.example.appreciation:entry'"),
        1);
    frame->notebook()->SetSelection(0);  // Home.
    EXPECT_TRUE(pump_until([&] { return card->GetLabel() == "Shared today: 1 couple(s)"; }))
        << card->GetLabel();
    screenshot(frame, "sdk-template-card");
}

// The second clinic-style plugin (tests/sdk/temperature) in the window: its tab only for
// couples, its Overview card shown again when the tab saves (refresh_panels), and a discharge
// (DYAD_EVENT_STATUS_CHANGED) pausing the couple's readings.
TEST(TemperaturePlugin, ACoupleOnlyTabRefreshesItsCardAndADischargePausesIt) {
    PluginWindow window({"records", DYAD_TEMPERATURE_PLUGIN});
    app::MainFrame* frame = window.frame;
    auto& records = frame->practice()->records();
    auto unit_named = [&](const char* name) {
        records::UnitQuery query;
        query.search = name;
        return records.units(query)->front().id;
    };
    std::int64_t ortiz = unit_named("Ana & Ben");
    std::int64_t carla = unit_named("Carla");
    frame->select_unit(ortiz);
    wxWindow* panel = frame->unit_panel("temperature.unit");
    ASSERT_NE(panel, nullptr) << "the plugin's tab is missing";
    ASSERT_NE(frame->notebook()->FindPage(panel), wxNOT_FOUND);
    auto* card = dynamic_cast<wxStaticText*>(frame->FindWindow("temperature_card"));
    ASSERT_NE(card, nullptr) << "the plugin's Overview card is missing";
    EXPECT_EQ(card->GetLabel(), "0 reading(s)");

    frame->notebook()->SetSelection(static_cast<size_t>(frame->notebook()->FindPage(panel)));
    auto* appreciation = dynamic_cast<wxTextCtrl*>(panel->FindWindow("temperature_appreciation"));
    auto* message = dynamic_cast<wxStaticText*>(panel->FindWindow("temperature_message"));
    auto* readings = dynamic_cast<wxListBox*>(panel->FindWindow("temperature_readings"));
    ASSERT_TRUE(appreciation && message && readings);
    click(panel->FindWindow("temperature_add"));
    EXPECT_EQ(message->GetLabel(), "Not added: write an appreciation or a puzzle");
    appreciation->SetValue("You planned our Saturday");
    click(panel->FindWindow("temperature_add"));
    EXPECT_EQ(message->GetLabel(), "Added.");
    EXPECT_EQ(readings->GetCount(), 1u);
    // The card was asked to show again by the plugin: no reselection needed.
    EXPECT_TRUE(card->GetLabel().StartsWith("1 reading(s), the last on ")) << card->GetLabel();

    // An individual: the couple-only tab leaves the notebook, and comes back for the couple.
    frame->select_unit(carla);
    EXPECT_EQ(frame->notebook()->FindPage(panel), wxNOT_FOUND);
    frame->select_unit(ortiz);
    EXPECT_NE(frame->notebook()->FindPage(panel), wxNOT_FOUND);

    // Discharged in the host: the plugin hears it and pauses the couple.
    ASSERT_TRUE(records.set_unit_status(ortiz, "discharged", "user"));
    appreciation->SetValue("One more");
    click(panel->FindWindow("temperature_add"));
    EXPECT_EQ(message->GetLabel(), "Not added: this couple's readings are paused (discharged)");
    ASSERT_TRUE(records.set_unit_status(ortiz, "active", "user"));
    click(panel->FindWindow("temperature_add"));
    EXPECT_EQ(message->GetLabel(), "Added.");
    screenshot(frame, "sdk-temperature-tab");
}

// Every shipped plugin together, as a therapist's window has them: each is served what it asks
// for (its entry's uses declare it), and no two claim one shortcut. A warning of either kind in
// the practice's log is a feature that silently does not work (a setting never read, a menu
// item without its key).
TEST(ShippedPlugins, AllTogetherLoadWithoutAServiceRefusedOrAShortcutTaken) {
    PluginWindow window(
        {"records", "workup", "dialogue", "bcr", "directory", "billing", "measures", "mail"});
    auto* frame = window.frame;
    dyad::records::UnitQuery ortiz;
    ortiz.search = "Ortiz";
    frame->select_unit(frame->practice()->records().units(ortiz)->front().id);
    pump(300);
    frame->close_practice();  // The plugins are destroyed too: what they ask for then counts.
    pump(100);
    std::ifstream in(window.dir.file("practice/dyad.log"));
    ASSERT_TRUE(in) << "no log at " << window.dir.file("practice/dyad.log");
    std::string line;
    int loaded = 0;
    while (std::getline(in, line)) {
        loaded += line.find("loaded plugin dyad.") != std::string::npos ? 1 : 0;
        EXPECT_EQ(line.find("does not declare"), std::string::npos) << line;
        EXPECT_EQ(line.find("is already taken"), std::string::npos) << line;
    }
    EXPECT_EQ(loaded, 8);
}

// Every section title of every worksheet is wide enough for its words in its own (larger,
// bold) font: "Now" in Caring Behaviours once showed as "Nov", its last letter clipped.
TEST(WorkupPlugin, SectionTitlesAreNeverClipped) {
    PluginWindow window({"records", "workup"}, wxSize(1100, 800));
    app::MainFrame* frame = window.frame;
    frame->navigator()->select_row(0);
    ASSERT_TRUE(pump_until([&] { return frame->selected_unit() != 0; }));
    wxWindow* panel = frame->unit_panel("workup.forms");
    ASSERT_NE(panel, nullptr);
    frame->notebook()->SetSelection(static_cast<size_t>(frame->notebook()->FindPage(panel)));
    auto* form = dynamic_cast<wxChoice*>(panel->FindWindow("workup_form"));
    ASSERT_GT(form->GetCount(), 2u);
    int titles = 0;
    for (unsigned i = 0; i < form->GetCount(); ++i) {
        form->SetSelection(static_cast<int>(i));
        wxCommandEvent chose(wxEVT_CHOICE, form->GetId());
        form->GetEventHandler()->ProcessEvent(chose);
        pump(50);
        wxWindow* body = panel->FindWindow("workup_body");
        ASSERT_NE(body, nullptr);
        for (wxWindow* child : body->GetChildren()) {
            auto* text = dynamic_cast<wxStaticText*>(child);
            if (text == nullptr || text->GetFont().GetWeight() != wxFONTWEIGHT_BOLD) {
                continue;
            }
            ++titles;
            wxSize needed = text->GetTextExtent(text->GetLabel());
            EXPECT_GE(text->GetSize().x, needed.x)
                << form->GetString(i) << ": \"" << text->GetLabel() << "\" is clipped";
        }
    }
    EXPECT_GT(titles, 5);
}
