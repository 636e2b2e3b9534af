#include "cli.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/UUIDGenerator.h>
#include <cli_args.h>
#include <clinical_access.h>
#include <data_files.h>
#include <text_lists.h>
#include <time_text.h>
#include <dyad/text.hpp>

#include <sstream>

#include "report.h"

namespace dyad::measures {
namespace {

using dyad::datafile::CliArgs;
using dyad::datafile::to_id;
using dyad::sdk::CliOutput;
using Poco::JSON::Array;
using Poco::JSON::Object;

constexpr const char* kUsage =
    "measures list [--json]\n"
    "  measures validate FILE\n"
    "  measures score INSTRUMENT ANSWER... [--json]   (answers in item order, - for a missing "
    "one)\n"
    "  measures cadence --unit ID [--instrument I (--every-sessions N | --every-days N) "
    "[--respondent CLIENT]]\n"
    "  measures cadence-remove CADENCE\n"
    "  measures due [--date YYYY-MM-DD] [--unit ID] [--json]\n"
    "  measures administer --unit ID --client CLIENT --instrument I [--appointment A] "
    "[--date YYYY-MM-DD]   (answers on standard input)\n"
    "  measures history --unit ID [--json]\n"
    "  measures void ADMINISTRATION   (the reason on standard input)\n"
    "  measures flags [--unit ID] [--json]\n"
    "  measures review FLAG   (a note on standard input, may be empty)\n"
    "  measures attest INSTRUMENT\n"
    "  measures report --unit ID --out FILE.pdf [--for couple]\n"
    "  measures export --unit ID --format fhir|csv --out FILE [--for couple]";

int fail(const CliOutput& output, const std::string& message, int code = 1) {
    output.err("measures: " + message + "\n");
    return code;
}

std::string stringify(const Poco::Dynamic::Var& value) {
    std::ostringstream out;
    if (value.type() == typeid(Object::Ptr)) {
        value.extract<Object::Ptr>()->stringify(out);
    } else {
        value.extract<Array::Ptr>()->stringify(out);
    }
    return out.str() + "\n";
}

// A whole number as an integer in JSON, anything else as a decimal.
Poco::Dynamic::Var json_number(double value) {
    if (value == static_cast<double>(static_cast<long long>(value))) {
        return static_cast<Poco::Int64>(value);
    }
    return value;
}

Object::Ptr score_json(const Score& score) {
    Object::Ptr json = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
    json->set("total", json_number(score.total));
    json->set("band", score.band);
    Object::Ptr subscales = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
    for (const auto& [key, value] : score.subscales) {
        subscales->set(key, json_number(value));
    }
    json->set("subscales", subscales);
    if (score.cutoff) {
        json->set("cutoff", json_number(*score.cutoff));
        json->set("distressed", score.distressed);
    }
    json->set("missing", score.missing);
    json->set("prorated", score.prorated);
    Array::Ptr flags = new Array;
    for (const auto& flag : score.flags) {
        flags->add(flag);
    }
    json->set("flags", flags);
    json->set("scoring_version", score.scoring_version);
    return json;
}

std::string score_text(const Score& score) {
    std::string text = "total " + number_text(score.total);
    if (!score.band.empty()) {
        text += " (" + score.band + ")";
    }
    if (score.prorated) {
        text += ", prorated for " + std::to_string(score.missing) + " missing";
    }
    if (score.cutoff) {
        text += score.distressed ? ", beyond the cut-off " : ", within the cut-off ";
        text += number_text(*score.cutoff);
    }
    text += "\n";
    for (const auto& [key, value] : score.subscales) {
        text += "  " + key + " " + number_text(value) + "\n";
    }
    for (const auto& flag : score.flags) {
        text += "  FLAG " + flag + "\n";
    }
    return text;
}

// Free text about a client (a reason, a note) comes on standard input, never the command line;
// at most 64 KiB, trailing line breaks dropped.
std::string read_text(std::istream& in) {
    std::string text, line;
    while (text.size() < 64 * 1024 && std::getline(in, line)) {
        text += (text.empty() ? "" : "\n") + line;
    }
    return text.substr(0, 64 * 1024);
}

int validate(const CliArgs& a, const CliOutput& output) {
    if (a.words.size() != 2) {
        return fail(output, "usage: measures validate FILE", 2);
    }
    std::string error;
    std::string text =
        dyad::datafile::read_user_file(a.words[1], dyad::datafile::kMaxDataFileBytes, error);
    if (!error.empty()) {
        return fail(output, error);
    }
    InstrumentCheck checked = check_instrument(text, a.words[1]);
    for (const auto& problem : checked.problems) {
        output.out(problem + "\n");
    }
    if (!checked.ok()) {
        return 1;
    }
    output.out(a.words[1] + ": valid (" + checked.instrument.id + ", " +
               std::to_string(checked.instrument.items.size()) + " items, totals " +
               number_text(checked.instrument.min_total()) + " to " +
               number_text(checked.instrument.max_total()) + ")\n");
    return 0;
}

int list(MeasuresStore& store, const CliArgs& a, const CliOutput& output) {
    Array::Ptr json = new Array;
    std::string text;
    for (const auto& instrument : store.library().instruments) {
        auto usable = store.usable(instrument.id);
        std::string state = usable ? "ready" : usable.error();
        Object::Ptr row = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
        row->set("id", instrument.id);
        row->set("title", instrument.title);
        row->set("licence_class",
                 std::string(instrument.bring_your_own ? "bring_your_own" : "bundled"));
        row->set("items", static_cast<int>(instrument.items.size()));
        row->set("ready", usable.has_value());
        json->add(row);
        text += instrument.id + "\t" + instrument.title + "\t" + state + "\n";
    }
    for (const auto& problem : store.library().problems) {
        output.err("measures: refused: " + problem + "\n");
    }
    output.out(a.flag("--json") ? stringify(json) : text);
    return 0;
}

int score_command(MeasuresStore& store, const CliArgs& a, const CliOutput& output) {
    if (a.words.size() < 2) {
        return fail(output, "usage: measures score INSTRUMENT ANSWER...", 2);
    }
    const Instrument* instrument = store.library().find(a.words[1]);
    if (instrument == nullptr) {
        return fail(output, "no instrument \"" + a.words[1] + "\" (see measures list)");
    }
    auto answers = parse_answers({a.words.begin() + 2, a.words.end()});
    if (!answers) {
        return fail(output, answers.error());
    }
    // Trailing unscored items (PHQ-9's difficulty question) may be left off.
    while (answers->size() < instrument->items.size() &&
           !instrument->items[answers->size()].scored) {
        answers->emplace_back();
    }
    auto scored = score(*instrument, *answers);
    if (!scored) {
        return fail(output, scored.error());
    }
    output.out(a.flag("--json") ? stringify(score_json(*scored)) : score_text(*scored));
    return 0;
}

Object::Ptr administration_json(const Administration& a) {
    Object::Ptr row = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
    row->set("id", a.id);
    row->set("date", a.date);
    row->set("client", a.client_id);
    row->set("instrument", a.instrument_id);
    row->set("appointment", a.appointment_id);
    row->set("score", score_json(a.score));
    row->set("mode", a.mode);
    return row;
}

ReportInput report_input(dyad::sdk::Host host, MeasuresStore& store, std::int64_t unit,
                         bool clinician, std::string& error) {
    ReportInput input;
    auto history = store.history(unit);
    if (!history) {
        error = history.error();
        return input;
    }
    input.history = std::move(*history);
    host.core()->get_unit(
        host.raw(), unit,
        [](void* user, const dyad_unit_info* info) {
            *static_cast<std::string*>(user) = info->display_name;
        },
        &input.unit_name);
    for (const auto& member : host.members(unit)) {
        input.names[member.client_id] = member.full_name();
    }
    input.on_track_by = std::max(2, std::atoi(host.setting("measures.on_track_by", "4").c_str()));
    input.clinician = clinician;
    return input;
}

std::string random_uuid() {
    return Poco::UUIDGenerator::defaultGenerator().createRandom().toString();
}

int unit_files(dyad::sdk::Host host, MeasuresStore& store, const std::string& command,
               const CliArgs& a, const CliOutput& output, const std::string& today) {
    std::int64_t unit = to_id(a.option("--unit"));
    std::string out = a.option("--out");
    std::string audience = a.option("--for", "clinician");
    std::string format = command == "report" ? "pdf" : a.option("--format");
    if (unit == 0 || out.empty() || (audience != "clinician" && audience != "couple") ||
        (format != "pdf" && format != "fhir" && format != "csv")) {
        return fail(output, std::string("usage: ") + kUsage, 2);
    }
    std::string error;
    ReportInput input = report_input(host, store, unit, audience == "clinician", error);
    if (!error.empty()) {
        return fail(output, error);
    }
    if (format == "pdf") {
        auto pages = measures_pdf(store.library(), input, out, today);
        if (!pages) {
            return fail(output, pages.error());
        }
        output.out(std::to_string(*pages) + " page(s) written to " + out + "\n");
    } else {
        std::string text = format == "csv" ? measures_csv(store.library(), input)
                                           : measures_fhir(store.library(), input,
                                                           dyad::datafile::now_utc(), random_uuid);
        if (auto written = dyad::datafile::write_file_atomically(out, text); !written.empty()) {
            return fail(output, written);
        }
        output.out(std::to_string(input.history.size()) + " administration(s) written to " + out +
                   "\n");
    }
    (void)host.core()->record_export(host.raw(), "unit", unit,
                                     ("measures-" + format + "-" + audience).c_str());
    return 0;
}

int administer(MeasuresStore& store, const CliArgs& a, const CliOutput& output,
               const std::string& today, std::istream& in) {
    NewAdministration request;
    request.unit_id = to_id(a.option("--unit"));
    request.client_id = to_id(a.option("--client"));
    request.instrument_id = a.option("--instrument");
    request.appointment_id = to_id(a.option("--appointment"));
    request.date = a.option("--date", today);
    if (request.unit_id == 0 || request.client_id == 0 || request.instrument_id.empty() ||
        a.words.size() != 1) {
        return fail(output,
                    "usage: measures administer --unit ID --client CLIENT --instrument I "
                    "[--appointment A] [--date D], the answers on standard input",
                    2);
    }
    std::string line, all;
    while (all.size() < 64 * 1024 && std::getline(in, line)) {
        all += line + " ";
    }
    std::vector<std::string> words;
    std::istringstream split(all);
    for (std::string word; split >> word;) {
        words.push_back(word);
    }
    auto answers = parse_answers(words);
    if (!answers) {
        return fail(output, answers.error());
    }
    request.answers = std::move(*answers);
    if (const Instrument* instrument = store.library().find(request.instrument_id)) {
        while (request.answers.size() < instrument->items.size() &&
               !instrument->items[request.answers.size()].scored) {
            request.answers.emplace_back();
        }
    }
    auto saved = store.administer(request, today);
    if (!saved) {
        return fail(output, saved.error());
    }
    output.out(std::to_string(saved->id) + "\t" + score_text(saved->score));
    return 0;
}

}  // namespace

const char* measures_cli_usage() {
    return kUsage;
}

int run_measures_cli(dyad::sdk::Host host, MeasuresStore& store,
                     const std::vector<std::string>& args, const CliOutput& output,
                     const std::string& today, std::istream& in) {
    CliArgs a = dyad::datafile::parse_cli_args(args);
    std::string command = a.words.empty() ? "" : a.words[0];
    if (command == "validate") {
        return validate(a, output);
    }
    if (command == "score") {
        return score_command(store, a, output);
    }
    if (command == "list") {
        return list(store, a, output);
    }
    bool writes = command == "cadence"
                      ? !a.option("--instrument").empty()
                      : command != "due" && command != "history" && command != "flags" &&
                            command != "report" && command != "export";
    std::int64_t unit = to_id(a.option("--unit"));
    if (auto refusal = dyad::access::clinical_refusal(host, unit, writes); !refusal.empty()) {
        return fail(output, refusal);
    }
    if (command == "attest" && a.words.size() == 2) {
        auto done = store.attest(a.words[1]);
        return done ? 0 : fail(output, done.error());
    }
    if (command == "cadence" && unit != 0) {
        if (!a.option("--instrument").empty()) {
            std::string error;
            Cadence cadence{0,
                            unit,
                            a.option("--instrument"),
                            to_id(a.option("--respondent")),
                            dyad::datafile::int_option(a, "--every-sessions", 0, 1, 52, error),
                            dyad::datafile::int_option(a, "--every-days", 0, 1, 366, error)};
            if (!error.empty()) {
                return fail(output, error);
            }
            auto saved = store.set_cadence(cadence);
            if (!saved) {
                return fail(output, saved.error());
            }
        }
        auto rules = store.cadences(unit);
        if (!rules) {
            return fail(output, rules.error());
        }
        for (const auto& rule : *rules) {
            output.out(std::to_string(rule.id) + "\t" + rule.instrument_id + "\t" +
                       (rule.respondent_id ? "client " + std::to_string(rule.respondent_id)
                                           : std::string("each member")) +
                       "\t" +
                       (rule.every_sessions
                            ? "every " + std::to_string(rule.every_sessions) + " session(s)"
                            : "every " + std::to_string(rule.every_days) + " day(s)") +
                       "\n");
        }
        return 0;
    }
    if (command == "cadence-remove" && a.words.size() == 2) {
        auto done = store.remove_cadence(to_id(a.words[1]));
        return done ? 0 : fail(output, done.error());
    }
    if (command == "due") {
        auto due = store.due(a.option("--date", today), unit);
        if (!due) {
            return fail(output, due.error());
        }
        Array::Ptr json = new Array;
        std::string text;
        for (const auto& d : *due) {
            Object::Ptr row = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
            row->set("unit", d.unit_id);
            row->set("appointment", d.appointment_id);
            row->set("starts_at", d.starts_at);
            row->set("session", d.session_number);
            row->set("client", d.client_id);
            row->set("instrument", d.instrument_id);
            json->add(row);
            text += std::to_string(d.unit_id) + "\t" + std::to_string(d.appointment_id) + "\t" +
                    d.starts_at + "\tsession " + std::to_string(d.session_number) + "\tclient " +
                    std::to_string(d.client_id) + "\t" + d.instrument_id + "\n";
        }
        output.out(a.flag("--json") ? stringify(json) : text);
        return 0;
    }
    if (command == "administer") {
        return administer(store, a, output, today, in);
    }
    if (command == "history" && unit != 0) {
        auto history = store.history(unit, true);
        if (!history) {
            return fail(output, history.error());
        }
        Array::Ptr json = new Array;
        std::string text;
        for (const auto& entry : *history) {
            Object::Ptr row = administration_json(entry);
            row->set("voided", entry.voided);
            json->add(row);
            text += std::to_string(entry.id) + "\t" + entry.date + "\tclient " +
                    std::to_string(entry.client_id) + "\t" + entry.instrument_id + "\t" +
                    (entry.voided ? "voided" : number_text(entry.score.total)) + "\t" +
                    entry.score.band + "\n";
        }
        output.out(a.flag("--json") ? stringify(json) : text);
        return 0;
    }
    if (command == "void" && a.words.size() == 2) {
        std::string reason = read_text(in);
        if (auto problem = dyad::sdk::text_problem(reason, "the reason"); !problem.empty()) {
            return fail(output, problem);
        }
        auto done = store.void_administration(to_id(a.words[1]), reason);
        return done ? 0 : fail(output, done.error());
    }
    if (command == "flags") {
        auto flags = store.open_flags(unit);
        if (!flags) {
            return fail(output, flags.error());
        }
        Array::Ptr json = new Array;
        std::string text;
        for (const auto& flag : *flags) {
            Object::Ptr row = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
            row->set("id", flag.id);
            row->set("unit", flag.unit_id);
            row->set("client", flag.client_id);
            row->set("instrument", flag.instrument_id);
            row->set("date", flag.date);
            row->set("flag", flag.text);
            json->add(row);
            text += std::to_string(flag.id) + "\t" + flag.date + "\tunit " +
                    std::to_string(flag.unit_id) + "\tclient " + std::to_string(flag.client_id) +
                    "\t" + flag.instrument_id + "\t" + flag.text + "\n";
        }
        output.out(a.flag("--json") ? stringify(json) : text);
        return 0;
    }
    if (command == "review" && a.words.size() == 2) {
        std::string note = read_text(in);
        if (auto problem = dyad::sdk::text_problem(note, "the note"); !problem.empty()) {
            return fail(output, problem);
        }
        auto done = store.review_flag(to_id(a.words[1]), note);
        return done ? 0 : fail(output, done.error());
    }
    if (command == "report" || command == "export") {
        return unit_files(host, store, command, a, output, today);
    }
    return fail(output, std::string("usage: ") + kUsage, 2);
}

}  // namespace dyad::measures
