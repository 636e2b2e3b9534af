#include "dyadctl_keys.h"

#include <chrono>
#include <iostream>

#include "crypto/conversion.h"
#include "practice.h"

namespace dyad::cli {
namespace {

int report(std::ostream& err, const Error& error) {
    err << "dyadctl: " << error.message << "\n";
    return 1;
}

void show_recovery_key(std::ostream& out, const std::string& text) {
    out << "Recovery key (shown this once; print it or write it down and keep it away from this "
           "computer; it opens the practice when the passphrase is lost):\n\n    "
        << text << "\n\n";
    out.flush();
}

}  // namespace

crypto::Argon2Limits kdf_limits(const Options& options) {
    return options.fast_kdf ? crypto::kArgon2Floor
                            : crypto::calibrate_argon2(std::chrono::milliseconds(500));
}

Result<std::string> ask_new_passphrase(SecretInput& input, const std::string& what) {
    auto first = input.read("New passphrase for " + what + ": ");
    if (!first) {
        return first;
    }
    if (std::string problem = crypto::passphrase_problem(*first); !problem.empty()) {
        wipe(*first);
        return fail(ErrorCode::Invalid, problem);
    }
    if (input.interactive()) {
        auto again = input.read("The same passphrase again: ");
        if (!again) {
            wipe(*first);
            return again;
        }
        bool same = *again == *first;
        wipe(*again);
        if (!same) {
            wipe(*first);
            return fail(ErrorCode::Invalid, "the two passphrases differ; nothing was changed");
        }
    }
    return first;
}

Result<crypto::NewPracticeKeys> new_practice_keys(const Options& options, SecretInput& input,
                                                  std::ostream& out) {
    auto passphrase = ask_new_passphrase(input, "the practice");
    if (!passphrase) {
        return std::unexpected(passphrase.error());
    }
    auto keys = crypto::make_practice_keys(*passphrase, kdf_limits(options));
    wipe(*passphrase);
    if (!keys) {
        return keys;
    }
    show_recovery_key(out, keys->recovery_text);
    if (input.interactive()) {
        auto typed = input.read("Type the recovery key back to show it is kept: ");
        if (!typed) {
            return std::unexpected(typed.error());
        }
        auto parsed = crypto::parse_recovery_key(*typed);
        auto expected = crypto::parse_recovery_key(keys->recovery_text);
        wipe(*typed);
        if (!parsed || !expected || !parsed->equals(*expected)) {
            return fail(ErrorCode::Invalid,
                        "that is not the recovery key shown; nothing was created or changed");
        }
    }
    return keys;
}

Result<std::optional<crypto::PracticeKey>> unlock_practice(const Options& options,
                                                           SecretInput& input,
                                                           const std::string& database) {
    auto files = crypto::inspect_practice(database);
    if (!files) {
        return std::unexpected(files.error());
    }
    if (files->protection != crypto::Protection::Encrypted) {
        return std::optional<crypto::PracticeKey>();
    }
    if (!options.recovery && options.passphrase_fd < 0) {
        if (auto remembered = crypto::unlock_with_keyring(database)) {
            return std::optional<crypto::PracticeKey>(std::move(*remembered));
        }
    }
    const int attempts = input.interactive() ? 3 : 1;
    Error last{ErrorCode::Refused, "wrong passphrase"};
    for (int attempt = 0; attempt < attempts; ++attempt) {
        auto secret = input.read(options.recovery
                                     ? "Recovery key: "
                                     : "Passphrase for the practice in " + options.data_dir + ": ");
        if (!secret) {
            return std::unexpected(secret.error());
        }
        auto key = options.recovery ? crypto::unlock_with_recovery_key(database, *secret)
                                    : crypto::unlock_with_passphrase(database, *secret);
        wipe(*secret);
        if (key) {
            return std::optional<crypto::PracticeKey>(std::move(*key));
        }
        last = key.error();
        if (last.code != ErrorCode::Refused && last.code != ErrorCode::Invalid) {
            break;
        }
        if (input.interactive() && attempt + 1 < attempts) {
            std::cerr << "dyadctl: " << last.message << "; try again\n";
        }
    }
    return std::unexpected(last);
}

int command_db_keys(const Options& options, std::ostream& out, std::ostream& err,
                    const std::function<Result<const crypto::PracticeKey*>()>& unlocked) {
    const auto& words = options.words;
    std::string database = practice_database_path(options.data_dir);
    SecretInput input(options.passphrase_fd);
    const std::string verb = words.size() == 2 ? words[1] : "";
    if (verb == "encrypt") {
        auto files = crypto::inspect_practice(database);
        if (!files) {
            return report(err, files.error());
        }
        if (files->protection != crypto::Protection::Plain) {
            return report(err, Error{ErrorCode::Invalid,
                                     files->protection == crypto::Protection::Encrypted
                                         ? "the practice is already encrypted"
                                         : "there is no practice in " + options.data_dir});
        }
        auto passphrase = ask_new_passphrase(input, "the practice");
        if (!passphrase) {
            return report(err, passphrase.error());
        }
        int shown = -1;
        auto converted = crypto::convert_to_encrypted(
            database, *passphrase, kdf_limits(options), [&](double fraction) {
                int percent = static_cast<int>(fraction * 100);
                if (percent / 10 != shown / 10) {
                    err << "dyadctl: encrypting... " << percent << "%\n";
                    shown = percent;
                }
                return true;
            });
        wipe(*passphrase);
        if (!converted) {
            return report(err, converted.error());
        }
        show_recovery_key(out, converted->recovery_text);
        out << "encrypted " << database << "; " << converted->note << "\n";
        err << "dyadctl: note: backups made before now are not encrypted; make a new backup "
               "and remove the old ones from <data>/backups and anywhere you copied them\n";
        return 0;
    }
    if (verb != "passphrase" && verb != "rotate-key" && verb != "remember" && verb != "forget") {
        err << "usage: dyadctl db encrypt | db passphrase | db rotate-key | db remember | db "
               "forget\n";
        return 2;
    }
    auto key = unlocked();
    if (!key) {
        return report(err, key.error());
    }
    if (*key == nullptr) {
        return report(err, Error{ErrorCode::Invalid,
                                 "the practice is not encrypted (encrypt it "
                                 "with dyadctl db encrypt)"});
    }
    if (verb == "passphrase") {
        auto passphrase = ask_new_passphrase(input, "the practice");
        if (!passphrase) {
            return report(err, passphrase.error());
        }
        auto changed = crypto::change_passphrase(database, **key, *passphrase, kdf_limits(options));
        wipe(*passphrase);
        if (!changed) {
            return report(err, changed.error());
        }
        out << "the passphrase was changed; backups made before keep opening with the old one "
               "(or the recovery key)\n";
        return 0;
    }
    if (verb == "rotate-key") {
        auto passphrase = ask_new_passphrase(input, "the practice after the key change");
        if (!passphrase) {
            return report(err, passphrase.error());
        }
        auto rotated = crypto::rotate_key(database, **key, *passphrase, kdf_limits(options));
        wipe(*passphrase);
        if (!rotated) {
            return report(err, rotated.error());
        }
        show_recovery_key(out, *rotated);
        out << "the practice was re-encrypted under a new key; the old recovery key no longer "
               "opens it, and \"remember on this computer\" must be set again\n";
        return 0;
    }
    if (verb == "remember") {
        auto remembered = crypto::remember_on_this_computer(database, **key);
        if (!remembered) {
            return report(err, remembered.error());
        }
        out << "this computer's keyring now opens the practice without the passphrase\n";
        return 0;
    }
    auto forgot = crypto::forget_on_this_computer(database, **key);
    if (!forgot) {
        return report(err, forgot.error());
    }
    out << "this computer no longer remembers the practice's key\n";
    return 0;
}

}  // namespace dyad::cli
