#include "cli.h"

#include <Poco/JSON/Parser.h>

#include <ctime>
#include <fstream>
#include <iterator>
#include <sstream>

#include "exports.h"

namespace dyad::directory {
namespace {

using dyad::sdk::CliOutput;

constexpr const char* kUsage =
    "directory profile show\n"
    "  directory profile set FILE.json   (saves a new version; every problem is listed)\n"
    "  directory versions\n"
    "  directory export --format fhir|jsonld|vcard [--out FILE]";

int fail(const CliOutput& output, const std::string& message, int code = 1) {
    output.err("directory: " + message + "\n");
    return code;
}

std::string now_utc() {
    std::time_t now = std::time(nullptr);
    std::tm parts{};
    gmtime_r(&now, &parts);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
    return text;
}

// Writes through "<path>.partial" and a rename, so a failure never leaves half a file.
std::string write_file(const std::string& path, const std::string& text) {
    std::string partial = path + ".partial";
    {
        std::ofstream out(partial, std::ios::binary | std::ios::trunc);
        out << text;
        if (!out.flush()) {
            std::remove(partial.c_str());
            return "cannot write " + path;
        }
    }
    if (std::rename(partial.c_str(), path.c_str()) != 0) {
        std::remove(partial.c_str());
        return "cannot write " + path;
    }
    return {};
}

}  // namespace

const char* directory_cli_usage() {
    return kUsage;
}

int run_directory_cli(dyad::sdk::Host host, ProfileStore& store,
                      const std::vector<std::string>& args, const CliOutput& output) {
    std::vector<std::string> words;
    std::string format;
    std::string out;
    for (std::size_t i = 1; i < args.size(); ++i) {
        if ((args[i] == "--format" || args[i] == "--out") && i + 1 < args.size()) {
            (args[i] == "--format" ? format : out) = args[i + 1];
            ++i;
        } else {
            words.push_back(args[i]);
        }
    }
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
        std::ifstream in(words[2], std::ios::binary);
        if (!in) {
            return fail(output, "cannot read " + words[2]);
        }
        std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
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
        if (std::string error = write_file(out, text); !error.empty()) {
            return fail(output, error);
        }
        return 0;
    }
    return fail(output, std::string("usage: ") + kUsage, 2);
}

}  // namespace dyad::directory
