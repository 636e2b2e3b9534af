#include "secret_store.h"

#include <libsecret/secret.h>

#include <cctype>
#include <cstdlib>
#include <dyad/show.hpp>

namespace dyad::secrets {
namespace {

// libsecret keeps a pointer to the schema: one per store, alive as long as it is.
SecretSchema schema_of(const std::string& name, const std::string& attribute) {
    SecretSchema schema{};
    schema.name = name.c_str();
    schema.flags = SECRET_SCHEMA_NONE;
    schema.attributes[0] = {attribute.c_str(), SECRET_SCHEMA_ATTRIBUTE_STRING};
    schema.attributes[1] = {nullptr, SECRET_SCHEMA_ATTRIBUTE_STRING};
    return schema;
}

// Takes the error's message and frees it.
std::string message_of(GError* error) {
    std::string text = error != nullptr && error->message != nullptr ? error->message : "";
    if (error != nullptr) {
        g_error_free(error);
    }
    return text;
}

}  // namespace

SecretStore::SecretStore(SecretKind kind, bool use_keyring)
    : m_kind(std::move(kind)), m_use_keyring(use_keyring) {}

std::string SecretStore::variable(const std::string& key) const {
    std::string name = m_kind.env_prefix;
    for (unsigned char c : key) {
        name += c == '-' || c == '.' ? '_' : static_cast<char>(std::toupper(c));
    }
    return name;
}

void SecretStore::probe() {
    if (m_probed || !keyring()) {
        return;
    }
    m_probed = true;
    SecretSchema schema = schema_of(m_kind.schema, m_kind.attribute);
    GError* error = nullptr;
    gchar* none = secret_password_lookup_sync(&schema, nullptr, &error, m_kind.attribute.c_str(),
                                              "dyad-keyring-probe", nullptr);
    secret_password_free(none);
    if (error != nullptr) {
        m_keyring_failed = true;
        m_keyring_error = message_of(error);
    }
}

std::string SecretStore::where() {
    probe();
    if (keyring()) {
        return dyad::show::tr("the desktop keyring");
    }
    // The keyring's own message stays as libsecret gave it.
    return m_keyring_error.empty()
               ? dyad::show::tr(
                     "memory until Dyad closes (no keyring service is running); it "
                     "is never written to the database or a file")
               : dyad::show::fill(dyad::show::tr("memory until Dyad closes (no keyring service "
                                                 "is running: {error}); it is never written to "
                                                 "the database or a file"),
                                  "error", m_keyring_error);
}

std::expected<void, std::string> SecretStore::store(const std::string& key,
                                                    const std::string& secret) {
    if (keyring()) {
        SecretSchema schema = schema_of(m_kind.schema, m_kind.attribute);
        GError* error = nullptr;
        std::string label = m_kind.label + " (" + key + ")";
        gboolean stored = secret_password_store_sync(
            &schema, SECRET_COLLECTION_DEFAULT, label.c_str(), secret.c_str(), nullptr, &error,
            m_kind.attribute.c_str(), key.c_str(), nullptr);
        if (stored) {
            m_session.erase(key);
            return {};
        }
        m_keyring_failed = true;
        m_keyring_error = message_of(error);
    }
    m_session[key] = secret;
    return {};
}

std::string SecretStore::lookup(const std::string& key) {
    if (auto found = m_session.find(key); found != m_session.end()) {
        return found->second;
    }
    if (keyring()) {
        SecretSchema schema = schema_of(m_kind.schema, m_kind.attribute);
        GError* error = nullptr;
        gchar* password = secret_password_lookup_sync(
            &schema, nullptr, &error, m_kind.attribute.c_str(), key.c_str(), nullptr);
        if (password != nullptr) {
            std::string secret = password;
            secret_password_free(password);
            return secret;
        }
        if (error != nullptr) {
            m_keyring_failed = true;
            m_keyring_error = message_of(error);
        }
    }
    const char* value = std::getenv(variable(key).c_str());
    return value != nullptr ? value : "";
}

std::expected<void, std::string> SecretStore::forget(const std::string& key) {
    m_session.erase(key);
    if (keyring()) {
        SecretSchema schema = schema_of(m_kind.schema, m_kind.attribute);
        GError* error = nullptr;
        secret_password_clear_sync(&schema, nullptr, &error, m_kind.attribute.c_str(), key.c_str(),
                                   nullptr);
        if (error != nullptr) {
            return std::unexpected("the keyring did not forget it: " + message_of(error));
        }
    }
    return {};
}

}  // namespace dyad::secrets
