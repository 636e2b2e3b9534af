#include <chrono>
#include <ctime>

#include "practice.h"
#include "util/ids.h"

namespace dyad {
namespace {

// "YYYY-MM-DDTHH:00:00Z" (UTC) of the local hour on a day offset from this week's Monday
// (local): sessions keep their wall-clock hour across daylight saving and any time zone.
std::string this_week(int day_offset, int hour) {
    std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    std::tm when{};
    when.tm_year = local.tm_year;
    when.tm_mon = local.tm_mon;
    when.tm_mday = local.tm_mday - (local.tm_wday + 6) % 7 + day_offset;  // mktime normalises.
    when.tm_hour = hour;
    when.tm_isdst = -1;
    std::time_t time = std::mktime(&when);
    std::tm parts{};
    gmtime_r(&time, &parts);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
    return text;
}

struct Person {
    const char* given;
    const char* family;
    const char* pronouns;
    const char* birth;
    const char* email;
};

}  // namespace

Result<std::vector<std::int64_t>> create_demo_practice(records::CoreRecords& records) {
    auto existing = records.count_units({});
    if (!existing) {
        return std::unexpected(existing.error());
    }
    if (*existing > 0) {
        return fail(ErrorCode::Conflict,
                    "this practice already has client units; the demo "
                    "goes into an empty practice");
    }
    const std::string actor = "demo";
    DYAD_TRY(records.set_practice_name("Demo Practice", actor));
    records::Practitioner therapist;
    therapist.full_name = "Maya Lin";
    therapist.credentials = "LMFT, Certified Imago Therapist";
    therapist.email = "maya.lin@example.org";
    therapist.role = "owner";
    auto maya = records.create_practitioner(therapist, actor);
    if (!maya) {
        return std::unexpected(maya.error());
    }

    auto add = [&](const Person& person, const char* status) -> Result<std::int64_t> {
        records::ClientFields fields;
        fields.given_name = person.given;
        fields.family_name = person.family;
        fields.pronouns = person.pronouns;
        fields.date_of_birth = person.birth;
        fields.email = person.email;
        fields.status = status;
        auto client = records.create_client(fields, actor);
        if (!client) {
            return std::unexpected(client.error());
        }
        return client->id;
    };
    auto couple = [&](const Person& a, const Person& b,
                      const char* status) -> Result<std::int64_t> {
        auto first = add(a, status);
        auto second = add(b, status);
        if (!first || !second) {
            return std::unexpected(!first ? first.error() : second.error());
        }
        auto unit =
            records.create_unit("couple", "", {{*first, "partner"}, {*second, "partner"}}, actor);
        if (!unit) {
            return std::unexpected(unit.error());
        }
        if (std::string(status) != "active") {
            DYAD_TRY(records.set_unit_status(unit->id, status, actor));
        }
        return unit->id;
    };
    auto individual = [&](const Person& a, const char* status) -> Result<std::int64_t> {
        auto person = add(a, status);
        if (!person) {
            return std::unexpected(person.error());
        }
        auto unit = records.create_unit("individual", "", {{*person, "self"}}, actor);
        if (!unit) {
            return std::unexpected(unit.error());
        }
        if (std::string(status) != "active") {
            DYAD_TRY(records.set_unit_status(unit->id, status, actor));
        }
        return unit->id;
    };

    auto ortiz =
        couple({"Ana", "Ortiz", "she/her", "1988-03-14", "ana.ortiz@example.com"},
               {"Ben", "Ortiz", "he/him", "1986-11-02", "ben.ortiz@example.com"}, "active");
    auto moss = couple({"Dee", "Moss", "she/her", "1979-07-21", "dee.moss@example.com"},
                       {"Eli", "Moss", "they/them", "1981-01-09", ""}, "active");
    auto khan = couple({"Farah", "Khan", "she/her", "1992-05-30", "farah.k@example.com"},
                       {"Sam", "Lee", "he/him", "1990-12-12", ""}, "waitlist");
    auto diaz =
        individual({"Carla", "Diaz", "she/her", "1975-09-18", "carla.diaz@example.com"}, "active");
    auto haddad = individual({"Omar", "Haddad", "he/him", "1969-02-27", ""}, "discharged");
    if (!ortiz || !moss || !khan || !diaz || !haddad) {
        return fail(ErrorCode::Database, "the demo practice could not be created");
    }
    auto parent =
        add({"Lan", "Nguyen", "she/her", "1980-04-04", "lan.nguyen@example.com"}, "active");
    auto partner = add({"Minh", "Nguyen", "he/him", "1978-08-19", ""}, "active");
    auto child = add({"Kim", "Nguyen", "she/her", "2010-10-10", ""}, "active");
    if (!parent || !partner || !child) {
        return fail(ErrorCode::Database, "the demo family could not be created");
    }
    auto family = records.create_unit(
        "family", "", {{*parent, "parent"}, {*partner, "parent"}, {*child, "child"}}, actor);
    if (!family) {
        return std::unexpected(family.error());
    }

    struct Slot {
        std::int64_t unit;
        int day;
        int hour;
        const char* type;
        bool telehealth;
    };
    const Slot slots[] = {
        {*ortiz, 0, 15, "couple", false},    {*moss, 1, 17, "couple", true},
        {*diaz, 2, 14, "individual", false}, {family->id, 3, 16, "family", false},
        {*ortiz, 4, 15, "couple", false},
    };
    for (const auto& slot : slots) {
        records::AppointmentFields fields;
        fields.unit_id = slot.unit;
        fields.practitioner_id = maya->id;
        fields.starts_at = this_week(slot.day, slot.hour);
        fields.ends_at = this_week(slot.day, slot.hour + 1);
        fields.session_type = slot.type;
        fields.location = slot.telehealth ? "" : "Office 2";
        fields.telehealth = slot.telehealth;
        auto appointment = records.create_appointment(fields, actor);
        if (!appointment) {
            return std::unexpected(appointment.error());
        }
    }
    return std::vector<std::int64_t>{*ortiz, *moss, *diaz, family->id, *khan, *haddad};
}

Status add_demo_history(records::CoreRecords& records, const std::vector<std::int64_t>& units) {
    if (units.size() < 6) {
        return fail(ErrorCode::Invalid, "the demo's units are not all there");
    }
    auto practitioners = records.practitioners();
    if (!practitioners || practitioners->empty()) {
        return fail(ErrorCode::NotFound, "the demo's therapist is missing");
    }
    // Weekly sessions before this week, at each unit's hour of this week's: how long each has
    // been coming, and which weeks went otherwise (weeks back, status).
    struct History {
        std::int64_t unit;
        int day;
        int hour;
        const char* type;
        int first_week;  // Weeks back of the first session.
        int last_week;   // Weeks back of the last (1: last week).
        std::vector<std::pair<int, const char*>> exceptions;
    };
    const History histories[] = {
        {units[0], 0, 15, "couple", 16, 1, {{6, "no_show"}, {11, "cancelled"}}},
        {units[1], 1, 17, "couple", 10, 1, {{3, "cancelled"}}},
        {units[2], 2, 14, "individual", 8, 1, {}},
        {units[3], 3, 16, "family", 4, 1, {{2, "no_show"}}},
        {units[5], 1, 10, "individual", 30, 14, {}},  // Discharged three months ago.
    };
    for (const auto& history : histories) {
        for (int back = history.first_week; back >= history.last_week; --back) {
            records::AppointmentFields fields;
            fields.unit_id = history.unit;
            fields.practitioner_id = (*practitioners)[0].id;
            fields.starts_at = this_week(history.day - 7 * back, history.hour);
            fields.ends_at = this_week(history.day - 7 * back, history.hour + 1);
            fields.session_type = history.type;
            fields.location = "Office 2";
            fields.status = "attended";
            for (const auto& [week, status] : history.exceptions) {
                if (week == back) {
                    fields.status = status;
                }
            }
            auto appointment = records.create_appointment(fields, "demo");
            if (!appointment) {
                return std::unexpected(appointment.error());
            }
        }
    }
    return ok();
}

}  // namespace dyad
