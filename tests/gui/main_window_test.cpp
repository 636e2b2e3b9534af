// The host under Xvfb: start with a test plugin, select a client unit with the mouse, see the
// plugin's panel for it, run the plugin's command with its shortcut, use the dialogs.
#include <wx/datetime.h>
#include <wx/uiaction.h>

#include <algorithm>

#include "accessible.h"
#include "gui_fixtures.h"
#include "week_chart.h"

using namespace dyad::gui_test;

TEST(MainWindow, SelectingAUnitWithTheMouseShowsThePluginPanelForIt) {
    Host host;
    ASSERT_EQ(host.frame->navigator()->row_count(), 4);  // Active units of the demo.
    auto* list = dynamic_cast<wxListCtrl*>(host.frame->FindWindow("unit_list"));
    ASSERT_NE(list, nullptr);

    // Click the first row as a person would.
    wxRect row;
    ASSERT_TRUE(list->GetItemRect(0, row));
    wxPoint target = list->ClientToScreen(row.GetPosition() + wxPoint(20, row.height / 2));
    wxUIActionSimulator mouse;
    mouse.MouseMove(target);
    pump(100);
    mouse.MouseClick();
    ASSERT_TRUE(pump_until([&] { return host.frame->selected_unit() != 0; }))
        << "the click did not select a unit";

    auto unit = host.frame->practice()->records().unit(host.frame->selected_unit());
    ASSERT_TRUE(unit);
    EXPECT_EQ(unit->display_name, "Ana & Ben Ortiz");

    wxWindow* panel = host.frame->unit_panel("hello.unit");
    ASSERT_NE(panel, nullptr) << "the test plugin's panel is missing";
    auto* label = dynamic_cast<wxStaticText*>(panel->FindWindow("hello_label"));
    ASSERT_NE(label, nullptr);
    EXPECT_EQ(label->GetLabelText(), "Hello, Ana & Ben Ortiz (0 greetings)");

    // The view of the unit is in the audit log.
    EXPECT_EQ(host.count("SELECT count(*) FROM dyad_audit WHERE action = 'view' AND entity = "
                         "'unit' AND entity_id = " +
                         std::to_string(unit->id)),
              1);

    host.frame->notebook()->SetSelection(
        static_cast<size_t>(host.frame->notebook()->FindPage(panel)));
    pump(300);
    screenshot(host.frame, "main-window-plugin-panel");
}

TEST(MainWindow, ThePluginCommandRunsFromItsShortcut) {
    Host host;
    host.frame->navigator()->select_row(1);
    ASSERT_TRUE(pump_until([&] { return host.frame->selected_unit() != 0; }));
    host.frame->navigator()->SetFocus();
    pump(100);
    wxUIActionSimulator keyboard;
    keyboard.Char('H', wxMOD_CONTROL | wxMOD_SHIFT);
    ASSERT_TRUE(pump_until([&] { return host.count("SELECT count(*) FROM hello_greeting") == 1; }))
        << "Ctrl+Shift+H did not run the plugin's command";
    EXPECT_EQ(host.frame->GetStatusBar()->GetStatusText(0), "Greeting added");
    // Showing Home refreshes the plugin's card (plugin data changes without core events).
    auto* card = dynamic_cast<wxStaticText*>(host.frame->FindWindow("hello_card_label"));
    ASSERT_NE(card, nullptr);
    EXPECT_EQ(card->GetLabelText(), "0 greetings in the practice");  // Read at start-up.
    host.frame->notebook()->SetSelection(0);
    EXPECT_TRUE(pump_until([&] { return card->GetLabelText() == "1 greetings in the practice"; }));
    // A core record change refreshes it too.
    ASSERT_EQ(host.count("SELECT count(*) FROM hello_greeting"), 1);
    host.frame->notebook()->SetSelection(1);
    pump(100);
    records::ClientFields walk_in;
    walk_in.given_name = "Walk";
    walk_in.family_name = "In";
    ASSERT_TRUE(host.frame->practice()->records().create_client(walk_in, "test"));
    EXPECT_TRUE(pump_until([&] { return card->GetLabelText() == "1 greetings in the practice"; }));
}

TEST(MainWindow, SearchFiltersTheNavigator) {
    Host host;
    auto* search = dynamic_cast<wxSearchCtrl*>(host.frame->FindWindow("unit_search"));
    ASSERT_NE(search, nullptr);
    search->SetFocus();
    wxUIActionSimulator keyboard;
    keyboard.Text("moss");
    ASSERT_TRUE(pump_until([&] { return host.frame->navigator()->row_count() == 1; }))
        << "typing did not filter";
    host.frame->navigator()->set_status_filter(3);  // All.
    search->SetValue("");
    ASSERT_TRUE(pump_until([&] { return host.frame->navigator()->row_count() == 6; }));
}

TEST(MainWindow, NewCoupleDialogShowsErrorsThenSavesBothPartners) {
    Host host;
    auto& practice = *host.frame->practice();
    app::NewClientDialog dialog(host.frame, practice.records(), practice.connection(), "couple");
    bool saw_error = false;
    dialog.CallAfter([&] {
        pump_until([&] { return dialog.IsShownOnScreen(); });
        pump(200);
        auto set = [&](const char* name, const char* text) {
            auto* field = dynamic_cast<wxTextCtrl*>(dialog.FindWindow(name));
            ASSERT_NE(field, nullptr) << name;
            field->SetValue(text);
        };
        set("partner1_given", "Gia");
        set("partner1_family", "Romano");
        set("partner1_dob", "1990-02-30");
        set("partner2_given", "Hal");
        set("partner2_family", "Romano");
        auto click_ok = [&] {
            wxCommandEvent click(wxEVT_BUTTON, wxID_OK);
            click.SetEventObject(dialog.FindWindow(wxID_OK));
            dialog.GetEventHandler()->ProcessEvent(click);
        };
        click_ok();
        auto* error = dynamic_cast<wxStaticText*>(dialog.FindWindow("dialog_error"));
        saw_error = error != nullptr &&
                    error->GetLabel().Contains("Partner 1: The date of birth is not a valid date");
        set("partner1_dob", "1990-02-28");
        click_ok();
    });
    EXPECT_EQ(dialog.ShowModal(), wxID_OK);
    EXPECT_TRUE(saw_error);
    ASSERT_NE(dialog.created_unit(), 0);
    auto unit = practice.records().unit(dialog.created_unit());
    EXPECT_EQ(unit->display_name, "Gia & Hal Romano");
    // The failed first attempt saved nothing: exactly two Romanos.
    EXPECT_EQ(host.count("SELECT count(*) FROM dyad_client WHERE family_name = 'Romano'"), 2);
}

TEST(MainWindow, PluginsDialogShowsTheSameTableAsDyadctl) {
    Host host;
    app::PluginsDialog dialog(host.frame, host.frame->practice()->plugins(),
                              [](wxWindow*, const wxString&) { return true; });
    dialog.Show();
    pump(200);
    auto* list = dynamic_cast<wxListCtrl*>(dialog.FindWindow("plugins_list"));
    ASSERT_NE(list, nullptr);
    ASSERT_EQ(list->GetItemCount(), 1);
    EXPECT_EQ(list->GetItemText(0, 0), "Hello (test plugin)");
    EXPECT_EQ(list->GetItemText(0, 4), "loaded");
}

TEST(MainWindow, ASettingsPageOfAPluginSavesThroughTheSettingsService) {
    Host host;
    bool found_page = false;
    host.frame->CallAfter([&] {
        pump(300);
        // The modal Settings dialog is open now; find the plugin's field in it.
        for (wxWindow* top : wxTopLevelWindows) {
            auto* field = dynamic_cast<wxTextCtrl*>(top->FindWindow("hello_greeting_word"));
            if (field == nullptr) {
                continue;
            }
            found_page = true;
            EXPECT_EQ(field->GetValue(), "Hello");
            field->SetValue("Welcome");
            wxCommandEvent click(wxEVT_BUTTON, wxID_OK);
            click.SetEventObject(top->FindWindow(wxID_OK));
            top->GetEventHandler()->ProcessEvent(click);
        }
    });
    wxCommandEvent open_settings(wxEVT_MENU, wxID_PREFERENCES);
    host.frame->GetEventHandler()->ProcessEvent(open_settings);  // Returns when the dialog closes.
    ASSERT_TRUE(found_page);
    EXPECT_EQ(host.count("SELECT count(*) FROM host_plugin_setting WHERE plugin_id = 'test.hello' "
                         "AND key = 'greeting-word' AND value = 'Welcome'"),
              1);
    host.frame->navigator()->select_row(0);
    ASSERT_TRUE(pump_until([&] { return host.frame->selected_unit() != 0; }));
    auto* label = dynamic_cast<wxStaticText*>(
        host.frame->unit_panel("hello.unit")->FindWindow("hello_label"));
    EXPECT_TRUE(label->GetLabelText().StartsWith("Welcome, Ana & Ben Ortiz"))
        << label->GetLabelText();
}

TEST(MainWindow, RemembersItsSizeBetweenRuns) {
    test::TempDir dir;
    app::AppOptions options;
    options.installed_plugin_dirs = {dir.file("none")};
    auto* first = new app::MainFrame(options);
    ASSERT_TRUE(first->open_practice(dir.file("practice")));
    first->Show();
    pump(200);
    first->SetSize(900, 610);
    pump(200);
    first->Close(true);
    pump(200);
    auto* second = new app::MainFrame(options);
    EXPECT_EQ(second->GetSize(), wxSize(900, 610));
    second->Close(true);
    pump(100);
}

TEST(FirstRun, OffersToCreateAPracticeOrOpenTheDemo) {
    for (auto [button, expected] : {std::pair{wxID_OPEN, app::FirstRunChoice::OpenDemo},
                                    std::pair{wxID_NEW, app::FirstRunChoice::CreatePractice}}) {
        bool clicked = false;
        wxTheApp->CallAfter([&, button = button] {
            pump(200);
            for (wxWindow* top : wxTopLevelWindows) {
                if (top->GetName() != "first_run_dialog") {
                    continue;
                }
                if (auto* name = dynamic_cast<wxTextCtrl*>(top->FindWindow("practice_name"))) {
                    name->SetValue("Riverside Couples Clinic");
                }
                wxWindow* target = top->FindWindow(button);
                wxCommandEvent click(wxEVT_BUTTON, button);
                click.SetEventObject(target);
                target->GetEventHandler()->ProcessEvent(click);
                clicked = true;
            }
        });
        app::FirstRunAnswer answer = app::ask_first_run(nullptr);
        ASSERT_TRUE(clicked);
        EXPECT_EQ(answer.choice, expected);
        if (expected == app::FirstRunChoice::CreatePractice) {
            EXPECT_EQ(answer.practice_name, "Riverside Couples Clinic");
        }
    }
}

TEST(MainWindow, APracticeViewOpensFromTheViewMenu) {
    Host host;
    wxMenuBar* bar = host.frame->GetMenuBar();
    int id = bar->FindMenuItem("View", "All Greetings...");
    ASSERT_NE(id, wxNOT_FOUND) << "the plugin's practice view is not in the View menu";
    wxCommandEvent open_view(wxEVT_MENU, id);
    host.frame->GetEventHandler()->ProcessEvent(open_view);
    wxStaticText* label = nullptr;
    ASSERT_TRUE(pump_until([&] {
        label = dynamic_cast<wxStaticText*>(find_in_any_window("hello_practice_label"));
        return label != nullptr;
    }));
    EXPECT_EQ(label->GetLabelText(), "Greetings across the practice: 0");
}

TEST(MainWindow, RefusedPluginsLeaveTheWindowWorkingAndAreListed) {
    test::TempDir dir;
    app::AppOptions options;
    options.installed_plugin_dirs = {test::fixture_dir()};
    options.user_plugin_dirs = {dir.file("user")};
    auto* frame = new app::MainFrame(options);
    ASSERT_TRUE(frame->open_practice(dir.file("practice")));
    ASSERT_TRUE(create_demo_practice(frame->practice()->records()));
    frame->Show();
    pump(300);
    app::PluginsDialog dialog(frame, frame->practice()->plugins(),
                              [](wxWindow*, const wxString&) { return true; });
    auto* list = dynamic_cast<wxListCtrl*>(dialog.FindWindow("plugins_list"));
    ASSERT_NE(list, nullptr);
    int loaded = 0;
    int refused = 0;
    for (long row = 0; row < list->GetItemCount(); ++row) {
        wxString state = list->GetItemText(row, 4);
        loaded += state == "loaded";
        refused += state == "refused";
        if (state == "refused") {
            EXPECT_FALSE(list->GetItemText(row, 5).empty()) << "a refusal without a reason";
        }
    }
    EXPECT_EQ(loaded, 1);
    EXPECT_EQ(refused, list->GetItemCount() - 1);
    EXPECT_GE(refused, 10);
    // The host keeps working: the good plugin's panel follows the selection.
    frame->navigator()->select_row(2);
    ASSERT_TRUE(pump_until([&] { return frame->selected_unit() != 0; }));
    auto* label =
        dynamic_cast<wxStaticText*>(frame->unit_panel("hello.unit")->FindWindow("hello_label"));
    EXPECT_TRUE(label->GetLabelText().StartsWith("Hello, Dee & Eli Moss")) << label->GetLabelText();
    frame->Close(true);  // The dialog, a stack object, goes at the end of the scope.
}

// Edit > Find in All Records (Ctrl+Shift+F): the records plugin's search provider finds a
// note's words; Enter on the hit opens its unit on the Notes tab. A bad query is said in words.
// The Overview shows each member's consent and changes it through its dialog (audited); the
// records plugin's Clients tab shows the same answer, kept by the host.
TEST(MainWindow, MemberConsentIsShownAndChangedOnTheOverview) {
    RecordsWindow window;
    app::MainFrame* frame = window.frame;
    frame->navigator()->select_row(0);  // Ana & Ben Ortiz.
    ASSERT_TRUE(pump_until([&] { return frame->selected_unit() != 0; }));
    frame->notebook()->SetSelection(1);  // Overview.
    auto* details = dynamic_cast<wxStaticText*>(frame->FindWindow("overview_details"));
    ASSERT_NE(details, nullptr);
    EXPECT_TRUE(
        details->GetLabel().Contains("Ben Ortiz  (partner)  may be contacted, does not "
                                     "share with partner"))
        << details->GetLabel();
    CancelIfStillOpen cancel{"member_consent_dialog"};
    bool answered = false;
    WhenOpen answer("member_consent_dialog", [&](wxWindow* dialog) {
        auto* share = dynamic_cast<wxCheckBox*>(dialog->FindWindow("consent_share_1"));
        auto* contact = dynamic_cast<wxCheckBox*>(dialog->FindWindow("consent_contact_1"));
        ASSERT_TRUE(share && contact);
        EXPECT_FALSE(share->GetValue());
        share->SetValue(true);
        contact->SetValue(false);
        answered = true;
        dynamic_cast<wxDialog*>(dialog)->EndModal(wxID_OK);
    });
    click(frame->FindWindow("member_consent"));
    ASSERT_TRUE(answered);
    EXPECT_TRUE(
        details->GetLabel().Contains("Ben Ortiz  (partner)  not to be contacted, shares "
                                     "with partner"))
        << details->GetLabel();
    EXPECT_EQ(dynamic_cast<wxStaticText*>(frame->FindWindow("member_consent_message"))->GetLabel(),
              "Consent saved.");
    auto& connection = frame->practice()->connection();
    EXPECT_EQ(
        **connection.query_int64("SELECT count(*) FROM dyad_audit WHERE entity = 'unit_member'"),
        1);
    wxWindow* clients = frame->unit_panel("records.clients");
    ASSERT_NE(clients, nullptr);
    frame->notebook()->SetSelection(static_cast<std::size_t>(frame->notebook()->FindPage(clients)));
    auto* list = dynamic_cast<wxListCtrl*>(clients->FindWindow("client_list"));
    ASSERT_NE(list, nullptr);
    ASSERT_TRUE(pump_until([&] { return list->GetItemCount() == 2; }));
    EXPECT_EQ(list->GetItemText(1, 6), "no");
    EXPECT_EQ(list->GetItemText(1, 7), "yes");
}

TEST(MainWindow, AClientWhoMayBeOnFileIsAWarningNotARefusal) {
    Host host;
    auto& practice = *host.frame->practice();
    app::NewClientDialog dialog(host.frame, practice.records(), practice.connection(),
                                "individual");
    wxString warning;
    dialog.CallAfter([&] {
        pump(200);
        dynamic_cast<wxTextCtrl*>(dialog.FindWindow("client_given"))->SetValue("Carla");
        dynamic_cast<wxTextCtrl*>(dialog.FindWindow("client_family"))->SetValue("Diaz");
        wxCommandEvent ok(wxEVT_BUTTON, wxID_OK);
        dialog.GetEventHandler()->ProcessEvent(ok);
        warning = dynamic_cast<wxStaticText*>(dialog.FindWindow("dialog_error"))->GetLabel();
        dialog.GetEventHandler()->ProcessEvent(ok);  // Add anyway.
    });
    EXPECT_EQ(dialog.ShowModal(), wxID_OK);
    EXPECT_TRUE(warning.Contains("Carla Diaz (born Sep 18, 1975) is already a client")) << warning;
    EXPECT_EQ(host.count("SELECT count(*) FROM dyad_client WHERE given_name = 'Carla'"), 2);
}

// Home's chart of the last eight weeks: a session attended and one missed this week show as
// this week's bar, and the figures are the chart's tooltip (what a screen reader gets).
TEST(MainWindow, HomeChartsTheLastEightWeeksOfSessions) {
    Host host;
    auto* chart = dynamic_cast<dyad::app::WeekChart*>(host.frame->FindWindow("week_chart"));
    ASSERT_NE(chart, nullptr) << "no chart on Home";
    dyad::records::UnitQuery ortiz;
    ortiz.search = "Ortiz";
    std::int64_t couple = host.frame->practice()->records().units(ortiz)->front().id;
    std::string today = wxDateTime::Today().FormatISODate().ToStdString();
    wxString before = chart->describe();
    for (const char* status : {"attended", "no_show"}) {
        dyad::records::AppointmentFields session;
        session.unit_id = couple;
        session.starts_at = today + "T12:00:00Z";
        session.ends_at = today + "T12:50:00Z";
        auto booked = host.frame->practice()->records().create_appointment(session, "test");
        ASSERT_TRUE(booked);
        session.status = status;
        ASSERT_TRUE(
            host.frame->practice()->records().update_appointment(booked->id, session, "test"));
    }
    host.frame->notebook()->SetSelection(1);
    host.frame->notebook()->SetSelection(0);  // Home is read again when shown.
    pump(100);
    wxString described = chart->describe();
    ASSERT_EQ(described.Freq('\n'), 7) << described;  // Eight weeks.
    wxString this_week = described.AfterLast('\n');
    EXPECT_TRUE(this_week.Contains("attended 1, no-show 1")) << this_week << "\nbefore:\n"
                                                             << before;
    EXPECT_EQ(chart->GetToolTipText(), described);
    screenshot(host.frame, "home-weeks");
}

// The window walked with Tab alone, from the search box round to it again, on Home and on a
// couple's Overview: every stop has a name a screen reader announces (its ATK name).
TEST(MainWindow, TheKeyboardWalksTheWindowAndEveryStopHasAName) {
    Host host;
    auto walk = [&](const std::string& where) {
        wxWindow* search = host.frame->FindWindow("unit_search");
        search->SetFocus();
        pump(100);
        wxUIActionSimulator keyboard;
        std::vector<std::string> stops;
        for (int step = 0; step < 40; ++step) {
            stops.push_back(dyad::app::focused_accessible_name(host.frame));
            keyboard.Char(WXK_TAB);
            pump(60);
            wxWindow* focus = wxWindow::FindFocus();
            if (focus != nullptr && focus->GetName() == "unit_search") {
                break;  // Round to the search box again.
            }
        }
        std::string listed;
        for (const auto& stop : stops) {
            listed += "[" + stop + "] ";
            EXPECT_FALSE(stop.empty()) << where << ": a stop without a name in " << listed;
            EXPECT_NE(stop, "(no focus)") << where;
        }
        EXPECT_LT(stops.size(), 40u) << where << ": Tab never came back: " << listed;
        return stops;
    };
    auto home = walk("Home");
    EXPECT_GE(home.size(), 5u);
    EXPECT_EQ(home.front(), "Search clients");
    EXPECT_NE(std::find(home.begin(), home.end(), "Client units"), home.end());
    EXPECT_NE(std::find(home.begin(), home.end(), "Sessions, last 8 weeks"), home.end());

    host.frame->navigator()->select_row(0);
    ASSERT_TRUE(pump_until([&] { return host.frame->selected_unit() != 0; }));
    host.frame->notebook()->SetSelection(1);  // The Overview.
    pump(100);
    auto overview = walk("Overview");
    EXPECT_NE(std::find(overview.begin(), overview.end(), "Member consent..."), overview.end());
}

// A tab whose plugin makes no window says so on the page, in words (made then, not for every
// tab at start-up).
TEST(MainWindow, ATabWhosePluginMakesNoWindowSaysSo) {
    setenv("DYAD_TEST_HELLO_NO_WINDOW", "1", 1);
    struct Unset {
        ~Unset() { unsetenv("DYAD_TEST_HELLO_NO_WINDOW"); }
    } unset;
    Host host;
    wxWindow* page = host.frame->unit_panel("hello.unit");
    ASSERT_NE(page, nullptr);
    EXPECT_EQ(host.frame->plugin_window("hello.unit"), nullptr);
    auto* failed = dynamic_cast<wxStaticText*>(page->FindWindow("page_failed"));
    ASSERT_NE(failed, nullptr);
    EXPECT_TRUE(failed->IsShown());
    EXPECT_NE(failed->GetLabel().find("its plugin made no window"), wxNOT_FOUND);
    EXPECT_EQ(host.frame->unit_panel("hello.unit"), page);  // Asked again: the same page.
}
