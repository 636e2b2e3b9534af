// The encrypting VFS of docs/encryption.md: a shim over SQLite's default VFS that encrypts
// every page of a database, its WAL and its rollback journal under one data key, and refuses
// temporary files. One EncryptedVfs per open key (and database salt), registered under its
// own name; open a connection with that name (Connection::open's vfs argument).
//
// Lifetime: the EncryptedVfs must outlive every connection opened through it (unregistering a
// VFS with open files is undefined in SQLite). Hold it in a shared_ptr beside the connections.
// Thread: SQLite calls it from whichever thread uses a connection; it keeps no shared mutable
// state besides the key, which is read-only after creation.
#pragma once

#include <memory>
#include <string>

#include "crypto/page_cipher.h"
#include "crypto/secret.h"
#include "util/error.h"

namespace dyad::crypto {

class EncryptedVfs {
  public:
    // Registers a VFS (not the default) that encrypts with subkey 1 of data_key and only opens
    // databases whose page 1 carries `salt` (a new, empty database gets it on its first write).
    static Result<std::shared_ptr<EncryptedVfs>> create(const SecretKey& data_key,
                                                        const Salt& salt);
    ~EncryptedVfs();
    EncryptedVfs(const EncryptedVfs&) = delete;
    EncryptedVfs& operator=(const EncryptedVfs&) = delete;

    // The registered name, for sqlite3_open_v2's zVfs.
    const std::string& name() const;
    const Salt& salt() const;

    struct State;

  private:
    explicit EncryptedVfs(std::unique_ptr<State> state);
    std::unique_ptr<State> m_state;
};

// A new random database salt.
Salt random_salt();

}  // namespace dyad::crypto
