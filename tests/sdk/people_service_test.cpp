// SDK 1.1 (issue 15): dyad.people/1 as a plugin sees it, the host's enforcement of roles and of
// a plugin's declared uses on dyad.core/1, the record kinds of panels and commands, and the
// layout promise (every 1.0 struct unchanged or only appended to).
#include <gtest/gtest.h>

#include <cstddef>

#include <sqlite3.h>

#include "db/confinement.h"
#include "frozen_sizes.h"
#include "people/users.h"
#include "plugins/abi.h"
#include "practice.h"
#include "service_harness.h"

using namespace dyad;
using test::Harness;
using test::service;

namespace {

struct PeopleHarness : Harness {
    people::Session owner;
    people::User dana;  // Therapist, supervised by Sue.
    people::User sue;   // Supervisor.
    people::User bill;  // Biller.
    std::int64_t ortiz = 0;
    std::int64_t other = 0;

    PeopleHarness() {
        people::People people(main);
        auto first = people.add_user({}, "Olivia", people::Role::Owner, "olivia's phrase");
        owner = {first->id, first->name, people::Role::Owner};
        dana = *people.add_user(owner, "Dana", people::Role::Therapist, "dana's long phrase");
        sue = *people.add_user(owner, "Sue", people::Role::Supervisor, "sue's long phrase");
        bill = *people.add_user(owner, "Bill", people::Role::Biller, "bill's long phrase");
        EXPECT_TRUE(people.set_supervisor(owner, dana.id, sue.id));
        EXPECT_TRUE(create_demo_practice(*records));
        auto units = records->units({});
        ortiz = units->at(0).id;
        other = units->at(1).id;
        EXPECT_TRUE(people.assign_unit(owner, dana.id, ortiz));
    }

    static people::Session session(const people::User& user) {
        return {user.id, user.name, user.role};
    }
};

struct Seen {
    std::int64_t id = -1;
    std::string name;
    std::string role;
};

Seen who(const dyad_people_v1* people, const dyad_host* host) {
    Seen seen;
    EXPECT_EQ(people->signed_in(
                  host,
                  [](void* user, const dyad_user_info* info) {
                      *static_cast<Seen*>(user) = {info->id, info->name, info->role};
                  },
                  &seen),
              DYAD_OK);
    return seen;
}

}  // namespace

TEST(PeopleService, ASingleUserPracticeIsItsOwnerWhoMayDoEverything) {
    Harness h;
    auto context = h.plugin("test.people");
    const auto* people = service<dyad_people_v1>(*context, DYAD_PEOPLE_SERVICE);
    ASSERT_NE(people, nullptr);
    Seen seen = who(people, &context->host);
    EXPECT_EQ(seen.id, 0);
    EXPECT_EQ(seen.name, "");
    EXPECT_EQ(seen.role, "owner");
    for (std::uint32_t kind = DYAD_RECORDS_DEMOGRAPHICS; kind <= DYAD_RECORDS_BILLING; ++kind) {
        EXPECT_EQ(people->may(&context->host, kind, DYAD_ACCESS_READ), 1) << kind;
        EXPECT_EQ(people->may(&context->host, kind, DYAD_ACCESS_WRITE), 1) << kind;
    }
    EXPECT_EQ(people->may(&context->host, DYAD_RECORDS_AUDIT, DYAD_ACCESS_WRITE), 0)
        << "nobody writes the audit trail";
    EXPECT_EQ(people->may(&context->host, 99, DYAD_ACCESS_READ), 0) << "an unknown kind";
    EXPECT_EQ(people->may(&context->host, DYAD_RECORDS_CLINICAL, 7), 0) << "an unknown access";
}

TEST(PeopleService, TheBillerMayReadDemographicsAndBillingButNoClinicalRecords) {
    PeopleHarness h;
    people::Session bill = PeopleHarness::session(h.bill);
    auto context = h.plugin("test.people");
    context->session = &bill;
    const dyad_host* host = &context->host;
    const auto* people = service<dyad_people_v1>(*context, DYAD_PEOPLE_SERVICE);
    Seen seen = who(people, host);
    EXPECT_EQ(seen.id, h.bill.id);
    EXPECT_EQ(seen.name, "Bill");
    EXPECT_EQ(seen.role, "biller");
    EXPECT_EQ(people->may(host, DYAD_RECORDS_DEMOGRAPHICS, DYAD_ACCESS_READ), 1);
    EXPECT_EQ(people->may(host, DYAD_RECORDS_SCHEDULE, DYAD_ACCESS_READ), 1);
    EXPECT_EQ(people->may(host, DYAD_RECORDS_SCHEDULE, DYAD_ACCESS_WRITE), 0);
    EXPECT_EQ(people->may(host, DYAD_RECORDS_BILLING, DYAD_ACCESS_WRITE), 1);
    EXPECT_EQ(people->may(host, DYAD_RECORDS_CLINICAL, DYAD_ACCESS_READ), 0);
    EXPECT_EQ(people->may(host, DYAD_RECORDS_CLINICAL, DYAD_ACCESS_CO_SIGN), 0);
    EXPECT_EQ(people->may_see_unit(host, h.ortiz), 0) << "no clinical reach at all";

    // The host enforces the role on the core records too: a biller books nothing.
    const auto* core = service<dyad_core_v1>(*context, DYAD_CORE_SERVICE);
    dyad_new_appointment appointment{};
    appointment.struct_size = sizeof appointment;
    appointment.unit_id = h.ortiz;
    appointment.starts_at = "2030-01-07T15:00:00Z";
    appointment.ends_at = "2030-01-07T16:00:00Z";
    appointment.session_type = "couple";
    EXPECT_EQ(core->create_appointment(host, &appointment, nullptr), DYAD_DENIED);
    EXPECT_STREQ(core->last_error(host), "the signed-in user's role may not do this");
    EXPECT_EQ(core->get_unit(
                  host, h.ortiz, [](void*, const dyad_unit_info*) {}, nullptr),
              DYAD_OK)
        << "demographics are the biller's";
}

TEST(PeopleService, CaseloadsDecideWhichUnitsATherapistAndTheirSupervisorSee) {
    PeopleHarness h;
    people::Session dana = PeopleHarness::session(h.dana);
    people::Session sue = PeopleHarness::session(h.sue);
    auto as_dana = h.plugin("test.people");
    as_dana->session = &dana;
    auto as_sue = h.plugin("test.people");
    as_sue->session = &sue;
    const auto* people = service<dyad_people_v1>(*as_dana, DYAD_PEOPLE_SERVICE);
    EXPECT_EQ(people->may_see_unit(&as_dana->host, h.ortiz), 1);
    EXPECT_EQ(people->may_see_unit(&as_dana->host, h.other), 0);
    EXPECT_EQ(people->may_see_unit(&as_sue->host, h.ortiz), 1) << "her supervisee's unit";
    EXPECT_EQ(people->may_see_unit(&as_sue->host, h.other), 0);
    EXPECT_EQ(people->may_see_unit(&as_dana->host, 424242), 0) << "no such unit";
    EXPECT_EQ(people->may(&as_dana->host, DYAD_RECORDS_CLINICAL, DYAD_ACCESS_CO_SIGN), 0);
    EXPECT_EQ(people->may(&as_sue->host, DYAD_RECORDS_CLINICAL, DYAD_ACCESS_CO_SIGN), 1);
}

TEST(PeopleService, ACoSignatureIsAuditedWithWhoAndWhenAndRefusedOutsideTheReach) {
    PeopleHarness h;
    people::Session dana = PeopleHarness::session(h.dana);
    people::Session sue = PeopleHarness::session(h.sue);
    h.records->set_signed_in("Sue");
    auto as_sue = h.plugin("test.notes");
    as_sue->session = &sue;
    const auto* people = service<dyad_people_v1>(*as_sue, DYAD_PEOPLE_SERVICE);
    char when[21] = {};
    ASSERT_EQ(people->co_sign(&as_sue->host, "note", 77, h.ortiz, when), DYAD_OK)
        << people->last_error(&as_sue->host);
    EXPECT_EQ(std::string(when).size(), 20u);
    EXPECT_EQ(when[19], 'Z');
    auto rows = h.main.prepare(
        "SELECT actor, entity, entity_id, at FROM dyad_audit WHERE action = 'co-sign'");
    ASSERT_TRUE(rows);
    ASSERT_TRUE(*rows->step());
    EXPECT_EQ(rows->text(0), "Sue via test.notes");
    EXPECT_EQ(rows->text(1), "test.notes:note");
    EXPECT_EQ(rows->int64(2), 77);
    EXPECT_EQ(rows->text(3), when);
    rows->reset();

    EXPECT_EQ(people->co_sign(&as_sue->host, "note", 78, h.other, nullptr), DYAD_DENIED);
    EXPECT_STREQ(people->last_error(&as_sue->host),
                 "this unit is not on the signed-in user's caseload");
    auto as_dana = h.plugin("test.notes");
    as_dana->session = &dana;
    EXPECT_EQ(people->co_sign(&as_dana->host, "note", 79, h.ortiz, nullptr), DYAD_DENIED);
    EXPECT_STREQ(people->last_error(&as_dana->host), "only a supervisor or the owner may co-sign");
    EXPECT_EQ(people->co_sign(&as_sue->host, "", 80, h.ortiz, nullptr), DYAD_INVALID);
    EXPECT_EQ(**h.main.query_int64("SELECT count(*) FROM dyad_audit WHERE action = 'co-sign'"), 1);
}

TEST(DeclaredUses, OnlyTheDeclaredServicesAndCoreCallsAreServed) {
    Harness h;
    ASSERT_TRUE(create_demo_practice(*h.records));
    auto context = h.plugin("test.declares");
    context->uses = std::vector<std::string>{"dyad.core/1", "core:units:read"};
    const dyad_host* host = &context->host;
    EXPECT_NE(service<dyad_log_v1>(*context, DYAD_LOG_SERVICE), nullptr) << "the log, always";
    EXPECT_EQ(service<dyad_db_v1>(*context, DYAD_DB_SERVICE), nullptr);
    EXPECT_EQ(service<dyad_people_v1>(*context, DYAD_PEOPLE_SERVICE), nullptr);
    const auto* core = service<dyad_core_v1>(*context, DYAD_CORE_SERVICE);
    ASSERT_NE(core, nullptr);
    int units = 0;
    EXPECT_EQ(core->list_units(
                  host, nullptr, nullptr,
                  [](void* user, const dyad_unit_info*) {
                      ++*static_cast<int*>(user);
                      return 0;
                  },
                  &units),
              DYAD_OK);
    EXPECT_GT(units, 0);
    dyad_new_client client = test::person("Ada", "Lovelace");
    EXPECT_EQ(core->create_client(host, &client, nullptr), DYAD_DENIED);
    EXPECT_STREQ(core->last_error(host),
                 "test.declares did not declare 'core:clients:write' in its entry");
    EXPECT_EQ(core->audit(host, "view", "thing", 1), DYAD_OK) << "auditing is a duty, always";

    context->uses.reset();  // Declares nothing: everything, as in 1.0.
    EXPECT_NE(service<dyad_db_v1>(*context, DYAD_DB_SERVICE), nullptr);
}

TEST(DeclaredUses, UnknownWordsAreRefusedAndEveryKnownWordIsDescribed) {
    EXPECT_EQ(plugins::split_uses("  dyad.db/1\tnetwork \n"),
              (std::vector<std::string>{"dyad.db/1", "network"}));
    EXPECT_FALSE(plugins::check_uses({"dyad.db/1", "core:units:read", "files"}));
    auto refused = plugins::check_uses({"dyad.db/1", "core:everything"});
    ASSERT_TRUE(refused);
    EXPECT_EQ(refused->english(),
              "it declares it will use 'core:everything', which this Dyad does not know (see "
              "plugin.h for the words)");
    EXPECT_FALSE(plugins::check_uses({"plugin:dyad.records"})) << "another plugin's extensions";
    EXPECT_TRUE(plugins::check_uses({"plugin:Not An Id"}));
    EXPECT_EQ(plugins::use_description("plugin:dyad.records"),
              "uses what the plugin dyad.records offers other plugins");
    for (auto word : plugins::known_uses()) {
        EXPECT_EQ(plugins::use_description(word).find("unknown"), std::string::npos) << word;
    }
}

TEST(UiService, PanelsAndCommandsCarryTheirRecordKindAnd10DescriptionsStillWork) {
    Harness h;
    auto context = h.plugin("test.kinds");
    context->ui_allowed = true;
    const auto* ui = service<dyad_ui_v1>(*context, DYAD_UI_SERVICE);
    ASSERT_NE(ui, nullptr);
    auto create = [](void*, void*) -> void* { return nullptr; };
    dyad_panel_desc panel{};
    panel.struct_size = sizeof panel;
    panel.id = "notes";
    panel.title = "Notes";
    panel.context = DYAD_PANEL_UNIT;
    panel.create = create;
    panel.records = DYAD_RECORDS_CLINICAL;
    ASSERT_EQ(ui->add_panel(&context->host, &panel), DYAD_OK);
    // A 1.0 plugin's description ends before `records`; what lies beyond is not read.
    dyad_panel_desc old = panel;
    old.id = "old";
    old.struct_size = static_cast<std::uint32_t>(test::frozen_1_0_size("dyad_panel_desc"));
    old.records = 0xdead;
    ASSERT_EQ(ui->add_panel(&context->host, &old), DYAD_OK);
    old.struct_size -= 1;
    EXPECT_EQ(ui->add_panel(&context->host, &old), DYAD_INVALID) << "shorter than 1.0";
    ASSERT_EQ(h.contributions.panels.size(), 2u);
    EXPECT_EQ(h.contributions.panels[0].records, static_cast<std::uint32_t>(DYAD_RECORDS_CLINICAL));
    EXPECT_EQ(h.contributions.panels[1].records, 0u);

    dyad_command_desc command{};
    command.struct_size = static_cast<std::uint32_t>(test::frozen_1_0_size("dyad_command_desc"));
    command.id = "export";
    command.label = "Export";
    command.run = [](void*, int64_t) {};
    command.records = DYAD_RECORDS_CLINICAL;  // Beyond a 1.0 size: ignored.
    ASSERT_EQ(ui->add_command(&context->host, &command), DYAD_OK);
    EXPECT_EQ(h.contributions.commands.at(0).records, 0u);

    people::Session biller{5, "Bill", people::Role::Biller};
    EXPECT_FALSE(plugins::shown_to(biller, DYAD_RECORDS_CLINICAL));
    EXPECT_TRUE(plugins::shown_to(biller, DYAD_RECORDS_DEMOGRAPHICS));
    EXPECT_TRUE(plugins::shown_to(biller, 0));
    EXPECT_FALSE(plugins::shown_to(biller, 99)) << "an unknown kind is not shown";
    EXPECT_TRUE(plugins::shown_to(people::Session{}, DYAD_RECORDS_CLINICAL));
}

// SDK 1.1 in dyad.ui/1: Overview cards, unit kinds (read only when the description reaches
// them), and the refresh and lock calls, which go to the window's hooks or answer
// DYAD_UNAVAILABLE without a window.
TEST(UiService, OverviewCardsUnitKindsRefreshAndLock) {
    Harness h;
    auto context = h.plugin("test.window");
    context->ui_allowed = true;
    const auto* ui = service<dyad_ui_v1>(*context, DYAD_UI_SERVICE);
    ASSERT_NE(ui, nullptr);
    ASSERT_GE(ui->struct_size, sizeof(dyad_ui_v1));
    EXPECT_EQ(ui->refresh_panels(&context->host, nullptr), DYAD_UNAVAILABLE);
    EXPECT_EQ(ui->lock_window(&context->host), DYAD_UNAVAILABLE);

    dyad_panel_desc card{};
    card.struct_size = sizeof card;
    card.id = "card";
    card.title = "At a glance";
    card.context = DYAD_PANEL_UNIT_SUMMARY;
    card.create = [](void*, void*) -> void* { return nullptr; };
    card.unit_kinds = "couple family";
    card.print = [](void*, void*, int preview) -> int {
        return preview != 0 ? DYAD_NOT_FOUND : DYAD_OK;
    };
    card.group = "imago";
    ASSERT_EQ(ui->add_panel(&context->host, &card), DYAD_OK);
    dyad_panel_desc earlier = card;  // A 1.1 description from before unit_kinds (and print).
    earlier.id = "earlier";
    earlier.context = DYAD_PANEL_UNIT;
    earlier.struct_size = static_cast<std::uint32_t>(offsetof(dyad_panel_desc, unit_kinds));
    ASSERT_EQ(ui->add_panel(&context->host, &earlier), DYAD_OK);
    dyad_panel_desc beyond = card;
    beyond.context = DYAD_PANEL_UNIT_SUMMARY + 1;
    EXPECT_EQ(ui->add_panel(&context->host, &beyond), DYAD_INVALID);
    ASSERT_EQ(h.contributions.panels.size(), 2u);
    const auto& added = h.contributions.panels[0];
    EXPECT_EQ(added.unit_kinds, "couple family");
    EXPECT_TRUE(added.for_kind("couple"));
    EXPECT_TRUE(added.for_kind("family"));
    EXPECT_FALSE(added.for_kind("individual"));
    EXPECT_FALSE(added.for_kind("coup"));
    ASSERT_NE(added.print, nullptr);
    EXPECT_EQ(added.print(nullptr, nullptr, 0), DYAD_OK);
    EXPECT_EQ(h.contributions.panels[1].unit_kinds, "");
    EXPECT_EQ(added.group, "imago");
    EXPECT_EQ(h.contributions.panels[1].print, nullptr);  // Not read past its struct_size.
    EXPECT_EQ(h.contributions.panels[1].group, "");
    EXPECT_TRUE(h.contributions.panels[1].for_kind("individual"));

    std::string asked;
    bool lockable = false;
    plugins::UiHooks hooks;
    hooks.refresh_panels = [&](const std::string& plugin, const std::string& panel) {
        asked = plugin + "/" + panel;
        return panel != "gone";
    };
    hooks.lock_window = [&] { return lockable; };
    context->ui_hooks = &hooks;
    EXPECT_EQ(ui->refresh_panels(&context->host, "card"), DYAD_OK);
    EXPECT_EQ(asked, "test.window/card");
    EXPECT_EQ(ui->refresh_panels(&context->host, nullptr), DYAD_OK);
    EXPECT_EQ(asked, "test.window/");
    EXPECT_EQ(ui->refresh_panels(&context->host, "gone"), DYAD_NOT_FOUND);
    EXPECT_EQ(ui->lock_window(&context->host), DYAD_UNAVAILABLE);
    lockable = true;
    EXPECT_EQ(ui->lock_window(&context->host), DYAD_OK);
}

// The layout promise of 1.x: every 1.0 struct keeps its size, except those 1.1 appended to,
// whose 1.0 size is exactly where the appended fields begin.
TEST(SdkLayout, Every10StructIsUnchangedOrOnlyAppendedTo) {
#define DYAD_EXPECT_LAYOUT(type)                                               \
    {                                                                          \
        std::size_t frozen = test::frozen_1_0_size(#type);                     \
        ASSERT_NE(frozen, 0u) << #type;                                        \
        std::string name = #type;                                              \
        if (name == "dyad_plugin_entry") {                                     \
            EXPECT_EQ(frozen, offsetof(dyad_plugin_entry, uses));              \
        } else if (name == "dyad_host") {                                      \
            EXPECT_EQ(frozen, offsetof(dyad_host, plugin_extension));          \
        } else if (name == "dyad_panel_desc") {                                \
            EXPECT_EQ(frozen, offsetof(dyad_panel_desc, records));             \
        } else if (name == "dyad_command_desc") {                              \
            EXPECT_EQ(frozen, offsetof(dyad_command_desc, records));           \
        } else if (name == "dyad_db_v1") {                                     \
            EXPECT_EQ(frozen, offsetof(dyad_db_v1, bind_blob));                \
        } else if (name == "dyad_ui_v1") {                                     \
            EXPECT_EQ(frozen, offsetof(dyad_ui_v1, refresh_panels));           \
        } else if (name == "dyad_core_v1") {                                   \
            EXPECT_EQ(frozen, offsetof(dyad_core_v1, list_audit));             \
        } else if (name == "dyad_member_info") {                               \
            EXPECT_EQ(frozen, offsetof(dyad_member_info, may_contact));        \
        } else {                                                               \
            EXPECT_EQ(frozen, sizeof(type)) << #type " changed since SDK 1.0"; \
        }                                                                      \
    }
    DYAD_FROZEN_1_0_STRUCTS(DYAD_EXPECT_LAYOUT)
#undef DYAD_EXPECT_LAYOUT
    EXPECT_EQ(DYAD_SDK_VERSION_MAJOR, 1);
    EXPECT_EQ(DYAD_SDK_VERSION_MINOR, 1);
}

// A plugin that declares its uses reads only the core views it declared, through its own SQL
// too (dyad.db/1 is not a way around `uses`).
TEST(DeclaredUses, UndeclaredCoreViewsAreRefusedToThePluginsSql) {
    Harness h;
    ASSERT_TRUE(create_demo_practice(*h.records));
    auto reader = db::Connection::open(h.dir.file("s.db"), db::OpenMode::ReadWrite);
    ASSERT_TRUE(reader);
    db::ConfinementPolicy policy("test", db::ConfinementMode::Runtime);
    policy.set_undeclared_views({"core_client"});
    policy.install(reader->handle());
    sqlite3_stmt* statement = nullptr;
    EXPECT_NE(sqlite3_prepare_v2(reader->handle(), "SELECT given_name FROM core_client", -1,
                                 &statement, nullptr),
              SQLITE_OK);
    EXPECT_NE(policy.last_denial().find("does not declare that it reads core_client"),
              std::string::npos)
        << policy.last_denial();
    sqlite3_finalize(statement);
    statement = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(reader->handle(), "SELECT display_name FROM core_unit", -1,
                                 &statement, nullptr),
              SQLITE_OK)
        << sqlite3_errmsg(reader->handle());
    sqlite3_finalize(statement);
    db::ConfinementPolicy::uninstall(reader->handle());
}

// SDK 1.1: another plugin's extension, served only when declared ("plugin:<id>").
TEST(DeclaredUses, AnotherPluginsExtensionIsServedOnlyWhenDeclared) {
    Harness h;
    auto context = h.plugin("test.asker");
    static const int kTable = 42;
    context->find_extension = [](const std::string& plugin_id, const std::string& extension_id) {
        return plugin_id == "test.offerer" && extension_id == "test.thing/1"
                   ? static_cast<const void*>(&kTable)
                   : nullptr;
    };
    const dyad_host* host = &context->host;
    ASSERT_GE(host->struct_size, offsetof(dyad_host, plugin_extension) + sizeof(void*));
    EXPECT_EQ(host->plugin_extension(host, "test.offerer", "test.thing/1"), &kTable)
        << "declares nothing: served";
    EXPECT_EQ(host->plugin_extension(host, "test.offerer", "test.other/1"), nullptr);
    context->uses = std::vector<std::string>{"dyad.db/1"};
    EXPECT_EQ(host->plugin_extension(host, "test.offerer", "test.thing/1"), nullptr)
        << "not declared";
    context->uses = std::vector<std::string>{"plugin:test.offerer"};
    EXPECT_EQ(host->plugin_extension(host, "test.offerer", "test.thing/1"), &kTable);
}

// SDK 1.1: a plugin reads the audit entries it wrote itself (never another plugin's, even one
// whose id starts like its own, nor the host's), newest first, by entity and record, for a
// user who may read the audit trail.
TEST(CoreService, APluginReadsOnlyItsOwnAuditEntries) {
    PeopleHarness h;
    auto notes = h.plugin("test.notes");
    auto note = h.plugin("test.note");  // A prefix of the other's id.
    const auto* core = service<dyad_core_v1>(*notes, DYAD_CORE_SERVICE);
    ASSERT_NE(core, nullptr);
    ASSERT_GE(core->struct_size, offsetof(dyad_core_v1, list_audit) + sizeof(void*));
    EXPECT_EQ(core->audit(&notes->host, "create", "entry", 1), DYAD_OK);
    EXPECT_EQ(core->audit(&notes->host, "update", "entry", 1), DYAD_OK);
    EXPECT_EQ(core->audit(&notes->host, "view", "summary", 2), DYAD_OK);
    EXPECT_EQ(core->audit(&note->host, "create", "entry", 1), DYAD_OK);
    using Seen = std::vector<std::string>;
    auto list = [&](plugins::PluginContext& context, const char* entity, std::int64_t record,
                    int limit, Seen& seen) {
        seen.clear();
        return core->list_audit(
            &context.host, entity, record, limit,
            [](void* user, const dyad_audit_entry* entry) {
                static_cast<Seen*>(user)->push_back(std::string(entry->action) + " " +
                                                    entry->entity + " " +
                                                    std::to_string(entry->record_id));
                return 0;
            },
            &seen);
    };
    Seen seen;
    EXPECT_EQ(list(*notes, nullptr, 0, 0, seen), DYAD_OK);
    EXPECT_EQ(seen, (Seen{"view summary 2", "update entry 1", "create entry 1"}));
    EXPECT_EQ(list(*notes, "entry", 0, 0, seen), DYAD_OK);
    EXPECT_EQ(seen, (Seen{"update entry 1", "create entry 1"}));
    EXPECT_EQ(list(*notes, "", 2, 0, seen), DYAD_OK);
    EXPECT_EQ(seen, (Seen{"view summary 2"}));
    EXPECT_EQ(list(*notes, "", 0, 1, seen), DYAD_OK);
    EXPECT_EQ(seen.size(), 1u);
    EXPECT_EQ(list(*note, "", 0, 0, seen), DYAD_OK);
    EXPECT_EQ(seen, (Seen{"create entry 1"})) << "never test.notes' entries";
    EXPECT_EQ(list(*notes, "", 0, 5000, seen), DYAD_INVALID);

    people::Session bill = PeopleHarness::session(h.bill);
    notes->session = &bill;
    EXPECT_EQ(list(*notes, "", 0, 0, seen), DYAD_DENIED);
    EXPECT_STREQ(core->last_error(&notes->host),
                 "the signed-in user's role may not read the audit trail");
}

// Consent through dyad.core/1: whether a member may be contacted is the front desk's to record
// too; whether one partner's words may reach the other is the clinician's, on their caseload.
TEST(CoreService, SharingConsentIsTheCliniciansAndContactConsentTheFrontDesksToo) {
    PeopleHarness h;
    people::People people(h.main);
    auto frank = people.add_user(h.owner, "Frank", people::Role::FrontDesk, "frank's phrase!!");
    ASSERT_TRUE(frank);
    people::Session desk = PeopleHarness::session(*frank);
    people::Session dana = PeopleHarness::session(h.dana);
    auto members = h.records->members(h.ortiz);
    ASSERT_TRUE(members && members->size() == 2);
    std::int64_t ben = members->at(1).client_id;
    auto as_desk = h.plugin("test.consent");
    as_desk->session = &desk;
    auto as_dana = h.plugin("test.consent");
    as_dana->session = &dana;
    const auto* core = service<dyad_core_v1>(*as_desk, DYAD_CORE_SERVICE);
    ASSERT_NE(core, nullptr);

    EXPECT_EQ(core->set_member_consent(&as_desk->host, h.ortiz, ben, 1, 1), DYAD_DENIED);
    EXPECT_NE(std::string(core->last_error(&as_desk->host)).find("clinician"), std::string::npos);
    EXPECT_EQ(core->set_member_consent(&as_desk->host, h.ortiz, ben, 0, 0), DYAD_OK);
    EXPECT_EQ(core->set_member_consent(&as_dana->host, h.ortiz, ben, 0, 1), DYAD_OK);
    // Off her caseload, the therapist may not open sharing either.
    auto other = h.records->members(h.other);
    ASSERT_TRUE(other && !other->empty());
    EXPECT_EQ(core->set_member_consent(&as_dana->host, h.other, other->at(0).client_id, 1, 1),
              DYAD_DENIED);
    auto now = h.records->members(h.ortiz);
    EXPECT_FALSE(now->at(1).may_contact);
    EXPECT_TRUE(now->at(1).may_share_with_partner);
    // record_export cannot write into a plugin's own audit namespace.
    EXPECT_EQ(core->record_export(&as_desk->host, "dyad.mail:message", 1, "csv"), DYAD_INVALID);
}
