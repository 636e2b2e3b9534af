// People in the window (issue 15): signing in when a practice has users, the lock (Ctrl+L and
// idle) hiding client data with a draft kept, and unlocking only as the same user.
#include <wx/choice.h>
#include <wx/listctrl.h>
#include <wx/srchctrl.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <fstream>

#include "audit_viewer.h"
#include "people_fixtures.h"

using namespace dyad::gui_test;

TEST(PeopleWindow, SignInThenLockKeepsTheDraftAndOnlyTheSameUserUnlocks) {
    dyad::test::TempDir dir;
    std::string data = make_practice(dir);
    auto* frame = new dyad::app::MainFrame(dyad::app::AppOptions{});
    frame->Show();
    bool answered = false;
    sign_in_when_asked("Dana", "not dana's phrase", "dana's long phrase", &answered);
    auto opened = frame->open_practice(data);
    ASSERT_TRUE(answered);
    ASSERT_TRUE(opened) << opened.error().message;
    EXPECT_EQ(frame->practice()->session().name, "Dana");
    ASSERT_TRUE(pump_until([&] { return frame->navigator()->row_count() > 0; }));
    EXPECT_EQ(frame->navigator()->row_count(), 1) << "only Dana's caseload is listed";
    EXPECT_FALSE(
        frame->GetMenuBar()->IsEnabled(frame->GetMenuBar()->FindMenuItem("File", "Back Up...")))
        << "a therapist does not back up the practice";

    auto* search = dynamic_cast<wxSearchCtrl*>(frame->FindWindow("unit_search"));
    ASSERT_NE(search, nullptr);
    search->ChangeValue("half-typed draft");
    frame->lock();
    pump(100);
    ASSERT_TRUE(frame->locked());
    EXPECT_FALSE(frame->FindWindow("splitter")->IsShown()) << "client data hidden";
    auto* field = dynamic_cast<wxTextCtrl*>(frame->FindWindow("lock_passphrase"));
    auto* unlock = frame->FindWindow("unlock_button");
    auto* problem = dynamic_cast<wxStaticText*>(frame->FindWindow("lock_problem"));
    // Olivia's passphrase does not unlock Dana's session.
    field->SetValue("olivia's phrase");
    wxCommandEvent click(wxEVT_BUTTON, unlock->GetId());
    click.SetEventObject(unlock);
    unlock->GetEventHandler()->ProcessEvent(click);
    EXPECT_TRUE(frame->locked());
    EXPECT_EQ(problem->GetLabel(), "wrong name or passphrase");
    field->SetValue("dana's long phrase");
    unlock->GetEventHandler()->ProcessEvent(click);
    EXPECT_FALSE(frame->locked());
    EXPECT_TRUE(frame->FindWindow("splitter")->IsShown());
    EXPECT_EQ(search->GetValue(), "half-typed draft") << "the draft survived the lock";

    auto locks = frame->practice()->connection().query_int64(
        "SELECT count(*) FROM dyad_audit WHERE action IN ('lock', 'unlock') AND actor = 'Dana'");
    EXPECT_EQ(**locks, 2);
    frame->Close(true);
    pump(100);
}

TEST(PeopleWindow, TheWindowLocksItselfAfterTheIdleTimeAndCancelOpensNothing) {
    dyad::test::TempDir dir;
    std::string data = make_practice(dir);
    dyad::app::AppOptions options;
    options.idle_lock = std::chrono::seconds(1);
    auto* frame = new dyad::app::MainFrame(options);
    frame->Show();
    wxTheApp->CallAfter([] {
        pump(200);
        auto* dialog = dynamic_cast<wxDialog*>(open_dialog("sign_in_dialog"));
        ASSERT_NE(dialog, nullptr);
        dialog->EndModal(wxID_CANCEL);
    });
    auto refused = frame->open_practice(data);
    ASSERT_FALSE(refused);
    EXPECT_EQ(frame->practice(), nullptr);

    bool answered = false;
    sign_in_when_asked("olivia", "wrong phrase entirely", "olivia's phrase", &answered);
    ASSERT_TRUE(frame->open_practice(data));
    ASSERT_TRUE(answered);
    EXPECT_FALSE(frame->locked());
    EXPECT_TRUE(pump_until([&] { return frame->locked(); }, 5000)) << "no idle lock";
    frame->Close(true);
    pump(100);
}

TEST(PeopleWindow, TheBillerSeesEveryUnitButNoPracticeManagement) {
    dyad::test::TempDir dir;
    std::string data = make_practice(dir);
    auto* frame = new dyad::app::MainFrame(dyad::app::AppOptions{});
    frame->Show();
    bool answered = false;
    sign_in_when_asked("Bill", "not bill's phrase", "bill's long phrase", &answered);
    ASSERT_TRUE(frame->open_practice(data));
    ASSERT_TRUE(answered);
    ASSERT_TRUE(pump_until([&] { return frame->navigator()->row_count() > 1; }));
    wxMenuBar* bar = frame->GetMenuBar();
    for (const char* item : {"Back Up...", "Restore from Backup..."}) {
        EXPECT_FALSE(bar->IsEnabled(bar->FindMenuItem("File", item))) << item;
    }
    EXPECT_FALSE(bar->IsEnabled(bar->FindMenuItem("Tools", "Plugins...")));
    EXPECT_FALSE(frame->practice()->may(dyad::people::Permission::ReadClinical));
    frame->Close(true);
    pump(100);
}

TEST(PeopleWindow, TheAuditViewerFiltersByUnitUserAndActionAndExportsCsv) {
    dyad::test::TempDir dir;
    std::string data = make_practice(dir);
    auto* frame = new dyad::app::MainFrame(dyad::app::AppOptions{});
    frame->Show();
    bool answered = false;
    sign_in_when_asked("Olivia", "not olivia's phrase", "olivia's phrase", &answered);
    ASSERT_TRUE(frame->open_practice(data));
    ASSERT_TRUE(answered);
    dyad::records::UnitQuery query;
    query.search = "Ortiz";
    std::int64_t ortiz = frame->practice()->records().units(query)->front().id;
    frame->select_unit(ortiz);  // Opening the chart is a "view" by Olivia.
    pump(100);
    {
        dyad::app::AuditViewer viewer(frame, *frame->practice(), ortiz);
        long all_for_unit = viewer.refresh();
        EXPECT_GT(all_for_unit, 1) << "the couple's creation, its members and the view";
        auto* seen = viewer.FindWindow("audit_seen");
        wxCommandEvent click(wxEVT_BUTTON, seen->GetId());
        click.SetEventObject(seen);
        seen->GetEventHandler()->ProcessEvent(click);
        auto* list = dynamic_cast<wxListCtrl*>(viewer.FindWindow("audit_list"));
        ASSERT_GE(list->GetItemCount(), 1) << "who has seen this chart";
        for (long row = 0; row < list->GetItemCount(); ++row) {
            EXPECT_EQ(list->GetItemText(row, 2), "view");
            EXPECT_EQ(list->GetItemText(row, 1), "Olivia");
        }
        // A date that is none says so instead of an empty list without a reason; today (a
        // local day, as the entries are shown) finds Olivia's view again.
        auto* from = dynamic_cast<wxTextCtrl*>(viewer.FindWindow("audit_from"));
        auto* problem = dynamic_cast<wxStaticText*>(viewer.FindWindow("audit_problem"));
        ASSERT_NE(from, nullptr);
        ASSERT_NE(problem, nullptr);
        EXPECT_FALSE(problem->IsShown());
        from->ChangeValue("2026-02-30");
        EXPECT_EQ(viewer.refresh(), 0);
        EXPECT_TRUE(problem->IsShown());
        EXPECT_EQ(problem->GetLabel(), "2026-02-30 is not a date.");
        from->ChangeValue(wxDateTime::Today().FormatISODate());
        EXPECT_GE(viewer.refresh(), 1);
        EXPECT_FALSE(problem->IsShown());
        from->ChangeValue("");
        auto* user = dynamic_cast<wxChoice*>(viewer.FindWindow("audit_user"));
        user->SetStringSelection("Dana");
        EXPECT_EQ(viewer.refresh(), 0) << "Dana has not opened the Ortiz chart";
        EXPECT_EQ(viewer.export_csv(dir.file("audit.csv")), "");
        std::ifstream csv(dir.file("audit.csv"));
        std::string header;
        std::getline(csv, header);
        EXPECT_EQ(header, "at,actor,action,entity,entity_id,detail\r");
        // The accounting of disclosures for Ana: the couple's FHIR export is on it.
        ASSERT_TRUE(
            frame->practice()->records().record_export("unit", ortiz, "fhir", "dyad.records"));
        std::int64_t ana = frame->practice()->records().members(ortiz)->front().client_id;
        EXPECT_EQ(viewer.export_disclosures(ana, dir.file("disclosures.pdf")), "");
        std::ifstream pdf(dir.file("disclosures.pdf"), std::ios::binary);
        std::string magic(5, '\0');
        pdf.read(magic.data(), 5);
        EXPECT_EQ(magic, "%PDF-");
        auto listed = dyad::records::disclosures_of_client(frame->practice()->connection(), ana);
        ASSERT_TRUE(listed);
        ASSERT_EQ(listed->size(), 2u) << "the FHIR export, then the accounting itself";
        EXPECT_EQ(listed->front().detail, "format: fhir");
        EXPECT_EQ(listed->front().actor, "Olivia via dyad.records");
        EXPECT_EQ(listed->back().detail, "format: disclosures-pdf");
    }  // The viewer goes before its parent window.
    frame->Close(true);
    pump(100);
}
