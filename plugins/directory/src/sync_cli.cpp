// The sync half of `dyadctl directory`: targets, connect, diff, push, outbox, mark-updated.
#include <json_out.h>
#include <text_lists.h>
#include <time_text.h>

#include <iostream>

#include "cli.h"

namespace dyad::directory {
namespace {

using dyad::datafile::json_array;
using dyad::datafile::json_object;
using dyad::datafile::json_text;
using dyad::datafile::now_utc;
using dyad::sdk::CliOutput;

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
    auto fields = json_array();
    for (const auto& row : plan.fields) {
        auto field = json_object();
        field->set("field", row.field);
        field->set("label", row.label);
        field->set("change", std::string(change_name(row.change)));
        field->set("local", row.local);
        field->set("published", row.published);
        field->set("remote", row.remote);
        fields->add(field);
    }
    auto answer = json_object();
    answer->set("target", plan.target);
    answer->set("remote_etag", plan.remote_etag);
    answer->set("profile_version", plan.profile_version);
    answer->set("fields", fields);
    return json_text(answer);
}

std::string report_json(const PushReport& report) {
    auto messages = json_array();
    for (const auto& message : report.messages) {
        messages->add(message);
    }
    auto answer = json_object();
    answer->set("sent", report.sent);
    answer->set("conflicts", report.conflicts);
    answer->set("failed", report.failed);
    answer->set("retrying", report.retrying);
    answer->set("messages", messages);
    return json_text(answer);
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
    std::string text;
    auto list = json_array();
    for (const Drift& row : *rows) {
        auto stale = json_array();
        for (const auto& label : row.stale) {
            stale->add(label);
        }
        auto target = json_object();
        target->set("id", row.target);
        target->set("name", row.name);
        target->set("transport", row.transport);
        target->set("synced_at", row.synced_at);
        target->set("status", row.status());
        target->set("stale", stale);
        target->set("queued", row.queued);
        target->set("conflicts", row.conflicts);
        list->add(target);
        text += row.target + "\t" + row.transport + "\t" + row.name + "\t" + row.status() + "\n";
    }
    output.out(args.flag("--json") ? json_text(list) : text);
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
    std::string text;
    auto list = json_array();
    for (const OutboxItem& item : *items) {
        auto row = json_object();
        row->set("id", item.id);
        row->set("target", item.target);
        row->set("state", item.state);
        row->set("attempts", item.attempts);
        row->set("next_try", item.next_try);
        row->set("result", item.result);
        row->set("fields", item.fields);
        list->add(row);
        text += std::to_string(item.id) + "\t" + item.target + "\t" + item.state + "\t" +
                std::to_string(item.attempts) + "\t" + item.result + "\n";
    }
    output.out(args.flag("--json") ? json_text(list) : text);
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
