#include "crypto/keyring.h"

#include <libsecret/secret.h>
#include <sodium.h>

#include <cstring>

namespace dyad::crypto {
namespace {

const SecretSchema* schema() {
    static const SecretSchema kSchema = {
        "org.dyad.PracticeKey",
        SECRET_SCHEMA_NONE,
        {{"key-id", SECRET_SCHEMA_ATTRIBUTE_STRING}, {nullptr, SECRET_SCHEMA_ATTRIBUTE_STRING}},
        0,
        nullptr,
        nullptr,
        nullptr,
        nullptr,
        nullptr,
        nullptr,
        nullptr};
    return &kSchema;
}

std::string hex(const unsigned char* bytes, std::size_t length) {
    std::string out(length * 2 + 1, '\0');
    sodium_bin2hex(out.data(), out.size(), bytes, length);
    out.resize(length * 2);
    return out;
}

Error keyring_error(GError* error, const std::string& what) {
    std::string detail = error != nullptr && error->message != nullptr ? error->message : "";
    if (error != nullptr) {
        g_error_free(error);
    }
    return Error{ErrorCode::Io, what + " (no desktop keyring answered" +
                                    (detail.empty() ? std::string() : ": " + detail) + ")"};
}

}  // namespace

Status keyring_store(const std::array<unsigned char, 16>& id, const SecretKey& kek,
                     const std::string& label) {
    std::string key_id = hex(id.data(), id.size());
    char secret[SecretKey::kSize * 2 + 1];
    sodium_bin2hex(secret, sizeof secret, kek.data(), SecretKey::kSize);
    GError* error = nullptr;
    gboolean stored =
        secret_password_store_sync(schema(), SECRET_COLLECTION_DEFAULT, label.c_str(), secret,
                                   nullptr, &error, "key-id", key_id.c_str(), nullptr);
    sodium_memzero(secret, sizeof secret);
    if (!stored) {
        return std::unexpected(keyring_error(error, "the key could not be remembered"));
    }
    return ok();
}

Result<SecretKey> keyring_lookup(const std::array<unsigned char, 16>& id) {
    std::string key_id = hex(id.data(), id.size());
    GError* error = nullptr;
    gchar* secret =
        secret_password_lookup_sync(schema(), nullptr, &error, "key-id", key_id.c_str(), nullptr);
    if (error != nullptr) {
        secret_password_free(secret);
        return std::unexpected(keyring_error(error, "the remembered key could not be read"));
    }
    if (secret == nullptr) {
        return fail(ErrorCode::NotFound,
                    show::marked("error", "the desktop keyring does not remember this practice"));
    }
    auto kek = SecretKey::allocate();
    std::size_t length = 0;
    bool decoded = kek &&
                   sodium_hex2bin(kek->data(), SecretKey::kSize, secret, std::strlen(secret),
                                  nullptr, &length, nullptr) == 0 &&
                   length == SecretKey::kSize;
    secret_password_free(secret);  // Wipes it.
    if (!decoded) {
        return fail(ErrorCode::Corrupt,
                    show::marked("error", "the keyring's entry for this practice is damaged"));
    }
    return kek;
}

Status keyring_forget(const std::array<unsigned char, 16>& id) {
    std::string key_id = hex(id.data(), id.size());
    GError* error = nullptr;
    secret_password_clear_sync(schema(), nullptr, &error, "key-id", key_id.c_str(), nullptr);
    if (error != nullptr) {
        return std::unexpected(keyring_error(error, "the keyring could not forget the key"));
    }
    return ok();
}

}  // namespace dyad::crypto
