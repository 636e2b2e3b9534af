#include <gtest/gtest.h>

#include <chrono>
#include <ctime>
#include <map>
#include <span>

#include "db/migrations.h"
#include "practice.h"
#include "records/core_records.h"
#include "records/core_schema.h"
#include "records/generator.h"
#include "test_support.h"

using namespace dyad;
using namespace dyad::records;

namespace {

struct Fixture {
    test::TempDir dir;
    db::Connection connection;
    EventBus events;
    std::unique_ptr<CoreRecords> records;
    std::vector<Event> seen;
    Fixture() {
        connection =
            std::move(*db::Connection::open(dir.file("r.db"), db::OpenMode::CreateIfMissing));
        EXPECT_TRUE(migrate_core(connection));
        records = std::make_unique<CoreRecords>(connection, &events);
        events.subscribe(
            EventKind::RecordChanged, [this](const Event& e) { seen.push_back(e); }, "test");
    }
    std::int64_t client(const char* given, const char* family) {
        ClientFields fields;
        fields.given_name = given;
        fields.family_name = family;
        auto created = records->create_client(fields, "user");
        EXPECT_TRUE(created) << created.error().message;
        return created->id;
    }
};

}  // namespace

TEST(Validation, ClientFieldsTable) {
    struct Case {
        ClientFields fields;
        const char* problem;  // nullptr: valid.
    };
    auto with = [](auto change) {
        ClientFields fields;
        fields.given_name = "Ana";
        fields.family_name = "Ortiz";
        change(fields);
        return fields;
    };
    const Case cases[] = {
        {with([](ClientFields&) {}), nullptr},
        {with([](ClientFields& f) { f.given_name = "  "; }), "first name is missing"},
        {with([](ClientFields& f) { f.family_name = ""; }), "last name is missing"},
        {with([](ClientFields& f) { f.date_of_birth = "1990-02-30"; }), "not a valid date"},
        {with([](ClientFields& f) { f.date_of_birth = "2999-01-01"; }), "in the future"},
        {with([](ClientFields& f) { f.date_of_birth = "1990-02-28"; }), nullptr},
        {with([](ClientFields& f) { f.email = "ana@"; }), "email address"},
        {with([](ClientFields& f) { f.email = "ana at example.com"; }), "email address"},
        {with([](ClientFields& f) { f.email = "ana@example.com"; }), nullptr},
        {with([](ClientFields& f) { f.phone = "12"; }), "7 to 15 digits"},
        {with([](ClientFields& f) { f.phone = "call me"; }), "7 to 15 digits"},
        {with([](ClientFields& f) { f.phone = "+1 (555) 010-9999"; }), nullptr},
        {with([](ClientFields& f) { f.status = "gone"; }), "active, waitlist or discharged"},
    };
    for (const auto& c : cases) {
        auto result = validate_client(c.fields, "2026-11-26");
        if (c.problem == nullptr) {
            EXPECT_TRUE(result) << c.fields.given_name << " " << result.error().message;
        } else {
            ASSERT_FALSE(result) << c.problem;
            EXPECT_NE(result.error().message.find(c.problem), std::string::npos)
                << result.error().message;
        }
    }
}

TEST(Validation, UnitShapes) {
    EXPECT_TRUE(validate_unit("couple", {{1, "partner"}, {2, "partner"}}));
    EXPECT_FALSE(validate_unit("couple", {{1, "partner"}}));
    EXPECT_FALSE(validate_unit("couple", {{1, "partner"}, {2, "child"}}));
    EXPECT_FALSE(validate_unit("couple", {{1, "partner"}, {1, "partner"}}));
    EXPECT_TRUE(validate_unit("individual", {{1, "self"}}));
    EXPECT_FALSE(validate_unit("individual", {{1, "self"}, {2, "self"}}));
    EXPECT_FALSE(validate_unit("family", {{1, "parent"}}));
    EXPECT_FALSE(validate_unit("tribe", {{1, "member"}, {2, "member"}}));
}

TEST(Records, CoupleKeepsEachPartnerAsAnIndividualRecord) {
    Fixture f;
    std::int64_t ana = f.client("Ana", "Ortiz");
    std::int64_t ben = f.client("Ben", "Ortiz");
    auto couple =
        f.records->create_unit("couple", "", {{ana, "partner"}, {ben, "partner"}}, "user");
    ASSERT_TRUE(couple) << couple.error().message;
    EXPECT_EQ(couple->display_name, "Ana & Ben Ortiz");
    auto members = f.records->members(couple->id);
    ASSERT_TRUE(members);
    ASSERT_EQ(members->size(), 2u);
    EXPECT_TRUE(f.records->view_client(ana, "user"));
    std::int64_t sam = f.client("Sam", "Lee");
    std::int64_t farah = f.client("Farah", "Khan");
    auto mixed =
        f.records->create_unit("couple", "", {{farah, "partner"}, {sam, "partner"}}, "user");
    EXPECT_EQ(mixed->display_name, "Farah Khan & Sam Lee");
}

// Consent is per member of a unit: contact yes and sharing no until the therapist records
// otherwise; each change audited by ids and flags only; nothing written when nothing changes.
TEST(Records, MemberConsentIsRecordedPerUnitAuditedAndFailsClosed) {
    Fixture f;
    std::int64_t ana = f.client("Ana", "Ortiz");
    std::int64_t ben = f.client("Ben", "Ortiz");
    auto couple =
        f.records->create_unit("couple", "", {{ana, "partner"}, {ben, "partner"}}, "user");
    ASSERT_TRUE(couple);
    auto alone = f.records->create_unit("individual", "", {{ana, "self"}}, "user");
    ASSERT_TRUE(alone);
    auto members = f.records->members(couple->id);
    ASSERT_TRUE(members);
    for (const auto& member : *members) {
        EXPECT_TRUE(member.may_contact);
        EXPECT_FALSE(member.may_share_with_partner);
    }
    auto entries = [&] {
        return **f.connection.query_int64(
            "SELECT count(*) FROM dyad_audit WHERE entity = 'unit_member'");
    };
    f.seen.clear();
    ASSERT_TRUE(f.records->set_member_consent(couple->id, ben, false, true, "user"));
    EXPECT_EQ(entries(), 1);
    ASSERT_EQ(f.seen.size(), 1u);
    EXPECT_EQ(f.seen[0].unit_id, couple->id);
    auto detail = f.connection.prepare(
        "SELECT detail, entity_id FROM dyad_audit WHERE entity = 'unit_member'");
    ASSERT_TRUE(detail && *detail->step());
    EXPECT_EQ(detail->text(0),
              "client " + std::to_string(ben) + ": may_contact=no, may_share_with_partner=yes");
    EXPECT_EQ(detail->int64(1), couple->id);
    EXPECT_EQ(detail->text(0).find("Ben"), std::string::npos);
    members = f.records->members(couple->id);
    ASSERT_TRUE(members);
    for (const auto& member : *members) {
        EXPECT_EQ(member.may_contact, member.client_id != ben);
        EXPECT_EQ(member.may_share_with_partner, member.client_id == ben);
    }
    // Per unit: Ana's individual unit keeps its own answers.
    ASSERT_TRUE(f.records->set_member_consent(couple->id, ana, false, false, "user"));
    EXPECT_TRUE((*f.records->members(alone->id))[0].may_contact);
    // The same answers again write nothing.
    ASSERT_TRUE(f.records->set_member_consent(couple->id, ana, false, false, "user"));
    EXPECT_EQ(entries(), 2);
    // Not a member, or no such unit: refused, nothing written.
    std::int64_t carla = f.client("Carla", "Diaz");
    auto refused = f.records->set_member_consent(couple->id, carla, true, true, "user");
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::NotFound);
    EXPECT_FALSE(f.records->set_member_consent(999999, ana, true, true, "user"));
    EXPECT_EQ(entries(), 2);
}

// A practice from before SDK 1.1 kept consent in the records plugin's table, per client:
// core migration 10 copies it onto every membership of the client, in its own transaction.
TEST(Records, MigrationTenCopiesTheRecordsPluginsConsentOntoTheMemberships) {
    test::TempDir dir;
    auto connection = db::Connection::open(dir.file("old.db"), db::OpenMode::CreateIfMissing);
    ASSERT_TRUE(connection);
    const auto& all = core_migrations();
    ASSERT_GE(all.size(), 10u);
    ASSERT_EQ(all[9].version, 10);
    ASSERT_TRUE(db::apply_migrations(*connection, "dyad.core", std::span(all.data(), 9)));
    {
        CoreRecords old(*connection, nullptr);
        ClientFields ana;
        ana.given_name = "Ana";
        ana.family_name = "Ortiz";
        ClientFields ben = ana;
        ben.given_name = "Ben";
        auto a = old.create_client(ana, "user");
        auto b = old.create_client(ben, "user");
        ASSERT_TRUE(a && b);
        ASSERT_TRUE(
            old.create_unit("couple", "", {{a->id, "partner"}, {b->id, "partner"}}, "user"));
        ASSERT_TRUE(old.create_unit("individual", "", {{b->id, "self"}}, "user"));
        ASSERT_TRUE(connection->exec(
            "CREATE TABLE records_client_detail (client_id INTEGER PRIMARY KEY, may_contact "
            "INTEGER NOT NULL DEFAULT 1, may_share_with_partner INTEGER NOT NULL DEFAULT 0);"
            "INSERT INTO records_client_detail VALUES (" +
            std::to_string(b->id) + ", 0, 1), (" + std::to_string(a->id) + ", 1, 0)"));
    }
    ASSERT_TRUE(migrate_core(*connection));
    EXPECT_EQ(**connection->query_int64("SELECT count(*) FROM dyad_unit_member WHERE "
                                        "may_contact = 0 AND may_share_with_partner = 1"),
              2);  // Ben, in both of his units.
    EXPECT_EQ(**connection->query_int64("SELECT count(*) FROM dyad_unit_member WHERE "
                                        "may_contact = 1 AND may_share_with_partner = 0"),
              1);  // Ana.
    EXPECT_EQ(**connection->query_int64("SELECT count(*) FROM core_unit_member WHERE "
                                        "may_share_with_partner = 1"),
              2);
}

TEST(Records, AUnitWithAMissingClientIsNotCreatedAtAll) {
    Fixture f;
    std::int64_t ana = f.client("Ana", "Ortiz");
    auto couple = f.records->create_unit("couple", "", {{ana, "partner"}, {42, "partner"}}, "user");
    ASSERT_FALSE(couple);
    EXPECT_EQ(couple.error().code, ErrorCode::NotFound);
    EXPECT_EQ(*f.records->count_units({}), 0);
}

TEST(Records, EveryWriteIsAuditedWithoutClientData) {
    Fixture f;
    std::int64_t ana = f.client("Ana", "Ortiz");
    ClientFields changed;
    changed.given_name = "Ana";
    changed.family_name = "Ortiz-Reyes";
    changed.email = "ana@example.com";
    ASSERT_TRUE(f.records->update_client(ana, changed, "user"));
    ASSERT_TRUE(f.records->view_client(ana, "user"));
    ASSERT_TRUE(f.records->record_export("client", ana, "fhir-r4", "user"));
    ASSERT_TRUE(f.records->archive_client(ana, "user"));
    auto entries = f.records->audit_entries("client", 10);
    ASSERT_TRUE(entries);
    std::set<std::string> actions;
    for (const auto& entry : *entries) {
        actions.insert(entry.action);
        EXPECT_EQ(entry.detail.find("Ortiz"), std::string::npos) << entry.detail;
        EXPECT_EQ(entry.detail.find("example.com"), std::string::npos) << entry.detail;
    }
    EXPECT_EQ(actions, (std::set<std::string>{"create", "update", "view", "export", "delete"}));
    bool saw_field_names = false;
    for (const auto& entry : *entries) {
        saw_field_names |= entry.detail == "fields: family_name, email";
    }
    EXPECT_TRUE(saw_field_names);
    EXPECT_FALSE(f.records->view_client(ana, "user"));  // Archived.
    EXPECT_EQ(f.seen.size(), 3u);                       // create, update, delete events.
}

TEST(Records, InvalidInputSavesNothing) {
    Fixture f;
    ClientFields fields;
    fields.given_name = "Ana";
    fields.family_name = "Ortiz";
    fields.date_of_birth = "31/12/1990";
    auto created = f.records->create_client(fields, "user");
    ASSERT_FALSE(created);
    EXPECT_EQ(created.error().code, ErrorCode::Invalid);
    EXPECT_EQ(**f.connection.query_int64("SELECT count(*) FROM dyad_client"), 0);
    EXPECT_EQ(**f.connection.query_int64("SELECT count(*) FROM dyad_audit"), 0);
}

TEST(Records, UnitQueriesFilterSearchAndPage) {
    Fixture f;
    ASSERT_TRUE(create_demo_practice(*f.records));
    EXPECT_EQ(*f.records->count_units({}), 6);
    UnitQuery active;
    active.status = "active";
    EXPECT_EQ(*f.records->count_units(active), 4);
    UnitQuery search;
    search.search = "ben";  // A member's given name, case-insensitive.
    auto found = f.records->units(search);
    ASSERT_EQ(found->size(), 1u);
    EXPECT_EQ((*found)[0].display_name, "Ana & Ben Ortiz");
    UnitQuery by_email;
    by_email.search = "carla.d";
    ASSERT_EQ(f.records->units(by_email)->size(), 1u);
    EXPECT_EQ((*f.records->units(by_email))[0].display_name, "Carla Diaz");
    UnitQuery wildcard;
    wildcard.search = "%";
    // '%' is not a wildcard for the user: it matches a '%' in a name, and no name has one.
    EXPECT_EQ(*f.records->count_units(wildcard), 0);
    UnitQuery page;
    page.limit = 2;
    page.offset = 4;
    EXPECT_EQ(f.records->units(page)->size(), 2u);
    auto demo_again = create_demo_practice(*f.records);
    ASSERT_FALSE(demo_again);
    EXPECT_EQ(demo_again.error().code, ErrorCode::Conflict);
}

// The demo's months of sessions (add_demo_history): weekly, before this week, mostly attended,
// with the weeks that went otherwise; the discharged client's ended months ago.
TEST(Records, TheDemoHistoryHasMonthsOfWeeklySessions) {
    Fixture f;
    auto units = create_demo_practice(*f.records);
    ASSERT_TRUE(units);
    ASSERT_EQ(units->size(), 6u);
    auto this_week = f.records->appointments_between("0000", "9999");
    ASSERT_TRUE(this_week);
    std::size_t current = this_week->size();
    ASSERT_TRUE(add_demo_history(*f.records, *units));
    auto all = f.records->appointments_between("0000", "9999");
    ASSERT_EQ(all->size(), current + 16 + 10 + 8 + 4 + 17);
    std::map<std::string, int> statuses;
    int ortiz = 0;
    std::string first_ortiz = "9999";
    for (const auto& appointment : *all) {
        if (appointment.fields.status != "scheduled") {
            ++statuses[appointment.fields.status];
        }
        if (appointment.fields.unit_id == (*units)[0]) {
            ++ortiz;
            first_ortiz = std::min(first_ortiz, appointment.fields.starts_at);
        }
    }
    EXPECT_EQ(statuses["no_show"], 2);
    EXPECT_EQ(statuses["cancelled"], 2);
    EXPECT_EQ(statuses["attended"], 16 + 10 + 8 + 4 + 17 - 4);
    EXPECT_EQ(ortiz, 16 + 2);  // Sixteen weeks back, and Monday and Friday of this week.
    // The first of them about sixteen weeks before today (within this week's seven days).
    auto now = std::chrono::system_clock::now();
    auto days_back = [&](int days) {
        std::time_t t = std::chrono::system_clock::to_time_t(now - std::chrono::days(days));
        std::tm parts{};
        gmtime_r(&t, &parts);
        char text[16];
        std::strftime(text, sizeof text, "%Y-%m-%d", &parts);
        return std::string(text);
    };
    EXPECT_GE(first_ortiz.substr(0, 10), days_back(16 * 7 + 7));
    EXPECT_LE(first_ortiz.substr(0, 10), days_back(16 * 7 - 7));
    auto short_list = add_demo_history(*f.records, {(*units)[0]});
    ASSERT_FALSE(short_list);
    EXPECT_EQ(short_list.error().code, ErrorCode::Invalid);
}

TEST(Records, AppointmentsAreValidatedAndOrdered) {
    Fixture f;
    std::int64_t carla = f.client("Carla", "Diaz");
    auto unit = f.records->create_unit("individual", "", {{carla, "self"}}, "user");
    AppointmentFields later{unit->id,
                            std::nullopt,
                            "2026-11-27T15:00:00Z",
                            "2026-11-27T16:00:00Z",
                            "individual",
                            "Office 2",
                            false,
                            "scheduled"};
    AppointmentFields earlier = later;
    earlier.starts_at = "2026-11-26T15:00:00Z";
    earlier.ends_at = "2026-11-26T15:50:00Z";
    ASSERT_TRUE(f.records->create_appointment(later, "user"));
    ASSERT_TRUE(f.records->create_appointment(earlier, "user"));
    AppointmentFields backwards = later;
    backwards.ends_at = "2026-11-27T14:00:00Z";
    auto refused = f.records->create_appointment(backwards, "user");
    ASSERT_FALSE(refused);
    EXPECT_NE(refused.error().message.find("ends before it starts"), std::string::npos);
    auto week = f.records->appointments_between("2026-11-23T00:00:00Z", "2026-11-30T00:00:00Z");
    ASSERT_EQ(week->size(), 2u);
    EXPECT_EQ((*week)[0].fields.starts_at, earlier.starts_at);
}

TEST(Records, AFullDatabaseGivesAClearErrorAndKeepsEverythingElse) {
    Fixture f;
    ASSERT_TRUE(create_demo_practice(*f.records));
    auto before = **f.connection.query_int64("SELECT count(*) FROM dyad_client");
    // Simulate a full disk: the file may not grow by a single page.
    auto pages = **f.connection.query_int64("PRAGMA page_count");
    ASSERT_TRUE(f.connection.exec("PRAGMA max_page_count = " + std::to_string(pages)));
    std::optional<Error> failure;
    for (int i = 0; i < 200 && !failure; ++i) {
        ClientFields fields;
        fields.given_name = "Client" + std::to_string(i);
        fields.family_name = std::string(150, 'x');
        auto created = f.records->create_client(fields, "user");
        if (!created) {
            failure = created.error();
        }
    }
    ASSERT_TRUE(failure) << "the database never filled up";
    EXPECT_EQ(failure->code, ErrorCode::Io);
    EXPECT_NE(failure->message.find("full"), std::string::npos) << failure->message;
    // Each saved client has its audit entry, the failed one has neither, nothing is damaged.
    EXPECT_EQ(**f.connection.query_int64(
                  "SELECT count(*) FROM dyad_client c WHERE NOT EXISTS (SELECT 1 FROM dyad_audit a "
                  "WHERE a.entity = 'client' AND a.entity_id = c.id AND a.action = 'create')"),
              0);
    EXPECT_GE(**f.connection.query_int64("SELECT count(*) FROM dyad_client"), before);
    EXPECT_EQ(f.connection.transaction_depth(), 0);
    auto check = f.connection.prepare("PRAGMA integrity_check");
    ASSERT_TRUE(check && *check->step());
    EXPECT_EQ(check->text(0), "ok");
}

TEST(Generator, BuildsTheRequestedCaseloadAllOrNothing) {
    Fixture f;
    ASSERT_TRUE(generate_caseload(*f.records, f.connection, {300, 90}));
    EXPECT_EQ(**f.connection.query_int64("SELECT count(*) FROM dyad_client"), 300);
    EXPECT_EQ(**f.connection.query_int64("SELECT count(*) FROM dyad_unit"), 90);
    EXPECT_EQ(**f.connection.query_int64("SELECT count(*) FROM dyad_unit WHERE kind = 'couple'"),
              60);
    EXPECT_EQ(**f.connection.query_int64(
                  "SELECT count(*) FROM dyad_audit WHERE actor = 'generator' AND action = "
                  "'create' AND entity = 'client'"),
              300);
    auto refused = generate_caseload(*f.records, f.connection, {10, 20});
    ASSERT_FALSE(refused);
    EXPECT_EQ(**f.connection.query_int64("SELECT count(*) FROM dyad_client"), 300);
}

TEST(Records, SimilarClientsAreFoundForAWarning) {
    Fixture f;
    ASSERT_TRUE(create_demo_practice(*f.records));
    ClientFields same;
    same.given_name = "ana";
    same.family_name = "ORTIZ";
    same.date_of_birth = "1988-03-14";
    EXPECT_EQ(f.records->similar_clients(same)->size(), 1u);
    same.date_of_birth = "";
    EXPECT_EQ(f.records->similar_clients(same)->size(), 1u);  // No date: the name decides.
    same.date_of_birth = "1990-01-01";
    EXPECT_TRUE(f.records->similar_clients(same)->empty());  // Another Ana Ortiz.
}
