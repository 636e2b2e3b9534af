// Diagnoses of a client unit: ICD-10-CM codes from a bundled, editable code list
// ("<resources>/diagnoses/*.txt"), searchable by code or words; each diagnosis belongs to the
// unit or to one of its members, and is resolved or marked "entered in error", never deleted.
// Also the billing check couples work needs: Z63.0 alone on a unit with billed couple sessions
// is the most common denial. Thread: [main-thread]. No wx here.
#pragma once

#include <dyad/db.hpp>

#include <cstddef>
#include <cstdint>
#include <expected>
#include <string>
#include <vector>

namespace dyad::records_plugin {

struct DiagnosisCode {
    std::string code;  // With its dot: "F43.23".
    std::string description;
};

// "f4323", "F43.23" and " F43.23 " all give "F43.23"; "" when text is not shaped like an
// ICD-10-CM code (a letter, two digits or digit+letter, then up to four more characters).
std::string normalized_code(const std::string& text);

class CodeBook {
  public:
    // Reads "CODE description" lines (# starts a comment); a code already known keeps its
    // first description. Problems name the source and the line.
    void add_text(const std::string& text, const std::string& source,
                  std::vector<std::string>& problems);
    const DiagnosisCode* find(const std::string& code) const;
    // Codes that start with the query (dot and case ignored) first, then codes whose
    // description has a word starting with each word of the query; at most limit, by code.
    std::vector<DiagnosisCode> search(const std::string& query, std::size_t limit) const;
    std::size_t size() const { return m_codes.size(); }

  private:
    std::vector<DiagnosisCode> m_codes;  // Sorted by code.
};

// Every "<folder>/diagnoses/*.txt", most specific folder first.
CodeBook load_code_book(const std::vector<std::string>& folders,
                        std::vector<std::string>& problems);

struct Diagnosis {
    std::int64_t id = 0;
    std::int64_t unit_id = 0;
    std::int64_t client_id = 0;  // 0 when the diagnosis is the unit's, not one member's.
    std::string code;
    std::string description;
    std::string status;      // "active", "resolved", "entered_in_error".
    std::string onset_date;  // "" when not known.
    std::string noted_at;
};

class DiagnosisStore {
  public:
    explicit DiagnosisStore(dyad::sdk::Database database) : m_db(database) {}

    // Refused: a client who is not a member of the unit, a bad onset date, the same code
    // already active for the same person.
    std::expected<std::int64_t, std::string> add(std::int64_t unit_id, std::int64_t client_id,
                                                 const DiagnosisCode& code,
                                                 const std::string& onset_date);
    std::expected<void, std::string> set_status(std::int64_t diagnosis_id,
                                                const std::string& status);
    // Active first, then resolved, then entered in error; oldest first within each (same
    // second: by code).
    std::expected<std::vector<Diagnosis>, std::string> for_unit(std::int64_t unit_id);
    // Every diagnosis recorded for one client, in any unit; the same order.
    std::expected<std::vector<Diagnosis>, std::string> for_client(std::int64_t client_id);
    // Attended couple sessions of the unit: the ones a billing office claims.
    std::expected<int, std::string> billed_couple_sessions(std::int64_t unit_id);

  private:
    // The diagnoses whose `column` ("unit_id" or "client_id", never from input) is id.
    std::expected<std::vector<Diagnosis>, std::string> select_where(const char* column,
                                                                    std::int64_t id);
    dyad::sdk::Database m_db;
};

// The warning a therapist must see before billing, or "" when there is none.
std::string billing_warning(const std::vector<Diagnosis>& diagnoses, int billed_couple_sessions);

}  // namespace dyad::records_plugin
