// The host under Xvfb: start with a test plugin, select a client unit with the mouse, see the
// plugin's panel for it, run the plugin's command with its shortcut, use the dialogs.
#include <gtest/gtest.h>
#include <wx/app.h>
#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/checklst.h>
#include <wx/choice.h>
#include <wx/dcmemory.h>
#include <wx/dcscreen.h>
#include <wx/dialog.h>
#include <wx/listbox.h>
#include <wx/listctrl.h>
#include <wx/menu.h>
#include <wx/spinctrl.h>
#include <wx/srchctrl.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/treectrl.h>
#include <wx/uiaction.h>
#include <wx/utils.h>

#include <chrono>
#include <filesystem>
#include <functional>

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>

#include "client_dialogs.h"
#include "directory_server.h"
#include "first_run.h"
#include "gui_support.h"
#include "main_frame.h"
#include "navigator.h"
#include "plugins_dialog.h"
#include "test_support.h"

using namespace dyad;
using test::find_in_any_window;
using test::pump;
using test::pump_until;

namespace {

// Answers Yes in the plugins' confirmation dialog (plugins/common/confirm_dialog.h) once it
// is open; `answered` tells whether there was one. Call before the click that opens it.
void answer_yes_when_asked(bool& answered) {
    answered = false;
    wxTheApp->CallAfter([&answered] {
        pump(200);
        for (wxWindow* top : wxTopLevelWindows) {
            if (top->GetName() == "confirm_dialog") {
                wxCommandEvent yes(wxEVT_BUTTON, wxID_YES);
                top->GetEventHandler()->ProcessEvent(yes);
                answered = true;
            }
        }
    });
}

// Saves the screen area of a main window as an artifact PNG. (Dialogs are not captured:
// under Xvfb without a window manager wxScreenDC does not show them reliably.)
void screenshot(wxWindow* window, const std::string& name) {
    window->Raise();
    window->Refresh();
    window->Update();  // Paint now: the screen may still show an earlier test's window.
    pump(150);
    wxRect rect = window->GetScreenRect();
    wxScreenDC screen;
    wxBitmap bitmap(rect.width, rect.height);
    wxMemoryDC memory(bitmap);
    memory.Blit(0, 0, rect.width, rect.height, &screen, rect.x, rect.y);
    memory.SelectObject(wxNullBitmap);
    bitmap.SaveFile(wxString::FromUTF8(test::artifact_dir() + "/" + name + ".png"),
                    wxBITMAP_TYPE_PNG);
}

struct Host {
    test::TempDir dir;
    app::MainFrame* frame = nullptr;

    Host() {
        test::copy_fixtures({"hello"}, dir.file("plugins"));
        app::AppOptions options;
        options.installed_plugin_dirs = {dir.file("plugins")};
        options.user_plugin_dirs = {dir.file("user-plugins")};
        frame = new app::MainFrame(options);
        Status opened = frame->open_practice(dir.file("practice"));
        EXPECT_TRUE(opened) << opened.error().message;
        EXPECT_TRUE(create_demo_practice(frame->practice()->records()));
        frame->SetSize(1100, 720);
        frame->Show();
        frame->Raise();
        pump_until([&] { return frame->IsShownOnScreen(); });
        pump(300);
    }
    ~Host() {
        frame->Close(true);
        pump_until([&] { return wxTopLevelWindows.Find(frame) == nullptr; });
        pump(100);
    }
    std::int64_t count(const std::string& sql) {
        return **frame->practice()->connection().query_int64(sql);
    }
};

// The host with some of the shipped plugins installed, on the demo practice, shown.
struct PluginWindow {
    test::TempDir dir;
    app::MainFrame* frame = nullptr;

    explicit PluginWindow(std::vector<std::string> plugins, wxSize size = wxSize(1100, 760)) {
        std::filesystem::create_directories(dir.file("plugins"));
        for (const auto& plugin : plugins) {
            // A shipped plugin by name, or any plugin by its path.
            std::filesystem::path source =
                plugin.find('/') == std::string::npos
                    ? std::filesystem::path(DYAD_BUILD_PLUGIN_DIR) / (plugin + ".so")
                    : std::filesystem::path(plugin);
            std::filesystem::copy_file(source, dir.file("plugins/" + source.filename().string()));
        }
        app::AppOptions options;
        options.installed_plugin_dirs = {dir.file("plugins")};
        options.installed_resource_dirs = {test::source_dir() + "/resources"};
        frame = new app::MainFrame(options);
        EXPECT_TRUE(frame->open_practice(dir.file("practice")));
        EXPECT_TRUE(create_demo_practice(frame->practice()->records()));
        frame->navigator()->reload();
        frame->SetSize(size);
        frame->Show();
        pump(300);
    }
    ~PluginWindow() {
        frame->Close(true);
        // Gone from the screen before the next test's window is shown and captured.
        pump_until([&] { return wxTopLevelWindows.Find(frame) == nullptr; });
        pump(100);
    }
};

struct RecordsWindow : PluginWindow {
    RecordsWindow() : PluginWindow({"records"}) {}

    // Runs `dyadctl records ARGS` on this practice while the window is open.
    test::ProcessResult records(std::vector<std::string> args) {
        std::vector<std::string> argv = {test::dyadctl_path(), "--data-dir", dir.file("practice"),
                                         "records"};
        argv.insert(argv.end(), args.begin(), args.end());
        return test::run_process(argv, {"DYAD_PLUGIN_PATH=" + dir.file("plugins")});
    }
};

}  // namespace

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
    app::PluginsDialog dialog(host.frame, host.frame->practice()->plugins());
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
    app::PluginsDialog dialog(frame, frame->practice()->plugins());
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
    EXPECT_TRUE(pump_until([&] { return drafts->GetLabel().StartsWith("1 draft note(s)"); }))
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
    EXPECT_TRUE(warning.Contains("Carla Diaz (born 1975-09-18) is already a client")) << warning;
    EXPECT_EQ(host.count("SELECT count(*) FROM dyad_client WHERE given_name = 'Carla'"), 2);
}

namespace {

// Sends the menu command with this label (mnemonics ignored) from the main window's menu bar.
bool run_menu_command(app::MainFrame* frame, const wxString& menu, const wxString& label) {
    int id = frame->GetMenuBar()->FindMenuItem(menu, label);
    if (id == wxNOT_FOUND) {
        return false;
    }
    wxCommandEvent event(wxEVT_MENU, id);
    event.SetEventObject(frame);
    frame->GetEventHandler()->ProcessEvent(event);
    return true;
}

wxWindow* open_dialog(const wxString& name) {
    for (wxWindow* top : wxTopLevelWindows) {
        if (top->GetName() == name && top->IsShown()) {
            return top;
        }
    }
    return nullptr;
}

// Cancels a modal dialog still open when a test's answer stops early (a failed ASSERT), so a
// failure is reported instead of the test hanging on the dialog.
struct CancelIfStillOpen {
    wxString name;
    ~CancelIfStillOpen() {
        if (auto* dialog = dynamic_cast<wxDialog*>(open_dialog(name));
            dialog != nullptr && dialog->IsModal()) {
            dialog->EndModal(wxID_CANCEL);
        }
    }
};

int index_starting_with(wxCheckListBox* list, const wxString& start) {
    for (unsigned i = 0; i < list->GetCount(); ++i) {
        if (list->GetString(i).StartsWith(start)) {
            return static_cast<int>(i);
        }
    }
    return wxNOT_FOUND;
}

}  // namespace

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

namespace {

struct BcrWindow : PluginWindow {
    BcrWindow() : PluginWindow({"records", "bcr"}, wxSize(1100, 800)) {}
};

void click(wxWindow* button) {
    wxCommandEvent event(wxEVT_BUTTON, button->GetId());
    event.SetEventObject(button);
    button->GetEventHandler()->ProcessEvent(event);
}

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
    EXPECT_TRUE(last_result().Contains("1 conflict(s)")) << last_result();
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
    EXPECT_EQ(week->GetLabel(), "Appreciations on 0 of the last 7 days");
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
    EXPECT_EQ(week->GetLabel(), "Appreciations on 1 of the last 7 days");
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
