// The records plugin's tabs in the main window under Xvfb: notes written and signed, consent
// per partner, the Imago plan as a tree, the one search box, Find in All Records, the week
// calendar, a couple made from clients on file, and the Z63.0 warning on the Diagnoses tab.
#include <wx/uiaction.h>

#include "gui_fixtures.h"

using namespace dyad::gui_test;

TEST(RecordsPlugin, ATherapistWritesAndSignsANoteInTheNotesTab) {
    RecordsWindow window;
    app::MainFrame* frame = window.frame;
    frame->navigator()->select_row(0);  // Ana & Ben Ortiz.
    ASSERT_TRUE(pump_until([&] { return frame->selected_unit() != 0; }));
    wxWindow* panel = frame->unit_panel("records.notes");
    ASSERT_NE(panel, nullptr) << "the Notes tab is missing";
    frame->notebook()->SetSelection(static_cast<size_t>(frame->notebook()->FindPage(panel)));

    auto* templates = dynamic_cast<wxChoice*>(panel->FindWindow("note_template"));
    ASSERT_NE(templates, nullptr);
    templates->SetSelection(templates->FindString("SOAP note"));
    auto click = [](wxWindow* button) {
        wxCommandEvent event(wxEVT_BUTTON, button->GetId());
        event.SetEventObject(button);
        button->GetEventHandler()->ProcessEvent(event);
    };
    click(panel->FindWindow("note_new"));
    for (const char* key : {"subjective", "objective", "assessment", "plan"}) {
        auto* field = dynamic_cast<wxTextCtrl*>(panel->FindWindow(std::string("note_") + key));
        ASSERT_NE(field, nullptr) << key;
        field->SetFocus();
        wxUIActionSimulator keyboard;
        keyboard.Text((std::string("Reviewed ") + key).c_str());
        pump(50);
    }
    auto* message = dynamic_cast<wxStaticText*>(panel->FindWindow("note_message"));
    ASSERT_TRUE(pump_until([&] { return message->GetLabel().StartsWith("Draft saved"); }))
        << "autosave did not happen: " << message->GetLabel();
    pump(200);
    screenshot(frame, "records-notes-draft");

    frame->notebook()->SetSelection(0);  // Home: the card counts the draft.
    auto* drafts = dynamic_cast<wxStaticText*>(frame->FindWindow("records_drafts"));
    ASSERT_NE(drafts, nullptr);
    EXPECT_TRUE(pump_until([&] { return drafts->GetLabel().StartsWith("1 draft note to sign"); }))
        << drafts->GetLabel();
    frame->notebook()->SetSelection(static_cast<size_t>(frame->notebook()->FindPage(panel)));
    bool confirmed = false;
    answer_yes_when_asked(confirmed);
    click(panel->FindWindow("note_sign"));
    EXPECT_TRUE(confirmed);
    EXPECT_EQ(message->GetLabel(), "Signed.");
    auto* plan = dynamic_cast<wxTextCtrl*>(panel->FindWindow("note_plan"));
    ASSERT_NE(plan, nullptr);
    EXPECT_FALSE(plan->IsEditable()) << "a signed note must be read-only";
    EXPECT_EQ(plan->GetValue(), "Reviewed plan");
    auto& connection = frame->practice()->connection();
    EXPECT_EQ(**connection.query_int64("SELECT count(*) FROM records_note WHERE status = 'signed'"),
              1);
    EXPECT_GE(**connection.query_int64(
                  "SELECT count(*) FROM dyad_audit WHERE entity = 'dyad.records:note'"),
              3);  // Created, updated (autosave), signed, viewed.
    pump(200);
    screenshot(frame, "records-notes-signed");
}

TEST(RecordsPlugin, ConsentIsEditedPerPartnerInTheClientsTab) {
    RecordsWindow window;
    app::MainFrame* frame = window.frame;
    frame->navigator()->select_row(2);  // Dee & Eli Moss.
    ASSERT_TRUE(pump_until([&] { return frame->selected_unit() != 0; }));
    wxWindow* panel = frame->unit_panel("records.clients");
    ASSERT_NE(panel, nullptr);
    auto* list = dynamic_cast<wxListCtrl*>(panel->FindWindow("client_list"));
    ASSERT_EQ(list->GetItemCount(), 2);
    EXPECT_EQ(list->GetItemText(0, 7), "no");  // May share: not until agreed.

    bool edited = false;
    wxTheApp->CallAfter([&] {
        pump(200);
        for (wxWindow* top : wxTopLevelWindows) {
            if (top->GetName() != "client_dialog") {
                continue;
            }
            dynamic_cast<wxCheckBox*>(top->FindWindow("client_may_share"))->SetValue(true);
            auto* phone = dynamic_cast<wxTextCtrl*>(top->FindWindow("client_emergency_phone"));
            phone->SetValue("555 010 3333");  // No name yet: refused, dialog stays open.
            wxCommandEvent ok(wxEVT_BUTTON, wxID_OK);
            top->GetEventHandler()->ProcessEvent(ok);
            auto* error = dynamic_cast<wxStaticText*>(top->FindWindow("client_error"));
            EXPECT_TRUE(error->GetLabel().Contains("emergency contact's name"));
            dynamic_cast<wxTextCtrl*>(top->FindWindow("client_emergency_name"))
                ->SetValue("Jo Moss");
            top->GetEventHandler()->ProcessEvent(ok);
            edited = true;
        }
    });
    wxCommandEvent edit(wxEVT_BUTTON, panel->FindWindow("client_edit")->GetId());
    panel->FindWindow("client_edit")->GetEventHandler()->ProcessEvent(edit);
    ASSERT_TRUE(edited);
    EXPECT_EQ(list->GetItemText(0, 7), "yes");
    EXPECT_EQ(list->GetItemText(1, 7), "no");
}

TEST(RecordsPlugin, ThePlanTabShowsAnImagoPlanAsATree) {
    RecordsWindow window;
    app::MainFrame* frame = window.frame;
    frame->navigator()->select_row(0);  // Ana & Ben Ortiz.
    ASSERT_TRUE(pump_until([&] { return frame->selected_unit() != 0; }));
    wxWindow* panel = frame->unit_panel("records.plan");
    ASSERT_NE(panel, nullptr);
    auto* tree = dynamic_cast<wxTreeCtrl*>(panel->FindWindow("plan_tree"));
    ASSERT_NE(tree, nullptr);
    EXPECT_EQ(tree->GetCount(), 0u);  // No plan yet.

    // Another program (dyadctl) writes a plan while the window is open.
    auto made = test::run_process(
        {test::dyadctl_path(), "--data-dir", window.dir.file("practice"), "records", "plan-new",
         "--unit", std::to_string(frame->selected_unit()), "--template", "imago", "Ortiz plan"},
        {"DYAD_PLUGIN_PATH=" + window.dir.file("plugins")});
    ASSERT_EQ(made.exit_code, 0) << made.err;
    frame->navigator()->select_row(1);
    ASSERT_TRUE(pump_until([&] { return frame->selected_unit() != 0; }));
    frame->navigator()->select_row(0);
    pump(200);
    EXPECT_EQ(tree->GetCount(), 14u);  // A problem, six stages, seven objectives.
    frame->notebook()->SetSelection(static_cast<size_t>(frame->notebook()->FindPage(panel)));
    pump(300);
    screenshot(frame, "records-plan-imago");
}

TEST(RecordsPlugin, OneSearchBoxFindsClientsAndNotesAndOpensTheUnit) {
    RecordsWindow window;
    app::MainFrame* frame = window.frame;
    records::UnitQuery moss;
    moss.search = "Moss";
    std::int64_t unit = frame->practice()->records().units(moss)->front().id;
    std::vector<std::string> env = {"DYAD_PLUGIN_PATH=" + window.dir.file("plugins")};
    auto dyadctl = [&](std::vector<std::string> args) {
        std::vector<std::string> argv = {test::dyadctl_path(), "--data-dir",
                                         window.dir.file("practice"), "records"};
        argv.insert(argv.end(), args.begin(), args.end());
        return test::run_process(argv, env);
    };
    auto note = dyadctl({"note-new", "--unit", std::to_string(unit), "--template", "dap"});
    ASSERT_EQ(note.exit_code, 0) << note.err;
    std::string note_id = note.out.substr(0, note.out.find('\n'));
    ASSERT_EQ(
        dyadctl({"note-set", note_id, "data", "They planned the holidays together"}).exit_code, 0);

    int id = frame->GetMenuBar()->FindMenuItem("View", "Find in Records...");
    ASSERT_NE(id, wxNOT_FOUND);
    wxCommandEvent open_view(wxEVT_MENU, id);
    frame->GetEventHandler()->ProcessEvent(open_view);
    wxSearchCtrl* query = nullptr;
    wxListCtrl* results = nullptr;
    ASSERT_TRUE(pump_until([&] {
        query = dynamic_cast<wxSearchCtrl*>(find_in_any_window("records_search_query"));
        results = dynamic_cast<wxListCtrl*>(find_in_any_window("records_search_results"));
        return query != nullptr && results != nullptr;
    }));
    auto search = [&](const char* text) {
        query->SetValue(text);
        wxCommandEvent enter(wxEVT_TEXT_ENTER, query->GetId());
        enter.SetEventObject(query);
        query->GetEventHandler()->ProcessEvent(enter);
    };
    search("holid");
    ASSERT_EQ(results->GetItemCount(), 1);
    EXPECT_EQ(results->GetItemText(0, 0), "note");
    EXPECT_EQ(results->GetItemText(0, 1), "Dee & Eli Moss");
    EXPECT_TRUE(results->GetItemText(0, 3).Contains("[holidays]")) << results->GetItemText(0, 3);
    search("carla.d");  // An email prefix.
    ASSERT_EQ(results->GetItemCount(), 1);
    EXPECT_EQ(results->GetItemText(0, 1), "Carla Diaz");

    search("holid");
    wxListEvent activate(wxEVT_LIST_ITEM_ACTIVATED, results->GetId());
    activate.m_itemIndex = 0;
    activate.SetEventObject(results);
    results->GetEventHandler()->ProcessEvent(activate);
    EXPECT_TRUE(pump_until([&] { return frame->selected_unit() == unit; }))
        << "activating the result did not open its unit";
}

TEST(RecordsPlugin, FindInAllRecordsOpensTheUnitOfANoteOnItsTab) {
    RecordsWindow window;
    app::MainFrame* frame = window.frame;
    records::UnitQuery moss;
    moss.search = "Moss";
    std::int64_t unit = frame->practice()->records().units(moss)->front().id;
    std::vector<std::string> env = {"DYAD_PLUGIN_PATH=" + window.dir.file("plugins")};
    auto dyadctl = [&](std::vector<std::string> args, const std::string& input = "") {
        std::vector<std::string> argv = {test::dyadctl_path(), "--data-dir",
                                         window.dir.file("practice")};
        argv.insert(argv.end(), args.begin(), args.end());
        return test::run_process_with_input(argv, env, input, 60);
    };
    auto note =
        dyadctl({"records", "note-new", "--unit", std::to_string(unit), "--template", "dap"});
    ASSERT_EQ(note.exit_code, 0) << note.err;
    std::string note_id = note.out.substr(0, note.out.find('\n'));
    ASSERT_EQ(
        dyadctl({"records", "note-set", note_id, "data", "They sketched a canoe trip"}).exit_code,
        0);
    // The same search headless: the words on standard input, never on the command line.
    auto headless = dyadctl({"search"}, "canoe\n");
    ASSERT_EQ(headless.exit_code, 0) << headless.err;
    EXPECT_NE(headless.out.find("Notes\t" + std::to_string(unit) + "\tDee & Eli Moss"),
              std::string::npos)
        << headless.out;

    CancelIfStillOpen cancel{"search_dialog"};
    bool searched = false;
    WhenOpen answer("search_dialog", [&](wxWindow* dialog) {
        auto* query = dynamic_cast<wxSearchCtrl*>(dialog->FindWindow("search_query"));
        auto* results = dynamic_cast<wxListCtrl*>(dialog->FindWindow("search_results"));
        auto* message = dynamic_cast<wxStaticText*>(dialog->FindWindow("search_message"));
        ASSERT_TRUE(query && results && message);
        auto enter = [&](const char* text) {
            query->SetValue(wxString::FromUTF8(text));
            wxCommandEvent event(wxEVT_TEXT_ENTER, query->GetId());
            event.SetEventObject(query);
            query->GetEventHandler()->ProcessEvent(event);
        };
        enter("   ");
        EXPECT_EQ(message->GetLabel(), "Type something to search for.");
        enter("canoe");
        ASSERT_EQ(results->GetItemCount(), 1);
        EXPECT_EQ(results->GetItemText(0, 0), "Notes");
        EXPECT_EQ(results->GetItemText(0, 1), "Dee & Eli Moss");
        EXPECT_TRUE(results->GetItemText(0, 3).Contains("[canoe]")) << results->GetItemText(0, 3);
        screenshot(dialog, "find-in-all-records");
        searched = true;
        wxListEvent activate(wxEVT_LIST_ITEM_ACTIVATED, results->GetId());
        activate.m_itemIndex = 0;
        activate.SetEventObject(results);
        results->GetEventHandler()->ProcessEvent(activate);
    });
    ASSERT_TRUE(run_menu_command(frame, "Edit", "Find in All Records..."));
    ASSERT_TRUE(searched);
    EXPECT_TRUE(pump_until([&] { return frame->selected_unit() == unit; }));
    wxWindow* notes = frame->unit_panel("records.notes");
    ASSERT_NE(notes, nullptr);
    EXPECT_EQ(frame->notebook()->GetSelection(), frame->notebook()->FindPage(notes));
}

TEST(RecordsPlugin, TheWeekCalendarShowsTheWeeksSessionsByDay) {
    RecordsWindow window;
    app::MainFrame* frame = window.frame;
    int id = frame->GetMenuBar()->FindMenuItem("View", "Week Calendar...");
    ASSERT_NE(id, wxNOT_FOUND);
    wxCommandEvent open_view(wxEVT_MENU, id);
    frame->GetEventHandler()->ProcessEvent(open_view);
    std::vector<wxListBox*> days;
    ASSERT_TRUE(pump_until([&] {
        days.clear();
        for (wxWindow* top : wxTopLevelWindows) {
            for (int day = 0; day < 7; ++day) {
                if (auto* list = dynamic_cast<wxListBox*>(
                        top->FindWindow("week_day_" + std::to_string(day)))) {
                    days.push_back(list);
                }
            }
        }
        return days.size() == 7;
    }));
    unsigned sessions = 0;
    for (auto* list : days) {
        sessions += list->GetCount();
    }
    EXPECT_EQ(sessions, 5u);
    EXPECT_TRUE(days[0]->GetString(0).Contains("Ana & Ben Ortiz")) << days[0]->GetString(0);
    days[0]->SetSelection(0);
    wxCommandEvent open_unit(wxEVT_LISTBOX_DCLICK, days[0]->GetId());
    open_unit.SetInt(0);
    open_unit.SetEventObject(days[0]);
    days[0]->GetEventHandler()->ProcessEvent(open_unit);
    EXPECT_TRUE(pump_until([&] { return frame->selected_unit() != 0; }));
    EXPECT_EQ(frame->practice()->records().unit(frame->selected_unit())->display_name,
              "Ana & Ben Ortiz");
}

TEST(RecordsPlugin, ACoupleIsMadeFromTwoClientsAlreadyOnFile) {
    RecordsWindow window;
    app::MainFrame* frame = window.frame;
    auto couples = [&] {
        return **frame->practice()->connection().query_int64(
            "SELECT count(*) FROM dyad_unit WHERE kind = 'couple'");
    };
    std::int64_t before = couples();
    bool answered = false;
    wxTheApp->CallAfter([&] {
        pump(200);
        CancelIfStillOpen guard{"unit_from_clients"};
        wxWindow* dialog = open_dialog("unit_from_clients");
        ASSERT_NE(dialog, nullptr);
        auto* list = dynamic_cast<wxCheckListBox*>(dialog->FindWindow("unit_clients"));
        ASSERT_NE(list, nullptr);
        // One client only: refused at the dialog, which stays open.
        int carla = index_starting_with(list, "Diaz, Carla");
        ASSERT_NE(carla, wxNOT_FOUND);
        list->Check(static_cast<unsigned>(carla));
        wxCommandEvent ok(wxEVT_BUTTON, wxID_OK);
        dialog->GetEventHandler()->ProcessEvent(ok);
        ASSERT_NE(open_dialog("unit_from_clients"), nullptr);
        // Typing in the search box keeps the ticks of clients no longer shown.
        auto* search = dynamic_cast<wxTextCtrl*>(dialog->FindWindow("unit_clients_search"));
        search->ChangeValue("Had");
        wxCommandEvent typed(wxEVT_TEXT, search->GetId());
        search->GetEventHandler()->ProcessEvent(typed);
        ASSERT_EQ(list->GetCount(), 1u);
        list->Check(0);
        dialog->GetEventHandler()->ProcessEvent(ok);
        answered = true;
    });
    ASSERT_TRUE(run_menu_command(frame, "Client", "New Unit from Existing Clients..."));
    ASSERT_TRUE(answered);
    EXPECT_EQ(couples(), before + 1);
    // The new couple is selected and its Clients tab lists both partners.
    ASSERT_TRUE(pump_until([&] { return frame->selected_unit() != 0; }));
    EXPECT_EQ(**frame->practice()->connection().query_int64(
                  "SELECT count(*) FROM dyad_unit_member WHERE unit_id = " +
                  std::to_string(frame->selected_unit()) + " AND role = 'partner'"),
              2);
    wxWindow* panel = frame->unit_panel("records.clients");
    ASSERT_NE(panel, nullptr);
    auto* members = dynamic_cast<wxListCtrl*>(panel->FindWindow("client_list"));
    EXPECT_TRUE(pump_until([&] { return members->GetItemCount() == 2; }));
    screenshot(frame, "records-new-couple");
}

TEST(RecordsPlugin, TheDiagnosesTabWarnsWhenZ630IsAloneOnBilledCoupleSessions) {
    RecordsWindow window;
    app::MainFrame* frame = window.frame;
    frame->navigator()->select_row(0);  // Ana & Ben Ortiz.
    ASSERT_TRUE(pump_until([&] { return frame->selected_unit() != 0; }));
    std::string unit = std::to_string(frame->selected_unit());
    auto booked = window.records({"book", "--unit", unit, "--start", "2031-01-06 10:00"});
    ASSERT_EQ(booked.exit_code, 0) << booked.err;
    ASSERT_EQ(
        window.records({"session-status", booked.out.substr(0, booked.out.find('\n')), "attended"})
            .exit_code,
        0);
    wxWindow* panel = frame->unit_panel("records.diagnoses");
    ASSERT_NE(panel, nullptr) << "the Diagnoses tab is missing";
    frame->notebook()->SetSelection(static_cast<size_t>(frame->notebook()->FindPage(panel)));
    frame->select_unit(frame->selected_unit());
    pump(200);
    auto* warning = dynamic_cast<wxStaticText*>(panel->FindWindow("diagnoses_warning"));
    auto* list = dynamic_cast<wxListCtrl*>(panel->FindWindow("diagnoses_list"));
    ASSERT_NE(warning, nullptr);
    ASSERT_NE(list, nullptr);
    EXPECT_FALSE(warning->IsShown());

    auto add = [&](const char* search, const char* code, const char* for_whom) {
        bool added = false;
        wxTheApp->CallAfter([&] {
            pump(200);
            CancelIfStillOpen guard{"diagnosis_dialog"};
            wxWindow* dialog = open_dialog("diagnosis_dialog");
            ASSERT_NE(dialog, nullptr);
            auto* box = dynamic_cast<wxTextCtrl*>(dialog->FindWindow("diagnosis_search"));
            box->ChangeValue(search);
            wxCommandEvent typed(wxEVT_TEXT, box->GetId());
            box->GetEventHandler()->ProcessEvent(typed);
            auto* codes = dynamic_cast<wxListBox*>(dialog->FindWindow("diagnosis_codes"));
            ASSERT_GT(codes->GetCount(), 0u);
            EXPECT_TRUE(codes->GetString(0).StartsWith(code)) << codes->GetString(0);
            auto* who = dynamic_cast<wxChoice*>(dialog->FindWindow("diagnosis_for"));
            ASSERT_NE(who->FindString(for_whom), wxNOT_FOUND) << for_whom;
            who->SetSelection(who->FindString(for_whom));
            wxCommandEvent ok(wxEVT_BUTTON, wxID_OK);
            dialog->GetEventHandler()->ProcessEvent(ok);
            added = true;
        });
        wxCommandEvent click(wxEVT_BUTTON, panel->FindWindow("diagnosis_add")->GetId());
        panel->FindWindow("diagnosis_add")->GetEventHandler()->ProcessEvent(click);
        EXPECT_TRUE(added);
    };
    add("relationship spouse", "Z63.0", "The whole unit");
    EXPECT_EQ(list->GetItemCount(), 1);
    EXPECT_TRUE(warning->IsShown());
    EXPECT_TRUE(warning->GetLabel().Contains("Z63.0")) << warning->GetLabel();
    pump(200);
    screenshot(frame, "records-diagnoses-warning");

    add("F43.23", "F43.23", "Ana Ortiz");  // The identified patient's covered diagnosis.
    EXPECT_EQ(list->GetItemCount(), 2);
    long covered = list->FindItem(-1, "F43.23");
    ASSERT_NE(covered, -1);
    EXPECT_EQ(list->GetItemText(covered, 2), "Ana Ortiz");
    EXPECT_FALSE(warning->IsShown());
}
