#include "plugin_harness.h"

#include <filesystem>
#include <stdexcept>

#include "plugins/plugin_context.h"
#include "plugins/plugin_manager.h"

namespace dyad::test {

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
    m_practice.reset();
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
