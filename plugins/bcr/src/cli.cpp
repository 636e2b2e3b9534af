#include "cli.h"

#include <clinical_access.h>
#include <json_out.h>

#include <map>
#include <tuple>

#include <cli_args.h>

#include "agreement_pdf.h"

namespace dyad::bcr {
namespace {

using dyad::datafile::json_array;
using dyad::datafile::json_object;
using dyad::datafile::json_text;
using dyad::sdk::CliOutput;

constexpr const char* kUsage =
    "bcr lint \"REQUEST TEXT\"\n"
    "  bcr list --unit ID [--json]\n"
    "  bcr new --unit ID --sender CLIENT --receiver CLIENT \"I don't like it when...\" "
    "[--theme T]\n"
    "  bcr desire ID \"DESIRE\"\n"
    "  bcr requests ID \"REQUEST 1\" \"REQUEST 2\" \"REQUEST 3\"\n"
    "  bcr grant ID --request 1|2|3 --start YYYY-MM-DD [--days N] [--check-days 0,3]\n"
    "  bcr checkin ID --outcome done|partly|not_done [--date YYYY-MM-DD] [--impact 1-5] "
    "[--note TEXT]\n"
    "  bcr renew|revise|retire ID\n"
    "  bcr due [--date YYYY-MM-DD]\n"
    "  bcr agreements --unit ID --out FILE.pdf\n"
    "  A TEXT may be '-' to read it from standard input, or the last one left out with "
    "--file FILE.";

using dyad::datafile::CliArgs;
using dyad::datafile::parse_cli_args;
using dyad::datafile::to_id;

int fail(const CliOutput& output, const std::string& message, int code = 1) {
    output.err("bcr: " + message + "\n");
    return code;
}

Poco::JSON::Object::Ptr frustration_json(const Frustration& f, const std::string& today) {
    auto row = json_object();
    row->set("id", f.id);
    row->set("sender", f.sender_id);
    row->set("receiver", f.receiver_id);
    row->set("state", std::string(to_string(f.state)));
    row->set("frustration", f.text);
    row->set("desire", f.desire);
    row->set("theme", f.theme);
    auto requests = json_array();
    for (const auto& request : f.requests) {
        requests->add(request.text);
    }
    row->set("requests", requests);
    if (const Gift* gift = f.current_gift(); gift != nullptr) {
        Adherence so_far = adherence(gift->commitment, gift->checkins, today);
        const Request* granted = f.granted_request();
        auto given = json_object();
        given->set("request", granted ? granted->text : std::string());
        given->set("start", gift->commitment.start);
        given->set("last_day", gift->commitment.last_day());
        given->set("active", gift->active);
        given->set("checkins", gift->checkins.size());
        given->set("due", so_far.due);
        given->set("adherence", so_far.rate());
        row->set("gift", given);
    }
    return row;
}

}  // namespace

const char* bcr_cli_usage() {
    return kUsage;
}

int run_bcr_cli(dyad::sdk::Host host, BcrStore& store, const SmartChecker* checker,
                const std::vector<std::string>& args, const CliOutput& output,
                const std::string& today) {
    CliArgs a = parse_cli_args(args);
    if (a.words.empty()) {
        return fail(output, std::string("usage: ") + kUsage, 2);
    }
    // A couple's words need not be on the command line: "-" is standard input, or --file FILE.
    for (auto [name, first, count] :
         {std::tuple{"new", 1u, 2u}, {"desire", 2u, 3u}, {"requests", 2u, 5u}, {"lint", 1u, 2u}}) {
        if (a.words[0] == name) {
            if (std::string error = dyad::datafile::resolve_text_words(a, first, count);
                !error.empty()) {
                return fail(output, error);
            }
        }
    }
    const std::string& command = a.words[0];
    // Everything but the SMART check of a sentence reads or changes a couple's requests.
    bool reads_only = command == "list" || command == "due" || command == "agreements";
    std::int64_t unit_involved = to_id(a.option("--unit"));
    if (unit_involved == 0 && a.words.size() > 1) {
        if (auto request = store.frustration(to_id(a.words[1]))) {  // A request's own unit.
            unit_involved = request->unit_id;
        }
    }
    if (std::string refusal =
            command == "lint" ? std::string()
                              : dyad::access::clinical_refusal(host, unit_involved, !reads_only);
        !refusal.empty()) {
        return fail(output, refusal);
    }
    std::int64_t id = a.words.size() > 1 ? to_id(a.words[1]) : 0;
    auto audit = [&](const char* action, std::int64_t record) {
        (void)host.core()->audit(host.raw(), action, "request", record);
    };
    auto done = [&](const std::expected<void, std::string>& outcome, const char* action) {
        if (!outcome) {
            return fail(output, outcome.error());
        }
        audit(action, id);
        return 0;
    };
    if (command == "lint" && a.words.size() == 2) {
        if (checker == nullptr) {
            return fail(output, "the SMART rules could not be read (see the log)");
        }
        auto findings = checker->check(a.words[1]);
        std::string text;
        for (const auto& finding : findings) {
            text += criterion_label(finding.criterion) + ": " + finding.reason + ". " +
                    finding.hint + "\n";
        }
        output.out(findings.empty() ? "passes: specific, measurable, attainable, time-limited, "
                                      "positive\n"
                                    : text);
        return findings.empty() ? 0 : 1;
    }
    if (command == "list") {
        std::int64_t unit = to_id(a.option("--unit"));
        if (unit == 0) {
            return fail(output, "give the couple with --unit ID", 2);
        }
        auto found = store.for_unit(unit);
        if (!found) {
            return fail(output, found.error());
        }
        audit("view", unit);
        bool json = a.flag("--json");
        std::string text;
        auto rows = json_array();
        for (const auto& f : *found) {
            rows->add(frustration_json(f, today));
            text += std::to_string(f.id) + "\t" + to_string(f.state) + "\t" + f.text + "\n";
        }
        output.out(json ? json_text(rows) : text);
        return 0;
    }
    if (command == "new" && a.words.size() == 2) {
        NewFrustration f;
        f.unit_id = to_id(a.option("--unit"));
        f.sender_id = to_id(a.option("--sender"));
        f.receiver_id = to_id(a.option("--receiver"));
        f.text = a.words[1];
        f.theme = a.option("--theme");
        auto created = store.create(f);
        if (!created) {
            return fail(output, created.error());
        }
        audit("create", *created);
        output.out(std::to_string(*created) + "\n");
        return 0;
    }
    if (command == "desire" && a.words.size() == 3) {
        return done(store.set_desire(id, a.words[2]), "update");
    }
    if (command == "requests" && a.words.size() == 5) {
        return done(store.set_requests(id, {RequestDraft{a.words[2]}, RequestDraft{a.words[3]},
                                            RequestDraft{a.words[4]}}),
                    "update");
    }
    if (command == "grant" && a.words.size() == 2) {
        Commitment commitment;
        commitment.start = a.option("--start").empty() ? today : a.option("--start");
        std::string number_error;
        commitment.days = dyad::datafile::int_option(a, "--days", 21, 1, 365, number_error);
        int request = dyad::datafile::int_option(a, "--request", 0, 1, 3, number_error);
        if (!number_error.empty()) {
            return fail(output, number_error, 2);
        }
        std::string days = a.option("--check-days");
        for (std::size_t at = 0; at < days.size();) {
            std::size_t comma = days.find(',', at);
            std::string part = days.substr(at, comma == std::string::npos ? comma : comma - at);
            bool weekday = part.size() == 1 && part[0] >= '0' && part[0] <= '6';
            commitment.check_days.push_back(weekday ? part[0] - '0' : -1);
            at = comma == std::string::npos ? days.size() : comma + 1;
        }
        auto granted = store.grant(id, request, commitment, today);
        if (!granted) {
            return fail(output, granted.error());
        }
        audit("update", id);
        return 0;
    }
    if (command == "checkin" && a.words.size() == 2) {
        auto outcome = outcome_from(a.option("--outcome"));
        if (!outcome) {
            return fail(output, outcome.error(), 2);
        }
        std::string number_error;
        CheckIn checkin{a.option("--date").empty() ? today : a.option("--date"), *outcome,
                        dyad::datafile::int_option(a, "--impact", 0, 1, 5, number_error)};
        if (!number_error.empty()) {
            return fail(output, "The felt impact is rated 1 to 5: " + number_error + ".");
        }
        return done(store.check_in(id, checkin, a.option("--note"), today), "update");
    }
    if (command == "renew" && a.words.size() == 2) {
        auto renewed = store.renew(id);
        if (!renewed) {
            return fail(output, renewed.error());
        }
        audit("update", id);
        return 0;
    }
    if (command == "revise" && a.words.size() == 2) {
        return done(store.revise(id), "update");
    }
    if (command == "retire" && a.words.size() == 2) {
        return done(store.retire(id), "update");
    }
    if (command == "due") {
        auto due = store.checkins_due(a.option("--date").empty() ? today : a.option("--date"));
        if (!due) {
            return fail(output, due.error());
        }
        output.out(std::to_string(*due) + "\n");
        return 0;
    }
    if (command == "agreements") {
        std::int64_t unit = to_id(a.option("--unit"));
        if (unit == 0 || a.option("--out").empty()) {
            return fail(output, "usage: bcr agreements --unit ID --out FILE.pdf", 2);
        }
        auto found = store.for_unit(unit);
        if (!found) {
            return fail(output, found.error());
        }
        std::map<std::int64_t, std::string> names;
        std::string couple;
        for (const auto& member : host.members(unit)) {
            names[member.client_id] = member.given_name;
        }
        for (const auto& [client, name] : names) {
            couple += (couple.empty() ? "" : " & ") + name;
        }
        auto pages = agreements_pdf(*found, names, couple, today, a.option("--out"));
        if (!pages) {
            return fail(output, pages.error());
        }
        (void)host.core()->record_export(host.raw(), "unit", unit, "bcr-agreements-pdf");
        output.out(std::to_string(*pages) + " page(s) written to " + a.option("--out") + "\n");
        return 0;
    }
    return fail(output, std::string("usage: ") + kUsage, 2);
}

}  // namespace dyad::bcr
