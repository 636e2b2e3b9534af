// dyad.mail's logic over a real practice and a real SMTP server on 127.0.0.1: templates and
// their placeholders, the calendar file, the account rules, consent, what the planner queues
// (a reminder per consenting partner, none without consent, notices for a cancellation and a
// new time), and sending: headers and body checked with nothing clinical, 451 retried, 550
// failed with its reason, STARTTLS and TLS with a certificate the test trusts, an untrusted one
// refused, a login.
#include <gtest/gtest.h>

#include <time_text.h>

#include <fstream>

#include "account.h"
#include "ics.h"
#include "plugin_harness.h"
#include "schema.h"
#include "sender.h"
#include "services.h"
#include "smtp_test_server.h"
#include "templates.h"
#include "test_support.h"

using namespace dyad::mail;
using dyad::datafile::utc_after;
using dyad::test::SmtpTestServer;

namespace {

const std::string kTls = DYAD_TLS_DIR;

struct Couple {
    dyad::test::TempDir resources;
    dyad::test::PluginHarness harness{"dyad.mail", mail_schema()};
    MailServices services{dyad::sdk::Host(harness.host()), false};
    std::int64_t unit = 0;
    std::vector<std::int64_t> partners;
    std::string now = dyad::datafile::now_utc();

    Couple() {
        auto& records = harness.practice().records();
        for (const auto& [name, email] :
             {std::pair{"Mara", "mara@example.org"}, std::pair{"Theo", "theo@example.org"}}) {
            dyad::records::ClientFields fields;
            fields.given_name = name;
            fields.family_name = "Lindqvist";
            fields.email = email;
            partners.push_back(records.create_client(fields, "test")->id);
        }
        unit = records
                   .create_unit("couple", "Mara & Theo Lindqvist",
                                {{partners[0], "partner"}, {partners[1], "partner"}}, "test")
                   ->id;
    }
    // A session starting hours from now (50 minutes long).
    std::int64_t session(double hours, const std::string& location = "Room 2") {
        dyad::records::AppointmentFields fields;
        fields.unit_id = unit;
        fields.starts_at = utc_after(now, static_cast<long long>(hours * 3600));
        fields.ends_at = utc_after(fields.starts_at, 50 * 60);
        fields.location = location;
        auto made = harness.practice().records().create_appointment(fields, "test");
        EXPECT_TRUE(made) << made.error().message;
        return made->id;
    }
    void set_session(std::int64_t id, const std::string& status, double hours = 0) {
        auto& records = harness.practice().records();
        auto current = records.appointment(id);
        ASSERT_TRUE(current);
        auto fields = current->fields;
        fields.status = status;
        if (hours != 0) {
            fields.starts_at = utc_after(now, static_cast<long long>(hours * 3600));
            fields.ends_at = utc_after(fields.starts_at, 50 * 60);
        }
        ASSERT_TRUE(records.update_appointment(id, fields, "test"));
    }
    MailAccount account(int port, const std::string& security = "none") {
        MailAccount a;
        a.server = "127.0.0.1";
        a.port = port;
        a.security = security;
        a.from_address = "maya@lind-therapy.example";
        a.from_name = "Dr. Maya Lind";
        a.practice_name = "Lind Couples Therapy";
        a.timeout_seconds = 5;
        return a;
    }
    TemplateSet templates() {
        std::vector<std::string> problems;
        auto set = load_templates({dyad::test::source_dir() + "/resources"}, "en", problems);
        EXPECT_TRUE(set) << (set ? "" : set.error());
        return *set;
    }
    SendReport send(const MailAccount& a, const std::string& when,
                    const std::string& password = "") {
        SendOptions options;
        options.send = [&a, password](const Outgoing& m) { return smtp_send(a, password, m); };
        auto report = send_due(services.store, a, templates(), when, options);
        EXPECT_TRUE(report) << (report ? "" : report.error());
        return report ? *report : SendReport{};
    }
    std::vector<Message> messages(const std::string& state = "") {
        auto found = services.store.messages(0, state);
        EXPECT_TRUE(found);
        return found ? *found : std::vector<Message>{};
    }
};

}  // namespace

TEST(MailTemplates, AnUnknownPlaceholderRefusesTheFileWithItsLine) {
    std::string json = R"({
  "format": 1, "language": "en",
  "reminder": {"subject": "Hi {name}", "body": "Your {diagnosis} session"},
  "cancellation": {"subject": "x", "body": "y"},
  "reschedule": {"subject": "x", "body": "{date"},
  "test": {"subject": "two\nlines", "body": "y"}
})";
    auto parsed = parse_templates(json, "t.json");
    ASSERT_FALSE(parsed);
    std::string all;
    for (const auto& p : parsed.error()) {
        all += p + "\n";
    }
    EXPECT_NE(all.find("t.json:3: reminder.body: {diagnosis} is not a placeholder"),
              std::string::npos)
        << all;
    EXPECT_NE(all.find("reschedule.body: a '{' is not closed"), std::string::npos) << all;
    EXPECT_NE(all.find("test.subject: must be one line"), std::string::npos) << all;
}

TEST(MailTemplates, TheShippedEnglishAndSpanishFilesAreValidAndFillIn) {
    for (const char* language : {"en", "es"}) {
        std::vector<std::string> problems;
        auto set = load_templates({dyad::test::source_dir() + "/resources"}, language, problems);
        ASSERT_TRUE(set) << language;
        EXPECT_TRUE(problems.empty());
        EXPECT_EQ(set->kinds.size(), 5u);
    }
    Template t{"{date} at {time}", "Hello {name}{with}."};
    auto made = render(t, {{"date", "Tuesday"}, {"time", "14:00"}, {"name", "Mara"}});
    EXPECT_EQ(made.subject, "Tuesday at 14:00");
    EXPECT_EQ(made.body, "Hello Mara.");
}

TEST(MailCalendar, LinesAreFoldedAt75OctetsAndTextIsEscaped) {
    CalendarEvent event;
    event.uid = "abc@dyad";
    event.starts_utc = "2026-12-08T14:00:00Z";
    event.ends_utc = "2026-12-08T14:50:00Z";
    event.stamp_utc = "2026-12-02T10:00:00Z";
    event.summary = "Appointment with Dr. Maya Lind; room, \"blue\"";
    event.location = std::string(100, 'x') + "é" + std::string(10, 'y');
    std::string text = calendar_text(event);
    EXPECT_NE(text.find("DTSTART:20261208T140000Z\r\n"), std::string::npos);
    EXPECT_NE(text.find("SUMMARY:Appointment with Dr. Maya Lind\\; room\\, \"blue\"\r\n"),
              std::string::npos);
    std::size_t start = 0;
    while (start < text.size()) {
        auto end = text.find("\r\n", start);
        ASSERT_NE(end, std::string::npos);
        EXPECT_LE(end - start, 75u) << text.substr(start, end - start);
        start = end + 2;
    }
    EXPECT_EQ(text.find("\xC3\r\n"), std::string::npos) << "a fold split a UTF-8 character";
}

TEST(MailAccountRules, PlainSmtpOnlyToThisComputerAndAddressesAreChecked) {
    MailAccount a;
    a.server = "smtp.example.org";
    a.port = 25;
    a.security = "none";
    a.from_address = "maya@example.org";
    auto refused = check_account(a);
    ASSERT_FALSE(refused);
    EXPECT_NE(refused.error().find("only to this computer"), std::string::npos);
    a.server = "127.0.0.1";
    EXPECT_TRUE(check_account(a));
    a.port = 70000;
    a.from_address = "not an address";
    refused = check_account(a);
    ASSERT_FALSE(refused);
    EXPECT_NE(refused.error().find("port"), std::string::npos);
    EXPECT_NE(refused.error().find("is not an e-mail address"), std::string::npos);
    for (const char* bad : {"a@b", "@example.org", "a@@example.org", "a b@example.org",
                            "a@example.org\r\nBcc: x@y.org", "a,b@example.org", ""}) {
        EXPECT_FALSE(plausible_address(bad)) << bad;
    }
    EXPECT_TRUE(plausible_address("mara.lindqvist+dyad@example.co.uk"));
}

TEST(MailConsent, YesNeedsAnAddressAndNoWithdrawsWhatIsQueued) {
    Couple c;
    auto saved = c.services.store.set_consent(c.partners[0], true, std::nullopt, std::nullopt);
    ASSERT_TRUE(saved) << saved.error();
    EXPECT_EQ(saved->address, "mara@example.org") << "the record's address is the default";
    EXPECT_FALSE(c.services.store.set_consent(c.partners[1], true, std::string("bad"), {}));
    EXPECT_FALSE(c.services.store.set_consent(999999, true, std::string("x@example.org"), {}));
    c.session(30);
    auto planned = c.services.store.plan(c.now, 24);
    ASSERT_TRUE(planned) << planned.error();
    EXPECT_EQ(planned->reminders, 1) << "only Mara consented";
    ASSERT_TRUE(c.services.store.set_consent(c.partners[0], false, std::nullopt, std::nullopt));
    auto withdrawn = c.messages("withdrawn");
    ASSERT_EQ(withdrawn.size(), 1u);
    EXPECT_EQ(withdrawn[0].result, "the client withdrew consent");
}

TEST(MailPlanner, EachConsentingPartnerGetsOneReminderDueHoursBeforeTheSession) {
    Couple c;
    ASSERT_TRUE(c.services.store.set_consent(c.partners[0], true, std::nullopt, true));
    ASSERT_TRUE(c.services.store.set_consent(c.partners[1], true, std::nullopt, false));
    std::int64_t id = c.session(30);
    auto first = c.services.store.plan(c.now, 24);
    ASSERT_TRUE(first);
    EXPECT_EQ(first->reminders, 2);
    auto again = c.services.store.plan(c.now, 24);
    ASSERT_TRUE(again);
    EXPECT_EQ(again->reminders, 0) << "a reminder is queued once";
    auto queued = c.messages("queued");
    ASSERT_EQ(queued.size(), 2u);
    for (const auto& m : queued) {
        EXPECT_EQ(m.appointment_id, id);
        EXPECT_EQ(m.next_try, utc_after(m.about_starts_at, -24 * 3600));
    }
    // Nothing is due yet; 6 hours later (24 h before) both are.
    EXPECT_TRUE(c.services.store.due(c.now)->empty());
    EXPECT_EQ(c.services.store.due(utc_after(c.now, 6 * 3600))->size(), 2u);
}

TEST(MailPlanner, ACancelledSessionSendsANoticeAndANewTimeAReschedule) {
    Couple c;
    ASSERT_TRUE(c.services.store.set_consent(c.partners[0], true, std::nullopt, std::nullopt));
    std::int64_t cancelled = c.session(30);
    std::int64_t moved = c.session(50);
    ASSERT_TRUE(c.services.store.plan(c.now, 24));
    c.set_session(cancelled, "cancelled");
    c.set_session(moved, "scheduled", 75);
    auto planned = c.services.store.plan(c.now, 24);
    ASSERT_TRUE(planned) << planned.error();
    EXPECT_EQ(planned->notices, 2);
    EXPECT_EQ(planned->withdrawn, 2) << "both old reminders";
    auto all = c.messages();
    int cancellations = 0, reschedules = 0, reminders = 0;
    for (const auto& m : all) {
        cancellations += m.kind == "cancellation" && m.state == "queued";
        reschedules += m.kind == "reschedule" && m.state == "queued";
        reminders += m.kind == "reminder" && m.state == "queued";
    }
    EXPECT_EQ(cancellations, 1);
    EXPECT_EQ(reschedules, 1);
    EXPECT_EQ(reminders, 1) << "the moved session's reminder for its new time";
}

TEST(MailSend, RemindersCarryTheSessionAndNothingClinical) {
    Couple c;
    SmtpTestServer server(SmtpTestServer::Mode::kPlain, kTls);
    ASSERT_TRUE(c.services.store.set_consent(c.partners[0], true, std::nullopt, true));
    ASSERT_TRUE(c.services.store.set_consent(c.partners[1], true, std::nullopt, true));
    c.session(20, "Room 2, 14 Elm Street");
    auto report = c.send(c.account(server.port()), c.now);
    EXPECT_EQ(report.sent, 2);
    ASSERT_EQ(server.accepted(), 2);
    for (const auto& received : server.messages()) {
        auto mail = dyad::test::parse_mail(received.data);
        EXPECT_NE(mail.subject.find("Reminder: your appointment on"), std::string::npos);
        EXPECT_NE(mail.from.find("maya@lind-therapy.example"), std::string::npos);
        EXPECT_EQ(received.to.size(), 1u) << "one partner per message";
        bool to_mara = mail.to.find("mara@example.org") != std::string::npos;
        EXPECT_NE(mail.text.find(to_mara ? "Hello Mara," : "Hello Theo,"), std::string::npos)
            << mail.text;
        EXPECT_NE(mail.text.find(to_mara ? " with Theo" : " with Mara"), std::string::npos)
            << "both agreed to joint reminders";
        EXPECT_NE(mail.text.find("At: Room 2, 14 Elm Street"), std::string::npos);
        EXPECT_NE(mail.calendar.find("BEGIN:VEVENT"), std::string::npos);
        for (const char* clinical : {"couple", "Lindqvist", "diagnos", "note"}) {
            EXPECT_EQ(received.data.find(clinical), std::string::npos) << clinical;
        }
    }
    EXPECT_EQ(c.messages("sent").size(), 2u);
}

TEST(MailSend, WithoutJointConsentNoPartnerIsNamed) {
    Couple c;
    SmtpTestServer server(SmtpTestServer::Mode::kPlain, kTls);
    ASSERT_TRUE(c.services.store.set_consent(c.partners[0], true, std::nullopt, true));
    ASSERT_TRUE(c.services.store.set_consent(c.partners[1], true, std::nullopt, false));
    c.session(20);
    c.send(c.account(server.port()), c.now);
    ASSERT_EQ(server.accepted(), 2);
    for (const auto& received : server.messages()) {
        auto mail = dyad::test::parse_mail(received.data);
        bool to_mara = mail.text.find("Hello Mara,") != std::string::npos;
        EXPECT_EQ(mail.text.find(to_mara ? "Theo" : "Mara"), std::string::npos) << mail.text;
        EXPECT_EQ(received.data.find(to_mara ? "theo@" : "mara@"), std::string::npos);
    }
}

TEST(MailSend, A451IsRetriedWithBackoffAndA550FailsWithTheServersReason) {
    Couple c;
    SmtpTestServer server(SmtpTestServer::Mode::kPlain, kTls);
    ASSERT_TRUE(c.services.store.set_consent(c.partners[0], true, std::nullopt, std::nullopt));
    ASSERT_TRUE(c.services.store.set_consent(c.partners[1], true, std::nullopt, std::nullopt));
    c.session(20);
    server.answer_next("451 4.7.1 greylisted, try again later");
    server.answer_next("550 5.1.1 <theo@example.org>: mailbox unavailable");
    auto first = c.send(c.account(server.port()), c.now);
    EXPECT_EQ(first.retrying, 1);
    EXPECT_EQ(first.failed, 1);
    auto failed = c.messages("failed");
    ASSERT_EQ(failed.size(), 1u);
    EXPECT_NE(failed[0].result.find("550 5.1.1 <theo@example.org>: mailbox unavailable"),
              std::string::npos)
        << failed[0].result;
    auto retry = c.messages("retry");
    ASSERT_EQ(retry.size(), 1u);
    EXPECT_GT(retry[0].next_try, c.now);
    EXPECT_NE(retry[0].result.find("451 4.7.1 greylisted"), std::string::npos);
    // Not again before its time; then sent.
    EXPECT_EQ(c.send(c.account(server.port()), c.now).sent, 0);
    auto later = c.send(c.account(server.port()), utc_after(c.now, 600));
    EXPECT_EQ(later.sent, 1);
    EXPECT_EQ(server.accepted(), 1);
    EXPECT_EQ(server.attempts(), 3);
}

TEST(MailSend, StartTlsAndTlsWithACertificateTheAccountTrusts) {
    for (auto mode : {SmtpTestServer::Mode::kStartTls, SmtpTestServer::Mode::kTls}) {
        Couple c;
        SmtpTestServer server(mode, kTls);
        server.require_login("maya", "s3cret pass");
        auto a = c.account(server.port(), mode == SmtpTestServer::Mode::kTls ? "tls" : "starttls");
        a.user = "maya";
        a.ca_file = kTls + "/cert.pem";
        ASSERT_TRUE(c.services.store.queue_test("mara@example.org", c.now));
        auto report = c.send(a, c.now, "s3cret pass");
        EXPECT_EQ(report.sent, 1) << (report.lines.empty() ? "" : report.lines[0]);
        ASSERT_EQ(server.messages().size(), 1u);
        EXPECT_TRUE(server.messages()[0].secure);
        EXPECT_EQ(server.messages()[0].user, "maya");
    }
}

TEST(MailSend, AnUntrustedCertificateIsRefusedAndNothingIsSent) {
    for (auto mode : {SmtpTestServer::Mode::kStartTls, SmtpTestServer::Mode::kTls}) {
        Couple c;
        SmtpTestServer server(mode, kTls);
        auto a = c.account(server.port(), mode == SmtpTestServer::Mode::kTls ? "tls" : "starttls");
        ASSERT_TRUE(c.services.store.queue_test("mara@example.org", c.now));
        auto report = c.send(a, c.now);
        EXPECT_EQ(report.failed, 1);
        EXPECT_EQ(server.attempts(), 0);
        auto failed = c.messages("failed");
        ASSERT_EQ(failed.size(), 1u);
        EXPECT_NE(failed[0].result.find("not signed by an authority this computer trusts"),
                  std::string::npos)
            << failed[0].result;
    }
}

TEST(MailSend, AWrongPasswordFailsInWords) {
    Couple c;
    SmtpTestServer server(SmtpTestServer::Mode::kPlain, kTls);
    server.require_login("maya", "right");
    auto a = c.account(server.port());
    a.user = "maya";
    ASSERT_TRUE(c.services.store.queue_test("mara@example.org", c.now));
    c.send(a, c.now, "wrong");
    auto failed = c.messages("failed");
    ASSERT_EQ(failed.size(), 1u);
    EXPECT_NE(failed[0].result.find("refused the user name or password"), std::string::npos)
        << failed[0].result;
}

TEST(MailSend, AServerThatIsNotThereIsRetriedNotFailed) {
    Couple c;
    int port = 0;
    {
        SmtpTestServer gone(SmtpTestServer::Mode::kPlain, kTls);
        port = gone.port();
    }
    ASSERT_TRUE(c.services.store.queue_test("mara@example.org", c.now));
    auto report = c.send(c.account(port), c.now);
    EXPECT_EQ(report.retrying, 1);
    EXPECT_EQ(c.messages("retry").size(), 1u);
}

TEST(MailSend, ACertificateForAnotherHostNameIsRefusedEvenFromATrustedAuthority) {
    Couple c;
    SmtpTestServer server(SmtpTestServer::Mode::kTls, kTls);
    auto a = c.account(server.port(), "tls");
    a.server = "localhost";  // The certificate names 127.0.0.1 only.
    a.ca_file = kTls + "/cert.pem";
    ASSERT_TRUE(c.services.store.queue_test("mara@example.org", c.now));
    auto report = c.send(a, c.now);
    EXPECT_EQ(report.sent, 0);
    EXPECT_EQ(server.attempts(), 0);
    auto failed = c.messages("failed");
    ASSERT_EQ(failed.size(), 1u) << (report.lines.empty() ? "" : report.lines[0]);
    EXPECT_NE(failed[0].result.find("could not be reached safely"), std::string::npos)
        << failed[0].result;
}

TEST(MailDocuments, AnInvoiceGoesOnlyWithConsentAsAPdfThatIsNotKeptAfterwards) {
    Couple c;
    SmtpTestServer server(SmtpTestServer::Mode::kPlain, kTls);
    ASSERT_TRUE(c.services.save_account(c.account(server.port())));
    std::string pdf_text = "%PDF-1.4\n% an invoice\n%%EOF\n";
    std::vector<std::uint8_t> pdf(pdf_text.begin(), pdf_text.end());
    std::string words;
    EXPECT_FALSE(c.services.send_document_now(c.partners[0], "Invoice INV-000012", "INV-000012.pdf",
                                              pdf, words));
    EXPECT_NE(words.find("has not agreed to documents by e-mail"), std::string::npos) << words;
    // Reminders alone are not enough: documents can name a diagnosis.
    ASSERT_TRUE(c.services.store.set_consent(c.partners[0], true, std::nullopt, std::nullopt));
    EXPECT_FALSE(c.services.send_document_now(c.partners[0], "Invoice INV-000012", "INV-000012.pdf",
                                              pdf, words));
    ASSERT_TRUE(
        c.services.store.set_consent(c.partners[0], true, std::nullopt, std::nullopt, true));
    std::vector<std::uint8_t> not_pdf = {'<', 'h', 't', 'm', 'l', '>'};
    EXPECT_FALSE(c.services.send_document_now(c.partners[0], "Invoice", "x.pdf", not_pdf, words));
    EXPECT_NE(words.find("not a PDF"), std::string::npos) << words;
    EXPECT_FALSE(c.services.send_document_now(c.partners[0], "Invoice", "../x.pdf", pdf, words));
    EXPECT_EQ(server.attempts(), 0);

    ASSERT_TRUE(c.services.send_document_now(c.partners[0], "Invoice INV-000012", "INV-000012.pdf",
                                             pdf, words))
        << words;
    EXPECT_EQ(words, "Sent to mara@example.org.");
    ASSERT_EQ(server.accepted(), 1);
    auto mail = dyad::test::parse_mail(server.messages()[0].data);
    EXPECT_EQ(mail.subject, "Invoice INV-000012 from Lind Couples Therapy");
    EXPECT_NE(mail.text.find("Hello Mara,"), std::string::npos) << mail.text;
    EXPECT_EQ(mail.pdf, pdf_text);
    EXPECT_NE(mail.pdf_name.find("INV-000012.pdf"), std::string::npos) << mail.pdf_name;
    auto sent = c.messages("sent");
    ASSERT_EQ(sent.size(), 1u);
    EXPECT_EQ(sent[0].kind, "document");
    auto kept = c.services.store.attachment(sent[0].id);
    ASSERT_TRUE(kept);
    EXPECT_FALSE(*kept) << "the PDF is deleted once sent";
    // It shows on the unit's messages.
    EXPECT_EQ(c.services.store.messages(c.unit)->size(), 1u);
}

TEST(MailPlanner, ASessionRestoredOrMovedBackGetsItsMessagesAgainAndNoStaleCancellation) {
    Couple c;
    SmtpTestServer server(SmtpTestServer::Mode::kPlain, kTls);
    ASSERT_TRUE(c.services.store.set_consent(c.partners[0], true, std::nullopt, std::nullopt));
    std::int64_t id = c.session(20);
    ASSERT_TRUE(c.services.store.plan(c.now, 24));
    // Cancelled by mistake and restored before anything went: the cancellation is withdrawn
    // when it would go, the reminder queued again.
    c.set_session(id, "cancelled");
    ASSERT_TRUE(c.services.store.plan(c.now, 24));
    c.set_session(id, "scheduled");
    auto report = c.send(c.account(server.port()), c.now);
    EXPECT_EQ(report.sent, 1);
    ASSERT_EQ(server.accepted(), 1);
    EXPECT_NE(server.messages()[0].data.find("Reminder:"), std::string::npos);
    // Moved T -> T2 -> T -> T2: every move is told.
    std::int64_t moved = c.session(50);
    ASSERT_TRUE(c.services.store.plan(c.now, 24));
    for (double hours : {60.0, 50.0, 60.0}) {
        c.set_session(moved, "scheduled", hours);
        c.send(c.account(server.port()), c.now);
    }
    int reschedules = 0;
    for (const auto& received : server.messages()) {
        reschedules += received.data.find("New time:") != std::string::npos;
    }
    EXPECT_EQ(reschedules, 3);
}

TEST(MailStoreRules, RetryIsForFailedOrUnknownOnlyAndStartsTheCountAgain) {
    Couple c;
    ASSERT_TRUE(c.services.store.set_consent(c.partners[0], true, std::nullopt, std::nullopt));
    std::int64_t id = c.session(30);
    ASSERT_TRUE(c.services.store.plan(c.now, 24));
    c.set_session(id, "cancelled");
    ASSERT_TRUE(c.services.store.plan(c.now, 24));
    auto withdrawn = c.messages("withdrawn");
    ASSERT_EQ(withdrawn.size(), 1u);
    EXPECT_FALSE(c.services.store.retry(withdrawn[0].id, c.now)) << "a withdrawn one stays so";
    EXPECT_TRUE(c.services.store.dismiss(withdrawn[0].id));
    EXPECT_FALSE(c.services.store.retry(withdrawn[0].id, c.now)) << "and a dismissed one";
}

TEST(MailConsent, AnEmptyAddressFollowsTheClientRecord) {
    Couple c;
    auto saved = c.services.store.set_consent(c.partners[0], true, std::string(), std::nullopt);
    ASSERT_TRUE(saved) << saved.error();
    EXPECT_EQ(saved->address, "mara@example.org");
    EXPECT_EQ(saved->own_address, "");
    auto& records = c.harness.practice().records();
    dyad::records::ClientFields fields;
    fields.given_name = "Mara";
    fields.family_name = "Lindqvist";
    fields.email = "mara.new@example.org";
    ASSERT_TRUE(records.update_client(c.partners[0], fields, "test"));
    EXPECT_EQ((*c.services.store.consent(c.partners[0]))->address, "mara.new@example.org");
    c.session(30);
    ASSERT_TRUE(c.services.store.plan(c.now, 24));
    EXPECT_EQ(c.messages("queued").at(0).address, "mara.new@example.org");
}
