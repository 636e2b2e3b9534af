#include "cli.h"

#include <cli_args.h>
#include <clinical_access.h>
#include <data_files.h>
#include <json_out.h>

#include <fstream>
#include <iterator>
#include <map>

#include "worksheet_pdf.h"

namespace dyad::workup {
namespace {

using dyad::datafile::json_array;
using dyad::datafile::json_object;
using dyad::datafile::json_text;
using dyad::sdk::CliOutput;

constexpr const char* kFormsUsage =
    "forms list [--json]\n"
    "  forms validate FILE";
constexpr const char* kWorkupUsage =
    "workup show --unit ID --client ID --form ID [--version N]\n"
    "  workup save --unit ID --client ID --form ID --answers JSON|-  (or --file FILE)\n"
    "  workup export --unit ID --form ID --format pdf|json [--client ID] [--out FILE]";

int fail(const CliOutput& output, const char* who, const std::string& message, int code = 1) {
    output.err(std::string(who) + ": " + message + "\n");
    return code;
}

using dyad::datafile::parse_cli_args;
using dyad::datafile::to_id;

}  // namespace

const char* forms_cli_usage() {
    return kFormsUsage;
}
const char* workup_cli_usage() {
    return kWorkupUsage;
}

int run_forms_cli(const FormLibrary& library, const std::vector<std::string>& args,
                  const CliOutput& output) {
    auto parsed = parse_cli_args(args);
    const std::vector<std::string>& words = parsed.words;
    if (words.size() == 1 && words[0] == "list") {
        bool json = parsed.flag("--json");
        std::string text;
        auto rows = json_array();
        for (const Form& f : library.forms) {
            auto row = json_object();
            row->set("id", f.id);
            row->set("version", f.version);
            row->set("title", f.title);
            rows->add(row);
            text += f.id + "\tv" + std::to_string(f.version) + "\t" + f.title + "\n";
        }
        output.out(json ? json_text(rows) : text);
        for (const auto& problem : library.problems) {
            output.err("forms: refused: " + problem + "\n");
        }
        return 0;
    }
    if (words.size() == 2 && words[0] == "validate") {
        std::string read_error;
        std::string text =
            dyad::datafile::read_user_file(words[1], dyad::datafile::kMaxDataFileBytes, read_error);
        if (!read_error.empty()) {
            return fail(output, "forms", read_error);
        }
        FormCheck checked = check_form(text, words[1]);
        if (checked.ok()) {
            output.out(words[1] + ": valid, " + std::to_string(checked.form.sections.size()) +
                       " sections\n");
            return 0;
        }
        for (const auto& problem : checked.problems) {
            output.out(problem + "\n");
        }
        return 1;
    }
    return fail(output, "forms", std::string("usage: ") + kFormsUsage, 2);
}

int run_workup_cli(dyad::sdk::Host host, ResponseStore& store, const FormLibrary& library,
                   const std::vector<std::string>& args, const CliOutput& output) {
    auto parsed = parse_cli_args(args);
    const std::vector<std::string>& words = parsed.words;
    auto option = [&](const char* name) { return parsed.option(name); };
    if (words.size() != 1) {
        return fail(output, "workup", std::string("usage: ") + kWorkupUsage, 2);
    }
    std::int64_t unit = to_id(option("--unit"));
    if (std::string refusal = dyad::access::clinical_refusal(host, unit, words[0] == "save");
        !refusal.empty()) {
        return fail(output, "workup", refusal);
    }
    const Form* form = library.find(option("--form"));
    if (unit == 0 || form == nullptr) {
        return fail(output, "workup",
                    form == nullptr && !option("--form").empty()
                        ? "no form " + option("--form") + " (see `forms list`)"
                        : std::string("usage: ") + kWorkupUsage,
                    form == nullptr && !option("--form").empty() ? 1 : 2);
    }
    if (words[0] == "show" || words[0] == "save") {
        std::int64_t client = to_id(option("--client"));
        if (client == 0) {
            return fail(output, "workup", "give the partner with --client ID", 2);
        }
        if (words[0] == "save") {
            // The answers need not be on the command line: "-" is standard input, or --file.
            dyad::datafile::CliArgs text;
            text.options = parsed.options;
            if (!option("--answers").empty()) {
                text.words.push_back(option("--answers"));
            }
            if (std::string error = dyad::datafile::resolve_text_words(text, 0, 1);
                !error.empty()) {
                return fail(output, "workup", error);
            }
            auto answers = parse_answers(text.words.empty() ? "" : text.words[0]);
            if (answers.isNull()) {
                return fail(output, "workup", "--answers must be one JSON object");
            }
            auto saved = store.save(unit, client, *form, answers);
            if (!saved) {
                return fail(output, "workup", saved.error());
            }
            (void)host.core()->audit(host.raw(), "update", "response", unit);
            return 0;
        }
        auto response =
            store.load(unit, client, form->id, static_cast<int>(to_id(option("--version"))));
        if (!response) {
            return fail(output, "workup", response.error());
        }
        (void)host.core()->audit(host.raw(), "view", "response", unit);
        auto answer = json_object();
        answer->set("form", form->id);
        answer->set("version", response->form_version);
        answer->set("answers", response->answers);
        output.out(json_text(answer));
        return 0;
    }
    if (words[0] == "export") {
        std::string format = option("--format");
        std::vector<std::pair<std::int64_t, std::string>> members;
        for (const auto& member : host.members(unit)) {
            members.emplace_back(member.client_id, member.given_name);
        }
        std::int64_t only = to_id(option("--client"));
        std::vector<PartnerAnswers> partners;
        auto rows = json_array();
        std::string couple;
        for (const auto& [client, name] : members) {
            couple += (couple.empty() ? "" : " & ") + name;
            if (only != 0 && client != only) {
                continue;
            }
            auto response = store.load(unit, client, form->id);
            if (!response) {
                return fail(output, "workup", response.error());
            }
            auto row = json_object();
            row->set("client", client);
            row->set("name", name);
            row->set("version", response->form_version);
            row->set("answers", response->answers);
            rows->add(row);
            std::int64_t who = client;
            partners.push_back(
                {name, response->answers, [&store, unit, who](const std::string& id) {
                     auto theirs = store.load(unit, who, id);
                     return theirs ? theirs->answers : Poco::JSON::Object::Ptr();
                 }});
        }
        auto exported = json_object();
        exported->set("form", form->id);
        exported->set("partners", rows);
        std::string json = json_text(exported);
        if (partners.empty()) {
            return fail(output, "workup", "no partner of this unit matches");
        }
        std::string out = option("--out");
        if (format == "json") {
            (void)host.core()->record_export(host.raw(), "unit", unit, "workup-json");
            if (out.empty()) {
                output.out(json);
                return 0;
            }
            std::string error = dyad::datafile::write_file_atomically(out, json);
            return error.empty() ? 0 : fail(output, "workup", error);
        }
        if (format == "pdf" && !out.empty()) {
            auto pages = worksheet_pdf(*form, partners, couple, out);
            if (!pages) {
                return fail(output, "workup", pages.error());
            }
            (void)host.core()->record_export(host.raw(), "unit", unit, "workup-pdf");
            output.out(std::to_string(*pages) + " page(s) written to " + out + "\n");
            return 0;
        }
        return fail(output, "workup", "--format pdf (with --out FILE) or --format json", 2);
    }
    return fail(output, "workup", std::string("usage: ") + kWorkupUsage, 2);
}

}  // namespace dyad::workup
