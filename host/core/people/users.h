// The practice's users (issue 15): adding them, signing in (Argon2id passphrase hashes, one
// message for a wrong name or passphrase), caseloads, and which units a signed-in user may see.
// A practice with no users yet is a single-user practice: nobody signs in, the person at the
// computer is its owner (as before this issue); the first user added must be an owner.
// Thread: the connection's. Errors are values; messages never hold a passphrase.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "db/connection.h"
#include "people/roles.h"
#include "util/error.h"

namespace dyad::people {

struct User {
    std::int64_t id = 0;
    std::string uuid;
    std::string name;
    Role role = Role::Therapist;
    std::optional<std::int64_t> supervisor_id;
    bool disabled = false;
};

// Who is signed in. A default Session (user_id 0) is the single-user practice's owner; in a
// practice with users, nobody() (user_id -1, may nothing) until someone signs in.
struct Session {
    std::int64_t user_id = 0;
    std::string name;
    Role role = Role::Owner;
    static Session nobody() { return Session{-1, "", Role::FrontDesk}; }
    bool signed_in() const { return user_id >= 0; }
    bool may(Permission permission) const { return signed_in() && role_may(role, permission); }
    // The audit actor: the user's name, or "owner" in a single-user practice.
    std::string actor() const { return user_id == 0 ? "owner" : name; }
};

class People {
  public:
    explicit People(db::Connection& connection) : m_connection(connection) {}

    Result<bool> any_users();
    Result<std::vector<User>> users();
    // Refused unless `by` may manage users (or no user exists yet and role is Owner), and
    // while a user still signs in with the practice passphrase (they choose their own first).
    // practice_passphrase: the passphrase is the practice's (the caller checked it opens the
    // key file); only for the first user, who then opens the solo practice in one step.
    Result<User> add_user(const Session& by, std::string_view name, Role role,
                          std::string_view passphrase, bool practice_passphrase = false);
    // A new passphrase for a user, by that user or an owner; it is no longer the practice's.
    Status set_passphrase(const Session& by, std::int64_t user_id, std::string_view passphrase);
    // The session, or Refused "wrong name or passphrase" (the same words for both) and
    // "this user is disabled". Both outcomes are audited (sign-in / sign-in-refused).
    Result<Session> sign_in(std::string_view name, std::string_view passphrase);
    // One step opens a solo practice (issue 15): when the practice has exactly one user who is
    // not disabled, that user took the practice passphrase as theirs (add_user), and
    // practice_passphrase (typed to unlock the encrypted practice) verifies against it, their
    // session, audited as a sign-in "with the practice passphrase". nullopt otherwise,
    // auditing nothing: the sign-in dialog asks as usual.
    Result<std::optional<Session>> sign_in_solo(std::string_view practice_passphrase);
    Status set_supervisor(const Session& by, std::int64_t user_id,
                          std::optional<std::int64_t> supervisor_id);
    Status assign_unit(const Session& by, std::int64_t user_id, std::int64_t unit_id);
    Status unassign_unit(const Session& by, std::int64_t user_id, std::int64_t unit_id);
    // The units on a user's caseload.
    Result<std::vector<std::int64_t>> caseload(std::int64_t user_id);
    // Whether the session's clinical permissions reach the unit (its role's scope).
    Result<bool> may_see_unit(const Session& session, std::int64_t unit_id);

  private:
    static Result<Session> refused_session();
    Status audit(const std::string& action, std::int64_t user_id, const std::string& actor,
                 const std::string& detail);
    db::Connection& m_connection;
};

}  // namespace dyad::people
