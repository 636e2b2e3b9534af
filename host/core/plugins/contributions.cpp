#include "plugins/contributions.h"

#include <algorithm>

namespace dyad::plugins {

void Contributions::remove_plugin(const std::string& plugin_id) {
    auto owned = [&](const auto& item) { return item.plugin_id == plugin_id; };
    std::erase_if(panels, owned);
    std::erase_if(commands, owned);
    std::erase_if(settings_pages, owned);
    std::erase_if(cli_commands, owned);
}

}  // namespace dyad::plugins
