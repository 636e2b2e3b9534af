// Reading SQL text a plugin supplies without trusting it, and putting names into the host's own
// SQL safely. Security-critical (docs/confinement.md): small on purpose.
//
// Thread: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace dyad::db {

// The names the text defines as a common table expression or a named window, in the order
// they appear: every `name [( ... )] AS [NOT] [MATERIALIZED] (` outside strings and comments,
// with quoted identifiers ("x", `x`, [x]) unquoted. Over-reports rather than misses: the
// confinement refuses a statement whose definitions use a name it trusts (a published view).
// Reading stops at a NUL byte, as sqlite3_prepare does.
std::vector<std::string> defined_names(std::string_view sql);

// True for [A-Za-z_][A-Za-z0-9_]* of at most 128 bytes: the only names the host puts into
// SQL text it builds.
bool is_plain_identifier(std::string_view name);

// The name as an SQLite quoted identifier ("a""b" for a"b). Use only after is_plain_identifier
// accepted the name (belt and braces).
std::string quote_identifier(std::string_view name);

// ASCII case-insensitive comparisons, the way SQLite compares names.
bool equals_nocase(std::string_view a, std::string_view b);
bool starts_with_nocase(std::string_view text, std::string_view prefix);

}  // namespace dyad::db
