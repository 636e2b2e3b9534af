#include "dyadctl_plugins.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Stringifier.h>

#include <iostream>

#include "dyadctl_practice.h"
#include "plugins/abi.h"
#include "plugins/plugin_manager.h"
#include "plugins/schema_reset.h"

namespace dyad::cli {
namespace {

// plugins reset-schema ID [--yes]: on a development practice only (plugins/schema_reset.h);
// without --yes it lists what would be dropped and drops nothing. The plugins are not loaded,
// so none holds its tables; the next start applies its migrations afresh.
int reset_schema(const Options& options, const std::string& exe, std::ostream& out,
                 std::ostream& err) {
    const std::string& id = options.words[2];
    auto practice = open_practice(options, exe, false, CreatePractice::MustExist);
    if (!practice) {
        return report(err, practice.error());
    }
    if (!(*practice)->may(people::Permission::ManagePlugins)) {
        return report(err, Error{ErrorCode::Refused, "only an owner may reset a plugin's tables"});
    }
    if (!options.yes) {
        auto plan = plugins::plan_schema_reset((*practice)->connection(), id);
        if (!plan) {
            return report(err, plan.error());
        }
        out << "would drop " << plan->dropped.size() << " object(s) of " << id << " (prefix "
            << plan->prefix << "_) and forget its migrations:\n";
        for (const auto& object : plan->dropped) {
            out << "  " << object << "\n";
        }
        err << "dyadctl: nothing dropped; run again with --yes to drop them\n";
        return 1;
    }
    auto done = plugins::reset_plugin_schema((*practice)->connection(), (*practice)->records(), id,
                                             "dyadctl");
    if (!done) {
        return report(err, done.error());
    }
    out << "dropped " << done->dropped.size() << " object(s) of " << id
        << "; its migrations apply afresh when it next loads\n";
    return 0;
}

}  // namespace

int command_plugins(const Options& options, const std::string& exe, std::ostream& out,
                    std::ostream& err) {
    const auto& words = options.words;
    bool list = words.size() == 2 && words[1] == "list";
    bool toggle = words.size() == 3 && (words[1] == "enable" || words[1] == "disable");
    if (words.size() == 3 && words[1] == "reset-schema") {
        return reset_schema(options, exe, out, err);
    }
    if (!list && !toggle) {
        err << "usage: dyadctl plugins list [--json] | plugins enable ID | plugins disable ID | "
               "plugins reset-schema ID [--yes]\n";
        return 2;
    }
    auto practice = open_practice(options, exe, true, CreatePractice::MustExist, &err);
    if (!practice) {
        return report(err, practice.error());
    }
    auto& manager = (*practice)->plugins();
    if (toggle && !(*practice)->may(people::Permission::ManagePlugins)) {
        return report(err, Error{ErrorCode::Refused,
                                 "only an owner may enable or disable "
                                 "plugins"});
    }
    if (toggle) {
        auto done = manager.set_enabled(words[2], words[1] == "enable");
        if (!done) {
            return report(err, done.error());
        }
        out << words[1] << "d " << words[2] << " (takes effect when Dyad starts next)\n";
        for (const auto& plugin : manager.plugins()) {  // What the owner just trusted.
            if (words[1] == "enable" && plugin.id == words[2] &&
                plugin.source == plugins::PluginSource::User) {
                out << "trusted " << plugin.path << " (BLAKE2b-256 " << plugin.file_hash
                    << "), vendor " << plugin.vendor << ", version " << plugin.version << "\n";
                for (const auto& word : plugin.uses.value_or(std::vector<std::string>{"*"})) {
                    out << "  it "
                        << (word == "*" ? "declares nothing: every service is served"
                                        : plugins::use_description(word))
                        << "\n";
                }
            }
        }
        return 0;
    }
    if (options.json) {
        // Keys in the order a person reads them (the same order as before, which scripts grep).
        Poco::JSON::Array::Ptr rows = new Poco::JSON::Array;
        for (const auto& plugin : manager.plugins()) {
            Poco::JSON::Object::Ptr object = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
            object->set("id", plugin.id);
            object->set("name", plugin.name);
            object->set("version", plugin.version);
            object->set("vendor", plugin.vendor);
            object->set("sdk_version", plugin.sdk_version);
            object->set("source", std::string(plugins::to_string(plugin.source)));
            object->set("state", std::string(plugins::to_string(plugin.state)));
            object->set("reason", plugin.reason);
            object->set("path", plugin.path);
            object->set("file_hash", plugin.file_hash);
            if (plugin.uses) {
                Poco::JSON::Array::Ptr uses = new Poco::JSON::Array;
                for (const auto& word : *plugin.uses) {
                    uses->add(word);
                }
                object->set("uses", uses);
            } else {
                object->set("uses", Poco::Dynamic::Var());  // null: declares nothing.
            }
            rows->add(object);
        }
        Poco::JSON::Stringifier::stringify(rows, out);
        out << "\n";
        return 0;
    }
    for (const auto& plugin : manager.plugins()) {
        out << plugin.id << "\t" << plugin.version << "\tSDK " << plugin.sdk_version << "\t"
            << plugins::to_string(plugin.state);
        if (!plugin.reason.empty()) {
            out << "\t" << plugin.reason;
        }
        out << "\n";
    }
    return 0;
}

}  // namespace dyad::cli
