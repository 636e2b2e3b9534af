// The Measures tab in the window (issue 17): two earlier CSI-16 administrations per partner
// recorded with dyadctl while the window is open, then each partner answers the third in the
// client view (which never shows a score or a flag); the chart shows two lines of three points
// and the gap; a PHQ-9 with item 9 = 1 raises the flag for the therapist alone, and its
// reliable improvement on the earlier PHQ-9 is marked.
#include <wx/notebook.h>

#include "client_view.h"
#include "gui_fixtures.h"
#include "measures_panel.h"
#include "unit_overview.h"

using namespace dyad::gui_test;

namespace {

std::string days_ago(int days) {
    std::time_t now = std::time(nullptr) - static_cast<std::time_t>(days) * 86400;
    std::tm local{};
    localtime_r(&now, &local);
    char text[16];
    std::strftime(text, sizeof text, "%Y-%m-%d", &local);
    return text;
}

// Answers every item of the open client view with the index-th answer button (a line item is
// left where it is), then hands back.
void answer_all(dyad::measures::ClientView* view, std::size_t index, const wxString& never_shown) {
    while (!view->at_end()) {
        wxString shown = view->shown_text();
        EXPECT_EQ(shown.Find(never_shown), wxNOT_FOUND) << shown;
        EXPECT_EQ(shown.Lower().Find("total"), wxNOT_FOUND) << shown;
        std::size_t before = view->position();
        view->choose(index);
        EXPECT_EQ(view->position(), before + 1);
    }
    EXPECT_NE(view->shown_text().Find("hand the screen back"), wxNOT_FOUND);
    view->hand_back();
    pump(200);
}

}  // namespace

TEST(MeasuresWindow, EachPartnerAnswersInPrivateAndTheTherapistSeesBothLinesAndTheFlag) {
    PluginWindow window({"records", "measures"});
    auto* frame = window.frame;
    dyad::records::UnitQuery ortiz;
    ortiz.search = "Ortiz";
    std::int64_t couple = frame->practice()->records().units(ortiz)->front().id;
    auto members = *frame->practice()->records().members(couple);
    ASSERT_EQ(members.size(), 2u);
    std::int64_t first = members[0].client_id, second = members[1].client_id;
    // Two earlier CSI-16s each and a PHQ-9 for the first partner, answers on standard input.
    auto record = [&](std::int64_t client, const char* instrument, const std::string& date,
                      const std::string& answers) {
        std::vector<std::string> argv = {dyad::test::dyadctl_path(),
                                         "--data-dir",
                                         window.dir.file("practice"),
                                         "measures",
                                         "administer",
                                         "--unit",
                                         std::to_string(couple),
                                         "--client",
                                         std::to_string(client),
                                         "--instrument",
                                         instrument,
                                         "--date",
                                         date};
        auto result = dyad::test::run_process_with_input(
            argv, {"DYAD_PLUGIN_PATH=" + window.dir.file("plugins")}, answers);
        ASSERT_EQ(result.exit_code, 0) << result.err;
    };
    record(first, "csi-16", days_ago(28), "2 2 2 2 2 2 2 2 2 2 2 2 2 2 2 2");
    record(second, "csi-16", days_ago(28), "3 3 3 3 3 3 3 3 3 3 3 3 3 3 3 3");
    record(first, "csi-16", days_ago(14), "3 2 2 2 2 2 2 2 2 2 2 2 2 2 2 2");
    record(second, "csi-16", days_ago(14), "4 3 3 3 3 3 3 3 3 3 3 3 3 3 3 3");
    record(first, "phq-9", days_ago(30), "2 2 2 2 2 2 2 2 0");

    frame->select_unit(couple);
    auto* panel =
        dynamic_cast<dyad::measures::MeasuresPanel*>(frame->plugin_window("measures.unit"));
    ASSERT_NE(panel, nullptr) << "the Measures tab is missing";
    frame->notebook()->SetSelection(
        static_cast<size_t>(frame->notebook()->FindPage(frame->unit_panel("measures.unit"))));
    panel->show_unit(couple);
    pump(100);

    // Each partner answers the third CSI-16 alone; neither sees the other's name or a score.
    auto* view = panel->open_client_view(first, "csi-16", 0, false);
    ASSERT_NE(view, nullptr) << panel->message();
    EXPECT_EQ(panel->open_client_view(second, "csi-16", 0, false), nullptr);  // One at a time.
    answer_all(view, 1, wxString::FromUTF8(members[1].given_name));
    EXPECT_EQ(panel->message(), wxString::FromUTF8("csi-16 saved for " + members[0].given_name +
                                                   " " + members[0].family_name + "."));
    view = panel->open_client_view(second, "csi-16", 0, false);
    ASSERT_NE(view, nullptr);
    answer_all(view, 0, wxString::FromUTF8(members[0].given_name));

    panel->show_instrument("csi-16");
    const auto& series = panel->chart()->series();
    ASSERT_EQ(series.size(), 2u);
    EXPECT_EQ(series[0].points.size(), 3u);
    EXPECT_EQ(series[1].points.size(), 3u);
    EXPECT_NE(panel->chart()->gap_text().Find("Gap between partners"), wxNOT_FOUND);
    EXPECT_TRUE(panel->flags_text().empty());

    // PHQ-9 with item 9 = 1: "Several days" on every item (9 in all), a reliable improvement
    // on the earlier 16, and the flag for the therapist.
    view = panel->open_client_view(first, "phq-9", 0, false);
    ASSERT_NE(view, nullptr);
    answer_all(view, 1, "self-harm");
    EXPECT_NE(panel->flags_text().Find("item 9: thoughts of self-harm"), wxNOT_FOUND)
        << panel->flags_text();
    panel->show_instrument("phq-9");
    EXPECT_EQ(panel->chart()->reliable_marks(), 1);
    EXPECT_NE(panel->summary_text().Find("reliable improvement"), wxNOT_FOUND)
        << panel->summary_text();
    // The client view refuses to close by itself while a partner answers; abandoning keeps
    // nothing.
    view = panel->open_client_view(second, "gad-7", 0, false);
    ASSERT_NE(view, nullptr);
    view->choose(2);
    EXPECT_FALSE(view->Close(false));
    EXPECT_TRUE(view->IsShown());
    view->abandon();
    pump(100);
    EXPECT_EQ(panel->message(), "The client view was ended; nothing was saved.");
    screenshot(frame, "measures-tab");
}

// SDK 1.1 in the window: a plugin's card on the unit Overview (the measures summary, refreshed
// when the plugin asks after a save), and a tab limited to unit kinds (Requests: couples only)
// leaving the notebook for an individual and coming back in its place for a couple.
TEST(MeasuresWindow, OverviewCardsAndTabsForTheUnitKind) {
    PluginWindow window({"records", "bcr", "measures", "billing", "dialogue"});
    auto* frame = window.frame;
    auto unit_named = [&](const std::string& name) {
        dyad::records::UnitQuery query;
        query.search = name;
        return frame->practice()->records().units(query)->front().id;
    };
    std::int64_t carla = unit_named("Carla");
    std::int64_t couple = unit_named("Ortiz");
    wxWindow* requests = frame->unit_panel("bcr.requests");
    wxWindow* measures = frame->unit_panel("measures.unit");
    ASSERT_NE(requests, nullptr);
    ASSERT_NE(measures, nullptr);

    frame->select_unit(carla);
    pump(100);
    EXPECT_EQ(frame->notebook()->FindPage(requests), wxNOT_FOUND);
    EXPECT_NE(frame->notebook()->FindPage(measures), wxNOT_FOUND);
    auto* card = dynamic_cast<wxStaticText*>(frame->overview()->card("measures.summary"));
    ASSERT_NE(card, nullptr) << "no Measures card on the Overview";
    EXPECT_EQ(card->GetLabel(), "No measures recorded.");
    // The other shipped plugins' cards; the Requests card is for couples only.
    auto* chart = dynamic_cast<wxStaticText*>(frame->overview()->card("records.chart"));
    ASSERT_NE(chart, nullptr);
    EXPECT_NE(chart->GetLabel().Find("No active treatment plan."), wxNOT_FOUND)
        << chart->GetLabel();
    auto* balance = dynamic_cast<wxStaticText*>(frame->overview()->card("billing.balance"));
    ASSERT_NE(balance, nullptr);
    EXPECT_EQ(balance->GetLabel(), "Billing is not set up for this unit.");
    wxWindow* requests_card = frame->overview()->card("bcr.glance");
    ASSERT_NE(requests_card, nullptr);
    frame->notebook()->SetSelection(1);
    pump(100);
    EXPECT_FALSE(requests_card->IsShownOnScreen());
    EXPECT_TRUE(card->IsShownOnScreen());

    // On a couple's Requests tab, then to the individual: the tab goes, the Overview shows.
    frame->select_unit(couple);
    pump(100);
    int requests_at = frame->notebook()->FindPage(requests);
    ASSERT_NE(requests_at, wxNOT_FOUND);
    // In its place: Imago work, the section after the Chart (where Measures stands).
    EXPECT_EQ(frame->notebook()->GetPageParent(static_cast<size_t>(requests_at)),
              app::find_section(frame->notebook(), "imago"));
    EXPECT_LT(frame->notebook()->FindPage(measures), requests_at);
    frame->notebook()->SetSelection(static_cast<size_t>(requests_at));
    frame->select_unit(carla);
    pump(100);
    EXPECT_EQ(frame->notebook()->GetSelection(), 1);
    frame->select_unit(couple);
    pump(100);
    EXPECT_EQ(frame->notebook()->FindPage(requests), requests_at);
    frame->notebook()->SetSelection(static_cast<size_t>(requests_at));  // Back and usable.
    pump(100);
    EXPECT_TRUE(requests->IsShownOnScreen());
    frame->notebook()->SetSelection(1);
    pump(100);
    EXPECT_TRUE(requests_card->IsShownOnScreen());
    EXPECT_NE(dynamic_cast<wxStaticText*>(requests_card)->GetLabel().Find("open request"),
              wxNOT_FOUND);
    wxWindow* dialogue = frame->overview()->card("dialogue.fidelity");
    ASSERT_NE(dialogue, nullptr);
    EXPECT_TRUE(dialogue->IsShownOnScreen());
    auto* said = dynamic_cast<wxStaticText*>(dialogue->GetChildren().front());
    ASSERT_NE(said, nullptr);
    EXPECT_EQ(said->GetLabel(), "No dialogue yet.");
    screenshot(frame, "overview-cards");

    // A save in the client view: the plugin asks for its card to be shown again.
    auto* panel =
        dynamic_cast<dyad::measures::MeasuresPanel*>(frame->plugin_window("measures.unit"));
    ASSERT_NE(panel, nullptr);
    auto members = *frame->practice()->records().members(couple);
    auto* view = panel->open_client_view(members[0].client_id, "csi-4", 0, false);
    ASSERT_NE(view, nullptr) << panel->message();
    answer_all(view, 2, "no other partner");
    pump(200);
    EXPECT_NE(card->GetLabel().Find("CSI-4: "), wxNOT_FOUND) << card->GetLabel();
    EXPECT_FALSE(frame->locked());  // The demo practice has no users: nothing to unlock with.
}
