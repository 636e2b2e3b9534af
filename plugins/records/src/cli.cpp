// `dyadctl records ...`: the records plugin headless. Same stores and rules as the GUI.
#include "cli.h"

#include "cli_access.h"

#include <cli_args.h>
#include <data_files.h>
#include <json_out.h>
#include <text_lists.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <map>
#include <tuple>

#include "csv_import.h"
#include "note_generator.h"
#include "units.h"

namespace dyad::records_plugin {
namespace {

using dyad::datafile::json_array;
using dyad::datafile::json_object;
using dyad::datafile::json_text;
using dyad::sdk::CliOutput;

constexpr const char* kUsage =
    "records templates [--json]\n"
    "  records units [--status active|waitlist|discharged] [--json]\n"
    "  records clients [--unit ID] [--json]\n"
    "  records codes WORDS|CODE [--json]\n"
    "  records diagnoses --unit ID [--json]\n"
    "  records diagnosis-add --unit ID --code CODE [--client ID] [--onset YYYY-MM-DD]\n"
    "  records diagnosis-status ID active|resolved|entered_in_error\n"
    "  records plans --unit ID [--json]\n"
    "  records book --unit ID --start 'YYYY-MM-DD HH:MM' [--minutes N] [--type T]\n"
    "               [--location L | --telehealth] [--repeat weekly|biweekly --count N]\n"
    "  records sessions --unit ID [--json]\n"
    "  records session-status ID scheduled|attended|cancelled|no_show\n"
    "  records session-edit ID --type T [--location L | --telehealth] [--series]\n"
    "  records ics [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--out FILE]\n"
    "  records export --unit ID --format csv|fhir|pdf [--out FILE] [--include-psychotherapy]\n"
    "  records import --csv FILE [--dry-run] [--again]   (run again to finish a stopped one)\n"
    "  records generate-notes --count N [--seed S]   (demo and benchmark data)\n"
    "  records find-clients [PREFIX]\n"
    "  records unit-new --kind couple|family|group --clients ID,ID[,...]\n"
    "  records plan-new --unit ID [--template imago|standard] TITLE\n"
    "  records notes --unit ID [--all] [--json]\n"
    "  records note-new --unit ID --template ID [--date YYYY-MM-DD]\n"
    "  records note-set NOTE SECTION TEXT|-  (or --file FILE instead of TEXT)\n"
    "  records note-sign NOTE\n"
    "  records note-cosign NOTE   (a supervisor's co-signature)\n"
    "  records note-amend NOTE REASON TEXT|-  (or --file FILE instead of TEXT)\n"
    "  records note-share NOTE CLIENT\n"
    "  records note-show NOTE [--json]\n"
    "  records search WORDS [--all] [--json]";

using dyad::datafile::CliArgs;
using dyad::datafile::to_id;

// Only these options take a value; every other "--name" is a flag.
CliArgs parse(const std::vector<std::string>& args) {
    static const std::vector<std::string> with_value = {
        "--unit",     "--template", "--date",    "--start",  "--minutes", "--type",
        "--location", "--repeat",   "--count",   "--from",   "--to",      "--out",
        "--format",   "--kind",     "--clients", "--status", "--code",    "--client",
        "--onset",    "--csv",      "--seed",    "--file"};
    return dyad::datafile::parse_cli_args(args, [](const std::string& arg) {
        return std::find(with_value.begin(), with_value.end(), arg) == with_value.end();
    });
}

// Text output is one line per record: line breaks inside a field become spaces.
std::string one_line(std::string text) {
    for (char& c : text) {
        if (c == '\n' || c == '\r' || c == '\t') {
            c = ' ';
        }
    }
    return text;
}

int fail(const CliOutput& output, const std::string& message, int code = 1) {
    output.err("records: " + message + "\n");
    return code;
}

}  // namespace

const char* records_cli_usage() {
    return kUsage;
}

int run_records_cli(Records& r, const std::vector<std::string>& args, const CliOutput& output) {
    CliArgs a = parse(args);
    if (a.words.empty()) {
        return fail(output, std::string("usage: ") + kUsage, 2);
    }
    // A note's text need not be on the command line: "-" is standard input, or --file FILE.
    for (auto [name, first, count] : {std::tuple{"note-set", 3u, 4u}, {"note-amend", 2u, 4u}}) {
        if (a.words[0] == name) {
            if (std::string error = dyad::datafile::resolve_text_words(a, first, count);
                !error.empty()) {
                return fail(output, error);
            }
        }
    }
    const std::string& command = a.words[0];
    // The role and caseload decide first; a note's unit is the note's own.
    std::int64_t unit_involved = to_id(a.option("--unit"));
    if (command.starts_with("note-") && command != "note-new" && a.words.size() >= 2) {
        if (auto involved = r.notes.note(to_id(a.words[1]))) {
            unit_involved = involved->unit_id;
        }
    }
    if (command == "diagnosis-status" && a.words.size() >= 2) {
        auto owner = dyad::sdk::Database(r.host).prepare(
            "SELECT unit_id FROM records_diagnosis WHERE id = ?");
        owner.bind(1, to_id(a.words[1]));
        if (owner.step() == DYAD_ROW) {
            unit_involved = owner.int64(0);
        }
    }
    if (command == "generate-notes") {
        // It writes into every unit: only for a user whose caseload reaches them all.
        std::vector<std::int64_t> units;
        r.host.core()->list_units(
            r.host.raw(), nullptr, nullptr,
            [](void* user, const dyad_unit_info* unit) {
                static_cast<std::vector<std::int64_t>*>(user)->push_back(unit->id);
                return 0;
            },
            &units);
        if (!std::all_of(units.begin(), units.end(),
                         [&](std::int64_t unit) { return r.host.may_see_unit(unit); })) {
            return fail(output,
                        "generate-notes writes into every unit; the signed-in user's "
                        "caseload does not reach them all");
        }
    }
    if (std::string refusal = records_cli_refusal(r.host, command, unit_involved);
        !refusal.empty()) {
        return fail(output, refusal);
    }
    bool json = a.flag("--json");
    Include include = a.flag("--all") ? Include::WithPsychotherapy : Include::ProgressOnly;
    if (command == "templates") {
        std::string text;
        auto rows = json_array();
        for (const auto& t : r.templates.templates) {
            auto row = json_object();
            row->set("id", t.id);
            row->set("title", t.title);
            row->set("kind", t.kind);
            row->set("version", t.version);
            rows->add(row);
            text += t.id + "\t" + t.kind + "\t" + t.title + "\n";
        }
        output.out(json ? json_text(rows) : text);
        for (const auto& problem : r.templates.problems) {
            output.err("records: refused template: " + problem + "\n");
        }
        return 0;
    }
    if (command == "clients" && !a.option("--unit").empty()) {
        std::int64_t unit = to_id(a.option("--unit"));
        if (unit == 0) {
            return fail(output, "--unit needs a client unit id", 2);
        }
        auto members = r.clients.members(unit);
        if (!members) {
            return fail(output, members.error());
        }
        std::string text;
        auto rows = json_array();
        for (const auto& m : *members) {
            auto row = json_object();
            row->set("id", m.client_id);
            row->set("role", m.role);
            row->set("name", m.given_name + " " + m.family_name);
            row->set("status", m.status);
            row->set("may_contact", m.details.may_contact);
            row->set("may_share_with_partner", m.details.may_share_with_partner);
            rows->add(row);
            text += std::to_string(m.client_id) + "\t" + m.role + "\t" + m.given_name + " " +
                    m.family_name + "\n";
        }
        output.out(json ? json_text(rows) : text);
        return 0;
    }
    if (command == "units") {
        std::string status = a.option("--status");
        auto select = dyad::sdk::Database(r.host).prepare(
            "SELECT u.id, u.kind, u.display_name, u.status, ifnull(group_concat(m.client_id), '') "
            "FROM core_unit u LEFT JOIN core_unit_member m ON m.unit_id = u.id "
            "WHERE ?1 = '' OR u.status = ?1 GROUP BY u.id ORDER BY u.display_name COLLATE NOCASE");
        select.bind(1, status);
        if (!select.ok()) {
            return fail(output, select.error());
        }
        std::string text;
        auto rows = json_array();
        while (select.step() == DYAD_ROW) {
            auto members = json_array();
            for (const auto& member : dyad::datafile::split_list(select.text(4), ',')) {
                members->add(to_id(member));
            }
            auto row = json_object();
            row->set("id", select.int64(0));
            row->set("kind", select.text(1));
            row->set("name", select.text(2));
            row->set("status", select.text(3));
            row->set("members", members);
            rows->add(row);
            text += std::to_string(select.int64(0)) + "\t" + select.text(1) + "\t" +
                    select.text(3) + "\t" + select.text(2) + "\n";
        }
        (void)r.host.core()->audit(r.host.raw(), "view", "units", 0);
        output.out(json ? json_text(rows) : text);
        return 0;
    }
    if (command == "clients" && a.option("--unit").empty()) {
        auto select = dyad::sdk::Database(r.host).prepare(
            "SELECT id, given_name, family_name, ifnull(date_of_birth, ''), ifnull(email, ''), "
            "ifnull(phone, ''), status FROM core_client ORDER BY family_name COLLATE NOCASE, "
            "given_name COLLATE NOCASE, id");
        if (!select.ok()) {
            return fail(output, select.error());
        }
        std::string text;
        auto rows = json_array();
        while (select.step() == DYAD_ROW) {
            auto row = json_object();
            row->set("id", select.int64(0));
            row->set("given_name", select.text(1));
            row->set("family_name", select.text(2));
            row->set("date_of_birth", select.text(3));
            row->set("email", select.text(4));
            row->set("phone", select.text(5));
            row->set("status", select.text(6));
            rows->add(row);
            text += std::to_string(select.int64(0)) + "\t" + select.text(2) + ", " +
                    select.text(1) + "\t" + select.text(3) + "\t" + select.text(6) + "\n";
        }
        (void)r.host.core()->audit(r.host.raw(), "view", "clients", 0);
        output.out(json ? json_text(rows) : text);
        return 0;
    }
    if (command == "codes" && a.words.size() >= 2) {
        std::string query;
        for (std::size_t i = 1; i < a.words.size(); ++i) {
            query += (i > 1 ? " " : "") + a.words[i];
        }
        auto found = r.codes.search(query, 50);
        std::string text;
        auto rows = json_array();
        for (const auto& code : found) {
            auto row = json_object();
            row->set("code", code.code);
            row->set("description", code.description);
            rows->add(row);
            text += code.code + "\t" + code.description + "\n";
        }
        output.out(json ? json_text(rows) : text);
        return 0;
    }
    if (command == "diagnoses") {
        std::int64_t unit = to_id(a.option("--unit"));
        if (unit == 0) {
            return fail(output, "give the client unit with --unit ID", 2);
        }
        auto diagnoses = r.diagnoses.for_unit(unit);
        auto billed = r.diagnoses.billed_couple_sessions(unit);
        if (!diagnoses || !billed) {
            return fail(output, !diagnoses ? diagnoses.error() : billed.error());
        }
        (void)r.host.core()->audit(r.host.raw(), "view", "diagnoses", unit);
        std::string warning = billing_warning(*diagnoses, *billed);
        std::string text;
        auto rows = json_array();
        for (const auto& d : *diagnoses) {
            auto row = json_object();
            row->set("id", d.id);
            row->set("code", d.code);
            row->set("description", d.description);
            row->set("client", d.client_id);
            row->set("status", d.status);
            row->set("onset", d.onset_date);
            rows->add(row);
            text += std::to_string(d.id) + "\t" + d.code + "\t" + d.status + "\t" + d.description +
                    "\n";
        }
        auto answer = json_object();
        answer->set("warning", warning);
        answer->set("diagnoses", rows);
        output.out(json ? json_text(answer) : text);
        if (!json && !warning.empty()) {
            output.err("records: warning: " + warning + "\n");
        }
        return 0;
    }
    if (command == "diagnosis-add") {
        std::int64_t unit = to_id(a.option("--unit"));
        const DiagnosisCode* code = r.codes.find(a.option("--code"));
        if (unit == 0 || a.option("--code").empty()) {
            return fail(output,
                        "usage: records diagnosis-add --unit ID --code CODE [--client ID] "
                        "[--onset YYYY-MM-DD]",
                        2);
        }
        if (code == nullptr) {
            return fail(output, "no code " + a.option("--code") +
                                    " in the code list (see `records codes WORDS`)");
        }
        auto added = r.diagnoses.add(unit, to_id(a.option("--client")), *code, a.option("--onset"));
        if (!added) {
            return fail(output, added.error());
        }
        (void)r.host.core()->audit(r.host.raw(), "create", "diagnosis", *added);
        output.out(std::to_string(*added) + "\n");
        return 0;
    }
    if (command == "diagnosis-status" && a.words.size() == 3) {
        auto changed = r.diagnoses.set_status(to_id(a.words[1]), a.words[2]);
        if (!changed) {
            return fail(output, changed.error());
        }
        (void)r.host.core()->audit(r.host.raw(), "update", "diagnosis", to_id(a.words[1]));
        return 0;
    }
    if (command == "plans") {
        std::int64_t unit = to_id(a.option("--unit"));
        if (unit == 0) {
            return fail(output, "give the client unit with --unit ID", 2);
        }
        auto plans = r.plans.plans_for_unit(unit);
        if (!plans) {
            return fail(output, plans.error());
        }
        std::string text;
        auto rows = json_array();
        for (const auto& plan : *plans) {
            if (json) {
                auto items = json_array();
                for (const auto& item : plan.items) {
                    auto entry = json_object();
                    entry->set("id", item.id);
                    entry->set("parent", item.parent_id);
                    entry->set("level", item.level);
                    entry->set("text", item.text);
                    entry->set("status", item.status);
                    items->add(entry);
                }
                auto row = json_object();
                row->set("id", plan.id);
                row->set("title", plan.title);
                row->set("status", plan.status);
                row->set("review_date", plan.review_date);
                row->set("items", items);
                rows->add(row);
            } else {
                text += std::to_string(plan.id) + "\t" + plan.status + "\t" + plan.title + "\n";
                for (const auto& item : plan.items) {
                    text += std::string(item.level == "problem" ? "  "
                                        : item.level == "goal"  ? "    "
                                                                : "      ") +
                            item.level + ": " + item.text + " [" + item.status + "]\n";
                }
            }
        }
        output.out(json ? json_text(rows) : text);
        return 0;
    }
    if (command == "plan-new") {
        std::int64_t unit = to_id(a.option("--unit"));
        std::string template_id = a.option("--template");
        const PlanTemplate* from = r.plan_template(template_id);
        if (unit == 0 || (!template_id.empty() && from == nullptr) || a.words.size() != 2) {
            return fail(output, "usage: records plan-new --unit ID [--template ID] TITLE", 2);
        }
        auto created = r.plans.create(unit, a.words[1], from);
        if (!created) {
            return fail(output, created.error());
        }
        (void)r.host.core()->audit(r.host.raw(), "create", "plan", *created);
        output.out(std::to_string(*created) + "\n");
        return 0;
    }
    if (command == "book") {
        Booking booking;
        booking.unit_id = to_id(a.option("--unit"));
        booking.first_start = a.option("--start");
        std::string number_error;
        booking.duration_minutes =
            dyad::datafile::int_option(a, "--minutes", 50, 5, 1440, number_error);
        booking.session_type = a.option("--type").empty() ? "couple" : a.option("--type");
        booking.location = a.option("--location");
        booking.telehealth = a.flag("--telehealth");
        std::string repeat = a.option("--repeat");
        booking.repeat = repeat == "weekly"     ? Repeat::Weekly
                         : repeat == "biweekly" ? Repeat::Biweekly
                                                : Repeat::None;
        booking.count = dyad::datafile::int_option(a, "--count", 1, 1, 260, number_error);
        if (!number_error.empty()) {
            return fail(output, number_error, 2);
        }
        if (booking.unit_id == 0 || (!repeat.empty() && booking.repeat == Repeat::None)) {
            return fail(output,
                        "usage: records book --unit ID --start 'YYYY-MM-DD HH:MM' [--minutes N] "
                        "[--type T] [--location L | --telehealth] [--repeat weekly|biweekly "
                        "--count N]",
                        2);
        }
        auto booked = r.schedule.book(booking);
        if (!booked) {
            return fail(output, booked.error());
        }
        std::string text;
        for (std::int64_t id : *booked) {
            text += std::to_string(id) + "\n";
        }
        output.out(text);
        return 0;
    }
    if (command == "session-edit" && a.words.size() == 2) {
        std::string type = a.option("--type");
        if (type.empty()) {
            return fail(output,
                        "usage: records session-edit ID --type T [--location L | "
                        "--telehealth] [--series]",
                        2);
        }
        auto changed = r.schedule.change_details(
            to_id(a.words[1]), type, a.option("--location"), a.flag("--telehealth"),
            a.flag("--series") ? ScheduleStore::Scope::ThisAndLater
                               : ScheduleStore::Scope::ThisOne);
        if (!changed) {
            return fail(output, changed.error());
        }
        output.out(std::to_string(*changed) + " changed\n");
        return 0;
    }
    if (command == "session-status" && a.words.size() == 3) {
        auto changed = r.schedule.set_status(to_id(a.words[1]), a.words[2]);
        if (!changed) {
            return fail(output, changed.error());
        }
        return 0;
    }
    if (command == "sessions") {
        std::int64_t unit = to_id(a.option("--unit"));
        if (unit == 0) {
            return fail(output, "give the client unit with --unit ID", 2);
        }
        auto sessions = r.schedule.sessions(unit);
        if (!sessions) {
            return fail(output, sessions.error());
        }
        std::string text;
        auto rows = json_array();
        for (const auto& s : *sessions) {
            auto row = json_object();
            row->set("id", s.appointment_id);
            row->set("starts_at", s.starts_at);
            row->set("ends_at", s.ends_at);
            row->set("type", s.session_type);
            row->set("status", s.status);
            row->set("series", s.series_id != 0);
            rows->add(row);
            text += std::to_string(s.appointment_id) + "\t" + utc_to_local(s.starts_at) + "\t" +
                    s.session_type + "\t" + s.status + "\n";
        }
        output.out(json ? json_text(rows) : text);
        return 0;
    }
    if (command == "unit-new") {
        std::string kind = a.option("--kind");
        std::vector<std::int64_t> clients;
        std::string list = a.option("--clients");
        for (std::size_t start = 0; start < list.size();) {
            std::size_t comma = list.find(',', start);
            clients.push_back(to_id(list.substr(
                start, comma == std::string::npos ? std::string::npos : comma - start)));
            start = comma == std::string::npos ? list.size() : comma + 1;
        }
        if (kind.empty() || clients.empty()) {
            return fail(output,
                        "usage: records unit-new --kind couple|family|group --clients ID,ID[,...]",
                        2);
        }
        auto created =
            create_unit_from_clients(r.host, kind, clients, default_roles(kind, clients.size()));
        if (!created) {
            return fail(output, created.error());
        }
        output.out(std::to_string(*created) + "\n");
        return 0;
    }
    if (command == "import") {
        std::string path = a.option("--csv");
        if (path.empty()) {
            return fail(output, "usage: records import --csv FILE [--dry-run] [--again]", 2);
        }
        std::string read_error;
        std::string text = dyad::datafile::read_user_file(path, kMaxImportBytes, read_error);
        if (!read_error.empty()) {
            return fail(output, read_error);
        }
        ImportPlan plan = plan_import(text, r.host);
        std::string summary = std::to_string(plan.clients.size()) + " client(s) in " +
                              std::to_string(plan.units.size()) + " unit(s)";
        if (!plan.can_import()) {
            output.err(plan.report());
            return fail(output, "nothing imported: fix the rows above and run again");
        }
        output.err(plan.report());  // Warnings only, if any.
        if (a.flag("--dry-run")) {
            output.out("dry run: " + summary + " would be imported; nothing was written\n");
            return 0;
        }
        auto imported = run_import(plan, r.host, {}, a.flag("--again"));
        if (!imported) {
            return fail(output, imported.error());
        }
        output.out("imported " + summary + "\n");
        return 0;
    }
    if (command == "generate-notes") {
        std::string number_error;
        std::int64_t count =
            dyad::datafile::int_option(a, "--count", 0, 1, 10'000'000, number_error);
        if (!number_error.empty() || count <= 0) {
            return fail(output,
                        number_error.empty() ? "usage: records generate-notes --count N [--seed S]"
                                             : number_error,
                        2);
        }
        std::int64_t seed = a.option("--seed").empty() ? 7 : to_id(a.option("--seed"));
        auto written =
            generate_notes(dyad::sdk::Database(r.host), count, static_cast<std::uint32_t>(seed),
                           local_today(), [&](std::int64_t done, std::int64_t total) {
                               output.err("records: " + std::to_string(done) + " of " +
                                          std::to_string(total) + " notes\r");
                               return true;
                           });
        output.err("\n");
        if (!written) {
            return fail(output, written.error());
        }
        output.out(std::to_string(*written) + " notes written\n");
        return 0;
    }
    if (command == "find-clients" && a.words.size() <= 2) {
        auto found =
            find_clients(dyad::sdk::Database(r.host), a.words.size() == 2 ? a.words[1] : "", 50);
        if (!found) {
            return fail(output, found.error());
        }
        std::string text;
        for (const auto& client : *found) {
            text +=
                std::to_string(client.id) + "\t" + client.name + "\t" + client.date_of_birth + "\n";
        }
        output.out(text);
        return 0;
    }
    if (command == "export") {
        std::int64_t unit = to_id(a.option("--unit"));
        std::string format = a.option("--format");
        if (unit == 0 || (format != "csv" && format != "fhir" && format != "pdf") ||
            (format == "pdf" && a.option("--out").empty())) {
            return fail(output,
                        "usage: records export --unit ID --format csv|fhir|pdf [--out FILE] "
                        "[--include-psychotherapy] (pdf needs --out)",
                        2);
        }
        Include included =
            a.flag("--include-psychotherapy") ? Include::WithPsychotherapy : Include::ProgressOnly;
        if (format == "pdf") {
            auto pages = r.chart_pdf_file(unit, included, a.option("--out"));
            if (!pages) {
                return fail(output, pages.error());
            }
            output.out(std::to_string(*pages) + " page(s) written to " + a.option("--out") + "\n");
            return 0;
        }
        auto text =
            format == "csv" ? r.chart_csv_text(unit, included) : r.chart_fhir_text(unit, included);
        if (!text) {
            return fail(output, text.error());
        }
        if (a.option("--out").empty()) {
            output.out(*text);
            return 0;
        }
        if (std::string error = write_file_atomically(a.option("--out"), *text); !error.empty()) {
            return fail(output, error);
        }
        return 0;
    }
    if (command == "ics") {
        std::string from =
            a.option("--from").empty() ? utc_days_from_now(-1) : a.option("--from") + "T00:00:00Z";
        std::string to =
            a.option("--to").empty() ? utc_days_from_now(26 * 7) : a.option("--to") + "T00:00:00Z";
        auto text = r.calendar_text(from, to);
        if (!text) {
            return fail(output, text.error());
        }
        if (a.option("--out").empty()) {
            output.out(*text);
            return 0;
        }
        if (std::string error = write_file_atomically(a.option("--out"), *text); !error.empty()) {
            return fail(output, error);
        }
        return 0;
    }
    if (command == "notes") {
        std::int64_t unit = to_id(a.option("--unit"));
        if (unit == 0) {
            return fail(output, "give the client unit with --unit ID", 2);
        }
        auto notes = r.notes.notes_for_unit(unit, include);
        if (!notes) {
            return fail(output, notes.error());
        }
        std::string text;
        auto rows = json_array();
        for (const auto& n : *notes) {
            auto row = json_object();
            row->set("id", n.id);
            row->set("date", n.session_date);
            row->set("template", n.template_id);
            row->set("kind", n.kind);
            row->set("status", n.status);
            rows->add(row);
            text += std::to_string(n.id) + "\t" + n.session_date + "\t" + n.template_id + "\t" +
                    n.status + "\n";
        }
        output.out(json ? json_text(rows) : text);
        return 0;
    }
    if (command == "note-new") {
        std::int64_t unit = to_id(a.option("--unit"));
        const NoteTemplate* note_template = r.templates.find(a.option("--template"));
        if (unit == 0 || note_template == nullptr) {
            return fail(output, "give --unit ID and --template ID (see `records templates`)", 2);
        }
        std::vector<std::int64_t> members;
        for (const auto& member : r.host.members(unit)) {
            members.push_back(member.client_id);
        }
        std::string date = a.option("--date").empty() ? local_today() : a.option("--date");
        auto created = r.notes.create_draft(unit, *note_template, date, members);
        if (!created) {
            return fail(output, created.error());
        }
        (void)r.host.core()->audit(r.host.raw(), "create", "note", *created);
        output.out(std::to_string(*created) + "\n");
        return 0;
    }
    if (command == "note-set" && a.words.size() == 4) {
        auto saved = r.notes.save_section(to_id(a.words[1]), a.words[2], a.words[3]);
        if (!saved) {
            return fail(output, saved.error());
        }
        (void)r.host.core()->audit(r.host.raw(), "update", "note", to_id(a.words[1]));
        return 0;
    }
    if (command == "note-sign" && a.words.size() == 2) {
        std::int64_t id = to_id(a.words[1]);
        auto note = r.notes.note(id);
        if (!note) {
            return fail(output, note.error());
        }
        const NoteTemplate* note_template = r.templates.find(note->template_id);
        if (note_template == nullptr) {
            return fail(output, "the note's template " + note->template_id + " is not installed");
        }
        auto signed_note = r.notes.sign(id, *note_template, signer_name(r.host, "dyadctl"));
        if (!signed_note) {
            return fail(output, signed_note.error());
        }
        (void)r.host.core()->audit(r.host.raw(), "update", "note", id);
        output.out("signed\n");
        return 0;
    }
    if (command == "note-cosign" && a.words.size() == 2) {
        std::int64_t id = to_id(a.words[1]);
        std::string by = signer_name(r.host, "dyadctl");
        auto note = r.notes.check_co_sign(id, by);
        if (!note) {
            return fail(output, note.error());
        }
        auto when = r.notes.co_sign(id, by, [&](std::string* error) {
            return r.host.co_sign("note", id, note->unit_id, error);
        });
        if (!when) {
            return fail(output, when.error());
        }
        output.out("co-signed " + *when + " by " + by + "\n");
        return 0;
    }
    if (command == "note-share" && a.words.size() == 3) {
        auto shared = r.notes.share_with_member(to_id(a.words[1]), to_id(a.words[2]),
                                                signer_name(r.host, "dyadctl"));
        if (!shared) {
            return fail(output, shared.error());
        }
        (void)r.host.core()->audit(r.host.raw(), "update", "note", to_id(a.words[1]));
        output.out("shared\n");
        return 0;
    }
    if (command == "note-amend" && a.words.size() == 4) {
        auto amended = r.notes.amend(to_id(a.words[1]), signer_name(r.host, "dyadctl"), a.words[2],
                                     a.words[3]);
        if (!amended) {
            return fail(output, amended.error());
        }
        (void)r.host.core()->audit(r.host.raw(), "update", "note", to_id(a.words[1]));
        output.out("amended\n");
        return 0;
    }
    if (command == "note-show" && a.words.size() == 2) {
        auto note = r.notes.note(to_id(a.words[1]));
        if (!note) {
            return fail(output, note.error());
        }
        (void)r.host.core()->audit(r.host.raw(), "view", "note", note->id);
        auto sections = json_object();
        for (const auto& section : note->sections) {
            sections->set(section.key, section.body);
        }
        auto shown = json_object();
        shown->set("id", note->id);
        shown->set("status", note->status);
        shown->set("date", note->session_date);
        shown->set("participants", note->participants.size());
        shown->set("amendments", note->amendments.size());
        shown->set("sections", sections);
        output.out(json_text(shown));
        return 0;
    }
    if (command == "search" && a.words.size() >= 2) {
        std::string words;
        for (std::size_t i = 1; i < a.words.size(); ++i) {
            words += (i > 1 ? " " : "") + a.words[i];
        }
        auto hits = r.notes.search(words, include, 20);
        if (!hits) {
            return fail(output, hits.error());
        }
        // A therapist finds words only in the charts of their caseload.
        std::erase_if(*hits,
                      [&](const SearchHit& hit) { return !r.host.may_see_unit(hit.unit_id); });
        std::string text;
        auto rows = json_array();
        for (const auto& hit : *hits) {
            auto row = json_object();
            row->set("note", hit.note_id);
            row->set("unit", hit.unit_id);
            row->set("date", hit.session_date);
            row->set("snippet", hit.snippet);
            rows->add(row);
            text += std::to_string(hit.note_id) + "\t" + hit.session_date + "\t" +
                    one_line(hit.snippet) + "\n";
        }
        output.out(json ? json_text(rows) : text);
        return 0;
    }
    return fail(output, std::string("usage: ") + kUsage, 2);
}

}  // namespace dyad::records_plugin
