// dyadctl's people commands (issue 15): signing in (--user NAME, the passphrase asked like the
// practice's), `users add|list`, and the permission each built-in command needs.
// Thread: main.
#pragma once

#include <iosfwd>

#include "options.h"
#include "people/users.h"
#include "practice.h"

namespace dyad::cli {

// Signs in to an open practice that has users (--user NAME; the passphrase on the terminal or
// the descriptor) and sets its session; a practice without users keeps its owner session.
// Then checks `needed` (when given).
Status sign_in(const Options& options, Practice& practice,
               std::optional<people::Permission> needed = std::nullopt);

// Refused "a Biller may not back up, ..." unless the signed-in role has the permission.
Status require(const Practice& practice, people::Permission needed);

// users add NAME --role ROLE | users list [--json] | users assign NAME UNIT_ID.
int command_users(const Options& options, Practice& practice, std::ostream& out, std::ostream& err);

}  // namespace dyad::cli
