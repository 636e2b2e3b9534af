// How dyadctl reads passphrases and recovery keys: from a file descriptor the caller names
// (--passphrase-fd N: one line per question, in the order asked) or from the terminal with
// echo off. Never from the command line or an environment variable.
// Thread: main.
#pragma once

#include <string>

#include "util/error.h"

namespace dyad::cli {

class SecretInput {
  public:
    // fd >= 0: read lines from it; -1: ask on the controlling terminal.
    explicit SecretInput(int fd) : m_fd(fd) {}

    // One line without its line ending. The prompt goes to the terminal only. Fails when
    // there is no terminal and no descriptor ("give it with --passphrase-fd N"), at the end
    // of the descriptor's input, or for a line longer than 4096 bytes.
    Result<std::string> read(const std::string& prompt);
    // Whether a person is answering (the terminal), so a new secret may be asked twice.
    bool interactive() const { return m_fd < 0; }

  private:
    int m_fd;
};

// Wipes a string holding a secret (its bytes, then its length).
void wipe(std::string& secret);

}  // namespace dyad::cli
