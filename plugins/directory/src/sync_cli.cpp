// The sync half of `dyadctl directory`: targets, connect, diff, push, outbox, mark-updated.
#include <text_lists.h>
#include <time_text.h>
#include <dyad/json.hpp>

#include <iostream>

#include "cli.h"

namespace dyad::directory {
namespace {

using dyad::datafile::now_utc;
using dyad::sdk::CliOutput;
using dyad::sdk::json_string;

int fail(const CliOutput& output, const std::string& message, int code = 1) {
    output.err("directory: " + message + "\n");
    return code;
}

std::string quoted(const std::string& text) {
    return text.empty() ? "(empty)" : "\"" + text + "\"";
}

std::string plan_text(const Target& target, const DiffPlan& plan) {
    std::string text = target.name + " (" + target.id +
                       "): " + std::to_string(plan.changes(Change::kOurs)) + " to send, " +
                       std::to_string(plan.changes(Change::kTheirs)) +
                       " changed on the directory, " +
                       std::to_string(plan.changes(Change::kConflict)) + " conflict(s)\n";
    for (const auto& row : plan.fields) {
        if (row.change == Change::kSame) {
            continue;
        }
        text += std::string(change_name(row.change)) + "\t" + row.label + " [" + row.field +
                "]\n  this profile:   " + quoted(row.local) +
                "\n  last published: " + quoted(row.published) +
                "\n  directory now:  " + quoted(row.remote) + "\n";
    }
    return text;
}

std::string plan_json(const DiffPlan& plan) {
    std::string text = "{\"target\":" + json_string(plan.target) +
                       ",\"remote_etag\":" + json_string(plan.remote_etag) +
                       ",\"profile_version\":" + std::to_string(plan.profile_version) +
                       ",\"fields\":[";
    for (std::size_t i = 0; i < plan.fields.size(); ++i) {
        const auto& row = plan.fields[i];
        text += std::string(i ? "," : "") + "{\"field\":" + json_string(row.field) +
                ",\"label\":" + json_string(row.label) + ",\"change\":\"" +
                change_name(row.change) + "\",\"local\":" + json_string(row.local) +
                ",\"published\":" + json_string(row.published) +
                ",\"remote\":" + json_string(row.remote) + "}";
    }
    return text + "]}\n";
}

std::string report_json(const PushReport& report) {
    std::string text = "{\"sent\":" + std::to_string(report.sent) +
                       ",\"conflicts\":" + std::to_string(report.conflicts) +
                       ",\"failed\":" + std::to_string(report.failed) +
                       ",\"retrying\":" + std::to_string(report.retrying) + ",\"messages\":[";
    for (std::size_t i = 0; i < report.messages.size(); ++i) {
        text += std::string(i ? "," : "") + json_string(report.messages[i]);
    }
    return text + "]}\n";
}

// The dry run of an API target (the directory is read) or an assisted one (no remote).
std::expected<DiffPlan, std::string> dry_run(DirectoryServices& services, const Target& target) {
    std::optional<Remote> remote;
    if (target.api()) {
        auto read = services.remote_read(target);
        if (!read) {
            return std::unexpected(read.error());
        }
        auto answer = (*read)();
        if (!answer) {
            return std::unexpected(answer.error());
        }
        remote = *answer;
    }
    return make_plan(services.profiles, services.sync, target, remote);
}

int targets_command(DirectoryServices& services, const CliArgs& args, const CliOutput& output) {
    auto targets = services.targets();
    auto rows = drift(services.profiles, services.sync, services.outbox, targets);
    if (!rows) {
        return fail(output, rows.error());
    }
    std::string text = args.flag("--json") ? "[" : "";
    for (std::size_t i = 0; i < rows->size(); ++i) {
        const Drift& row = (*rows)[i];
        if (args.flag("--json")) {
            std::string stale;
            for (const auto& label : row.stale) {
                stale += (stale.empty() ? "" : ",") + json_string(label);
            }
            text += std::string(i ? "," : "") + "{\"id\":" + json_string(row.target) +
                    ",\"name\":" + json_string(row.name) + ",\"transport\":\"" + row.transport +
                    "\",\"synced_at\":" + json_string(row.synced_at) +
                    ",\"status\":" + json_string(row.status()) + ",\"stale\":[" + stale +
                    "],\"queued\":" + std::to_string(row.queued) +
                    ",\"conflicts\":" + std::to_string(row.conflicts) + "}";
        } else {
            text +=
                row.target + "\t" + row.transport + "\t" + row.name + "\t" + row.status() + "\n";
        }
    }
    output.out(args.flag("--json") ? text + "]\n" : text);
    for (const auto& problem : services.adapters.problems) {
        output.err("directory: refused: " + problem + "\n");
    }
    return 0;
}

int connect_command(DirectoryServices& services, const CliArgs& args, const CliOutput& output) {
    Connection connection;
    connection.id = args.words[1];
    connection.adapter = args.option("--adapter", "open-directory");
    connection.name = args.option("--name", connection.id);
    connection.base_url = args.option("--url");
    try {
        connection.per_minute = std::stoi(args.option("--per-minute", "30"));
    } catch (const std::exception&) {
        return fail(output, "--per-minute takes a whole number", 2);
    }
    const Adapter* adapter = services.adapters.find(connection.adapter);
    if (adapter == nullptr || adapter->transport != "api") {
        return fail(output, "\"" + connection.adapter + "\" is not an installed API adapter");
    }
    if (auto saved = services.sync.save_connection(connection); !saved) {
        return fail(output, saved.error());
    }
    std::string where = "no token given";
    if (args.flag("--token-stdin")) {
        std::string token;
        std::getline(std::cin, token);
        if (token.empty()) {
            return fail(output, "no token on standard input");
        }
        (void)services.credentials.store(connection.id, token);
        where = "the token is kept in " + services.credentials.where();
    }
    output.out("connected " + connection.id + " (" + connection.base_url + "); " + where + "\n");
    return 0;
}

int push_command(DirectoryServices& services, const CliArgs& args, const CliOutput& output) {
    std::string id = args.option("--target");
    if (!id.empty()) {
        auto targets = services.targets();
        const Target* target = find_target(targets, id);
        if (target == nullptr) {
            return fail(output, "no directory \"" + id + "\" (see `directory targets`)", 2);
        }
        auto plan = dry_run(services, *target);
        if (!plan) {
            return fail(output, plan.error());
        }
        std::map<std::string, Choice> choices;
        for (const auto& field : dyad::datafile::split_list(args.option("--mine"), ',')) {
            choices[field] = Choice::kOurs;
        }
        for (const auto& field : dyad::datafile::split_list(args.option("--theirs"), ',')) {
            choices[field] = Choice::kTheirs;
        }
        auto queued = queue_plan(services.outbox, *plan, choices);
        if (!queued) {
            if (!args.flag("--json")) {
                output.err(plan_text(*target, *plan));
            }
            return fail(output, queued.error());
        }
    }
    PushReport report = services.push_queued(services.push_options());
    if (args.flag("--json")) {
        output.out(report_json(report));
    } else {
        std::string text;
        for (const auto& message : report.messages) {
            text += message + "\n";
        }
        output.out(text.empty() ? "nothing is queued\n" : text);
    }
    return report.failed + report.conflicts > 0 ? 1 : 0;
}

int outbox_command(DirectoryServices& services, const CliArgs& args, const CliOutput& output) {
    auto items = services.outbox.all();
    if (!items) {
        return fail(output, items.error());
    }
    std::string text = args.flag("--json") ? "[" : "";
    for (std::size_t i = 0; i < items->size(); ++i) {
        const OutboxItem& item = (*items)[i];
        text += args.flag("--json")
                    ? std::string(i ? "," : "") + "{\"id\":" + std::to_string(item.id) +
                          ",\"target\":" + json_string(item.target) +
                          ",\"state\":" + json_string(item.state) +
                          ",\"attempts\":" + std::to_string(item.attempts) +
                          ",\"next_try\":" + json_string(item.next_try) +
                          ",\"result\":" + json_string(item.result) +
                          ",\"fields\":" + json_string(item.fields) + "}"
                    : std::to_string(item.id) + "\t" + item.target + "\t" + item.state + "\t" +
                          std::to_string(item.attempts) + "\t" + item.result + "\n";
    }
    output.out(args.flag("--json") ? text + "]\n" : text);
    return 0;
}

}  // namespace

int run_sync_cli(DirectoryServices& services, const CliArgs& args, const CliOutput& output) {
    const auto& words = args.words;
    if (words.size() == 1 && words[0] == "targets") {
        return targets_command(services, args, output);
    }
    if (words.size() == 2 && words[0] == "connect") {
        return connect_command(services, args, output);
    }
    if (words.size() == 2 && words[0] == "disconnect") {
        if (auto removed = services.sync.remove_connection(words[1]); !removed) {
            return fail(output, removed.error());
        }
        (void)services.credentials.forget(words[1]);
        output.out("disconnected " + words[1] + "; its token is forgotten\n");
        return 0;
    }
    if (words.size() == 1 && (words[0] == "diff" || words[0] == "mark-updated")) {
        auto targets = services.targets();
        const Target* target = find_target(targets, args.option("--target"));
        if (target == nullptr) {
            return fail(output, "give a target with --target ID (see `directory targets`)", 2);
        }
        if (words[0] == "mark-updated") {
            if (auto marked = mark_updated(services.profiles, services.sync, *target, now_utc());
                !marked) {
                return fail(output, marked.error());
            }
            (void)services.host.core()->audit(services.host.raw(), "update",
                                              ("listing-marked:" + target->id).c_str(), 0);
            output.out(target->name + " is marked as updated with the current profile\n");
            return 0;
        }
        auto plan = dry_run(services, *target);
        if (!plan) {
            return fail(output, plan.error());
        }
        output.out(args.flag("--json") ? plan_json(*plan) : plan_text(*target, *plan));
        return 0;
    }
    if (words.size() == 1 && words[0] == "push") {
        return push_command(services, args, output);
    }
    if (words.size() == 1 && words[0] == "outbox") {
        return outbox_command(services, args, output);
    }
    return -1;
}

}  // namespace dyad::directory
