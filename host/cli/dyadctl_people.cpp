#include "dyadctl_people.h"

#include <algorithm>
#include <ostream>

#include <dyad/text.hpp>

#include "json_out.h"
#include "secrets.h"

namespace dyad::cli {
namespace {

int report(std::ostream& err, const Error& error) {
    err << "dyadctl: " << error.message << "\n";
    return 1;
}

const char* permission_words(people::Permission permission) {
    switch (permission) {
        case people::Permission::ManageUsers:
            return "manage users";
        case people::Permission::ManagePlugins:
            return "manage plugins";
        case people::Permission::BackupRestore:
            return "back up, restore or change the practice's keys";
        case people::Permission::ReadAudit:
            return "read the audit trail";
        default:
            return "do this";
    }
}

}  // namespace

Status sign_in(const Options& options, Practice& practice,
               std::optional<people::Permission> needed) {
    people::People people(practice.connection());
    auto any = people.any_users();
    if (!any) {
        return std::unexpected(any.error());
    }
    if (*any) {
        if (!options.user) {
            return fail(ErrorCode::Refused,
                        "this practice has users: sign in with --user NAME "
                        "(the passphrase is asked, never given on the "
                        "command line)");
        }
        SecretInput input(options.passphrase_fd);
        auto secret = input.read("Passphrase for " + *options.user + ": ");
        if (!secret) {
            return std::unexpected(secret.error());
        }
        auto session = people.sign_in(*options.user, *secret);
        wipe(*secret);
        if (!session) {
            return std::unexpected(session.error());
        }
        practice.set_session(*session);
    }
    return needed ? require(practice, *needed) : ok();
}

Status require(const Practice& practice, people::Permission needed) {
    if (practice.may(needed)) {
        return ok();
    }
    return fail(ErrorCode::Refused,
                std::string("a ") + std::string(people::role_info(practice.session().role).label) +
                    " may not " + permission_words(needed));
}

int command_users(const Options& options, Practice& practice, std::ostream& out,
                  std::ostream& err) {
    const auto& words = options.words;
    people::People people(practice.connection());
    if (words.size() == 2 && words[1] == "list") {
        auto users = people.users();
        if (!users) {
            return report(err, users.error());
        }
        if (options.json) {
            Poco::JSON::Array::Ptr rows = new Poco::JSON::Array;
            for (const auto& user : *users) {
                auto row = json_object();
                row->set("name", user.name);
                row->set("role", std::string(people::role_info(user.role).id));
                row->set("disabled", user.disabled);
                rows->add(row);
            }
            print_json(out, rows);
        } else {
            for (const auto& user : *users) {
                out << user.name << "\t" << people::role_info(user.role).label
                    << (user.disabled ? "\tdisabled" : "") << "\n";
            }
        }
        return 0;
    }
    if (words.size() == 3 && words[1] == "add") {
        auto role = people::role_from_id(options.role.value_or(""));
        if (!role) {
            err << "dyadctl: --role is one of owner, therapist, supervisor, biller, front_desk\n";
            return 2;
        }
        SecretInput input(options.passphrase_fd);
        auto first = input.read("Passphrase for the new user " + words[2] + ": ");
        if (!first) {
            return report(err, first.error());
        }
        if (input.interactive()) {
            auto again = input.read("The same passphrase again: ");
            bool same = again && *again == *first;
            if (again) {
                wipe(*again);
            }
            if (!same) {
                wipe(*first);
                return report(err, Error{ErrorCode::Invalid, "the two passphrases differ"});
            }
        }
        auto added = people.add_user(practice.session(), words[2], *role, *first);
        wipe(*first);
        if (!added) {
            return report(err, added.error());
        }
        out << "added " << added->name << " (" << people::role_info(added->role).label << ")\n";
        return 0;
    }
    if (words.size() == 4 && words[1] == "assign") {
        auto users = people.users();
        if (!users) {
            return report(err, users.error());
        }
        auto unit = sdk::parse_integer(words[3], "UNIT_ID", 1, INT64_MAX);
        if (!unit) {
            return report(err, Error{ErrorCode::Invalid, unit.error()});
        }
        for (const auto& user : *users) {
            if (user.name == words[2]) {
                auto assigned = people.assign_unit(practice.session(), user.id, *unit);
                if (!assigned) {
                    return report(err, assigned.error());
                }
                out << "unit " << *unit << " is on " << user.name << "'s caseload\n";
                return 0;
            }
        }
        return report(err, Error{ErrorCode::NotFound, "no user called " + words[2]});
    }
    if (words.size() == 3 && words[1] == "passphrase") {
        auto users = people.users();
        if (!users) {
            return report(err, users.error());
        }
        auto user = std::find_if(users->begin(), users->end(),
                                 [&](const people::User& u) { return u.name == words[2]; });
        if (user == users->end()) {
            return report(err, Error{ErrorCode::NotFound, "no user called " + words[2]});
        }
        SecretInput input(options.passphrase_fd);
        auto chosen = input.read("New passphrase for " + user->name + ": ");
        if (!chosen) {
            return report(err, chosen.error());
        }
        auto set = people.set_passphrase(practice.session(), user->id, *chosen);
        wipe(*chosen);
        if (!set) {
            return report(err, set.error());
        }
        out << "the passphrase of " << user->name << " was changed\n";
        return 0;
    }
    if (words.size() == 4 && words[1] == "supervisor") {
        auto users = people.users();
        if (!users) {
            return report(err, users.error());
        }
        auto named = [&](const std::string& name) -> const people::User* {
            for (const auto& user : *users) {
                if (user.name == name) {
                    return &user;
                }
            }
            return nullptr;
        };
        const people::User* supervisee = named(words[2]);
        const people::User* supervisor = words[3] == "none" ? nullptr : named(words[3]);
        if (supervisee == nullptr || (supervisor == nullptr && words[3] != "none")) {
            return report(err, Error{ErrorCode::NotFound,
                                     "no user called " + (supervisee ? words[3] : words[2])});
        }
        auto set = people.set_supervisor(
            practice.session(), supervisee->id,
            supervisor ? std::optional<std::int64_t>(supervisor->id) : std::nullopt);
        if (!set) {
            return report(err, set.error());
        }
        out << supervisee->name << " is supervised by "
            << (supervisor ? supervisor->name : std::string("nobody")) << "\n";
        return 0;
    }
    err << "usage: dyadctl users list [--json] | users add NAME --role ROLE | users assign NAME "
           "UNIT_ID | users supervisor NAME SUPERVISOR|none | users passphrase NAME\n";
    return 2;
}

}  // namespace dyad::cli
