// dyadctl's parsed command line, shared by its command files.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace dyad::cli {

struct Options {
    std::string data_dir;
    bool json = false;
    std::vector<std::string> words;  // Command words and their arguments, options removed.
    std::optional<std::string> name;
    std::optional<std::string> status;
    std::optional<std::int64_t> clients;  // demo --clients N
    std::optional<std::int64_t> units;    // demo --units K
    std::optional<std::int64_t> notes;    // demo --notes M
    int passphrase_fd = -1;               // --passphrase-fd N; -1: ask on the terminal.
    bool recovery = false;                // --recovery-key: unlock with the recovery key.
    bool plain = false;                   // init --plain: no encryption.
    bool development = false;             // init --development: plugins reset-schema allowed.
    bool yes = false;                     // plugins reset-schema --yes.
    bool encrypt = false;                 // demo --encrypt.
    bool people_only = false;             // demo --people-only: no history, no plugins' parts.
    bool fast_kdf = false;                // --fast-kdf: Argon2id at its floor, not calibrated.
    std::optional<std::string> user;      // --user NAME: sign in as (issue 15).
    std::optional<std::string> role;      // users add --role ROLE.
    std::optional<std::string> contact;   // units consent --contact yes|no.
    std::optional<std::string> share;     // units consent --share yes|no.
};

}  // namespace dyad::cli
