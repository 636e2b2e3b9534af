#include "credentials.h"

#include <libsecret/secret.h>

#include <cctype>
#include <cstdlib>

namespace dyad::directory {
namespace {

const SecretSchema* schema() {
    static const SecretSchema kSchema = {
        "org.dyad.Directory",
        SECRET_SCHEMA_NONE,
        {{"connection", SECRET_SCHEMA_ATTRIBUTE_STRING}, {nullptr, SECRET_SCHEMA_ATTRIBUTE_STRING}},
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

// Takes the error's message and frees it.
std::string message_of(GError* error) {
    std::string text = error != nullptr && error->message != nullptr ? error->message : "";
    if (error != nullptr) {
        g_error_free(error);
    }
    return text;
}

}  // namespace

std::string token_variable(const std::string& connection_id) {
    std::string name = "DYAD_DIRECTORY_TOKEN_";
    for (unsigned char c : connection_id) {
        name += c == '-' ? '_' : static_cast<char>(std::toupper(c));
    }
    return name;
}

void Credentials::probe() {
    if (m_probed || !keyring()) {
        return;
    }
    m_probed = true;
    GError* error = nullptr;
    gchar* none = secret_password_lookup_sync(schema(), nullptr, &error, "connection",
                                              "dyad-keyring-probe", nullptr);
    secret_password_free(none);
    if (error != nullptr) {
        m_keyring_failed = true;
        m_keyring_error = message_of(error);
    }
}

std::string Credentials::where() {
    probe();
    if (keyring()) {
        return "the desktop keyring";
    }
    return "memory until Dyad closes (no keyring service is running" +
           (m_keyring_error.empty() ? std::string() : ": " + m_keyring_error) +
           "); it is never written to the database or a file";
}

std::expected<void, std::string> Credentials::store(const std::string& connection_id,
                                                    const std::string& token) {
    if (keyring()) {
        GError* error = nullptr;
        std::string label = "Dyad directory token (" + connection_id + ")";
        gboolean stored = secret_password_store_sync(schema(), SECRET_COLLECTION_DEFAULT,
                                                     label.c_str(), token.c_str(), nullptr, &error,
                                                     "connection", connection_id.c_str(), nullptr);
        if (stored) {
            return {};
        }
        m_keyring_failed = true;
        m_keyring_error = message_of(error);
    }
    m_session[connection_id] = token;
    return {};
}

std::string Credentials::lookup(const std::string& connection_id) {
    if (auto found = m_session.find(connection_id); found != m_session.end()) {
        return found->second;
    }
    if (keyring()) {
        GError* error = nullptr;
        gchar* password = secret_password_lookup_sync(schema(), nullptr, &error, "connection",
                                                      connection_id.c_str(), nullptr);
        if (password != nullptr) {
            std::string token = password;
            secret_password_free(password);
            return token;
        }
        if (error != nullptr) {
            m_keyring_failed = true;
            m_keyring_error = message_of(error);
        }
    }
    const char* variable = std::getenv(token_variable(connection_id).c_str());
    return variable != nullptr ? variable : "";
}

std::expected<void, std::string> Credentials::forget(const std::string& connection_id) {
    m_session.erase(connection_id);
    if (keyring()) {
        GError* error = nullptr;
        secret_password_clear_sync(schema(), nullptr, &error, "connection", connection_id.c_str(),
                                   nullptr);
        if (error != nullptr) {
            return std::unexpected("the keyring did not forget the token: " + message_of(error));
        }
    }
    return {};
}

}  // namespace dyad::directory
