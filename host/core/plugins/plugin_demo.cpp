#include "plugins/plugin_demo.h"

#include <ctime>

#include "util/log.h"

namespace dyad::plugins {

std::string local_today() {
    std::time_t now = std::time(nullptr);
    std::tm parts{};
    localtime_r(&now, &parts);
    char text[16];
    std::strftime(text, sizeof text, "%Y-%m-%d", &parts);
    return text;
}

DemoReport seed_plugin_demos(PluginManager& manager, const std::string& today,
                             const std::vector<std::int64_t>& units) {
    DemoReport report;
    dyad_demo_request request{};
    request.struct_size = sizeof request;
    request.today = today.c_str();
    request.unit_ids = units.data();
    request.unit_count = static_cast<std::uint32_t>(units.size());
    for (const DemoSeeder& seeder : manager.demo_seeders()) {
        std::string who = seeder.name + " (" + seeder.plugin_id + ")";
        if (seeder.table->struct_size < sizeof(dyad_demo_v1) || seeder.table->seed == nullptr) {
            report.problems.push_back(
                error_reason(show::marked("error", "{plugin} has an incomplete demo table"))
                    .with("plugin", who)
                    .shown());
            continue;
        }
        seeder.reported_error->clear();
        int result = seeder.table->seed(seeder.plugin, &request);
        std::string said = *seeder.reported_error;
        auto abandoned = manager.close_abandoned_transactions();
        if (result != DYAD_OK) {
            report.problems.push_back(
                said.empty()
                    ? error_reason(
                          show::marked("error",
                                       "{plugin} could not fill the demo: it gave no reason"))
                          .with("plugin", who)
                          .shown()
                    : error_reason(show::marked("error", "{plugin} could not fill the demo: {why}"))
                          .with("plugin", who)
                          .with("why", said)
                          .shown());
        } else if (!abandoned.empty()) {
            report.problems.push_back(
                error_reason(show::marked("error",
                                          "{plugin} left a transaction open while filling "
                                          "the demo; what it wrote was rolled back"))
                    .with("plugin", who)
                    .shown());
        } else {
            report.filled.push_back(seeder.name);
            continue;
        }
        // Only who: the plugin's reason is shown to the person, not logged (it may name a
        // client).
        log_warning(seeder.plugin_id + " could not fill its part of the demo");
    }
    return report;
}

}  // namespace dyad::plugins
