// The demo as a new user opens it (issue 19): every shipped plugin fills its part, so every tab
// of Ana & Ben and every card of their Overview shows real, recent content; and printing what
// a tab shows.
#include <gtest/gtest.h>
#include <wx/choice.h>
#include <wx/dataview.h>
#include <wx/listbox.h>
#include <wx/listctrl.h>
#include <wx/notebook.h>
#include <wx/print.h>
#include <wx/stattext.h>
#include <wx/statusbr.h>
#include <wx/textctrl.h>
#include <wx/uiaction.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "gui_fixtures.h"
#include "main_frame_ids.h"
#include "unit_overview.h"

using namespace dyad;
using namespace dyad::gui_test;

namespace {

// Everything a person can read in window and below: labels, text, list rows, choices.
void collect_text(wxWindow* window, std::string& text) {
    if (window == nullptr || !window->IsShown()) {
        return;
    }
    auto add = [&](const wxString& part) {
        if (!part.empty()) {
            text += part.ToStdString(wxConvUTF8) + "\n";
        }
    };
    if (auto* label = dynamic_cast<wxStaticText*>(window)) {
        add(label->GetLabel());
    } else if (auto* field = dynamic_cast<wxTextCtrl*>(window)) {
        add(field->GetValue());
    } else if (auto* list = dynamic_cast<wxListCtrl*>(window)) {
        for (long row = 0; row < list->GetItemCount(); ++row) {
            for (int column = 0; column < list->GetColumnCount(); ++column) {
                add(list->GetItemText(row, column));
            }
        }
    } else if (auto* box = dynamic_cast<wxListBox*>(window)) {
        for (unsigned row = 0; row < box->GetCount(); ++row) {
            add(box->GetString(row));
        }
    } else if (auto* rows = dynamic_cast<wxDataViewListCtrl*>(window)) {
        for (int row = 0; row < rows->GetItemCount(); ++row) {
            for (unsigned column = 0; column < rows->GetColumnCount(); ++column) {
                add(rows->GetTextValue(static_cast<unsigned>(row), column));
            }
        }
    } else if (auto* choice = dynamic_cast<wxChoice*>(window)) {
        add(choice->GetStringSelection());
    }
    for (wxWindow* child : window->GetChildren()) {
        collect_text(child, text);
    }
}

TEST(DemoPractice, EveryTabOfAnaAndBenAndEveryOverviewCardShowsRecentContent) {
    PluginWindow window(
        {"records", "workup", "dialogue", "bcr", "directory", "billing", "measures", "mail"},
        wxSize(1200, 860), true);
    app::MainFrame* frame = window.frame;
    records::UnitQuery ortiz;
    ortiz.search = "Ortiz";
    frame->select_unit(frame->practice()->records().units(ortiz)->front().id);
    pump(400);

    // The Overview: each plugin's card says what it knows of the couple.
    struct Card {
        const char* panel;
        std::vector<const char*> words;
    };
    const Card cards[] = {
        {"records.chart", {"to sign", "Z63.0"}},
        {"workup.progress",
         {"Ana:", "Ben:", "Imago Workup 4 of 4 sections", "Partner Profile 2 of 2 sections"}},
        {"dialogue.fidelity", {"5"}},
        {"bcr.glance", {"%"}},
        {"measures.summary", {"CSI-16"}},
        {"billing.balance", {"$"}},
    };
    for (const auto& card : cards) {
        wxWindow* shown = frame->overview()->card(card.panel);
        ASSERT_NE(shown, nullptr) << card.panel;
        std::string text;
        collect_text(shown, text);
        std::replace(text.begin(), text.end(), '\n', ' ');  // A card's label wraps.
        for (const char* word : card.words) {
            EXPECT_NE(text.find(word), std::string::npos) << card.panel << ": " << text;
        }
    }

    // Every unit tab: something of the couple's, not an empty list.
    struct Tab {
        const char* panel;
        std::vector<const char*> words;
    };
    const Tab tabs[] = {
        {"records.notes", {"Imago session note", "draft", "signed"}},
        {"records.plan", {"six stages", "met"}},
        {"records.diagnoses", {"Z63.0", "F43.22"}},
        {"workup.forms", {"Ana", "4 of 4 sections complete"}},
        {"dialogue.coach", {"Appreciation Dialogue", "5/5"}},
        {"bcr.requests", {"gift granted", "%"}},
        {"measures.unit", {"CSI-16"}},
        {"billing.unit", {"90847"}},
        {"mail.unit", {"Ana", "Ben"}},
    };
    for (const auto& tab : tabs) {
        wxWindow* panel = frame->unit_panel(tab.panel);
        ASSERT_NE(panel, nullptr) << tab.panel;
        frame->notebook()->SetSelection(static_cast<size_t>(frame->notebook()->FindPage(panel)));
        pump(250);
        std::string text;
        collect_text(panel, text);
        for (const char* word : tab.words) {
            EXPECT_NE(text.find(word), std::string::npos) << tab.panel << ": " << text;
        }
    }
}

}  // namespace

// File > Print (Ctrl+P) on the Notes tab prints the couple's chart summary (here unattended, to
// a PDF file: DYAD_PRINT_TO_FILE), text kept as text; the print is audited. Print Preview shows
// the same pages, each drawn through wxWidgets' printing framework. On Home nothing prints.
TEST(Printing, CtrlPPrintsTheChartSummaryAndPrintPreviewShowsItsPages) {
    PluginWindow window({"records", "workup", "dialogue", "bcr", "measures"}, wxSize(1200, 860),
                        true);
    app::MainFrame* frame = window.frame;
    std::string printed = window.dir.file("printed.pdf");
    PrintToFile to_file(printed);
    records::UnitQuery ortiz;
    ortiz.search = "Ortiz";
    std::int64_t unit = frame->practice()->records().units(ortiz)->front().id;
    frame->select_unit(unit);
    pump(300);
    frame->notebook()->SetSelection(0);  // Home: nothing to print.
    pump(100);
    frame->print_shown(false);
    EXPECT_FALSE(std::filesystem::exists(printed));
    EXPECT_NE(frame->GetStatusBar()->GetStatusText(0).Find("Nothing on this tab prints"),
              wxNOT_FOUND);

    wxWindow* notes = frame->unit_panel("records.notes");
    ASSERT_NE(notes, nullptr);
    frame->notebook()->SetSelection(static_cast<size_t>(frame->notebook()->FindPage(notes)));
    pump(200);
    frame->navigator()->SetFocus();
    pump(100);
    wxUIActionSimulator keyboard;
    keyboard.Char('P', wxMOD_CONTROL);
    ASSERT_TRUE(pump_until([&] { return std::filesystem::exists(printed); }, 15000))
        << "Ctrl+P printed nothing";
    pump_until([&] { return std::filesystem::file_size(printed) > 1000; }, 5000);
    auto text = test::run_process({DYAD_PDFTOTEXT, printed, "-"});
    ASSERT_EQ(text.exit_code, 0) << text.err;
    EXPECT_NE(text.out.find("Chart summary: Ana & Ben Ortiz"), std::string::npos) << text.out;
    EXPECT_NE(text.out.find("Imago session note"), std::string::npos);
    EXPECT_NE(text.out.find("Page 2"), std::string::npos);  // Months of notes: several pages.
    auto audited = window.frame->practice()->connection().query_int64(
        "SELECT count(*) FROM dyad_audit WHERE action = 'export' AND detail = 'format: pdf'");
    ASSERT_TRUE(audited);
    EXPECT_EQ(**audited, 1);

    // The Measures tab prints the clinician's report of the couple.
    wxWindow* measures = frame->unit_panel("measures.unit");
    ASSERT_NE(measures, nullptr);
    frame->notebook()->SetSelection(static_cast<size_t>(frame->notebook()->FindPage(measures)));
    pump(200);
    std::filesystem::remove(printed);
    frame->print_shown(false);
    ASSERT_TRUE(pump_until([&] { return std::filesystem::exists(printed); }, 15000));
    auto report = test::run_process({DYAD_PDFTOTEXT, printed, "-"});
    EXPECT_NE(report.out.find("Outcome measures: Ana & Ben Ortiz"), std::string::npos)
        << report.out;
    EXPECT_NE(report.out.find("CSI-16"), std::string::npos) << report.out;
    // The Requests tab prints the couple's agreements (the sheet to hand them).
    wxWindow* requests = frame->unit_panel("bcr.requests");
    ASSERT_NE(requests, nullptr);
    frame->notebook()->SetSelection(static_cast<size_t>(frame->notebook()->FindPage(requests)));
    pump(200);
    std::filesystem::remove(printed);
    frame->print_shown(false);
    ASSERT_TRUE(pump_until([&] { return std::filesystem::exists(printed); }, 15000));
    auto agreements = test::run_process({DYAD_PDFTOTEXT, printed, "-"});
    EXPECT_NE(agreements.out.find("Our agreements"), std::string::npos) << agreements.out;
    EXPECT_NE(agreements.out.find("hug"), std::string::npos) << agreements.out;
    frame->notebook()->SetSelection(static_cast<size_t>(frame->notebook()->FindPage(notes)));
    pump(100);

    // Print Preview: a preview window over the same pages.
    frame->print_shown(true);
    wxPreviewFrame* shown = shown_print_preview();
    ASSERT_NE(shown, nullptr);
    wxPreviewControlBar* bar = preview_bar(shown);
    ASSERT_NE(bar, nullptr);
    EXPECT_GE(bar->GetPrintPreview()->GetMaxPage(), 2);
    // Each page goes through wxWidgets' printing framework onto the preview's DC.
    EXPECT_TRUE(bar->GetPrintPreview()->RenderPage(2));
    pump(300);
    screenshot(shown, "print-preview");
    // File > Lock closes the preview (it shows client records), and nothing stays disabled.
    wxCommandEvent lock(wxEVT_MENU, app::kLock);
    frame->GetEventHandler()->ProcessEvent(lock);
    EXPECT_TRUE(pump_until([&] { return wxWindow::FindWindowByName("print_preview") == nullptr; }));
    EXPECT_TRUE(frame->IsEnabled());
    // Only looked at: no further disclosure in the audit trail (chart, report, agreements).
    EXPECT_EQ(**window.frame->practice()->connection().query_int64(
                  "SELECT count(*) FROM dyad_audit WHERE action = 'export'"),
              3);
}
