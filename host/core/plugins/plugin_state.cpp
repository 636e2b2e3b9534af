// The plugin states the practice keeps (issue 15 and before): enabled or not by id, quarantine
// by file, and the trust an owner gave a user-folder file by its BLAKE2b-256 hash.
#include <sodium.h>

#include <filesystem>
#include <fstream>
#include <vector>

#include "plugins/plugin_context.h"
#include "plugins/plugin_manager.h"
#include "util/ids.h"
#include "util/log.h"

namespace dyad::plugins {

namespace {

// The text the one-row query `sql` (one parameter, the plugin's path) finds, if any.
std::optional<std::string> text_for_path(db::Connection& connection, const char* sql,
                                         const std::string& path) {
    auto statement = connection.prepare(sql);
    if (!statement) {
        return std::nullopt;
    }
    statement->bind(1, path);
    auto row = statement->step();
    if (row && *row) {
        return statement->text(0);
    }
    return std::nullopt;
}

}  // namespace

std::optional<Reason> PluginManager::quarantine_reason(const std::string& path) {
    auto stored = text_for_path(*m_environment.main,
                                "SELECT reason FROM host_plugin_quarantine WHERE path = ?", path);
    if (!stored) {
        return std::nullopt;
    }
    return quarantine_words(*stored);
}

// BLAKE2b-256 of the file, hex; "" when it cannot be read.
std::string file_hash(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return "";
    }
    crypto_generichash_state state;
    crypto_generichash_init(&state, nullptr, 0, 32);
    std::vector<char> buffer(1 << 16);
    while (in) {
        in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
        crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(buffer.data()),
                                  static_cast<unsigned long long>(in.gcount()));
    }
    unsigned char hash[32];
    crypto_generichash_final(&state, hash, sizeof hash);
    char text[65];
    sodium_bin2hex(text, sizeof text, hash, sizeof hash);
    return text;
}

Result<bool> PluginManager::enabled_state(const std::string& id, PluginSource source) {
    auto statement =
        m_environment.main->prepare("SELECT enabled FROM host_plugin_state WHERE plugin_id = ?");
    if (!statement) {
        return std::unexpected(statement.error());
    }
    statement->bind(1, id);
    auto row = statement->step();
    if (!row) {
        return std::unexpected(row.error());
    }
    if (*row) {
        return statement->int64(0) != 0;
    }
    // First sight: the installed folder is trusted, the user's folder starts disabled.
    bool enabled = source == PluginSource::Installed;
    auto insert = m_environment.main->prepare(
        "INSERT INTO host_plugin_state (plugin_id, enabled, updated_at) VALUES (?, ?, ?)");
    if (!insert) {
        return std::unexpected(insert.error());
    }
    insert->bind(1, id).bind(2, enabled ? 1 : 0).bind(3, now_utc_iso());
    DYAD_TRY(insert->run());
    return enabled;
}

Status PluginManager::set_enabled(const std::string& id_or_file, bool enabled,
                                  const std::string& expected_hash) {
    const PluginRecord* match = nullptr;
    for (const auto& record : m_records) {
        // A path names one file exactly (two files may claim one id).
        if (record.path == id_or_file) {
            match = &record;
            break;
        }
    }
    for (const auto& record : m_records) {
        if (match != nullptr) {
            break;
        }
        if (record.id == id_or_file ||
            std::filesystem::path(record.path).filename().string() == id_or_file ||
            record.path == id_or_file) {
            match = &record;
            break;
        }
    }
    if (match == nullptr) {
        return fail(ErrorCode::NotFound,
                    "no plugin '" + id_or_file + "' was found (see `dyadctl plugins list`)");
    }
    auto transaction = db::Transaction::begin(*m_environment.main);
    if (!transaction) {
        return std::unexpected(transaction.error());
    }
    auto statement = m_environment.main->prepare(
        "INSERT INTO host_plugin_state (plugin_id, enabled, updated_at) VALUES (?, ?, ?) "
        "ON CONFLICT (plugin_id) DO UPDATE SET enabled = excluded.enabled, "
        "updated_at = excluded.updated_at");
    if (!statement) {
        return std::unexpected(statement.error());
    }
    statement->bind(1, match->id).bind(2, enabled ? 1 : 0).bind(3, now_utc_iso());
    DYAD_TRY(statement->run());
    if (enabled && match->source == PluginSource::User) {
        std::string hash = file_hash(match->path);
        if (hash.empty()) {
            return fail(ErrorCode::Io, "cannot read " + match->path + " to trust it");
        }
        if (!expected_hash.empty() && hash != expected_hash) {
            return fail(ErrorCode::Conflict, match->path +
                                                 " changed after its facts were shown; nothing "
                                                 "was trusted (look at it again)");
        }
        DYAD_TRY(trust(match->path, hash));
    }
    if (enabled) {
        auto lift =
            m_environment.main->prepare("DELETE FROM host_plugin_quarantine WHERE path = ?");
        if (!lift) {
            return std::unexpected(lift.error());
        }
        lift->bind(1, match->path);
        DYAD_TRY(lift->run());
    }
    DYAD_TRY(transaction->commit());
    log_info(std::string(enabled ? "enabled " : "disabled ") + match->id);
    return ok();
}

std::optional<std::string> PluginManager::trusted_hash(const std::string& path) {
    return text_for_path(*m_environment.main,
                         "SELECT file_hash FROM host_plugin_trust WHERE path = ?", path);
}

Status PluginManager::trust(const std::string& path, const std::string& hash) {
    auto statement = m_environment.main->prepare(
        "INSERT INTO host_plugin_trust (path, file_hash, trusted_at, trusted_by) "
        "VALUES (?, ?, ?, ?) ON CONFLICT (path) DO UPDATE SET file_hash = excluded.file_hash, "
        "trusted_at = excluded.trusted_at, trusted_by = excluded.trusted_by");
    if (!statement) {
        return std::unexpected(statement.error());
    }
    std::string by = m_environment.records != nullptr && !m_environment.records->signed_in().empty()
                         ? m_environment.records->signed_in()
                         : "owner";
    statement->bind(1, path).bind(2, hash).bind(3, now_utc_iso()).bind(4, by);
    DYAD_TRY(statement->run());
    if (m_environment.records != nullptr) {
        DYAD_TRY(m_environment.records->record_event(
            "trust", "plugin", 0,
            std::filesystem::path(path).filename().string() + " blake2b " + hash, "user"));
    }
    return ok();
}

}  // namespace dyad::plugins
