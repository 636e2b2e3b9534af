// Importing a caseload from a CSV file (RFC 4180; UTF-8, a byte-order mark is skipped): one
// client per row, rows sharing a "unit" key become one couple, family or group; a row without
// a key gets its own individual unit. Planning checks every row and lists every problem by row
// and column before anything is written (the dry run); the import writes only a plan with no
// blocking problem. An import that stops half-way (a refused row, a full disk, a kill) is
// resumed by running it again on the same file: rows already written are not written twice.
// No wx here.
#pragma once

#include <dyad/db.hpp>
#include <dyad/plugin.hpp>

#include <cstdint>
#include <expected>
#include <functional>
#include <string>
#include <vector>

namespace dyad::records_plugin {

// The fields of a CSV text, row by row; "line N: ..." when a quote is left open.
std::expected<std::vector<std::vector<std::string>>, std::string> parse_csv(
    const std::string& text);

struct ImportClient {
    int row = 0;  // 1-based data row; the header is row 0.
    std::string given_name, family_name, preferred_name, pronouns, date_of_birth, email, phone,
        status;
    std::string unit_key;
};

struct ImportUnit {
    std::string key;  // "" for an individual unit made for one client.
    std::string kind;
    std::vector<std::size_t> members;  // Indexes into ImportPlan::clients.
};

struct ImportProblem {
    int row = 0;  // 0: the file or its header.
    std::string column;
    std::string message;
    bool blocking = true;  // Warnings (a likely duplicate) do not stop the import.
};

struct ImportPlan {
    std::string digest;  // Of the file's text: the same file resumes its unfinished import.
    std::vector<ImportClient> clients;
    std::vector<ImportUnit> units;
    std::vector<ImportProblem> problems;

    bool can_import() const;
    // "row 3, email: The email address does not look right." one per line.
    std::string report() const;
};

// The columns a file may have; given_name and family_name are required.
const std::vector<std::string>& import_columns();

// Reads and checks everything, writes nothing. Field rules are the host's own (through
// dyad.core/1 check_client); duplicates (same name and date of birth, in the file or already
// on file) are warnings.
ImportPlan plan_import(const std::string& csv_text, const dyad::sdk::Host& host);

// The largest CSV file read for an import (100,000 clients with every column take about 30 MB).
inline constexpr std::size_t kMaxImportBytes = 64 * 1024 * 1024;

struct ImportResult {
    std::vector<std::int64_t> clients;
    std::vector<std::int64_t> units;
    std::size_t resumed = 0;  // Clients and units an earlier, unfinished run had written.
};

// Called after each client and unit written with (done, total); returning false cancels.
using ImportProgress = std::function<bool(std::size_t done, std::size_t total)>;

// Writes a plan that can_import(), recording each client and unit in records_import_* as it
// is written (a row is marked before the host writes it, so a kill in between is recognised:
// the one client or unit exactly like that row is adopted, not made twice). When a row is
// refused or a write fails, the import stops and the error says how far it got and to run it
// again; a cancel archives the clients this run created and ends the import.
// A file whose import finished before is refused unless again is true.
std::expected<ImportResult, std::string> run_import(const ImportPlan& plan,
                                                    const dyad::sdk::Host& host,
                                                    const ImportProgress& progress = {},
                                                    bool again = false);

}  // namespace dyad::records_plugin
