// "Remember on this computer" (docs/encryption.md, keyring slot): a random key-encryption key
// kept in the desktop keyring (the Secret Service, through libsecret) under the slot's id.
// Where no keyring answers (a bare session, a server, CI) every call fails with a message and
// Dyad asks for the passphrase instead; nothing is ever written to a file.
// Thread: main or a worker; libsecret's sync calls block until the keyring answers.
#pragma once

#include <array>
#include <string>

#include "crypto/secret.h"
#include "util/error.h"

namespace dyad::crypto {

// Stores kek under the id (hex in the attribute "key-id"); label names the practice folder.
Status keyring_store(const std::array<unsigned char, 16>& id, const SecretKey& kek,
                     const std::string& label);
// The KEK stored under id; NotFound when the keyring has none, Io when no keyring answers.
Result<SecretKey> keyring_lookup(const std::array<unsigned char, 16>& id);
Status keyring_forget(const std::array<unsigned char, 16>& id);

}  // namespace dyad::crypto
