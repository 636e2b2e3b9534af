// The mail plugin's part of the demo practice: consent recorded for the members who agreed,
// no account and no message (the demo sends nothing), filled once.
#include <gtest/gtest.h>

#include <time_text.h>

#include "demo.h"
#include "plugin_harness.h"
#include "schema.h"
#include "services.h"

using namespace dyad::mail;

TEST(MailDemo, RecordsConsentOnceAndQueuesNothing) {
    dyad::test::PluginHarness harness("dyad.mail", mail_schema());
    dyad::sdk::Host host(harness.host());
    MailServices services{host, false};
    dyad::sdk::DemoRequest request;
    request.today = dyad::datafile::local_today();
    for (const char* name : {"Ana & Ben Ortiz", "Dee & Eli Moss", "Carla Diaz", "Nguyen",
                             "Farah Khan & Sam Lee", "Omar Haddad"}) {
        request.unit_ids.push_back(harness.unit(name));
    }
    auto history = dyad::add_demo_history(harness.practice().records(), request.unit_ids);
    ASSERT_TRUE(history) << history.error().message;

    fill_demo(host, services.store, request);
    // The unit's member of that given name (the host lists members in its own order).
    auto consent_of = [&](std::size_t unit, const std::string& given) {
        std::int64_t client = 0;
        for (const auto& member : host.members(request.unit_ids[unit])) {
            client = member.given_name == given ? member.client_id : client;
        }
        EXPECT_NE(client, 0) << given;
        auto consent = services.store.consent(client);
        EXPECT_TRUE(consent) << consent.error();
        return *consent;
    };
    auto ana = consent_of(0, "Ana");
    ASSERT_TRUE(ana);
    EXPECT_TRUE(ana->reminders);
    EXPECT_EQ(ana->address, "ana.ortiz@example.com");
    EXPECT_TRUE(ana->joint);
    EXPECT_TRUE(ana->documents);
    auto ben = consent_of(0, "Ben");
    ASSERT_TRUE(ben);
    EXPECT_TRUE(ben->reminders && ben->joint && !ben->documents);
    auto eli = consent_of(1, "Eli");
    ASSERT_TRUE(eli);
    EXPECT_EQ(eli->own_address, "eli.moss@example.com");
    EXPECT_FALSE(eli->joint);
    auto carla = consent_of(2, "Carla");
    ASSERT_TRUE(carla);
    EXPECT_TRUE(carla->documents);
    EXPECT_TRUE(consent_of(3, "Lan"));
    EXPECT_FALSE(consent_of(3, "Kim"));    // Kim, 16: none.
    EXPECT_FALSE(consent_of(4, "Farah"));  // The waitlist: none.
    EXPECT_FALSE(consent_of(5, "Omar"));   // Discharged: none.

    // Nothing to send: no account, no message.
    EXPECT_FALSE(services.account().configured());
    EXPECT_TRUE(services.store.messages()->empty());
    EXPECT_TRUE(services.store.counts()->empty());

    // A second fill finds the consent and leaves it be.
    std::string decided = ana->decided_at;
    fill_demo(host, services.store, request);
    EXPECT_EQ(consent_of(0, "Ana")->decided_at, decided);
    EXPECT_TRUE(services.store.messages()->empty());
}
