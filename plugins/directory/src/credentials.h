// Directory access tokens, kept in the desktop keyring under the connection's id, never in the
// database or a file; without a keyring service, in memory until Dyad closes or from
// DYAD_DIRECTORY_TOKEN_<ID> (id upper case, '-' as '_'). See secret_store.h.
// Thread: main.
#pragma once

#include <secret_store.h>

#include <string>

namespace dyad::directory {

class Credentials : public dyad::secrets::SecretStore {
  public:
    // Uses the keyring when one answers; `use_keyring` false forces the fallback (tests).
    explicit Credentials(bool use_keyring = true)
        : SecretStore(
              {"org.dyad.Directory", "connection", "Dyad directory token", "DYAD_DIRECTORY_TOKEN_"},
              use_keyring) {}
};

// "DYAD_DIRECTORY_TOKEN_IMAGO_NETWORK" for "imago-network".
inline std::string token_variable(const std::string& connection_id) {
    return Credentials(false).variable(connection_id);
}

}  // namespace dyad::directory
