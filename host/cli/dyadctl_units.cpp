#include "dyadctl_units.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Stringifier.h>

#include <dyad/text.hpp>
#include <iostream>

#include "dyadctl_people.h"
#include "dyadctl_practice.h"
#include "people/consent_rules.h"

namespace dyad::cli {
namespace {

constexpr const char* kUsage =
    "usage: dyadctl units list [--status S] [--json]\n"
    "       dyadctl units members UNIT [--json]\n"
    "       dyadctl units consent UNIT CLIENT [--contact yes|no] [--share yes|no]\n";

int list(const Options& options, Practice& practice, std::ostream& out, std::ostream& err) {
    records::UnitQuery query;
    query.status = options.status.value_or("");
    auto units = practice.records().units(query);
    if (!units) {
        return report(err, units.error());
    }
    if (options.json) {
        Poco::JSON::Array rows;
        for (const auto& unit : *units) {
            Poco::JSON::Object row;
            row.set("id", unit.id);
            row.set("uuid", unit.uuid);
            row.set("kind", unit.kind);
            row.set("name", unit.display_name);
            row.set("status", unit.status);
            row.set("members", unit.member_count);
            rows.add(row);
        }
        Poco::JSON::Stringifier::stringify(rows, out);
        out << "\n";
        return 0;
    }
    for (const auto& unit : *units) {
        out << unit.id << "\t" << unit.kind << "\t" << unit.status << "\t" << unit.display_name
            << "\n";
    }
    return 0;
}

Result<std::int64_t> unit_id(const std::string& word) {
    auto id = sdk::parse_integer(word, "the unit's id", 1, INT64_MAX);
    if (!id) {
        return fail(ErrorCode::Invalid, id.error());
    }
    return *id;
}

// The unit exists and the signed-in user reaches it (a therapist's caseload), as in the window.
Status within_reach(Practice& practice, std::int64_t unit) {
    if (auto found = practice.records().unit(unit); !found) {
        return std::unexpected(found.error());
    }
    auto reach = people::People(practice.connection()).may_see_unit(practice.session(), unit);
    if (!reach) {
        return std::unexpected(reach.error());
    }
    if (!*reach) {
        return fail(ErrorCode::Refused,
                    "client unit " + std::to_string(unit) + " is not on your caseload");
    }
    return ok();
}

int members(const Options& options, Practice& practice, std::ostream& out, std::ostream& err) {
    auto unit = unit_id(options.words[2]);
    if (!unit) {
        return report(err, unit.error());
    }
    if (Status reached = within_reach(practice, *unit); !reached) {
        return report(err, reached.error());
    }
    // Names and consent of a unit's members are client data: the view is audited.
    if (Status audited = practice.records().record_view("unit", *unit, "dyadctl"); !audited) {
        return report(err, audited.error());
    }
    auto members = practice.records().members(*unit);
    if (!members) {
        return report(err, members.error());
    }
    auto yes_no = [](bool value) { return value ? "yes" : "no"; };
    if (options.json) {
        Poco::JSON::Array rows;
        for (const auto& member : *members) {
            Poco::JSON::Object row;
            row.set("client_id", member.client_id);
            row.set("role", member.role);
            row.set("given_name", member.given_name);
            row.set("family_name", member.family_name);
            row.set("may_contact", member.may_contact);
            row.set("may_share_with_partner", member.may_share_with_partner);
            rows.add(row);
        }
        Poco::JSON::Stringifier::stringify(rows, out);
        out << "\n";
        return 0;
    }
    out << "client\trole\tmay contact\tshares with partner\tname\n";
    for (const auto& member : *members) {
        out << member.client_id << "\t" << member.role << "\t" << yes_no(member.may_contact) << "\t"
            << yes_no(member.may_share_with_partner) << "\t" << member.given_name << " "
            << member.family_name << "\n";
    }
    return 0;
}

Result<bool> yes_or_no(const std::optional<std::string>& word, bool current,
                       const std::string& option) {
    if (!word) {
        return current;
    }
    if (*word == "yes") {
        return true;
    }
    if (*word == "no") {
        return false;
    }
    return fail(ErrorCode::Invalid, option + " takes yes or no, not '" + *word + "'");
}

int consent(const Options& options, Practice& practice, std::ostream& out, std::ostream& err) {
    if (!options.contact && !options.share) {
        err << "dyadctl: say what changes: --contact yes|no and/or --share yes|no\n" << kUsage;
        return 2;
    }
    auto unit = unit_id(options.words[2]);
    if (!unit) {
        return report(err, unit.error());
    }
    if (Status reached = within_reach(practice, *unit); !reached) {
        return report(err, reached.error());
    }
    auto client = sdk::parse_integer(options.words[3], "the client's id", 1, INT64_MAX);
    if (!client) {
        return report(err, Error{ErrorCode::Invalid, client.error()});
    }
    auto members = practice.records().members(*unit);
    if (!members) {
        return report(err, members.error());
    }
    const records::Member* member = nullptr;
    for (const auto& candidate : *members) {
        if (candidate.client_id == *client) {
            member = &candidate;
        }
    }
    if (member == nullptr) {
        return report(err, Error{ErrorCode::NotFound,
                                 "client " + options.words[3] + " is not a member of unit " +
                                     options.words[2] + " (see dyadctl units members UNIT)"});
    }
    auto contact = yes_or_no(options.contact, member->may_contact, "--contact");
    auto share = yes_or_no(options.share, member->may_share_with_partner, "--share");
    if (!contact || !share) {
        return report(err, contact ? share.error() : contact.error());
    }
    people::People people(practice.connection());
    if (Status may = people::may_change_consent(people, practice.session(), practice.records(),
                                                *unit, *client, *contact, *share);
        !may) {
        return report(err, may.error());
    }
    Status saved =
        practice.records().set_member_consent(*unit, *client, *contact, *share, "dyadctl");
    if (!saved) {
        return report(err, saved.error());
    }
    out << "client " << *client << " in unit " << *unit << ": may contact "
        << (*contact ? "yes" : "no") << ", shares with partner " << (*share ? "yes" : "no") << "\n";
    return 0;
}

}  // namespace

int command_units(const Options& options, const std::string& exe, std::ostream& out,
                  std::ostream& err) {
    const auto& words = options.words;
    bool known = (words.size() == 2 && words[1] == "list") ||
                 (words.size() == 3 && words[1] == "members") ||
                 (words.size() == 4 && words[1] == "consent");
    if (!known) {
        err << kUsage;
        return 2;
    }
    auto practice = open_practice(options, exe, false, CreatePractice::MustExist);
    if (!practice) {
        return report(err, practice.error());
    }
    if (Status allowed = require(**practice, people::Permission::ReadDemographics); !allowed) {
        return report(err, allowed.error());
    }
    if (words[1] == "list") {
        return list(options, **practice, out, err);
    }
    if (words[1] == "members") {
        return members(options, **practice, out, err);
    }
    return consent(options, **practice, out, err);
}

}  // namespace dyad::cli
