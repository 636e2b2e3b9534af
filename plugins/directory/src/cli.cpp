#include "cli.h"

#include <Poco/JSON/Parser.h>
#include <data_files.h>
#include <json_out.h>
#include <time_text.h>

#include <ctime>
#include <fstream>
#include <iterator>
#include <sstream>

#include "exports.h"
#include "npi_check.h"

namespace dyad::directory {

using dyad::datafile::now_utc;
namespace {

using dyad::sdk::CliOutput;

constexpr const char* kUsage =
    "directory profile show\n"
    "  directory profile set FILE.json   (saves a new version; every problem is listed)\n"
    "  directory versions\n"
    "  directory export --format fhir|jsonld|vcard [--out FILE]\n"
    "  directory npi-check [--url NPPES-API-URL] [--json]\n"
    "  directory targets [--json]   (every directory and whether it is in step)\n"
    "  directory listing --target ID   (copy-ready text per field, cut to the limits)\n"
    "  directory mark-updated --target ID   (an assisted directory was updated by hand)\n"
    "  directory connect ID --url URL [--adapter open-directory] [--name NAME]\n"
    "      [--per-minute N] [--token-stdin]   (the token goes to the keyring)\n"
    "  directory disconnect ID\n"
    "  directory diff --target ID [--json]   (dry run: nothing is sent)\n"
    "  directory push --target ID [--mine F,F] [--theirs F,F] [--json]\n"
    "      (approves the diff as shown and sends it; conflicts need --mine or --theirs)\n"
    "  directory push [--json]   (sends what is queued)\n"
    "  directory outbox [--json]";

int fail(const CliOutput& output, const std::string& message, int code = 1) {
    output.err("directory: " + message + "\n");
    return code;
}

}  // namespace

const char* directory_cli_usage() {
    return kUsage;
}

int run_directory_cli(DirectoryServices& services, const std::vector<std::string>& raw,
                      const CliOutput& output) {
    CliArgs args = dyad::datafile::parse_cli_args(
        raw, [](const std::string& arg) { return arg == "--json" || arg == "--token-stdin"; });
    if (int done = run_sync_cli(services, args, output); done >= 0) {
        return done;
    }
    const std::vector<std::string>& words = args.words;
    std::string format = args.option("--format");
    std::string out = args.option("--out");
    std::string url = args.option("--url", kNppesUrl);
    std::string target = args.option("--target");
    bool as_json = args.flag("--json");
    dyad::sdk::Host host = services.host;
    ProfileStore& store = services.profiles;
    const AdapterLibrary& adapters = services.adapters;
    if (words.size() == 2 && words[0] == "profile" && words[1] == "show") {
        auto latest = store.latest();
        if (!latest) {
            return fail(output, latest.error());
        }
        std::ostringstream json;
        to_json(latest->profile)->stringify(json, 1);
        output.out(json.str() + "\n");
        return 0;
    }
    if (words.size() == 3 && words[0] == "profile" && words[1] == "set") {
        std::string read_error;
        std::string text = dyad::datafile::read_user_file(words[2], 1024 * 1024, read_error);
        if (!read_error.empty()) {
            return fail(output, read_error);
        }
        Poco::JSON::Object::Ptr json;
        try {
            Poco::JSON::Parser parser;
            json = parser.parse(text).extract<Poco::JSON::Object::Ptr>();
        } catch (const Poco::Exception& error) {
            return fail(output, words[2] + " is not a JSON object: " + error.displayText());
        }
        auto profile = profile_from_json(json);
        if (!profile) {
            return fail(output, profile.error());
        }
        auto version = store.save(*profile);
        if (!version) {
            return fail(output, "not saved:\n" + version.error());
        }
        (void)host.core()->audit(host.raw(), "update", "profile", *version);
        output.out("saved as version " + std::to_string(*version) + "\n");
        return 0;
    }
    if (words.size() == 1 && words[0] == "versions") {
        auto versions = store.versions();
        if (!versions) {
            return fail(output, versions.error());
        }
        std::string text;
        for (int version : *versions) {
            text += std::to_string(version) + "\n";
        }
        output.out(text);
        return 0;
    }
    if (words.size() == 1 && words[0] == "export") {
        auto latest = store.latest();
        if (!latest) {
            return fail(output, latest.error());
        }
        if (latest->version == 0) {
            return fail(output, "there is no profile yet (directory profile set FILE.json)");
        }
        std::string text = format == "fhir"     ? fhir_bundle(latest->profile, now_utc())
                           : format == "jsonld" ? json_ld(latest->profile)
                           : format == "vcard"  ? vcard(latest->profile)
                                                : std::string();
        if (text.empty()) {
            return fail(output, "usage: directory export --format fhir|jsonld|vcard [--out FILE]",
                        2);
        }
        (void)host.core()->record_export(host.raw(), "profile", latest->version, format.c_str());
        if (out.empty()) {
            output.out(text);
            return 0;
        }
        if (std::string error = dyad::datafile::write_file_atomically(out, text); !error.empty()) {
            return fail(output, error);
        }
        return 0;
    }
    if (words.size() == 1 && words[0] == "listing") {
        const Adapter* adapter = adapters.find(target);
        if (adapter == nullptr) {
            return fail(output, "give a target with --target ID (see `directory targets`)", 2);
        }
        auto latest = store.latest();
        if (!latest) {
            return fail(output, latest.error());
        }
        std::string text = adapter->name + " (" + adapter->profile_url + ")\n";
        for (const auto& field : listing(latest->profile, *adapter)) {
            text +=
                "\n== " + field.label +
                (field.limit > 0 ? " [" + std::to_string(characters(field.text)) + "/" +
                                       std::to_string(field.limit) + "]"
                                 : std::string()) +
                (field.missing ? " MISSING (required)" : "") +
                (field.cut ? " (cut from " + std::to_string(field.length) + " characters)" : "") +
                "\n" + field.text + "\n";
            for (const auto& word : field.unmapped) {
                text += "  not in this directory's list: " + word + "\n";
            }
        }
        text += "\nChecklist:\n";
        for (std::size_t i = 0; i < adapter->checklist.size(); ++i) {
            text += "  " + std::to_string(i + 1) + ". " + adapter->checklist[i] + "\n";
        }
        (void)host.core()->record_export(host.raw(), "profile", latest->version,
                                         ("listing:" + adapter->id).c_str());
        output.out(text);
        return 0;
    }
    if (words.size() == 1 && words[0] == "npi-check") {
        auto latest = store.latest();
        if (!latest) {
            return fail(output, latest.error());
        }
        if (latest->profile.npi.empty()) {
            return fail(output, "the profile has no NPI to check");
        }
        auto body = fetch_nppes(url, latest->profile.npi, 20);
        if (!body) {
            return fail(output, body.error());
        }
        auto differences = compare_with_nppes(latest->profile, *body);
        if (!differences) {
            return fail(output, differences.error());
        }
        std::string text;
        auto rows = dyad::datafile::json_array();
        for (const auto& d : *differences) {
            auto row = dyad::datafile::json_object();
            row->set("field", d.field);
            row->set("profile", d.profile);
            row->set("registry", d.registry);
            rows->add(row);
            text +=
                d.field + ": profile \"" + d.profile + "\", NPI Registry \"" + d.registry + "\"\n";
        }
        if (differences->empty()) {
            text = "the profile matches the NPI Registry\n";
        }
        output.out(as_json ? dyad::datafile::json_text(rows) : text);
        return 0;
    }
    return fail(output, std::string("usage: ") + kUsage, 2);
}

}  // namespace dyad::directory
