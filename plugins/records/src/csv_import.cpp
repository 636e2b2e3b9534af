#include "csv_import.h"

#include <dyad/text.hpp>

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "units.h"
#include "util.h"

namespace dyad::records_plugin {
namespace {

std::string lowered(std::string text) {
    for (char& c : text) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return text;
}

std::string duplicate_key(const ImportClient& client) {
    return lowered(trimmed(client.given_name)) + "\x1f" + lowered(trimmed(client.family_name)) +
           "\x1f" + client.date_of_birth;
}

}  // namespace

std::expected<std::vector<std::vector<std::string>>, std::string> parse_csv(
    const std::string& input) {
    std::string_view text(input);
    if (text.substr(0, 3) == "\xEF\xBB\xBF") {
        text.remove_prefix(3);
    }
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> row;
    std::string field;
    bool quoted = false;
    bool field_started = false;
    int line = 1;
    int quote_line = 0;
    auto end_row = [&] {
        row.push_back(std::move(field));
        field.clear();
        bool blank = row.size() == 1 && row[0].empty();
        if (!blank) {
            rows.push_back(std::move(row));
        }
        row.clear();
        field_started = false;
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                line += c == '\n' ? 1 : 0;
                field += c;
            }
            continue;
        }
        if (c == '"' && !field_started) {
            quoted = true;
            field_started = true;
            quote_line = line;
        } else if (c == ',') {
            row.push_back(std::move(field));
            field.clear();
            field_started = false;
        } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
            continue;
        } else if (c == '\n' || c == '\r') {
            ++line;
            end_row();
        } else {
            field += c;
            field_started = true;
        }
    }
    if (quoted) {
        return std::unexpected("line " + std::to_string(quote_line) +
                               ": a quoted field is never closed");
    }
    if (field_started || !row.empty()) {
        end_row();
    }
    return rows;
}

const std::vector<std::string>& import_columns() {
    static const std::vector<std::string> columns = {
        "given_name", "family_name", "preferred_name", "pronouns", "date_of_birth",
        "email",      "phone",       "status",         "unit",     "unit_kind"};
    return columns;
}

bool ImportPlan::can_import() const {
    return !clients.empty() && std::none_of(problems.begin(), problems.end(),
                                            [](const ImportProblem& p) { return p.blocking; });
}

std::string ImportPlan::report() const {
    std::string text;
    for (const auto& problem : problems) {
        text += (problem.row == 0 ? std::string("file") : "row " + std::to_string(problem.row)) +
                (problem.column.empty() ? "" : ", " + problem.column) + ": " +
                (problem.blocking ? "" : "warning: ") + problem.message + "\n";
    }
    return text;
}

ImportPlan plan_import(const std::string& csv_text, const dyad::sdk::Host& host) {
    ImportPlan plan;
    // FNV-1a, 64 bits: stable between runs and builds (std::hash is not promised to be).
    std::uint64_t hash = 1469598103934665603ULL;
    for (unsigned char c : csv_text) {
        hash = (hash ^ c) * 1099511628211ULL;
    }
    plan.digest = std::to_string(hash) + "-" + std::to_string(csv_text.size());
    auto rows = parse_csv(csv_text);
    if (!rows) {
        plan.problems.push_back({0, "", rows.error()});
        return plan;
    }
    if (rows->empty()) {
        plan.problems.push_back({0, "", "the file is empty"});
        return plan;
    }
    // The header names the columns, in any order; unknown and missing ones are problems.
    std::map<std::string, std::size_t> column;
    const auto& known = import_columns();
    for (std::size_t i = 0; i < rows->front().size(); ++i) {
        std::string name = lowered(trimmed(rows->front()[i]));
        if (std::find(known.begin(), known.end(), name) == known.end()) {
            std::string list;
            for (const auto& k : known) {
                list += (list.empty() ? "" : ", ") + k;
            }
            plan.problems.push_back(
                {0, name, "unknown column \"" + name + "\" (the columns are: " + list + ")"});
        } else if (!column.emplace(name, i).second) {
            plan.problems.push_back({0, name, "the column appears twice"});
        }
    }
    for (const char* required : {"given_name", "family_name"}) {
        if (column.count(required) == 0) {
            plan.problems.push_back({0, required, "the required column is missing"});
        }
    }
    if (!plan.problems.empty()) {
        return plan;
    }
    std::map<std::string, std::size_t> unit_of_key;
    std::map<std::string, int> seen;  // Duplicate key -> first row.
    for (std::size_t r = 1; r < rows->size(); ++r) {
        const auto& fields = (*rows)[r];
        int row = static_cast<int>(r);
        if (fields.size() != rows->front().size()) {
            plan.problems.push_back({row, "",
                                     "has " + std::to_string(fields.size()) +
                                         " fields; the header has " +
                                         std::to_string(rows->front().size())});
            continue;
        }
        // Every field is text that will be shown, exported and sent: UTF-8 without NUL bytes
        // (a NUL would also cut the field short where it crosses the C boundary).
        bool clean = true;
        for (const auto& [name, index] : column) {
            if (std::string problem = dyad::sdk::text_problem(fields[index], "the field");
                !problem.empty()) {
                plan.problems.push_back({row, name, problem});
                clean = false;
            }
        }
        if (!clean) {
            continue;
        }
        auto get = [&](const char* name) {
            auto at = column.find(name);
            return at == column.end() ? std::string() : trimmed(fields[at->second]);
        };
        ImportClient client{row,
                            get("given_name"),
                            get("family_name"),
                            get("preferred_name"),
                            get("pronouns"),
                            get("date_of_birth"),
                            get("email"),
                            get("phone"),
                            get("status").empty() ? "active" : lowered(get("status")),
                            get("unit")};
        dyad_new_client check{
            sizeof(dyad_new_client),       client.given_name.c_str(), client.family_name.c_str(),
            client.preferred_name.c_str(), client.pronouns.c_str(),   client.date_of_birth.c_str(),
            client.email.c_str(),          client.phone.c_str(),      client.status.c_str()};
        if (host.core()->check_client(host.raw(), &check) != DYAD_OK) {
            std::string message = host.core()->last_error(host.raw());
            std::string where = message.find("email") != std::string::npos        ? "email"
                                : message.find("phone") != std::string::npos      ? "phone"
                                : message.find("birth") != std::string::npos      ? "date_of_birth"
                                : message.find("first name") != std::string::npos ? "given_name"
                                : message.find("last name") != std::string::npos  ? "family_name"
                                : message.find("status") != std::string::npos     ? "status"
                                                                                  : "";
            plan.problems.push_back({row, where, message});
            continue;
        }
        std::string key = duplicate_key(client);
        if (auto first = seen.find(key); first != seen.end()) {
            plan.problems.push_back({row, "",
                                     "same name and date of birth as row " +
                                         std::to_string(first->second) + " (a duplicate?)",
                                     false});
        } else {
            seen.emplace(key, row);
            auto on_file = dyad::sdk::Database(host).prepare(
                "SELECT 1 FROM core_client WHERE lower(given_name) = lower(?) AND "
                "lower(family_name) = lower(?) AND ifnull(date_of_birth, '') = ?");
            on_file.bind(1, client.given_name)
                .bind(2, client.family_name)
                .bind(3, client.date_of_birth);
            if (on_file.ok() && on_file.step() == DYAD_ROW) {
                plan.problems.push_back(
                    {row, "", "a client with the same name and date of birth is already on file",
                     false});
            }
        }
        std::size_t index = plan.clients.size();
        plan.clients.push_back(client);
        std::string kind = lowered(get("unit_kind"));
        if (client.unit_key.empty()) {
            if (!kind.empty() && kind != "individual") {
                plan.problems.push_back(
                    {row, "unit_kind",
                     "a " + kind + " needs a \"unit\" key shared by its members"});
            }
            plan.units.push_back({"", "individual", {index}});
            continue;
        }
        auto [at, added] = unit_of_key.emplace(client.unit_key, plan.units.size());
        if (added) {
            plan.units.push_back({client.unit_key, kind, {}});
        }
        ImportUnit& unit = plan.units[at->second];
        if (!kind.empty() && !unit.kind.empty() && kind != unit.kind) {
            plan.problems.push_back(
                {row, "unit_kind",
                 "unit \"" + unit.key + "\" is a " + unit.kind + " in an earlier row"});
        }
        if (unit.kind.empty()) {
            unit.kind = kind;
        }
        unit.members.push_back(index);
    }
    for (auto& unit : plan.units) {
        if (unit.key.empty()) {
            continue;
        }
        if (unit.kind.empty()) {
            unit.kind = unit.members.size() == 2 ? "couple" : "family";
        }
        int first_row = plan.clients[unit.members.front()].row;
        if (unit.kind != "couple" && unit.kind != "family" && unit.kind != "group") {
            plan.problems.push_back(
                {first_row, "unit_kind",
                 "\"" + unit.kind + "\" is not a unit kind (couple, family or group)"});
        } else if (unit.members.size() < 2) {
            plan.problems.push_back({first_row, "unit",
                                     "unit \"" + unit.key + "\" has only one member; a " +
                                         unit.kind + " needs at least two"});
        } else if (unit.kind == "couple" && unit.members.size() != 2) {
            plan.problems.push_back({first_row, "unit",
                                     "couple \"" + unit.key + "\" has " +
                                         std::to_string(unit.members.size()) + " members"});
        }
    }
    if (rows->size() == 1) {
        plan.problems.push_back({0, "", "the file has a header but no clients"});
    }
    return plan;
}

}  // namespace dyad::records_plugin
