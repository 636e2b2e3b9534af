#include "plugin_harness.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>

#include "crypto/practice_keys.h"
#include "plugins/plugin_context.h"
#include "plugins/plugin_manager.h"

namespace dyad::test {
namespace {

constexpr const char* kPassphrase = "the harness passphrase";

// DYAD_TEST_ENCRYPTED=1 (ctest's *_encrypted runs): every harness practice is encrypted with
// one key per process (hashed once, at the floor), to prove the plugins work unchanged
// through the encrypting VFS.
const crypto::NewPracticeKeys* encrypted_run_keys() {
    const char* flag = std::getenv("DYAD_TEST_ENCRYPTED");
    if (flag == nullptr || std::string(flag) != "1") {
        return nullptr;
    }
    static auto keys = crypto::make_practice_keys(kPassphrase, crypto::kArgon2Floor);
    if (!keys) {
        throw std::runtime_error(keys.error().message);
    }
    return &*keys;
}

}  // namespace

struct PluginHarness::Context {
    plugins::PluginContext plugin;
    plugins::Contributions contributions;
    std::vector<std::string> reserved;
    std::vector<std::string> folders;
};

PluginHarness::PluginHarness(const std::string& plugin_id, const dyad_schema_v1* schema)
    : PluginHarness(plugin_id, schema, std::string()) {}

PluginHarness::PluginHarness(const std::string& plugin_id, const dyad_schema_v1* schema,
                             const std::string& data_dir)
    : m_context(std::make_unique<Context>()) {
    std::string folder = data_dir.empty() ? m_dir.path() : data_dir;
    bool fresh = !std::filesystem::exists(practice_database_path(folder));
    PracticeOptions options;
    options.data_dir = folder;
    options.load_plugins = false;
    if (const auto* keys = encrypted_run_keys()) {
        std::filesystem::create_directories(folder);
        std::string key_file = crypto::key_file_path(practice_database_path(folder));
        if (fresh) {
            if (auto written = crypto::write_key_file(key_file, keys->file); !written) {
                throw std::runtime_error(written.error().message);
            }
        }
        if (std::filesystem::exists(key_file)) {
            options.key = &keys->key;
            // A practice encrypted elsewhere (bench: a converted copy) opens with the
            // harness's passphrase.
            auto files = crypto::inspect_practice(practice_database_path(folder));
            if (!fresh && files && files->salt != keys->key.salt) {
                auto unlocked =
                    crypto::unlock_with_passphrase(practice_database_path(folder), kPassphrase);
                if (!unlocked) {
                    throw std::runtime_error(unlocked.error().message);
                }
                m_key = std::make_shared<crypto::PracticeKey>(std::move(*unlocked));
                options.key = m_key.get();
            }
        }
    }
    auto practice = Practice::open(options, CreatePractice::IfMissing);
    if (!practice) {
        throw std::runtime_error(practice.error().message);
    }
    m_practice = std::move(*practice);
    if (fresh) {
        if (auto demo = create_demo_practice(m_practice->records()); !demo) {
            throw std::runtime_error(demo.error().message);
        }
    }
    auto& context = m_context->plugin;
    context.plugin_id = plugin_id;
    context.main = &m_practice->connection();
    context.records = &m_practice->records();
    context.events = &m_practice->events();
    context.contributions = &m_context->contributions;
    context.reserved_cli_names = &m_context->reserved;
    m_context->folders = {source_dir() + "/resources"};
    context.resource_folders = &m_context->folders;
    context.data_folder = folder;
    plugins::bind_host(context);
    if (schema != nullptr) {
        context.table_prefix = schema->table_prefix;
        auto migrated =
            plugins::apply_confined_migrations(m_practice->connection(), plugin_id, *schema);
        if (!migrated) {
            throw std::runtime_error(migrated.error().message);
        }
    }
    if (auto opened = plugins::open_plugin_database(context, m_practice->database_path(),
                                                    m_practice->vfs_name(), 50'000'000);
        !opened) {
        throw std::runtime_error(opened.error().message);
    }
}

PluginHarness::~PluginHarness() {
    m_context->plugin.database.reset();
    bool encrypted = m_practice && m_practice->key() != nullptr;
    std::string folder = m_practice ? m_practice->data_dir() : std::string();
    m_practice.reset();
    if (encrypted) {
        // What the plugin wrote went through the VFS: the practice's files hold no demo name.
        for (const auto& entry : std::filesystem::directory_iterator(folder)) {
            std::string name = entry.path().filename().string();
            if (name.rfind("practice.db", 0) != 0 || !entry.is_regular_file()) {
                continue;
            }
            std::ifstream in(entry.path(), std::ios::binary);
            std::string bytes((std::istreambuf_iterator<char>(in)), {});
            if (bytes.find("Ortiz") != std::string::npos) {
                std::fprintf(stderr, "FATAL: %s holds a client's name in clear\n", name.c_str());
                std::abort();
            }
        }
    }
}

const dyad_host* PluginHarness::host() const {
    return &m_context->plugin.host;
}

std::int64_t PluginHarness::unit(const std::string& display_name) {
    records::UnitQuery query;
    query.search = display_name;
    auto units = m_practice->records().units(query);
    if (!units || units->empty()) {
        throw std::runtime_error("no demo unit " + display_name);
    }
    return units->front().id;
}

}  // namespace dyad::test
