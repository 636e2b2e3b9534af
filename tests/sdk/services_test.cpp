// The v1 service tables exactly as a plugin sees them (through dyad_host::get_service),
// without a plugin library in between.
#include <gtest/gtest.h>

#include "service_harness.h"
#include "util/log.h"

using namespace dyad;

using test::Harness;
using test::person;
using test::service;

TEST(CoreService, ValidatedAuditedWritesAndTypedReads) {
    Harness h;
    auto context = h.plugin("test.contract");
    const dyad_host* host = &context->host;
    const auto* core = service<dyad_core_v1>(*context, DYAD_CORE_SERVICE);
    ASSERT_NE(core, nullptr);

    dyad_new_client nameless = person("", "Ortiz");
    std::int64_t id = 0;
    EXPECT_EQ(core->create_client(host, &nameless, &id), DYAD_INVALID);
    EXPECT_STREQ(core->last_error(host), "The first name is missing.");

    std::int64_t ana = 0;
    std::int64_t ben = 0;
    dyad_new_client a = person("Ana", "Ortiz");
    dyad_new_client b = person("Ben", "Ortiz");
    ASSERT_EQ(core->create_client(host, &a, &ana), DYAD_OK);
    ASSERT_EQ(core->create_client(host, &b, &ben), DYAD_OK);
    std::int64_t ids[] = {ana, ben};
    const char* roles[] = {"partner", "partner"};
    std::int64_t couple = 0;
    ASSERT_EQ(core->create_unit(host, "couple", nullptr, ids, roles, 2, &couple), DYAD_OK);

    std::vector<std::string> names;
    ASSERT_EQ(core->list_units(
                  host, "active", nullptr,
                  [](void* user, const dyad_unit_info* unit) {
                      static_cast<std::vector<std::string>*>(user)->push_back(unit->display_name);
                      return 0;
                  },
                  &names),
              DYAD_OK);
    EXPECT_EQ(names, std::vector<std::string>{"Ana & Ben Ortiz"});
    int members = 0;
    core->list_members(
        host, couple,
        [](void* user, const dyad_member_info*) {
            ++*static_cast<int*>(user);
            return 0;
        },
        &members);
    EXPECT_EQ(members, 2);
    // 1.1: each member's consent, recorded through the host (audited) and read back.
    EXPECT_EQ(core->set_member_consent(host, couple, ben, 0, 2), DYAD_INVALID);
    EXPECT_EQ(core->set_member_consent(host, couple, 987654, 0, 1), DYAD_NOT_FOUND);
    ASSERT_EQ(core->set_member_consent(host, couple, ben, 0, 1), DYAD_OK);
    std::vector<std::pair<int, int>> consent;
    core->list_members(
        host, couple,
        [](void* user, const dyad_member_info* member) {
            EXPECT_GE(member->struct_size, sizeof(dyad_member_info));
            static_cast<std::vector<std::pair<int, int>>*>(user)->emplace_back(
                member->may_contact, member->may_share_with_partner);
            return 0;
        },
        &consent);
    EXPECT_EQ(consent, (std::vector<std::pair<int, int>>{{1, 0}, {0, 1}}));

    dyad_new_client changed = person("Ana", "Ortiz-Reyes");
    changed.email = "ana@example.com";
    ASSERT_EQ(core->update_client(host, ana, &changed), DYAD_OK);
    std::string family;
    ASSERT_EQ(core->get_client(
                  host, ana,
                  [](void* user, const dyad_client_info* client) {
                      *static_cast<std::string*>(user) = client->family_name;
                  },
                  &family),
              DYAD_OK);
    EXPECT_EQ(family, "Ortiz-Reyes");
    EXPECT_EQ(core->set_unit_status(host, couple, "paused"), DYAD_INVALID);
    EXPECT_EQ(core->set_unit_status(host, couple, "waitlist"), DYAD_OK);
    EXPECT_EQ(core->record_export(host, "unit", couple, "fhir-r4"), DYAD_OK);
    EXPECT_EQ(core->audit(host, "view", "note", 42), DYAD_OK);
    EXPECT_EQ(core->audit(host, "tamper", "note", 42), DYAD_INVALID);
    ASSERT_EQ(core->archive_client(host, ben), DYAD_OK);
    EXPECT_EQ(core->get_client(
                  host, ben, [](void*, const dyad_client_info*) {}, nullptr),
              DYAD_NOT_FOUND);

    // Every write and the view were audited under the plugin's name, without client data.
    auto entries = h.records->audit_entries("", 100);
    ASSERT_TRUE(entries);
    std::multiset<std::string> actions;
    for (const auto& entry : *entries) {
        EXPECT_EQ(entry.actor, "plugin:test.contract");
        EXPECT_EQ(entry.detail.find("example.com"), std::string::npos);
        actions.insert(entry.action);
    }
    EXPECT_EQ(actions.count("create"), 3u);
    EXPECT_EQ(actions.count("update"), 3u);  // Client, unit status, member consent.
    EXPECT_EQ(actions.count("view"), 2u);
    EXPECT_EQ(actions.count("export"), 1u);
    EXPECT_EQ(actions.count("delete"), 1u);
}

TEST(CoreService, AppointmentsAreValidatedAndListedInOrder) {
    Harness h;
    auto context = h.plugin("test.contract");
    const dyad_host* host = &context->host;
    const auto* core = service<dyad_core_v1>(*context, DYAD_CORE_SERVICE);
    dyad_new_client carla = person("Carla", "Diaz");
    std::int64_t client = 0;
    ASSERT_EQ(core->create_client(host, &carla, &client), DYAD_OK);
    const char* role[] = {"self"};
    std::int64_t unit = 0;
    ASSERT_EQ(core->create_unit(host, "individual", "", &client, role, 1, &unit), DYAD_OK);

    dyad_new_appointment session{sizeof(dyad_new_appointment),
                                 unit,
                                 "2026-12-02T15:00:00Z",
                                 "2026-12-02T15:50:00Z",
                                 "individual",
                                 "Office 2",
                                 0};
    std::int64_t id = 0;
    ASSERT_EQ(core->create_appointment(host, &session, &id), DYAD_OK);
    dyad_new_appointment earlier = session;
    earlier.starts_at = "2026-12-01T09:00:00Z";
    earlier.ends_at = "2026-12-01T09:50:00Z";
    earlier.telehealth = 1;
    earlier.location = nullptr;
    ASSERT_EQ(core->create_appointment(host, &earlier, &id), DYAD_OK);
    dyad_new_appointment backwards = session;
    backwards.ends_at = "2026-12-02T14:00:00Z";
    EXPECT_EQ(core->create_appointment(host, &backwards, &id), DYAD_INVALID);
    EXPECT_STREQ(core->last_error(host), "The appointment ends before it starts.");

    std::vector<std::string> starts;
    ASSERT_EQ(core->list_appointments(
                  host, "2026-11-30T00:00:00Z", "2026-12-07T00:00:00Z",
                  [](void* user, const dyad_appointment_info* info) {
                      static_cast<std::vector<std::string>*>(user)->push_back(
                          std::string(info->starts_at) + (info->telehealth ? " telehealth" : ""));
                      return 0;
                  },
                  &starts),
              DYAD_OK);
    EXPECT_EQ(starts, (std::vector<std::string>{"2026-12-01T09:00:00Z telehealth",
                                                "2026-12-02T15:00:00Z"}));

    // Attended, then moved: the unit stays, the audit says which fields changed.
    ASSERT_EQ(core->update_appointment(host, id, &earlier, "attended"), DYAD_OK);
    EXPECT_EQ(core->update_appointment(host, id, &earlier, "vanished"), DYAD_INVALID);
    std::string status;
    ASSERT_EQ(core->get_appointment(
                  host, id,
                  [](void* user, const dyad_appointment_info* info) {
                      *static_cast<std::string*>(user) = info->status;
                      return 0;
                  },
                  &status),
              DYAD_OK);
    EXPECT_EQ(status, "attended");
    EXPECT_EQ(core->get_appointment(
                  host, 99, [](void*, const dyad_appointment_info*) { return 0; }, nullptr),
              DYAD_NOT_FOUND);
    auto audit = h.records->audit_entries("appointment", 1);
    ASSERT_EQ(audit->size(), 1u);
    EXPECT_EQ(audit->front().detail, "fields: status");
}

TEST(EventsService, DeliversRecordChangesUntilUnsubscribed) {
    Harness h;
    auto context = h.plugin("test.contract");
    const dyad_host* host = &context->host;
    const auto* events = service<dyad_events_v1>(*context, DYAD_EVENTS_SERVICE);
    const auto* core = service<dyad_core_v1>(*context, DYAD_CORE_SERVICE);
    std::vector<std::string> seen;
    std::uint64_t token = events->subscribe(
        host, DYAD_EVENT_RECORD_CHANGED,
        [](void* user, const dyad_event* event) {
            static_cast<std::vector<std::string>*>(user)->push_back(std::string(event->entity) +
                                                                    ":" + event->change);
        },
        &seen);
    ASSERT_NE(token, 0u);
    EXPECT_EQ(events->subscribe(
                  host, 99, [](void*, const dyad_event*) {}, nullptr),
              0u);
    dyad_new_client a = person("Ana", "Ortiz");
    std::int64_t id = 0;
    core->create_client(host, &a, &id);
    core->archive_client(host, id);
    EXPECT_EQ(seen, (std::vector<std::string>{"client:create", "client:delete"}));
    events->unsubscribe(host, token);
    core->create_client(host, &a, &id);
    EXPECT_EQ(seen.size(), 2u);
}

// SDK 1.1: a client archived or a unit's status set (a discharge) is its own event, with the
// new status, so a plugin can stop reminders or close open work.
TEST(EventsService, ArchivedClientsAndUnitStatusesAreAnnounced) {
    Harness h;
    auto context = h.plugin("test.status");
    const dyad_host* host = &context->host;
    const auto* events = service<dyad_events_v1>(*context, DYAD_EVENTS_SERVICE);
    const auto* core = service<dyad_core_v1>(*context, DYAD_CORE_SERVICE);
    std::vector<std::string> seen;
    std::uint64_t token = events->subscribe(
        host, DYAD_EVENT_STATUS_CHANGED,
        [](void* user, const dyad_event* event) {
            static_cast<std::vector<std::string>*>(user)->push_back(
                std::string(event->entity) + ":" + std::to_string(event->record_id) + ":" +
                std::to_string(event->unit_id) + ":" + event->change);
        },
        &seen);
    ASSERT_NE(token, 0u);
    dyad_new_client a = person("Ana", "Ortiz");
    dyad_new_client b = person("Ben", "Ortiz");
    std::int64_t ana = 0, ben = 0, unit = 0;
    ASSERT_EQ(core->create_client(host, &a, &ana), DYAD_OK);
    ASSERT_EQ(core->create_client(host, &b, &ben), DYAD_OK);
    std::int64_t ids[] = {ana, ben};
    const char* roles[] = {"partner", "partner"};
    ASSERT_EQ(core->create_unit(host, "couple", nullptr, ids, roles, 2, &unit), DYAD_OK);
    EXPECT_TRUE(seen.empty()) << "creating is not a status change";
    ASSERT_EQ(core->set_unit_status(host, unit, "discharged"), DYAD_OK);
    ASSERT_EQ(core->archive_client(host, ben), DYAD_OK);
    std::string u = std::to_string(unit);
    EXPECT_EQ(seen, (std::vector<std::string>{"unit:" + u + ":" + u + ":discharged",
                                              "client:" + std::to_string(ben) + ":0:archived"}));
    EXPECT_NE(core->set_unit_status(host, unit, "gone"), DYAD_OK);
    EXPECT_EQ(seen.size(), 2u) << "a refused status announces nothing";
    events->unsubscribe(host, token);
}

TEST(SettingsService, EachPluginHasItsOwnKeys) {
    Harness h;
    auto first = h.plugin("test.first");
    auto second = h.plugin("test.second");
    const auto* settings = service<dyad_settings_v1>(*first, DYAD_SETTINGS_SERVICE);
    auto read = [&](plugins::PluginContext& context, const char* key) {
        std::string value = "<missing>";
        settings->get(
            &context.host, key,
            [](void* user, const char* text) { *static_cast<std::string*>(user) = text; }, &value);
        return value;
    };
    ASSERT_EQ(settings->set(&first->host, "reminder", "weekly"), DYAD_OK);
    ASSERT_EQ(settings->set(&first->host, "reminder", "daily"), DYAD_OK);
    EXPECT_EQ(read(*first, "reminder"), "daily");
    EXPECT_EQ(read(*second, "reminder"), "<missing>");
    EXPECT_EQ(settings->set(&first->host, "", "x"), DYAD_INVALID);
    ASSERT_EQ(settings->remove(&first->host, "reminder"), DYAD_OK);
    EXPECT_EQ(settings->get(
                  &first->host, "reminder", [](void*, const char*) {}, nullptr),
              DYAD_NOT_FOUND);
}

TEST(HostServices, UiOnlyWhereAllowedCliNamesCheckedLogTagged) {
    Harness h;
    auto context = h.plugin("test.contract");
    const dyad_host* host = &context->host;
    EXPECT_EQ(context->host.get_service(host, DYAD_UI_SERVICE), nullptr);
    EXPECT_EQ(context->host.get_service(host, "dyad.nothing/1"), nullptr);
    context->ui_allowed = true;
    EXPECT_NE(context->host.get_service(host, DYAD_UI_SERVICE), nullptr);

    const auto* cli = service<dyad_cli_v1>(*context, DYAD_CLI_SERVICE);
    auto command = [](const char* name) {
        dyad_cli_command_desc desc{};
        desc.struct_size = sizeof desc;
        desc.name = name;
        desc.run = [](void*, int, const char* const*, const dyad_cli_io*) { return 0; };
        return desc;
    };
    auto reserved = command("db");
    auto shouting = command("Hello");
    auto fine = command("appreciation");
    EXPECT_EQ(cli->add_command(host, &reserved), DYAD_DENIED);
    EXPECT_EQ(cli->add_command(host, &shouting), DYAD_INVALID);
    EXPECT_EQ(cli->add_command(host, &fine), DYAD_OK);
    EXPECT_EQ(cli->add_command(host, &fine), DYAD_DENIED);  // Taken now.

    const auto* log = service<dyad_log_v1>(*context, DYAD_LOG_SERVICE);
    log->write(host, DYAD_LOG_WARNING, "three units synced");
    auto lines = Logger::instance().recent();
    ASSERT_FALSE(lines.empty());
    EXPECT_EQ(lines.back().source, "test.contract");
    EXPECT_EQ(lines.back().level, LogLevel::Warning);

    // Without a confined connection the db service says so instead of crashing.
    const auto* db = service<dyad_db_v1>(*context, DYAD_DB_SERVICE);
    dyad_stmt* stmt = nullptr;
    EXPECT_EQ(db->prepare(host, "SELECT 1", &stmt), DYAD_UNAVAILABLE);
    EXPECT_EQ(stmt, nullptr);
}

TEST(PathsService, ListsResourceFoldersMostSpecificFirst) {
    Harness h;
    auto context = h.plugin("test.contract");
    const auto* paths = service<dyad_paths_v1>(*context, DYAD_PATHS_SERVICE);
    ASSERT_NE(paths, nullptr);
    std::vector<std::string> seen;
    paths->resource_folders(
        &context->host,
        [](void* user, const char* folder) {
            auto* list = static_cast<std::vector<std::string>*>(user);
            list->emplace_back(folder);
            return list->size() == 2 ? 1 : 0;  // Stop after two.
        },
        &seen);
    EXPECT_EQ(seen, (std::vector<std::string>{"/data/resources", "/clinic"}));
    EXPECT_EQ(std::string(paths->data_folder(&context->host)), h.dir.path());
}
