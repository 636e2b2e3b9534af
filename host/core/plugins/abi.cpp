#include "plugins/abi.h"

#include <algorithm>
#include <array>
#include <regex>
#include <vector>

#include "dyad/sdk.h"
#include "dyad/show.hpp"

namespace dyad::plugins {

SdkVersion host_sdk_version() {
    return {DYAD_SDK_VERSION_MAJOR, DYAD_SDK_VERSION_MINOR};
}

std::string to_string(SdkVersion version) {
    return std::to_string(version.major) + "." + std::to_string(version.minor);
}

std::optional<Reason> check_sdk_version(SdkVersion plugin, SdkVersion host) {
    using dyad::show::marked;
    if (plugin.major == host.major && plugin.minor > host.minor) {
        return Reason(marked("plugin reason",
                             "built for SDK {plugin}, this Dyad provides {host} (update Dyad to "
                             "use it)"))
            .with("plugin", to_string(plugin))
            .with("host", to_string(host));
    }
    if (plugin.major != host.major) {
        return Reason(marked("plugin reason",
                             "built for SDK {plugin}, this Dyad provides {host} (ask its vendor "
                             "for a build for SDK {major}.x)"))
            .with("plugin", to_string(plugin))
            .with("host", to_string(host))
            .with("major", std::to_string(host.major));
    }
    return std::nullopt;
}

const std::vector<std::string_view>& known_uses() {
    static const std::vector<std::string_view> words = {DYAD_LOG_SERVICE,
                                                        DYAD_DB_SERVICE,
                                                        DYAD_CORE_SERVICE,
                                                        DYAD_EVENTS_SERVICE,
                                                        DYAD_UI_SERVICE,
                                                        DYAD_SETTINGS_SERVICE,
                                                        DYAD_CLI_SERVICE,
                                                        DYAD_PATHS_SERVICE,
                                                        DYAD_PEOPLE_SERVICE,
                                                        "core:clients:read",
                                                        "core:clients:write",
                                                        "core:units:read",
                                                        "core:units:write",
                                                        "core:appointments:read",
                                                        "core:appointments:write",
                                                        "network",
                                                        "files"};
    return words;
}

std::string use_description(std::string_view word) {
    // Words people read (Tools > Plugins); dyadctl, without a translation, prints English.
    static const std::pair<std::string_view, const char*> words[] = {
        {DYAD_LOG_SERVICE, dyad::show::marked("plugin use", "writes to Dyad's log")},
        {DYAD_DB_SERVICE,
         dyad::show::marked("plugin use", "keeps its own tables in the practice database")},
        {DYAD_CORE_SERVICE,
         dyad::show::marked("plugin use",
                            "uses the core records service (the core:* words say which)")},
        {DYAD_EVENTS_SERVICE, dyad::show::marked("plugin use", "is told when records change")},
        {DYAD_UI_SERVICE,
         dyad::show::marked("plugin use", "adds tabs, cards, windows and menu items")},
        {DYAD_SETTINGS_SERVICE, dyad::show::marked("plugin use", "keeps settings of its own")},
        {DYAD_CLI_SERVICE, dyad::show::marked("plugin use", "adds dyadctl commands")},
        {DYAD_PATHS_SERVICE,
         dyad::show::marked("plugin use",
                            "reads data files (templates, forms) from Dyad's data folders")},
        {DYAD_PEOPLE_SERVICE,
         dyad::show::marked("plugin use", "asks who is signed in and what their role may see")},
        {"core:clients:read",
         dyad::show::marked("plugin use", "reads client details (names, contact details)")},
        {"core:clients:write", dyad::show::marked("plugin use", "adds and changes clients")},
        {"core:units:read",
         dyad::show::marked("plugin use",
                            "reads couples, families and other client units and their members")},
        {"core:units:write",
         dyad::show::marked("plugin use", "adds client units and changes their status")},
        {"core:appointments:read", dyad::show::marked("plugin use", "reads the schedule")},
        {"core:appointments:write",
         dyad::show::marked("plugin use", "books and changes appointments")},
        {"network", dyad::show::marked(
                        "plugin use",
                        "talks to servers over the network (its promise: Dyad cannot check it)")},
        {"files",
         dyad::show::marked(
             "plugin use", "reads or writes files you choose (its promise: Dyad cannot check it)")},
    };
    for (const auto& [known, description] : words) {
        if (known == word) {
            return dyad::show::tr_in("plugin use", description);
        }
    }
    if (word.starts_with("plugin:")) {
        return dyad::show::fill(
            dyad::show::tr("uses what the plugin {plugin} offers other plugins"), "plugin",
            std::string(word.substr(7)));
    }
    return dyad::show::fill(dyad::show::tr("unknown: {word}"), "word", std::string(word));
}

std::vector<std::string> split_uses(std::string_view uses) {
    std::vector<std::string> words;
    std::size_t start = 0;
    while (start < uses.size()) {
        std::size_t end = uses.find_first_of(" \t\n", start);
        if (end == std::string_view::npos) {
            end = uses.size();
        }
        if (end > start) {
            words.emplace_back(uses.substr(start, end - start));
        }
        start = end + 1;
    }
    return words;
}

std::optional<Reason> check_uses(const std::vector<std::string>& words) {
    const auto& known = known_uses();
    for (const auto& word : words) {
        if (word.starts_with("plugin:") && is_valid_plugin_id(word.substr(7))) {
            continue;  // Another plugin's extensions.
        }
        if (std::find(known.begin(), known.end(), word) == known.end()) {
            return Reason(dyad::show::marked("plugin reason",
                                             "it declares it will use '{word}', which this Dyad "
                                             "does not know (see plugin.h for the words)"))
                .with("word", word.substr(0, 60));
        }
    }
    return std::nullopt;
}

std::string abi_component(const std::string& tag, const std::string& key) {
    std::size_t start = 0;
    while (start <= tag.size()) {
        std::size_t end = tag.find(';', start);
        std::string part =
            tag.substr(start, end == std::string::npos ? std::string::npos : end - start);
        if (part.size() > key.size() && part.compare(0, key.size(), key) == 0 &&
            part[key.size()] == '=') {
            return part.substr(key.size() + 1);
        }
        if (end == std::string::npos) {
            break;
        }
        start = end + 1;
    }
    return {};
}

std::string host_abi_tag(const std::string& host_wx) {
    std::string compiled = DYAD_ABI_TAG;  // wx=none: the core library does not use wx.
    return "compiler=" + abi_component(compiled, "compiler") +
           ";cxxabi=" + abi_component(compiled, "cxxabi") + ";wx=" + host_wx +
           ";stl=" + abi_component(compiled, "stl");
}

std::optional<Reason> check_abi_tag(const std::string& plugin_tag, const std::string& host_tag) {
    using dyad::show::marked;
    static const std::array<std::pair<const char*, const char*>, 4> components = {{
        {"compiler", marked("plugin reason", "compiler")},
        {"cxxabi", marked("plugin reason", "C++ library ABI")},
        {"wx", "wxWidgets"},
        {"stl", marked("plugin reason", "C++ library mode")},
    }};
    for (const auto& [key, label] : components) {
        std::string plugin_value = abi_component(plugin_tag, key);
        std::string host_value = abi_component(host_tag, key);
        if (plugin_value.empty()) {
            return Reason(marked("plugin reason",
                                 "its ABI tag '{tag}' is malformed (no {key} component)"))
                .with("tag", plugin_tag)
                .with("key", key);
        }
        if (plugin_value == "none" || host_value == "none" || plugin_value == host_value) {
            continue;
        }
        return Reason(marked("plugin reason",
                             "built with {component} {theirs}, this Dyad was built with {ours} "
                             "(rebuild the plugin against this Dyad's SDK)"))
            .word("component", label)
            .with("theirs", plugin_value)
            .with("ours", host_value);
    }
    return std::nullopt;
}

bool is_valid_plugin_id(const std::string& id) {
    static const std::regex pattern("^[a-z][a-z0-9]*(\\.[a-z0-9][a-z0-9_-]*)+$");
    return id.size() <= 100 && std::regex_match(id, pattern);
}

const std::vector<std::string_view>& reserved_prefix_words() {
    static const std::vector<std::string_view> words = {"dyad",   "core",   "host", "plugin",
                                                        "sqlite", "temp",   "main", "pragma",
                                                        "json",   "dbstat", "fts"};
    return words;
}

bool prefixes_overlap(std::string_view a, std::string_view b) {
    return a.starts_with(b) || b.starts_with(a);
}

std::optional<Reason> check_table_prefix(const std::string& prefix) {
    using dyad::show::marked;
    static const std::regex pattern("^[a-z][a-z0-9_]{0,30}$");
    if (!std::regex_match(prefix, pattern) || prefix.back() == '_') {
        return Reason(marked("plugin reason",
                             "its table prefix '{prefix}' must be lowercase letters, digits and "
                             "'_' starting with a letter"))
            .with("prefix", prefix);
    }
    for (std::string_view word : reserved_prefix_words()) {
        if (prefixes_overlap(prefix, word)) {
            return Reason(marked("plugin reason",
                                 "its table prefix '{prefix}' is, starts or begins the reserved "
                                 "word '{word}' (reserved for the host and SQLite)"))
                .with("prefix", prefix)
                .with("word", std::string(word));
        }
    }
    return std::nullopt;
}

}  // namespace dyad::plugins
