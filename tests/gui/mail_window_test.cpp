// Reminders in the window (issue 18): the account is set up in Settings > Email, both partners
// agree on the unit's Reminders tab, and the running window queues a reminder for each for
// the sessions ahead (tomorrow's among them) and sends the one 3 hours away through a real SMTP
// server on 127.0.0.1 (its worker thread, never the window's); the schedule's Reminders column and
// the Home card show it.
#include <wx/checkbox.h>
#include <wx/choice.h>
#include <wx/listctrl.h>
#include <wx/notebook.h>
#include <wx/spinctrl.h>
#include <wx/stattext.h>

#include <time_text.h>

#include "gui_fixtures.h"
#include "smtp_test_server.h"

using namespace dyad::gui_test;

namespace {

std::string column(wxListCtrl* list, long row, int column) {
    return list->GetItemText(row, column).ToStdString(wxConvUTF8);
}

}  // namespace

TEST(MailWindow, TheAccountIsSetUpConsentGivenAndRemindersQueuedAndSent) {
    dyad::test::SmtpTestServer server(dyad::test::SmtpTestServer::Mode::kPlain, DYAD_TLS_DIR);
    PluginWindow window({"records", "mail"});
    auto* frame = window.frame;
    auto& records = frame->practice()->records();
    dyad::records::UnitQuery ortiz;
    ortiz.search = "Ortiz";
    std::int64_t couple = records.units(ortiz)->front().id;
    auto members = *records.members(couple);
    ASSERT_EQ(members.size(), 2u);
    std::string now = dyad::datafile::now_utc();
    // The demo's own sessions of the couple still ahead are cancelled, so that only this test's
    // two are due, whatever the day and hour the test runs (a Thursday afternoon would
    // otherwise find Friday's demo session within a day).
    auto ahead = records.appointments_between(now, "9999-12-31T00:00:00Z");
    ASSERT_TRUE(ahead);
    for (auto appointment : *ahead) {
        if (appointment.fields.unit_id == couple) {
            appointment.fields.status = "cancelled";
            ASSERT_TRUE(records.update_appointment(appointment.id, appointment.fields, "test"));
        }
    }
    for (auto [hours, location] : {std::pair{30, "Room 2"}, std::pair{3, "Room 3"}}) {
        dyad::records::AppointmentFields session;
        session.unit_id = couple;
        session.starts_at = dyad::datafile::utc_after(now, hours * 3600LL);
        session.ends_at = dyad::datafile::utc_after(session.starts_at, 50 * 60);
        session.location = location;
        ASSERT_TRUE(records.create_appointment(session, "test"));
    }

    // Settings > Email.
    bool filled = false;
    frame->CallAfter([&] {
        pump(300);
        for (wxWindow* top : wxTopLevelWindows) {
            wxWindow* page = top->FindWindow("mail_settings_page");
            if (page == nullptr) {
                continue;
            }
            auto set = [page](const char* name, const char* value) {
                dynamic_cast<wxTextCtrl*>(page->FindWindow(name))->SetValue(value);
            };
            set("mail_server", "127.0.0.1");
            set("mail_from", "dana@ortiz-therapy.example");
            set("mail_name", "Dana Reyes");
            dynamic_cast<wxSpinCtrl*>(page->FindWindow("mail_port"))->SetValue(server.port());
            dynamic_cast<wxChoice*>(page->FindWindow("mail_security"))->SetSelection(2);
            filled = true;
            wxCommandEvent ok(wxEVT_BUTTON, wxID_OK);
            ok.SetEventObject(top->FindWindow(wxID_OK));
            top->GetEventHandler()->ProcessEvent(ok);
            return;
        }
    });
    wxCommandEvent open_settings(wxEVT_MENU, wxID_PREFERENCES);
    frame->GetEventHandler()->ProcessEvent(open_settings);
    ASSERT_TRUE(filled) << "no Email page in Settings";
    auto account = window.dyadctl({"mail", "account", "--json"});
    EXPECT_NE(account.out.find("\"from\":\"dana@ortiz-therapy.example\""), std::string::npos)
        << account.out;

    // Both partners agree on the Reminders tab.
    frame->select_unit(couple);
    wxWindow* panel = frame->unit_panel("mail.unit");
    ASSERT_NE(panel, nullptr);
    frame->notebook()->SetSelection(static_cast<size_t>(frame->notebook()->FindPage(panel)));
    for (const auto& member : members) {
        std::string id = std::to_string(member.client_id);
        auto* agree = dynamic_cast<wxCheckBox*>(panel->FindWindow("mail_consent_" + id));
        ASSERT_NE(agree, nullptr);
        agree->SetValue(true);
        dynamic_cast<wxTextCtrl*>(panel->FindWindow("mail_address_" + id))
            ->SetValue(member.given_name == "Ana" ? "ana@example.org" : "ben@example.org");
    }
    click(panel->FindWindow("mail_save_consent"));
    auto* message = dynamic_cast<wxStaticText*>(panel->FindWindow("mail_reminders_message"));
    EXPECT_EQ(message->GetLabel(), "Consent saved.");

    // The window plans and sends on its own: today's two reminders go, tomorrow's wait.
    ASSERT_TRUE(pump_until([&] { return server.accepted() == 2; }, 20000))
        << "accepted " << server.accepted();
    auto* list = dynamic_cast<wxListCtrl*>(panel->FindWindow("mail_messages"));
    ASSERT_TRUE(pump_until(
        [&] {
            int sent = 0, queued = 0;
            for (long row = 0; row < list->GetItemCount(); ++row) {
                sent += column(list, row, 3) == "sent";
                queued += column(list, row, 3) == "queued";
            }
            return sent == 2 && queued == 2;  // Tomorrow's, to each partner.
        },
        10000))
        << [&] {
               std::string rows;
               for (long row = 0; row < list->GetItemCount(); ++row) {
                   rows += column(list, row, 1) + " " + column(list, row, 3) + " " +
                           column(list, row, 4) + "\n";
               }
               return rows;
           }();
    for (const auto& received : server.messages()) {
        EXPECT_NE(received.data.find("At: Room 3"), std::string::npos);
    }

    // The schedule's Reminders column.
    frame->select_unit(0);
    frame->select_unit(couple);
    auto* schedule = frame->unit_panel("records.schedule");
    ASSERT_NE(schedule, nullptr);
    auto* sessions = dynamic_cast<wxListCtrl*>(schedule->FindWindow("session_list"));
    ASSERT_EQ(sessions->GetColumnCount(), 7);
    std::set<std::string> states;
    for (long row = 0; row < sessions->GetItemCount(); ++row) {
        states.insert(column(sessions, row, 6));
    }
    EXPECT_TRUE(states.count("queued") && states.count("sent"));

    // The Home card.
    frame->select_unit(0);
    auto* card = dynamic_cast<wxStaticText*>(dyad::test::find_in_any_window("mail_home_card"));
    ASSERT_NE(card, nullptr);
    EXPECT_TRUE(pump_until([&] { return card->GetLabel().Contains("queued, 2 sent."); }))
        << card->GetLabel();
}
