// Roles reach the shipped plugins (issue 15, SDK 1.1): the biller's window has no clinical tab,
// card or command while the therapist's has them all; only a supervisor is offered the
// co-signature; the owner adds users (a solo owner of an encrypted practice taking the practice
// passphrase, which then opens the practice and signs her in in one step); and enabling a
// plugin from the user's folder shows its facts and is recorded as trust.
#include <wx/notebook.h>

#include <fstream>

#include "crypto/practice_keys.h"
#include "people_fixtures.h"
#include "plugins_dialog.h"
#include "users_dialog.h"

using namespace dyad::gui_test;

namespace {

const std::string kPracticePassphrase = "blue kettle on the stove";

// A window on the practice at data with the shipped clinical plugins installed, signed in as
// name (the sign-in dialog answered).
dyad::app::MainFrame* open_as(const dyad::test::TempDir& dir, const std::string& data,
                              const std::string& name, const std::string& passphrase) {
    std::filesystem::create_directories(dir.file("plugins"));
    for (const char* plugin : {"records", "workup", "dialogue", "bcr"}) {
        std::filesystem::copy_file(
            std::filesystem::path(DYAD_BUILD_PLUGIN_DIR) / (std::string(plugin) + ".so"),
            dir.file("plugins/" + std::string(plugin) + ".so"),
            std::filesystem::copy_options::skip_existing);
    }
    dyad::app::AppOptions options;
    options.installed_plugin_dirs = {dir.file("plugins")};
    options.installed_resource_dirs = {dyad::test::source_dir() + "/resources"};
    auto* frame = new dyad::app::MainFrame(options);
    frame->SetSize(wxSize(1100, 760));
    frame->Show();
    bool answered = false;
    sign_in_when_asked(name, "not the phrase at all", passphrase, &answered);
    auto opened = frame->open_practice(data);
    EXPECT_TRUE(answered);
    EXPECT_TRUE(opened) << (opened ? "" : opened.error().message);
    pump(200);
    return frame;
}

std::vector<wxString> tab_titles(dyad::app::MainFrame* frame) {
    std::vector<wxString> titles;
    auto* tabs = dynamic_cast<wxBookCtrlBase*>(frame->FindWindow("unit_tabs"));
    for (size_t i = 0; tabs != nullptr && i < tabs->GetPageCount(); ++i) {
        titles.push_back(tabs->GetPageText(i));
    }
    return titles;
}

bool has(const std::vector<wxString>& titles, const wxString& title) {
    return std::find(titles.begin(), titles.end(), title) != titles.end();
}

void close(dyad::app::MainFrame* frame) {
    frame->Close(true);
    pump_until([&] { return wxTopLevelWindows.Find(frame) == nullptr; });
    pump(100);
}

}  // namespace

TEST(PeoplePlugins, TheBillerSeesDemographicsAndScheduleButNoClinicalTabCardOrCommand) {
    dyad::test::TempDir dir;
    std::string data = make_practice(dir);
    const std::vector<wxString> clinical = {"Notes",      "Plan",     "Diagnoses",
                                            "Worksheets", "Dialogue", "Requests"};
    auto* bill = open_as(dir, data, "Bill", "bill's long phrase");
    auto tabs = tab_titles(bill);
    EXPECT_TRUE(has(tabs, "Clients"));
    EXPECT_TRUE(has(tabs, "Schedule"));
    for (const auto& title : clinical) {
        EXPECT_FALSE(has(tabs, title)) << "the biller sees the " << title << " tab";
    }
    wxMenuBar* bar = bill->GetMenuBar();
    EXPECT_EQ(bar->FindMenuItem("Client", "Chart Summary (PDF)..."), wxNOT_FOUND);
    EXPECT_EQ(bar->FindMenuItem("View", "Find in Records..."), wxNOT_FOUND);
    EXPECT_NE(bar->FindMenuItem("View", "Week Calendar..."), wxNOT_FOUND) << "the schedule is hers";
    EXPECT_EQ(bill->FindWindow("records_drafts"), nullptr) << "no 'Notes to sign' card";
    EXPECT_EQ(bill->FindWindow("bcr_due"), nullptr) << "no request check-ins card";
    close(bill);

    auto* dana = open_as(dir, data, "Dana", "dana's long phrase");
    tabs = tab_titles(dana);
    for (const auto& title : clinical) {
        EXPECT_TRUE(has(tabs, title)) << "the therapist misses the " << title << " tab";
    }
    EXPECT_NE(dana->FindWindow("records_drafts"), nullptr);
    // A unit off her caseload cannot be opened, not even through a plugin's link.
    std::int64_t other = **dana->practice()->connection().query_int64(
        "SELECT id FROM dyad_unit WHERE display_name NOT LIKE '%Ortiz%' LIMIT 1");
    dana->select_unit(other);
    EXPECT_NE(dana->selected_unit(), other);
    dana->unit_panel("records.notes");  // A tab makes its controls when first shown.
    auto* co_sign = dana->FindWindow("note_co_sign");
    ASSERT_NE(co_sign, nullptr);
    EXPECT_FALSE(co_sign->IsShown()) << "a therapist does not co-sign";
    close(dana);

    auto* sue = open_as(dir, data, "Sue", "sue's long phrase");
    sue->unit_panel("records.notes");
    co_sign = sue->FindWindow("note_co_sign");
    ASSERT_NE(co_sign, nullptr);
    EXPECT_TRUE(co_sign->IsShown()) << "the supervisor is offered the co-signature";
    close(sue);
}

TEST(PeoplePlugins, TheSoloOwnerTakesThePracticePassphraseAndOneStepOpensBoth) {
    dyad::test::TempDir dir;
    std::string data = dir.file("practice");
    auto keys = dyad::crypto::make_practice_keys(kPracticePassphrase, dyad::crypto::kArgon2Floor);
    ASSERT_TRUE(keys);
    std::filesystem::create_directories(data);
    std::string database = dyad::practice_database_path(data);
    ASSERT_TRUE(dyad::crypto::write_key_file(dyad::crypto::key_file_path(database), keys->file));
    auto* frame = new dyad::app::MainFrame(dyad::app::AppOptions{});
    frame->Show();
    ASSERT_TRUE(frame->open_practice(data, &keys->key));
    {
        dyad::app::UsersDialog users(frame, *frame->practice(), 0);
        dyad::app::NewUser olivia{"Olivia", dyad::people::Role::Owner, "not the practice's one",
                                  true};
        EXPECT_NE(users.add(olivia).find("not the practice's passphrase"), std::string::npos);
        EXPECT_EQ(users.refresh(), 0) << "nothing added";
        olivia.passphrase = kPracticePassphrase;
        EXPECT_EQ(users.add(olivia), "");
        dyad::app::NewUser dana{"Dana", dyad::people::Role::Therapist, "dana's long phrase", false};
        EXPECT_NE(users.add(dana).find("Olivia signs in with the practice passphrase"),
                  std::string::npos)
            << "no second user while the owner's passphrase is the one everyone types";
        EXPECT_EQ(users.refresh(), 1);
    }
    close(frame);

    auto unlock = [](wxWindow* dialog) {
        dynamic_cast<wxTextCtrl*>(dialog->FindWindow("passphrase"))->SetValue(kPracticePassphrase);
        press(dialog, wxID_OK);
    };
    // Solo: the practice passphrase opens the practice and signs Olivia in, one step.
    frame = new dyad::app::MainFrame(dyad::app::AppOptions{});
    frame->Show();
    {
        WhenOpen unlocking("unlock_dialog", unlock);
        bool asked = false;
        WhenOpen signing("sign_in_dialog", [&](wxWindow* dialog) {
            asked = true;
            dynamic_cast<wxDialog*>(dialog)->EndModal(wxID_CANCEL);
        });
        ASSERT_TRUE(frame->open_practice(data));
        EXPECT_FALSE(asked) << "one step opens the solo practice and signs its owner in";
        EXPECT_EQ(frame->practice()->session().name, "Olivia");
    }
    auto solo = frame->practice()->connection().query_int64(
        "SELECT count(*) FROM dyad_audit WHERE action = 'sign-in' AND actor = 'Olivia' AND "
        "detail = 'with the practice passphrase'");
    EXPECT_EQ(**solo, 1);
    {
        // Olivia takes a passphrase of her own; then the practice may have a second user.
        dyad::app::UsersDialog users(frame, *frame->practice(), 0);
        EXPECT_EQ(users.set_passphrase(0, "olivia's own phrase"), "");
        dyad::app::NewUser dana{"Dana", dyad::people::Role::Therapist, "dana's long phrase", false};
        EXPECT_EQ(users.add(dana), "");
        EXPECT_EQ(users.refresh(), 2);
        EXPECT_EQ(users.set_supervisor(0, 1), "") << "Olivia (row 1 by name) supervises Dana";
        EXPECT_EQ(users.set_supervisor(1, 1), "Nobody supervises themselves.");
    }
    close(frame);

    // Two users: the practice passphrase opens the practice, and Olivia signs in as herself.
    frame = new dyad::app::MainFrame(dyad::app::AppOptions{});
    frame->Show();
    {
        WhenOpen unlocking("unlock_dialog", unlock);
        bool answered = false;
        WhenOpen signing("sign_in_dialog", [&](wxWindow* dialog) {
            dynamic_cast<wxTextCtrl*>(dialog->FindWindow("user_name"))->SetValue("Olivia");
            dynamic_cast<wxTextCtrl*>(dialog->FindWindow("user_passphrase"))
                ->SetValue("olivia's own phrase");
            press(dialog, wxID_OK);
            answered = true;
        });
        ASSERT_TRUE(frame->open_practice(data));
        EXPECT_TRUE(answered) << "with two users, the sign-in is asked";
        EXPECT_EQ(frame->practice()->session().name, "Olivia");
    }
    close(frame);
}

TEST(PeoplePlugins, EnablingAUserFolderPluginShowsItsFactsAndRecordsTheTrust) {
    dyad::test::TempDir dir;
    std::filesystem::create_directories(dir.file("user"));
    std::filesystem::copy_file(dyad::test::fixture_dir() + "/hello.so", dir.file("user/hello.so"));
    dyad::app::AppOptions options;
    options.user_plugin_dirs = {dir.file("user")};
    auto* frame = new dyad::app::MainFrame(options);
    frame->Show();
    ASSERT_TRUE(frame->open_practice(dir.file("practice")));
    wxString asked;
    bool answer = false;
    {
        dyad::app::PluginsDialog dialog(frame, frame->practice()->plugins(),
                                        [&](wxWindow*, const wxString& question) {
                                            asked = question;
                                            return answer;
                                        });
        auto* folders = dynamic_cast<wxStaticText*>(dialog.FindWindow("plugin_folders"));
        ASSERT_NE(folders, nullptr);
        EXPECT_TRUE(folders->GetLabel().Contains(dir.file("user")));
        const auto& plugin = frame->practice()->plugins().plugins().at(0);
        ASSERT_EQ(plugin.id, "test.hello");
        ASSERT_EQ(plugin.file_hash.size(), 64u);
        EXPECT_TRUE(dialog.details(0).Contains("BLAKE2b-256: " + plugin.file_hash));
        EXPECT_EQ(dialog.set_enabled(0, true), "");
        EXPECT_TRUE(asked.Contains("Id: test.hello"));
        EXPECT_TRUE(asked.Contains("Vendor: Dyad tests"));
        EXPECT_TRUE(asked.Contains(plugin.file_hash));
        EXPECT_TRUE(asked.Contains("it can read every client's records"));
        auto trusted =
            frame->practice()->connection().query_int64("SELECT count(*) FROM host_plugin_trust");
        EXPECT_EQ(**trusted, 0) << "declined: nothing trusted";
        answer = true;
        EXPECT_EQ(dialog.set_enabled(0, true), "");
        trusted =
            frame->practice()->connection().query_int64("SELECT count(*) FROM host_plugin_trust");
        EXPECT_EQ(**trusted, 1);
        auto audited = frame->practice()->connection().query_int64(
            "SELECT count(*) FROM dyad_audit WHERE action = 'trust'");
        EXPECT_EQ(**audited, 1);
    }
    close(frame);
}
