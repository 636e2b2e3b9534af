// Directory access tokens, kept in the desktop keyring (libsecret: GNOME Keyring, KWallet's
// Secret Service) under the connection's id, never in the database or a file. Where no keyring
// service runs (a bare session, a server, CI), the safe fallback: a token is kept in memory
// until Dyad closes, or read from the environment variable DYAD_DIRECTORY_TOKEN_<ID> (id upper
// case, '-' as '_') that the user set for that run; it is never written anywhere.
// Thread: main (libsecret's sync calls block until the keyring answers).
#pragma once

#include <expected>
#include <map>
#include <string>

namespace dyad::directory {

class Credentials {
  public:
    // Uses the keyring when one answers; `use_keyring` false forces the fallback (tests).
    explicit Credentials(bool use_keyring = true) : m_use_keyring(use_keyring) {}

    // Where tokens go now: "the desktop keyring" or the fallback, in words for the therapist.
    // Asks the keyring once whether it answers.
    std::string where();
    bool keyring() const { return m_use_keyring && !m_keyring_failed; }

    std::expected<void, std::string> store(const std::string& connection_id,
                                           const std::string& token);
    // The token, or "" when none is known.
    std::string lookup(const std::string& connection_id);
    std::expected<void, std::string> forget(const std::string& connection_id);

  private:
    void probe();

    bool m_use_keyring;
    bool m_probed = false;
    bool m_keyring_failed = false;
    std::string m_keyring_error;
    std::map<std::string, std::string> m_session;
};

// "DYAD_DIRECTORY_TOKEN_IMAGO_NETWORK" for "imago-network".
std::string token_variable(const std::string& connection_id);

}  // namespace dyad::directory
