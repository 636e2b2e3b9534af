// File > Print on the Billing tab (issue 19): the first partner's statement of account over the
// period the Statement... dialog offers, drawn as an issued statement is but not numbered
// (printed here unattended, to a PDF file: DYAD_PRINT_TO_FILE, read back with pdftotext);
// audited as a statement export once printed; Print Preview shows its pages and audits
// nothing; printing after a statement was issued reprints no number and records no document.
#include <gtest/gtest.h>
#include <wx/dialog.h>
#include <wx/filedlg.h>
#include <wx/modalhook.h>
#include <wx/notebook.h>
#include <wx/print.h>
#include <wx/stattext.h>
#include <wx/statusbr.h>

#include <time_text.h>

#include <cstdlib>
#include <dyad/show.hpp>
#include <filesystem>
#include <fstream>
#include <string>

#include "gui_fixtures.h"

using namespace dyad;
using namespace dyad::gui_test;

namespace {

std::int64_t count(app::MainFrame* frame, const std::string& sql) {
    auto found = frame->practice()->connection().query_int64(sql);
    EXPECT_TRUE(found && *found) << sql;
    return found && *found ? **found : -1;
}

// A PDF's text with one space between words (a line may wrap anywhere).
std::string pdf_words(const std::string& path) {
    auto text = test::run_process({DYAD_PDFTOTEXT, path, "-"});
    EXPECT_EQ(text.exit_code, 0) << text.err;
    std::string words;
    for (char c : text.out) {
        bool space = c == ' ' || c == '\n' || c == '\f';
        if (!space || (!words.empty() && words.back() != ' ')) {
            words += space ? ' ' : c;
        }
    }
    return words;
}

// The account itself: from the balance before the period to the note after the balances.
std::string account_part(const std::string& words) {
    auto from = words.find("Balance on ");
    auto to = words.find("Your share of the couple's sessions");
    if (from == std::string::npos || to == std::string::npos || to < from) {
        return {};
    }
    return words.substr(from, to - from);
}

}  // namespace

TEST(BillingPrinting, CtrlPPrintsAStatementOfAccountAndNumbersNoDocument) {
    PluginWindow window({"records", "billing"}, wxSize(1200, 860), true);
    app::MainFrame* frame = window.frame;
    std::string printed = window.dir.file("printed.pdf");
    PrintToFile to_file(printed);
    records::UnitQuery ortiz;
    ortiz.search = "Ortiz";
    std::int64_t couple = frame->practice()->records().units(ortiz)->front().id;
    auto members = *frame->practice()->records().members(couple);
    ASSERT_EQ(members.size(), 2u);
    // The partner the tab prints: the first, as the Statement... dialog offers first.
    const auto& first = members[0];
    frame->select_unit(couple);
    pump(300);
    wxWindow* panel = frame->unit_panel("billing.unit");
    ASSERT_NE(panel, nullptr);
    frame->notebook()->SetSelection(static_cast<size_t>(frame->notebook()->FindPage(panel)));
    pump(200);
    // What the tab says the first partner owes ("Ana owes $0.00    Ben owes $48.00").
    wxString balances =
        dynamic_cast<wxStaticText*>(panel->FindWindow("billing_balances"))->GetLabel();
    wxString owes = wxString::FromUTF8(first.given_name) + " owes ";
    int at = balances.Find(owes);
    ASSERT_NE(at, wxNOT_FOUND) << balances;
    std::string amount = balances.Mid(static_cast<size_t>(at) + owes.size())
                             .BeforeFirst(' ')
                             .BeforeFirst('\n')
                             .ToStdString(wxConvUTF8);
    ASSERT_EQ(amount.rfind('$', 0), 0u) << amount;
    std::string today =
        dyad::show::date(dyad::datafile::local_today(), dyad::show::DateStyle::Compact);
    const std::string exports = "SELECT count(*) FROM dyad_audit WHERE action = 'export'";
    const std::string statement_exports =
        "SELECT count(*) FROM dyad_audit WHERE action = 'export' AND detail = 'format: "
        "statement-pdf'";
    const std::string documents = "SELECT count(*) FROM billing_document";
    const std::string next_statement =
        "SELECT coalesce((SELECT next FROM billing_counter WHERE series = 'STM'), 1)";
    std::int64_t exported = count(frame, exports);
    EXPECT_EQ(count(frame, documents), 0) << "the demo issues no document";

    // File > Print: the statement of account, audited once as a statement export.
    frame->print_shown(false);
    ASSERT_TRUE(pump_until([&] { return std::filesystem::exists(printed); }, 15000))
        << frame->GetStatusBar()->GetStatusText(0);
    std::string words = pdf_words(printed);
    std::string name = first.given_name + " " + first.family_name;
    for (const std::string& expected :
         {std::string("Statement of account"), "Statement for: " + name, "Printed: " + today,
          std::string("90847"), std::string("Payment by"),
          "Balance due on " + today + ": " + amount}) {
        EXPECT_NE(words.find(expected), std::string::npos) << expected << "\n" << words;
    }
    EXPECT_EQ(words.find("STM-"), std::string::npos) << "a print is not numbered";
    EXPECT_EQ(count(frame, exports), exported + 1);
    EXPECT_EQ(count(frame, statement_exports), 1);
    EXPECT_EQ(count(frame, documents), 0) << "printing records no document";
    EXPECT_EQ(count(frame, next_statement), 1) << "printing takes no number";

    // Print Preview: its pages, and nothing in the audit trail while only looked at.
    const std::string audited = "SELECT count(*) FROM dyad_audit";
    std::int64_t before_preview = count(frame, audited);
    frame->print_shown(true);
    wxPreviewFrame* shown = shown_print_preview();
    ASSERT_NE(shown, nullptr);
    wxPreviewControlBar* bar = preview_bar(shown);
    ASSERT_NE(bar, nullptr);
    EXPECT_GE(bar->GetPrintPreview()->GetMaxPage(), 1);
    shown->Close(true);
    EXPECT_TRUE(pump_until([&] { return wxWindow::FindWindowByName("print_preview") == nullptr; }));
    EXPECT_EQ(count(frame, audited), before_preview) << "a preview only looked at";

    // A statement issued through the tab's Statement... button (STM-000001), for the same
    // partner and period; then printing again reprints no number and records nothing more.
    std::string issued = window.dir.file("statement.pdf");
    {
        SaveAs save(issued);
        wxTheApp->CallAfter([&] {
            pump(200);
            CancelIfStillOpen guard{"billing_statement_dialog"};
            wxWindow* dialog = open_dialog("billing_statement_dialog");
            ASSERT_NE(dialog, nullptr);
            dynamic_cast<wxDialog*>(dialog)->EndModal(wxID_OK);  // The first partner, the month.
        });
        click(panel->FindWindow("billing_statement"));
        ASSERT_TRUE(save.answered);
    }
    auto* message = dynamic_cast<wxStaticText*>(panel->FindWindow("billing_message"));
    EXPECT_EQ(message->GetLabel(), "Statement STM-000001 written (balance " + amount + ").");
    ASSERT_TRUE(std::filesystem::exists(issued));
    EXPECT_EQ(count(frame, documents), 1);
    EXPECT_EQ(count(frame, next_statement), 2);
    std::int64_t after_issue = count(frame, exports);
    EXPECT_EQ(after_issue, exported + 2) << "the issued statement's own export";

    std::filesystem::remove(printed);
    frame->print_shown(false);
    ASSERT_TRUE(pump_until([&] { return std::filesystem::exists(printed); }, 15000))
        << frame->GetStatusBar()->GetStatusText(0);
    std::string again = pdf_words(printed);
    EXPECT_EQ(again.find("STM-"), std::string::npos) << again;
    EXPECT_NE(again.find("Statement of account"), std::string::npos) << again;
    // The same drawing as the issued statement: the same lines and balances, word for word.
    std::string issued_words = pdf_words(issued);
    EXPECT_NE(issued_words.find("Statement STM-000001"), std::string::npos) << issued_words;
    EXPECT_NE(issued_words.find("Issued: " + today), std::string::npos) << issued_words;
    EXPECT_FALSE(account_part(again).empty()) << again;
    EXPECT_EQ(account_part(again), account_part(issued_words));
    EXPECT_EQ(count(frame, documents), 1) << "no second statement recorded";
    EXPECT_EQ(count(frame, next_statement), 2) << "no number taken";
    EXPECT_EQ(count(frame, exports), after_issue + 1) << "one export per print";
    EXPECT_EQ(count(frame, statement_exports), 3) << "two prints and the issued statement";

    // Print Issued Document: the saved STM-000001 printed again, the issued PDF itself (found
    // by its recorded fingerprint), audited as a print of a statement; no number, no record.
    std::filesystem::remove(printed);
    {
        SaveAs choose(issued);
        click(panel->FindWindow("billing_print_issued"));
        ASSERT_TRUE(choose.answered);
    }
    ASSERT_TRUE(pump_until([&] { return std::filesystem::exists(printed); }, 15000))
        << message->GetLabel();
    // Redrawn by poppler, the "fi" of "identified" is one glyph that pdftotext reads as the
    // ligature character: the same words otherwise.
    std::string reprinted = pdf_words(printed);
    for (auto fi = reprinted.find("\xEF\xAC\x81"); fi != std::string::npos;
         fi = reprinted.find("\xEF\xAC\x81")) {
        reprinted.replace(fi, 3, "fi");
    }
    EXPECT_EQ(reprinted, issued_words);
    EXPECT_EQ(message->GetLabel(), "STM-000001 printed again from its saved PDF.");
    EXPECT_EQ(count(frame, statement_exports), 4);
    EXPECT_EQ(count(frame, documents), 1);
    EXPECT_EQ(count(frame, next_statement), 2);

    // A copy changed after it was issued is not the document: nothing prints.
    std::string changed = window.dir.file("changed.pdf");
    std::filesystem::copy_file(issued, changed);
    std::ofstream(changed, std::ios::app) << "\n% changed\n";
    std::filesystem::remove(printed);
    {
        SaveAs choose(changed);
        click(panel->FindWindow("billing_print_issued"));
        ASSERT_TRUE(choose.answered);
    }
    pump(300);
    EXPECT_FALSE(std::filesystem::exists(printed));
    EXPECT_TRUE(message->GetLabel().StartsWith(
        "Not printed: this file is not a document Dyad issued for this unit"))
        << message->GetLabel();
    EXPECT_EQ(count(frame, statement_exports), 4);
}
