#include "dyadctl_search.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Stringifier.h>

#include <iostream>

#include "dyadctl_practice.h"
#include "plugins/plugin_search.h"

namespace dyad::cli {

int command_search(const Options& options, const std::string& exe, std::istream& in,
                   std::ostream& out, std::ostream& err) {
    if (options.words.size() != 1) {
        err << "usage: echo WORDS | dyadctl search [--json]\n";
        return 2;
    }
    auto practice = open_practice(options, exe, true, CreatePractice::MustExist, &err);
    if (!practice) {
        return report(err, practice.error());
    }
    std::string query;
    std::getline(in, query);
    people::People people((*practice)->connection());
    auto found =
        plugins::search_plugins((*practice)->plugins().search_providers(), (*practice)->records(),
                                people, (*practice)->session(), query, 50);
    (void)(*practice)->plugins().close_abandoned_transactions();
    if (!found) {
        return report(err, found.error());
    }
    for (const auto& problem : found->problems) {
        err << "dyadctl: " << problem << "\n";
    }
    if (options.json) {
        Poco::JSON::Array rows;
        for (const auto& hit : found->results) {
            Poco::JSON::Object row;
            row.set("plugin", hit.plugin_id);
            row.set("label", hit.label);
            row.set("unit_id", hit.unit_id);
            row.set("unit", hit.unit_name);
            row.set("title", hit.title);
            row.set("snippet", hit.snippet);
            rows.add(row);
        }
        Poco::JSON::Stringifier::stringify(rows, out);
        out << "\n";
        return 0;
    }
    // One line per hit, tab-separated: a tab or line break inside a field becomes a space.
    auto field = [](std::string text) {
        for (char& c : text) {
            if (c == '\t' || c == '\n' || c == '\r') {
                c = ' ';
            }
        }
        return text;
    };
    for (const auto& hit : found->results) {
        out << field(hit.label) << "\t" << hit.unit_id << "\t" << field(hit.unit_name) << "\t"
            << field(hit.title) << "\t" << field(hit.snippet) << "\n";
    }
    return 0;
}

}  // namespace dyad::cli
