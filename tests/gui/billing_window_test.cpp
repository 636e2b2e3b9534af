// The Billing tab in the window (issue 16), driven as a biller would: the couple billed as
// out-of-network with Ana as the identified patient and a 60/40 split, the attended session
// charged, one payment taken through its dialog and split between the partners.
#include <wx/notebook.h>
#include <wx/spinctrl.h>

#include "gui_fixtures.h"
#include "ledger.h"

using namespace dyad::gui_test;

namespace {

void click(wxWindow* button) {
    wxCommandEvent event(wxEVT_BUTTON, button->GetId());
    event.SetEventObject(button);
    button->GetEventHandler()->ProcessEvent(event);
}

}  // namespace

TEST(BillingWindow, AnAttendedSessionToAChargeAndAPaymentSplitBetweenThePartners) {
    PluginWindow window({"records", "billing"});
    auto* frame = window.frame;
    dyad::records::UnitQuery ortiz;
    ortiz.search = "Ortiz";
    std::int64_t couple = frame->practice()->records().units(ortiz)->front().id;
    dyad::records::AppointmentFields session;
    session.unit_id = couple;
    std::string day = dyad::billing::local_date_days_ago(7);
    session.starts_at = day + "T15:00:00Z";
    session.ends_at = day + "T15:50:00Z";
    auto booked = frame->practice()->records().create_appointment(session, "test");
    ASSERT_TRUE(booked) << booked.error().message;
    session.status = "attended";
    ASSERT_TRUE(frame->practice()->records().update_appointment(booked->id, session, "test"));

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
    EXPECT_EQ(message->GetLabel(), "1 charge(s) created.");
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
