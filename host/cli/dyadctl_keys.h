// dyadctl's encryption commands and the unlocking every command of an encrypted practice does
// first (docs/encryption.md).
// Thread: main.
#pragma once

#include <functional>
#include <iosfwd>
#include <optional>
#include <string>

#include "crypto/practice_keys.h"
#include "options.h"
#include "secrets.h"

namespace dyad::cli {

// The key of the practice at database when it is encrypted (keyring first, then the
// passphrase or, with --recovery-key, the recovery key), nullopt when it is plain or missing.
Result<std::optional<crypto::PracticeKey>> unlock_practice(const Options& options,
                                                           SecretInput& input,
                                                           const std::string& database);

// Asks for a new passphrase (twice on a terminal), makes the keys, shows the recovery key on
// out once and, on a terminal, asks for it back.
Result<crypto::NewPracticeKeys> new_practice_keys(const Options& options, SecretInput& input,
                                                  std::ostream& out);

// Asks a passphrase on input, twice on a terminal; checked with passphrase_problem().
Result<std::string> ask_new_passphrase(SecretInput& input, const std::string& what);

crypto::Argon2Limits kdf_limits(const Options& options);

// db encrypt | passphrase | rotate-key | remember | forget. Exit code like run(). `unlocked`
// gives the practice's key (asked once per run).
int command_db_keys(const Options& options, std::ostream& out, std::ostream& err,
                    const std::function<Result<const crypto::PracticeKey*>()>& unlocked);

}  // namespace dyad::cli
