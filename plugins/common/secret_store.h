// Secrets a plugin must not keep in the database or a file (directory access tokens, the mail
// account's password), kept in the desktop keyring (libsecret: GNOME Keyring, KWallet's Secret
// Service) under a schema of the plugin's and one key per secret. Where no keyring service runs
// (a bare session, a server, CI), the safe fallback: a secret is kept in memory until Dyad
// closes, or read from the environment variable <env_prefix><KEY> (key upper case, '-' and '.'
// as '_') that the user set for that run; it is never written anywhere.
// Thread: main (libsecret's sync calls block until the keyring answers). No wx here.
#pragma once

#include <expected>
#include <map>
#include <string>

namespace dyad::secrets {

struct SecretKind {
    std::string schema;      // "org.dyad.Directory": the keyring's schema name.
    std::string attribute;   // "connection": the attribute the key is stored under.
    std::string label;       // "Dyad directory token": shown in the keyring manager.
    std::string env_prefix;  // "DYAD_DIRECTORY_TOKEN_".
};

class SecretStore {
  public:
    // Uses the keyring when one answers; `use_keyring` false forces the fallback (tests).
    SecretStore(SecretKind kind, bool use_keyring);
    SecretStore(const SecretStore&) = delete;
    SecretStore& operator=(const SecretStore&) = delete;

    // Where secrets go now: "the desktop keyring" or the fallback, in words for the therapist.
    // Asks the keyring once whether it answers.
    std::string where();
    bool keyring() const { return m_use_keyring && !m_keyring_failed; }

    std::expected<void, std::string> store(const std::string& key, const std::string& secret);
    // The secret, or "" when none is known.
    std::string lookup(const std::string& key);
    std::expected<void, std::string> forget(const std::string& key);
    // The environment variable the fallback reads for key.
    std::string variable(const std::string& key) const;

  private:
    void probe();

    SecretKind m_kind;
    bool m_use_keyring;
    bool m_probed = false;
    bool m_keyring_failed = false;
    std::string m_keyring_error;
    std::map<std::string, std::string> m_session;
};

}  // namespace dyad::secrets
