// The Billing tab in the window (issue 16), driven as a biller would: the couple billed as
// out-of-network with Ana as the identified patient and a 60/40 split, the attended session
// charged, one payment taken through its dialog and split between the partners.
#include <wx/choicdlg.h>
#include <wx/filedlg.h>
#include <wx/listbox.h>
#include <wx/modalhook.h>
#include <wx/notebook.h>
#include <wx/spinctrl.h>

#include <dyad/show.hpp>
#include <filesystem>
#include <fstream>
#include <map>

#include "gui_fixtures.h"
#include "ledger.h"
#include "smtp_test_server.h"

using namespace dyad::gui_test;

namespace {

// Answers Yes to the next confirmation (plugins/common/confirm_dialog) without showing it,
// keeping its question.
struct AnswerYes : wxModalDialogHook {
    bool asked = false;
    wxString question;
    AnswerYes() { Register(); }
    ~AnswerYes() override { Unregister(); }
    int Enter(wxDialog* dialog) override {
        if (dialog->GetName() != "confirm_dialog") {
            return wxID_NONE;
        }
        for (wxWindow* child : dialog->GetChildren()) {
            if (auto* text = dynamic_cast<wxStaticText*>(child)) {
                question += text->GetLabel();
            }
        }
        asked = true;
        return wxID_YES;
    }
    void Exit(wxDialog*) override {}
};

// Billing > Superbill...: the dates in its form, then the path in the save dialog.
void superbill_through_dialogs(wxWindow* panel, const std::string& day, const std::string& path) {
    SaveAs save(path);
    wxTheApp->CallAfter([&] {
        pump(200);
        CancelIfStillOpen guard{"billing_superbill_dialog"};
        wxWindow* dialog = open_dialog("billing_superbill_dialog");
        ASSERT_NE(dialog, nullptr);
        dynamic_cast<wxTextCtrl*>(dialog->FindWindow("superbill_from"))->SetValue(day);
        dynamic_cast<wxTextCtrl*>(dialog->FindWindow("superbill_to"))->SetValue(day);
        dynamic_cast<wxDialog*>(dialog)->EndModal(wxID_OK);
    });
    click(panel->FindWindow("billing_superbill"));
    EXPECT_TRUE(save.answered) << "no save dialog";
}

// Books an attended 50-minute session of the unit on day (YYYY-MM-DD, 15:00 UTC).
void book_attended(dyad::app::MainFrame* frame, std::int64_t unit, const std::string& day) {
    dyad::records::AppointmentFields session;
    session.unit_id = unit;
    session.starts_at = day + "T15:00:00Z";
    session.ends_at = day + "T15:50:00Z";
    auto booked = frame->practice()->records().create_appointment(session, "test");
    ASSERT_TRUE(booked) << booked.error().message;
    session.status = "attended";
    ASSERT_TRUE(frame->practice()->records().update_appointment(booked->id, session, "test"));
}

}  // namespace

TEST(BillingWindow, AnAttendedSessionToAChargeAndAPaymentSplitBetweenThePartners) {
    PluginWindow window({"records", "billing"});
    auto* frame = window.frame;
    dyad::records::UnitQuery ortiz;
    ortiz.search = "Ortiz";
    std::int64_t couple = frame->practice()->records().units(ortiz)->front().id;
    std::string day = dyad::billing::local_date_days_ago(7);
    ASSERT_NO_FATAL_FAILURE(book_attended(frame, couple, day));

    frame->select_unit(couple);
    wxWindow* panel = frame->unit_panel("billing.unit");
    ASSERT_NE(panel, nullptr) << "the Billing tab is missing";
    frame->notebook()->SetSelection(static_cast<size_t>(frame->notebook()->FindPage(panel)));
    pump(100);
    auto* message = dynamic_cast<wxStaticText*>(panel->FindWindow("billing_message"));
    dynamic_cast<wxChoice*>(panel->FindWindow("billing_kind"))->SetSelection(0);     // Self-pay.
    dynamic_cast<wxChoice*>(panel->FindWindow("billing_patient"))->SetSelection(1);  // Ana.
    dynamic_cast<wxSpinCtrl*>(panel->FindWindow("billing_first_share"))->SetValue(60);
    click(panel->FindWindow("billing_save_setup"));
    EXPECT_EQ(message->GetLabel(), "Billing setup saved.");

    click(panel->FindWindow("billing_charge_sessions"));
    EXPECT_EQ(message->GetLabel(), "1 charge created.");
    auto* charges = dynamic_cast<wxListCtrl*>(panel->FindWindow("billing_charges"));
    ASSERT_EQ(charges->GetItemCount(), 1);
    EXPECT_EQ(charges->GetItemText(0, 1), "90847");
    EXPECT_EQ(charges->GetItemText(0, 3), "$160.00");

    bool answered = false;
    wxTheApp->CallAfter([&] {
        pump(200);
        CancelIfStillOpen guard{"billing_payment_dialog"};
        wxWindow* dialog = open_dialog("billing_payment_dialog");
        ASSERT_NE(dialog, nullptr);
        dynamic_cast<wxTextCtrl*>(dialog->FindWindow("payment_amount"))->SetValue("100.00");
        dynamic_cast<wxDialog*>(dialog)->EndModal(wxID_OK);
        answered = true;
    });
    click(panel->FindWindow("billing_pay"));
    ASSERT_TRUE(answered);
    EXPECT_EQ(message->GetLabel(), "Payment recorded: $100.00 allocated, $0.00 credit.");
    auto* balances = dynamic_cast<wxStaticText*>(panel->FindWindow("billing_balances"));
    // $160.00 split 96/64; the $100.00 payment split 60/40: Ana owes 36, Ben 24.
    EXPECT_TRUE(balances->GetLabel().Contains("Ana owes $36.00")) << balances->GetLabel();
    EXPECT_TRUE(balances->GetLabel().Contains("Ben owes $24.00")) << balances->GetLabel();
    EXPECT_EQ(charges->GetItemText(0, 5), "$100.00");
}

// Settings > Billing: the identity is saved through the page, and the tax id shows masked the
// next time (the refusals are the logic tests' and dyadctl's).
TEST(BillingWindow, TheBillingIdentityIsSavedInSettingsAndTheTaxIdShownMasked) {
    PluginWindow window({"records", "billing"});
    auto* frame = window.frame;
    bool filled = false;
    frame->CallAfter([&] {
        pump(300);
        for (wxWindow* top : wxTopLevelWindows) {
            wxWindow* page = top->FindWindow("billing_identity_page");
            if (page == nullptr) {
                continue;
            }
            auto set = [&](const char* key, const char* value) {
                dynamic_cast<wxTextCtrl*>(page->FindWindow(std::string("billing_identity_") + key))
                    ->SetValue(value);
            };
            set("legal_name", "Ortiz Couples Therapy");
            set("tax_id", "98-7654321");
            set("address", "1 Main St, Oakland CA");
            set("clinician_name", "Dana Reyes");
            set("clinician_npi", "1234567893");
            set("licence_type", "LMFT");
            set("licence_number", "123456");
            set("licence_state", "CA");
            set("taxonomy", "106H00000X");
            filled = true;
            wxCommandEvent click(wxEVT_BUTTON, wxID_OK);
            click.SetEventObject(top->FindWindow(wxID_OK));
            top->GetEventHandler()->ProcessEvent(click);
            return;
        }
    });
    wxCommandEvent open_settings(wxEVT_MENU, wxID_PREFERENCES);
    frame->GetEventHandler()->ProcessEvent(open_settings);
    ASSERT_TRUE(filled) << "no Billing page in Settings";
    bool masked = false;
    frame->CallAfter([&] {
        pump(300);
        for (wxWindow* top : wxTopLevelWindows) {
            if (auto* field =
                    dynamic_cast<wxTextCtrl*>(top->FindWindow("billing_identity_tax_id"))) {
                masked = field->GetValue() == "**-***4321";
                dynamic_cast<wxDialog*>(top)->EndModal(wxID_CANCEL);
                return;
            }
        }
    });
    frame->GetEventHandler()->ProcessEvent(open_settings);
    EXPECT_TRUE(masked) << "the saved tax id is shown masked";
}

// The issue's GUI walk: an attended session of a couple billed out of network (Ana the
// identified patient, 60/40), charged, a payment split between the partners through its
// dialog, Ana's address and coverage through the Insurance & Details dialog, then a superbill.
TEST(BillingWindow, FromAnAttendedSessionToASplitPaymentAndASuperbill) {
    PluginWindow window({"records", "billing"});
    auto* frame = window.frame;
    dyad::records::UnitQuery ortiz;
    ortiz.search = "Ortiz";
    std::int64_t couple = frame->practice()->records().units(ortiz)->front().id;
    std::int64_t ana = frame->practice()->records().members(couple)->at(0).client_id;
    std::string day = dyad::billing::local_date_days_ago(3);
    ASSERT_NO_FATAL_FAILURE(book_attended(frame, couple, day));
    auto diagnosis = window.records({"diagnosis-add", "--unit", std::to_string(couple), "--client",
                                     std::to_string(ana), "--code", "F43.23"});
    ASSERT_EQ(diagnosis.exit_code, 0) << diagnosis.err;
    auto identity =
        window.dyadctl({"billing", "identity-set", "--legal-name", "Ortiz Couples Therapy",
                        "--tax-id", "98-7654321", "--address", "1 Main St, Oakland, CA 94607",
                        "--phone", "510 555 0100", "--clinician", "Dana Reyes", "--npi",
                        "1234567893", "--licence", "LMFT:123456:CA", "--taxonomy", "106H00000X"});
    ASSERT_EQ(identity.exit_code, 0) << identity.err;

    frame->select_unit(couple);
    wxWindow* panel = frame->unit_panel("billing.unit");
    ASSERT_NE(panel, nullptr);
    frame->notebook()->SetSelection(static_cast<size_t>(frame->notebook()->FindPage(panel)));
    pump(100);
    auto* message = dynamic_cast<wxStaticText*>(panel->FindWindow("billing_message"));
    dynamic_cast<wxChoice*>(panel->FindWindow("billing_kind"))->SetSelection(2);     // Superbill.
    dynamic_cast<wxChoice*>(panel->FindWindow("billing_patient"))->SetSelection(1);  // Ana.
    dynamic_cast<wxSpinCtrl*>(panel->FindWindow("billing_first_share"))->SetValue(60);
    click(panel->FindWindow("billing_save_setup"));
    ASSERT_EQ(message->GetLabel(), "Billing setup saved.");
    click(panel->FindWindow("billing_charge_sessions"));
    ASSERT_EQ(message->GetLabel(), "1 charge created.");

    wxTheApp->CallAfter([&] {
        pump(200);
        CancelIfStillOpen guard{"billing_payment_dialog"};
        wxWindow* dialog = open_dialog("billing_payment_dialog");
        ASSERT_NE(dialog, nullptr);
        dynamic_cast<wxTextCtrl*>(dialog->FindWindow("payment_amount"))->SetValue("160.00");
        dynamic_cast<wxDialog*>(dialog)->EndModal(wxID_OK);
    });
    click(panel->FindWindow("billing_pay"));
    EXPECT_EQ(message->GetLabel(), "Payment recorded: $160.00 allocated, $0.00 credit.");
    auto* balances = dynamic_cast<wxStaticText*>(panel->FindWindow("billing_balances"));
    EXPECT_TRUE(balances->GetLabel().Contains("Ana owes $0.00")) << balances->GetLabel();
    EXPECT_TRUE(balances->GetLabel().Contains("Ben owes $0.00")) << balances->GetLabel();

    // Before the address and coverage, the superbill says what is missing.
    std::string pdf = window.dir.file("superbill.pdf");
    superbill_through_dialogs(panel, day, pdf);
    EXPECT_TRUE(message->GetLabel().Contains("address (billing details")) << message->GetLabel();
    EXPECT_TRUE(message->GetLabel().Contains("member id")) << message->GetLabel();
    EXPECT_FALSE(std::filesystem::exists(pdf));

    bool answered = false;
    wxTheApp->CallAfter([&] {
        pump(200);
        CancelIfStillOpen guard{"billing_insurance_dialog"};
        wxWindow* dialog = open_dialog("billing_insurance_dialog");
        ASSERT_NE(dialog, nullptr);
        auto set = [&](const char* name, const char* value) {
            dynamic_cast<wxTextCtrl*>(dialog->FindWindow(name))->SetValue(value);
        };
        set("insurance_street", "40 Elm Ave");
        set("insurance_city", "Oakland");
        set("insurance_state", "ca");
        set("insurance_zip", "94610");
        dynamic_cast<wxChoice*>(dialog->FindWindow("insurance_payer"))->SetSelection(1);  // New.
        set("insurance_payer_name", "Cascade Health");
        set("insurance_payer_id", "CASC1");
        set("insurance_member_id", "XYZ123456789");
        set("insurance_from", "2026-01-01");
        dynamic_cast<wxDialog*>(dialog)->EndModal(wxID_OK);
        answered = true;
    });
    click(panel->FindWindow("billing_insurance"));
    ASSERT_TRUE(answered);
    EXPECT_EQ(message->GetLabel(), "Billing details and coverage saved.");

    superbill_through_dialogs(panel, day, pdf);
    EXPECT_EQ(message->GetLabel(), "Superbill SB-000001 written ($160.00).");
    EXPECT_TRUE(std::filesystem::exists(pdf));
    EXPECT_GT(std::filesystem::file_size(pdf), 1000u);
    pump(100);
    screenshot(frame, "billing-superbill");
}

// An invoice e-mailed from the Billing tab (issue 18's documents): Ana agreed to e-mail, so once
// her invoice is written the tab asks "E-mail Invoice INV-... to Ana Ortiz at ana@example.org
// now?", and on Yes the mail plugin sends the PDF through a real SMTP server on 127.0.0.1.
TEST(BillingWindow, AnInvoiceIsEmailedAfterAConfirmationNamingTheRecipient) {
    dyad::test::SmtpTestServer server(dyad::test::SmtpTestServer::Mode::kPlain, DYAD_TLS_DIR);
    PluginWindow window({"records", "billing", "mail"});
    auto* frame = window.frame;
    dyad::records::UnitQuery ortiz;
    ortiz.search = "Ortiz";
    std::int64_t couple = frame->practice()->records().units(ortiz)->front().id;
    auto members = *frame->practice()->records().members(couple);
    ASSERT_EQ(members.size(), 2u);
    std::size_t ana = members[0].given_name == "Ana" ? 0 : 1;
    std::string ana_id = std::to_string(members[ana].client_id);
    std::string ben_id = std::to_string(members[1 - ana].client_id);
    std::string unit = std::to_string(couple);
    for (const auto& args : std::vector<std::vector<std::string>>{
             {"mail", "account", "--server", "127.0.0.1", "--port", std::to_string(server.port()),
              "--security", "none", "--from", "dana@ortiz-therapy.example", "--name", "Dana Reyes",
              "--practice", "Ortiz Couples Therapy"},
             {"mail", "consent", ana_id, "yes", "--address", "ana@example.org", "--documents",
              "yes"},
             {"billing", "setup", "--unit", unit, "--kind", "self_pay", "--split",
              ana_id + ":60," + ben_id + ":40"},
             {"billing", "charge", "--unit", unit, "--code", "90847", "--date",
              dyad::billing::local_date_days_ago(3)}}) {
        auto done = window.dyadctl(args);
        ASSERT_EQ(done.exit_code, 0) << done.err;
    }
    frame->select_unit(couple);
    wxWindow* panel = frame->unit_panel("billing.unit");
    ASSERT_NE(panel, nullptr);
    frame->notebook()->SetSelection(static_cast<size_t>(frame->notebook()->FindPage(panel)));
    pump(100);

    std::string path = window.dir.file("invoice-ana.pdf");
    SaveAs save(path);
    bool chosen = false;
    AnswerYes confirmation;
    wxTheApp->CallAfter([&] {
        pump(200);
        for (wxWindow* top : wxTopLevelWindows) {
            if (auto* choice = dynamic_cast<wxSingleChoiceDialog*>(top)) {
                choice->SetSelection(static_cast<int>(ana));
                chosen = true;
                choice->EndModal(wxID_OK);
                return;
            }
        }
    });
    click(panel->FindWindow("billing_invoice"));
    ASSERT_TRUE(chosen) << "no choice of partner";
    ASSERT_TRUE(save.answered);
    auto* message = dynamic_cast<wxStaticText*>(panel->FindWindow("billing_message"));
    ASSERT_TRUE(confirmation.asked) << "no confirmation before e-mailing: " << message->GetLabel();
    EXPECT_TRUE(confirmation.question.Contains("to Ana Ortiz at ana@example.org"))
        << confirmation.question;
    ASSERT_EQ(server.accepted(), 1);
    auto mail = dyad::test::parse_mail(server.messages()[0].data);
    EXPECT_EQ(server.messages()[0].to[0], "<ana@example.org>");
    EXPECT_TRUE(mail.subject.rfind("Invoice INV-", 0) == 0) << mail.subject;
    std::ifstream written(path, std::ios::binary);
    std::string pdf((std::istreambuf_iterator<char>(written)), std::istreambuf_iterator<char>());
    EXPECT_EQ(mail.pdf, pdf);
    EXPECT_TRUE(message->GetLabel().Contains("Sent to ana@example.org.")) << message->GetLabel();
}

// A paid charge reversed from the tab (the confirmation says where the money goes), then the
// payment's receipt and a partner's statement through their dialogs.
TEST(BillingWindow, APaidChargeIsReversedToCreditThenAReceiptAndAStatementAreIssued) {
    PluginWindow window({"records", "billing"});
    auto* frame = window.frame;
    dyad::records::UnitQuery ortiz;
    ortiz.search = "Ortiz";
    std::int64_t couple = frame->practice()->records().units(ortiz)->front().id;
    auto members = *frame->practice()->records().members(couple);
    ASSERT_EQ(members.size(), 2u);
    std::size_t ana = members[0].given_name == "Ana" ? 0 : 1;
    std::string ana_id = std::to_string(members[ana].client_id);
    std::string ben_id = std::to_string(members[1 - ana].client_id);
    std::string unit = std::to_string(couple);
    for (const auto& args : std::vector<std::vector<std::string>>{
             {"billing", "setup", "--unit", unit, "--kind", "self_pay", "--split",
              ana_id + ":60," + ben_id + ":40"},
             {"billing", "charge", "--unit", unit, "--code", "90847", "--date",
              dyad::billing::local_date_days_ago(3), "--fee", "160.00"},
             {"billing", "pay", "--unit", unit, "--amount", "160.00", "--method", "card", "--from",
              ana_id}}) {
        auto done = window.dyadctl(args);
        ASSERT_EQ(done.exit_code, 0) << done.err;
    }
    frame->select_unit(couple);
    wxWindow* panel = frame->unit_panel("billing.unit");
    ASSERT_NE(panel, nullptr);
    frame->notebook()->SetSelection(static_cast<size_t>(frame->notebook()->FindPage(panel)));
    pump(100);
    auto* message = dynamic_cast<wxStaticText*>(panel->FindWindow("billing_message"));
    auto* charges = dynamic_cast<wxListCtrl*>(panel->FindWindow("billing_charges"));
    ASSERT_EQ(charges->GetItemCount(), 1);
    charges->SetItemState(0, wxLIST_STATE_SELECTED, wxLIST_STATE_SELECTED);
    {
        AnswerYes confirmation;
        click(panel->FindWindow("billing_reverse"));
        ASSERT_TRUE(confirmation.asked);
        EXPECT_TRUE(confirmation.question.Contains(
            "The $160.00 paid toward it goes back to the couple's credit"))
            << confirmation.question;
    }
    EXPECT_EQ(message->GetLabel(), "Reversed.");
    EXPECT_EQ(charges->GetItemCount(), 2) << "the charge and its reversal";

    std::string receipt = window.dir.file("receipt.pdf");
    {
        SaveAs save(receipt);
        wxTheApp->CallAfter([&] {
            pump(200);
            CancelIfStillOpen guard{"billing_receipt_dialog"};
            wxWindow* dialog = open_dialog("billing_receipt_dialog");
            ASSERT_NE(dialog, nullptr);
            auto* payment = dynamic_cast<wxChoice*>(dialog->FindWindow("receipt_payment"));
            EXPECT_TRUE(payment->GetString(0).Contains("card  $160.00")) << payment->GetString(0);
            dynamic_cast<wxDialog*>(dialog)->EndModal(wxID_OK);
        });
        click(panel->FindWindow("billing_receipt"));
        ASSERT_TRUE(save.answered) << message->GetLabel();
    }
    EXPECT_EQ(message->GetLabel(), "Receipt RCT-000001 written ($160.00).");
    EXPECT_TRUE(std::filesystem::exists(receipt));

    std::string statement = window.dir.file("statement.pdf");
    {
        SaveAs save(statement);
        wxTheApp->CallAfter([&] {
            pump(200);
            CancelIfStillOpen guard{"billing_statement_dialog"};
            wxWindow* dialog = open_dialog("billing_statement_dialog");
            ASSERT_NE(dialog, nullptr);
            dynamic_cast<wxChoice*>(dialog->FindWindow("statement_client"))
                ->SetSelection(static_cast<int>(ana));
            dynamic_cast<wxDialog*>(dialog)->EndModal(wxID_OK);
        });
        click(panel->FindWindow("billing_statement"));
        ASSERT_TRUE(save.answered) << message->GetLabel();
    }
    // Ana's $96.00 share, paid, reversed, and the payment back to the couple's credit.
    EXPECT_EQ(message->GetLabel(), "Statement STM-000001 written (balance $0.00).");
    EXPECT_TRUE(std::filesystem::exists(statement));
    auto payments = window.dyadctl({"billing", "payments", "--unit", unit});
    EXPECT_NE(payments.out.find("RCT-000001"), std::string::npos) << payments.out;
}

// View > Billing Overview: what is owed by age and month by month as charts (their figures
// as text too), and the attended sessions with no charge, charged from there after a question.
TEST(BillingWindow, ThePracticeViewChartsAgingAndMonthsAndChargesUnbilledSessions) {
    PluginWindow window({"records", "billing"});
    auto* frame = window.frame;
    dyad::records::UnitQuery ortiz;
    ortiz.search = "Ortiz";
    std::int64_t couple = frame->practice()->records().units(ortiz)->front().id;
    auto members = *frame->practice()->records().members(couple);
    std::string unit = std::to_string(couple);
    std::string first = std::to_string(members[0].client_id);
    std::string second = std::to_string(members[1].client_id);
    for (const auto& args : std::vector<std::vector<std::string>>{
             {"billing", "setup", "--unit", unit, "--kind", "self_pay", "--split",
              first + ":50," + second + ":50"},
             {"billing", "charge", "--unit", unit, "--code", "90847", "--date",
              dyad::billing::local_date_days_ago(45), "--fee", "150.00"},
             {"billing", "pay", "--unit", unit, "--amount", "40.00", "--method", "cash"}}) {
        auto done = window.dyadctl(args);
        ASSERT_EQ(done.exit_code, 0) << done.err;
    }
    std::string day = dyad::billing::local_date_days_ago(5);
    ASSERT_NO_FATAL_FAILURE(book_attended(frame, couple, day));

    ASSERT_TRUE(run_menu_command(frame, "View", "Billing Overview..."))
        << "the practice view is not in the View menu";
    wxWindow* view = nullptr;
    ASSERT_TRUE(pump_until([&] { return (view = find_in_any_window("billing_practice")); }));
    // A chart's figures are its tooltip (what a screen reader gets).
    wxWindow* aging = view->FindWindow("billing_aging_chart");
    ASSERT_NE(aging, nullptr);
    EXPECT_TRUE(aging->GetToolTipText().Contains("31-60 $110.00")) << aging->GetToolTipText();
    wxWindow* months = view->FindWindow("billing_months_chart");
    ASSERT_NE(months, nullptr);
    EXPECT_TRUE(months->GetToolTipText().Contains("charged $150.00")) << months->GetToolTipText();
    EXPECT_TRUE(months->GetToolTipText().Contains("received $40.00")) << months->GetToolTipText();
    auto* text = dynamic_cast<wxStaticText*>(view->FindWindow("billing_aging_text"));
    EXPECT_TRUE(text->GetLabel().Contains("$110.00 owed by 1 unit;")) << text->GetLabel();
    EXPECT_TRUE(text->GetLabel().Contains("cash $40.00")) << text->GetLabel();

    auto* sessions = dynamic_cast<wxListCtrl*>(view->FindWindow("billing_unbilled"));
    ASSERT_EQ(sessions->GetItemCount(), 1);
    EXPECT_EQ(sessions->GetItemText(0, 0),
              wxString::FromUTF8(dyad::show::date(day, dyad::show::DateStyle::Compact)));
    EXPECT_EQ(sessions->GetItemText(0, 1), "Ana & Ben Ortiz");
    {
        AnswerYes confirmation;
        click(view->FindWindow("billing_charge_unbilled"));
        ASSERT_TRUE(confirmation.asked);
        EXPECT_TRUE(confirmation.question.Contains("Charge 1 session of 1 client unit"))
            << confirmation.question;
    }
    auto* message = dynamic_cast<wxStaticText*>(view->FindWindow("billing_practice_message"));
    EXPECT_EQ(message->GetLabel(), "1 charge created.");
    EXPECT_EQ(sessions->GetItemCount(), 0);
    EXPECT_TRUE(aging->GetToolTipText().Contains("0-30 $160.00")) << aging->GetToolTipText();
    screenshot(view->GetParent(), "billing-overview");
}

// Billing > Claims...: a session filed as an 837P from the claims dialog, the payer's denial
// recorded (refused first without its reason), and a replacement filed for it.
TEST(BillingWindow, ClaimsAreFiledTheirStatusRecordedAndReplacedFromTheWindow) {
    PluginWindow window({"records", "billing"});
    auto* frame = window.frame;
    dyad::records::UnitQuery ortiz;
    ortiz.search = "Ortiz";
    std::int64_t couple = frame->practice()->records().units(ortiz)->front().id;
    auto members = *frame->practice()->records().members(couple);
    std::size_t ana = members[0].given_name == "Ana" ? 0 : 1;
    std::string ana_id = std::to_string(members[ana].client_id);
    std::string ben_id = std::to_string(members[1 - ana].client_id);
    std::string unit = std::to_string(couple);
    std::ofstream(window.dir.file("ana.json"))
        << R"({"sex": "F", "street": "40 Elm Ave", "city": "Portland", "state": "OR",
              "zip": "97202"})";
    auto payer =
        window.dyadctl({"billing", "payer-add", "--name", "Cascade Health", "--payer-id", "CASC1"});
    ASSERT_EQ(payer.exit_code, 0) << payer.err;
    std::ofstream(window.dir.file("coverage.json"))
        << R"({"payer": )" << payer.out.substr(0, payer.out.size() - 1)
        << R"(, "member_id": "XYZ123456789", "relation": "self", "from": "2020-01-01"})";
    for (const auto& args : std::vector<std::vector<std::string>>{
             {"billing", "identity-set", "--legal-name", "Ortiz Couples Therapy", "--tax-id",
              "98-7654321", "--address", "1 Main St, Portland, OR 97201-1234", "--phone",
              "503 555 0100", "--clinician", "Dana Reyes", "--npi", "1234567893", "--licence",
              "LMFT:123456:OR", "--taxonomy", "106H00000X"},
             {"billing", "clearinghouse-set", "--submitter", "DYADSUB01", "--receiver",
              "CLEARHOUSE", "--receiver-name", "Clear Claims Inc"},
             {"billing", "details", ana_id, "--file", window.dir.file("ana.json")},
             {"billing", "coverage-add", ana_id, "--file", window.dir.file("coverage.json")},
             {"records", "diagnosis-add", "--unit", unit, "--client", ana_id, "--code", "F43.23"},
             {"billing", "setup", "--unit", unit, "--kind", "insurance", "--ip", ana_id, "--split",
              ana_id + ":60," + ben_id + ":40"}}) {
        auto done = window.dyadctl(args);
        ASSERT_EQ(done.exit_code, 0) << args[1] << ": " << done.err;
    }
    std::string day = dyad::billing::local_date_days_ago(6);
    ASSERT_NO_FATAL_FAILURE(book_attended(frame, couple, day));
    ASSERT_EQ(window.dyadctl({"billing", "charge-sessions", "--unit", unit, "--from", day}).out,
              "1 charge(s) created\n");

    frame->select_unit(couple);
    wxWindow* panel = frame->unit_panel("billing.unit");
    ASSERT_NE(panel, nullptr);
    frame->notebook()->SetSelection(static_cast<size_t>(frame->notebook()->FindPage(panel)));
    pump(100);
    std::string original = window.dir.file("claims.837");
    std::string replacement = window.dir.file("replacement.837");
    bool walked = false;
    wxTheApp->CallAfter([&] {
        pump(200);
        CancelIfStillOpen guard{"billing_claims_manager"};
        wxWindow* manager = open_dialog("billing_claims_manager");
        ASSERT_NE(manager, nullptr);
        auto* list = dynamic_cast<wxListCtrl*>(manager->FindWindow("claims_list"));
        auto* message = dynamic_cast<wxStaticText*>(manager->FindWindow("claims_message"));
        ASSERT_EQ(list->GetItemCount(), 0);
        // File New Claims: the session's dates, as an 837P.
        {
            SaveAs save(original);
            wxTheApp->CallAfter([&] {
                pump(150);
                CancelIfStillOpen inner{"billing_claims_dialog"};
                wxWindow* form = open_dialog("billing_claims_dialog");
                ASSERT_NE(form, nullptr);
                dynamic_cast<wxTextCtrl*>(form->FindWindow("claims_from"))->SetValue(day);
                dynamic_cast<wxTextCtrl*>(form->FindWindow("claims_to"))->SetValue(day);
                dynamic_cast<wxDialog*>(form)->EndModal(wxID_OK);
            });
            click(manager->FindWindow("claims_new"));
            ASSERT_TRUE(save.answered) << message->GetLabel();
        }
        ASSERT_EQ(list->GetItemCount(), 1) << message->GetLabel();
        EXPECT_EQ(list->GetItemText(0, 0), "CLM-000001");
        EXPECT_EQ(list->GetItemText(0, 4), "created");
        list->SetItemState(0, wxLIST_STATE_SELECTED, wxLIST_STATE_SELECTED);
        // The payer's answer: a denial without its reason is refused, then with it.
        auto record = [&](const char* status, const char* reason) {
            wxTheApp->CallAfter([&, status, reason] {
                pump(150);
                CancelIfStillOpen inner{"billing_claim_status_dialog"};
                wxWindow* form = open_dialog("billing_claim_status_dialog");
                ASSERT_NE(form, nullptr);
                dynamic_cast<wxChoice*>(form->FindWindow("claim_status"))
                    ->SetStringSelection(status);
                dynamic_cast<wxTextCtrl*>(form->FindWindow("claim_reason"))->SetValue(reason);
                dynamic_cast<wxTextCtrl*>(form->FindWindow("claim_payer_number"))
                    ->SetValue("PAYER-998877");
                dynamic_cast<wxDialog*>(form)->EndModal(wxID_OK);
            });
            click(manager->FindWindow("claims_status"));
        };
        record("denied", "");
        EXPECT_EQ(list->GetItemText(0, 4), "created") << message->GetLabel();
        list->SetItemState(0, wxLIST_STATE_SELECTED, wxLIST_STATE_SELECTED);
        record("denied", "CO-4 modifier inconsistent");
        EXPECT_EQ(message->GetLabel(), "Claim CLM-000001 is denied.");
        EXPECT_EQ(list->GetItemText(0, 4), "denied");
        EXPECT_EQ(list->GetItemText(0, 5), "PAYER-998877");
        // A replacement for the denied claim.
        for (long row = 0; row < list->GetItemCount(); ++row) {
            if (list->GetItemText(row, 0) == "CLM-000001") {
                list->SetItemState(row, wxLIST_STATE_SELECTED, wxLIST_STATE_SELECTED);
            }
        }
        {
            SaveAs save(replacement);
            click(manager->FindWindow("claims_replace"));
            ASSERT_TRUE(save.answered) << message->GetLabel();
        }
        EXPECT_EQ(message->GetLabel(), "Replacement CLM-000002 written.");
        EXPECT_EQ(list->GetItemCount(), 2);
        walked = true;
        dynamic_cast<wxDialog*>(manager)->EndModal(wxID_CANCEL);
    });
    click(panel->FindWindow("billing_claims"));
    ASSERT_TRUE(walked);
    EXPECT_TRUE(std::filesystem::exists(original));
    EXPECT_TRUE(std::filesystem::exists(replacement));
    auto listed = window.dyadctl({"billing", "claims", "--unit", unit});
    EXPECT_NE(listed.out.find("denied: CO-4"), std::string::npos) << listed.out;
}

// Settings > Billing with no identity saved yet: the clinician's facts are already there from
// the Directory Profile; the practice adds its legal name and tax id and saves.
TEST(BillingWindow, TheIdentityPageStartsFromTheDirectoryProfile) {
    PluginWindow window({"directory", "billing"});
    auto* frame = window.frame;
    std::ofstream(window.dir.file("me.json"))
        << R"({"given_name": "Maya", "family_name": "Lopez", "npi": "1234567893",
              "taxonomy_code": "106H00000X",
              "licences": [{"number": "LMFT 12345", "state": "CA", "kind": "LMFT"}],
              "offices": [{"line": "100 Main St", "city": "Oakland", "state": "CA",
                           "postal_code": "94612"}], "phone": "510 555 0100"})";
    auto profile = window.dyadctl({"directory", "profile", "set", window.dir.file("me.json")});
    ASSERT_EQ(profile.exit_code, 0) << profile.err;
    std::map<std::string, wxString> seen;
    frame->CallAfter([&] {
        pump(300);
        for (wxWindow* top : wxTopLevelWindows) {
            wxWindow* page = top->FindWindow("billing_identity_page");
            if (page == nullptr) {
                continue;
            }
            auto field = [&](const std::string& key) {
                return dynamic_cast<wxTextCtrl*>(page->FindWindow("billing_identity_" + key));
            };
            for (const char* key : {"clinician_name", "clinician_npi", "licence_type",
                                    "licence_number", "licence_state", "taxonomy", "address"}) {
                seen[key] = field(key)->GetValue();
            }
            field("legal_name")->SetValue("Lopez Couples");
            field("tax_id")->SetValue("98-7654321");
            wxCommandEvent click(wxEVT_BUTTON, wxID_OK);
            click.SetEventObject(top->FindWindow(wxID_OK));
            top->GetEventHandler()->ProcessEvent(click);
            return;
        }
    });
    wxCommandEvent open_settings(wxEVT_MENU, wxID_PREFERENCES);
    frame->GetEventHandler()->ProcessEvent(open_settings);
    ASSERT_FALSE(seen.empty()) << "no Billing page in Settings";
    EXPECT_EQ(seen["clinician_name"], "Maya Lopez");
    EXPECT_EQ(seen["clinician_npi"], "1234567893");
    EXPECT_EQ(seen["licence_type"], "LMFT");
    EXPECT_EQ(seen["licence_number"], "12345");
    EXPECT_EQ(seen["licence_state"], "CA");
    EXPECT_EQ(seen["taxonomy"], "106H00000X");
    EXPECT_EQ(seen["address"], "100 Main St, Oakland, CA 94612");
    auto identity = window.dyadctl({"billing", "identity"});
    EXPECT_EQ(identity.exit_code, 0) << identity.err;
    EXPECT_NE(identity.out.find("1234567893"), std::string::npos) << identity.out;
}

// A sliding-scale tier chosen in the Billing tab: the session is charged its share of the fee,
// and a review date that has passed is said under the balances.
TEST(BillingWindow, ASlidingScaleTierIsChosenChargedAndItsReviewSaidWhenDue) {
    PluginWindow window({"records", "billing"});
    auto* frame = window.frame;
    dyad::records::UnitQuery ortiz;
    ortiz.search = "Ortiz";
    std::int64_t couple = frame->practice()->records().units(ortiz)->front().id;
    std::string day = dyad::billing::local_date_days_ago(4);
    ASSERT_NO_FATAL_FAILURE(book_attended(frame, couple, day));
    frame->select_unit(couple);
    wxWindow* panel = frame->unit_panel("billing.unit");
    ASSERT_NE(panel, nullptr);
    frame->notebook()->SetSelection(static_cast<size_t>(frame->notebook()->FindPage(panel)));
    pump(100);
    auto* message = dynamic_cast<wxStaticText*>(panel->FindWindow("billing_message"));
    auto* tier = dynamic_cast<wxChoice*>(panel->FindWindow("billing_sliding_tier"));
    ASSERT_NE(tier, nullptr);
    ASSERT_EQ(tier->GetCount(), 4u) << "full fee and the shipped tiers A, B, C";
    EXPECT_EQ(tier->GetString(2), "B: Reduced fee, tier B (60% of the fee)");
    dynamic_cast<wxChoice*>(panel->FindWindow("billing_kind"))->SetSelection(0);  // Self-pay.
    tier->SetSelection(2);
    click(panel->FindWindow("billing_save_setup"));
    EXPECT_EQ(message->GetLabel(),
              "a sliding-scale tier needs the day it is to be reviewed (YYYY-MM-DD)");
    dynamic_cast<wxTextCtrl*>(panel->FindWindow("billing_sliding_review"))
        ->SetValue(dyad::billing::local_date_days_ago(1));
    click(panel->FindWindow("billing_save_setup"));
    EXPECT_EQ(message->GetLabel(), "Billing setup saved.");
    click(panel->FindWindow("billing_charge_sessions"));
    auto* charges = dynamic_cast<wxListCtrl*>(panel->FindWindow("billing_charges"));
    ASSERT_EQ(charges->GetItemCount(), 1) << message->GetLabel();
    EXPECT_EQ(charges->GetItemText(0, 3), "$96.00") << "60% of $160.00";
    auto* balances = dynamic_cast<wxStaticText*>(panel->FindWindow("billing_balances"));
    EXPECT_TRUE(balances->GetLabel().Contains("Review due: the sliding-scale tier B"))
        << balances->GetLabel();
}

// A group practice in the window: Jordan Lee added in Settings > Billing through the clinician
// dialog (saved at once, even when Settings is cancelled), the couple's tab set to "Seen by"
// Jordan, the session charged under Jordan, and the Billing Overview's figures by clinician.
TEST(BillingWindow, AClinicianAddedInSettingsSeesAUnitAndTheOverviewCountsThemApart) {
    PluginWindow window({"records", "billing"});
    auto* frame = window.frame;
    auto identity =
        window.dyadctl({"billing", "identity-set", "--legal-name", "Ortiz Couples Therapy",
                        "--tax-id", "98-7654321", "--group-npi", "1245319599", "--address",
                        "1 Main St, Oakland, CA 94601", "--clinician", "Dana Reyes", "--npi",
                        "1234567893", "--licence", "LMFT:123456:CA", "--taxonomy", "106H00000X"});
    ASSERT_EQ(identity.exit_code, 0) << identity.err;
    wxString listed;
    frame->CallAfter([&] {
        pump(300);
        for (wxWindow* top : wxTopLevelWindows) {
            wxWindow* page = top->FindWindow("billing_identity_page");
            if (page == nullptr) {
                continue;
            }
            wxTheApp->CallAfter([&] {
                pump(200);
                CancelIfStillOpen guard{"billing_clinician_dialog"};
                wxWindow* dialog = open_dialog("billing_clinician_dialog");
                ASSERT_NE(dialog, nullptr);
                for (auto [name, value] :
                     std::map<std::string, std::string>{{"clinician_name", "Jordan Lee"},
                                                        {"clinician_npi", "1987654328"},
                                                        {"clinician_licence_type", "LCSW"},
                                                        {"clinician_licence_number", "C5678"},
                                                        {"clinician_licence_state", "CA"},
                                                        {"clinician_taxonomy", "1041C0700X"}}) {
                    dynamic_cast<wxTextCtrl*>(dialog->FindWindow(name))->SetValue(value);
                }
                dynamic_cast<wxDialog*>(dialog)->EndModal(wxID_OK);
            });
            click(page->FindWindow("billing_clinician_add"));
            auto* list = dynamic_cast<wxListBox*>(page->FindWindow("billing_clinicians"));
            listed = list->GetCount() == 1 ? list->GetString(0) : wxString("(none)");
            dynamic_cast<wxDialog*>(top)->EndModal(wxID_CANCEL);
            return;
        }
    });
    wxCommandEvent open_settings(wxEVT_MENU, wxID_PREFERENCES);
    frame->GetEventHandler()->ProcessEvent(open_settings);
    EXPECT_EQ(listed, "Jordan Lee, LCSW   NPI 1987654328");

    dyad::records::UnitQuery ortiz;
    ortiz.search = "Ortiz";
    std::int64_t couple = frame->practice()->records().units(ortiz)->front().id;
    // Today's session: a unit's "Seen by" counts from the day it is saved.
    ASSERT_NO_FATAL_FAILURE(book_attended(frame, couple, dyad::billing::local_date_days_ago(0)));
    frame->select_unit(couple);
    wxWindow* panel = frame->unit_panel("billing.unit");
    ASSERT_NE(panel, nullptr);
    frame->notebook()->SetSelection(static_cast<size_t>(frame->notebook()->FindPage(panel)));
    pump(100);
    auto* seen_by = dynamic_cast<wxChoice*>(panel->FindWindow("billing_clinician"));
    ASSERT_NE(seen_by, nullptr);
    ASSERT_EQ(seen_by->GetCount(), 2u);
    EXPECT_EQ(seen_by->GetString(0), "Dana Reyes (the practice's own)");
    EXPECT_EQ(seen_by->GetString(1), "Jordan Lee");
    dynamic_cast<wxChoice*>(panel->FindWindow("billing_kind"))->SetSelection(0);  // Self-pay.
    seen_by->SetSelection(1);
    click(panel->FindWindow("billing_save_setup"));
    auto* message = dynamic_cast<wxStaticText*>(panel->FindWindow("billing_message"));
    EXPECT_EQ(message->GetLabel(), "Billing setup saved.");
    click(panel->FindWindow("billing_charge_sessions"));
    auto* charges = dynamic_cast<wxListCtrl*>(panel->FindWindow("billing_charges"));
    ASSERT_EQ(charges->GetItemCount(), 1) << message->GetLabel();
    EXPECT_EQ(charges->GetItemText(0, 6), "Jordan Lee");

    ASSERT_TRUE(run_menu_command(frame, "View", "Billing Overview..."));
    wxWindow* view = nullptr;
    ASSERT_TRUE(pump_until([&] { return (view = find_in_any_window("billing_practice")); }));
    auto* by_clinician = dynamic_cast<wxListCtrl*>(view->FindWindow("billing_by_clinician"));
    ASSERT_NE(by_clinician, nullptr);
    ASSERT_EQ(by_clinician->GetItemCount(), 1);
    EXPECT_EQ(by_clinician->GetItemText(0, 0), "Jordan Lee");
    EXPECT_EQ(by_clinician->GetItemText(0, 1), "1");
    EXPECT_EQ(by_clinician->GetItemText(0, 2), "$160.00");
    EXPECT_EQ(by_clinician->GetItemText(0, 4), "$160.00");
}
