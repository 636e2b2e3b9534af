// What billing documents read from the host and the records plugin about a client (issue 16):
// the name and date of birth from the core record, and the diagnoses in force on a date of
// service from dyad.records.diagnoses/1 (active, not entered in error, and not begun after
// that date: an insurer refuses a diagnosis dated after the service). Thread: [main-thread].
// No wx here.
#pragma once

#include <dyad/plugin.hpp>

#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <vector>

namespace dyad::billing {

struct ClientFacts {
    std::int64_t id = 0;
    std::string given_name, family_name, date_of_birth;  // date_of_birth "YYYY-MM-DD" or "".
    std::string uuid;
    std::string full_name() const { return given_name + " " + family_name; }
};

// nullopt when there is no such client (or clients may not be read).
std::optional<ClientFacts> client_facts(const dyad::sdk::Host& host, std::int64_t client_id);

// The client's diagnosis codes in force on date ("YYYY-MM-DD"): codes beyond Z first (an
// insurer reads the first as primary), then Z-codes, each once, at most 12 (CMS-1500 box 21
// A-L). An error in words when the records plugin is not loaded or refuses.
std::expected<std::vector<std::string>, std::string> diagnoses_on(const dyad::sdk::Host& host,
                                                                  std::int64_t client_id,
                                                                  const std::string& date);

// One document's diagnosis list and each line's pointers into it (1-based, at most four per
// line, as CMS-1500 box 24E and 837P SV107 carry them): the codes in the order lines first
// name them, at most 12; a code beyond the twelfth is left off its line.
struct PointedDiagnoses {
    std::vector<std::string> codes;
    std::vector<std::vector<int>> pointers;  // One list per line.
};
PointedDiagnoses point_diagnoses(const std::vector<std::vector<std::string>>& per_line);

// 1 -> "A" ... 12 -> "L" (CMS-1500 box 21's letters).
inline char pointer_letter(int pointer) {
    return static_cast<char>('A' + pointer - 1);
}

}  // namespace dyad::billing
