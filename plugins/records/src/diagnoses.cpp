#include "diagnoses.h"

#include <algorithm>
#include <cctype>
#include <dyad/show.hpp>
#include <sstream>

#include "notes.h"  // is_session_date
#include "util.h"

namespace dyad::records_plugin {
namespace {

std::vector<std::string> words_of(const std::string& text) {
    std::vector<std::string> words;
    std::string word;
    for (char c : text + " ") {
        if (std::isalnum(static_cast<unsigned char>(c)) || c == '\'') {
            word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        } else if (!word.empty()) {
            words.push_back(word);
            word.clear();
        }
    }
    return words;
}

// Whether every query word starts some word of the description.
bool words_match(const std::vector<std::string>& query, const std::string& description) {
    std::vector<std::string> words = words_of(description);
    return std::all_of(query.begin(), query.end(), [&](const std::string& wanted) {
        return std::any_of(words.begin(), words.end(),
                           [&](const std::string& word) { return word.rfind(wanted, 0) == 0; });
    });
}

std::string without_dot(const std::string& code) {
    std::string plain;
    for (char c : code) {
        if (c != '.') {
            plain += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        }
    }
    return plain;
}

}  // namespace

std::string normalized_code(const std::string& text) {
    std::string plain = without_dot(trimmed(text));
    if (plain.size() < 3 || plain.size() > 7 ||
        !std::isalpha(static_cast<unsigned char>(plain[0])) ||
        !std::isdigit(static_cast<unsigned char>(plain[1])) ||
        !std::isalnum(static_cast<unsigned char>(plain[2]))) {
        return {};
    }
    for (char c : plain) {
        if (!std::isalnum(static_cast<unsigned char>(c))) {
            return {};
        }
    }
    return plain.size() == 3 ? plain : plain.substr(0, 3) + "." + plain.substr(3);
}

void CodeBook::add_text(const std::string& text, const std::string& source,
                        std::vector<std::string>& problems) {
    std::istringstream lines(text);
    std::string line;
    int number = 0;
    while (std::getline(lines, line)) {
        ++number;
        std::string content = trimmed(line);
        if (content.empty() || content[0] == '#') {
            continue;
        }
        std::size_t gap = content.find_first_of(" \t");
        std::string code =
            normalized_code(gap == std::string::npos ? content : content.substr(0, gap));
        std::string description = gap == std::string::npos ? "" : trimmed(content.substr(gap));
        if (code.empty() || description.empty()) {
            problems.push_back(source + ":" + std::to_string(number) +
                               ": expected a code and its description");
            continue;
        }
        auto at = std::lower_bound(m_codes.begin(), m_codes.end(), code,
                                   [](const DiagnosisCode& known, const std::string& wanted) {
                                       return known.code < wanted;
                                   });
        if (at == m_codes.end() || at->code != code) {
            m_codes.insert(at, {code, description});
        }
    }
}

const DiagnosisCode* CodeBook::find(const std::string& code) const {
    std::string wanted = normalized_code(code);
    auto at = std::lower_bound(
        m_codes.begin(), m_codes.end(), wanted,
        [](const DiagnosisCode& known, const std::string& key) { return known.code < key; });
    return at != m_codes.end() && at->code == wanted ? &*at : nullptr;
}

std::vector<DiagnosisCode> CodeBook::search(const std::string& query, std::size_t limit) const {
    std::vector<DiagnosisCode> found;
    std::string code_prefix = without_dot(trimmed(query));
    std::vector<std::string> words = words_of(query);
    if (words.empty()) {
        return found;
    }
    for (const auto& entry : m_codes) {
        if (found.size() < limit && without_dot(entry.code).rfind(code_prefix, 0) == 0) {
            found.push_back(entry);
        }
    }
    for (const auto& entry : m_codes) {
        if (found.size() >= limit) {
            break;
        }
        bool already = std::any_of(found.begin(), found.end(), [&](const DiagnosisCode& known) {
            return known.code == entry.code;
        });
        if (!already && words_match(words, entry.description)) {
            found.push_back(entry);
        }
    }
    return found;
}

CodeBook load_code_book(const std::vector<std::string>& folders,
                        std::vector<std::string>& problems) {
    CodeBook book;
    for_each_data_file(
        folders, "diagnoses",
        [&](const std::string& path, const std::string& content) {
            book.add_text(content, path, problems);  // Line by line: a bad line skips itself.
            return true;
        },
        ".txt");
    return book;
}

std::expected<std::int64_t, std::string> DiagnosisStore::add(std::int64_t unit_id,
                                                             std::int64_t client_id,
                                                             const DiagnosisCode& code,
                                                             const std::string& onset_date) {
    if (normalized_code(code.code).empty() || trimmed(code.description).empty()) {
        return std::unexpected(dyad::show::tr("Choose a diagnosis code from the list."));
    }
    if (!onset_date.empty() && !is_session_date(onset_date)) {
        return std::unexpected(
            dyad::show::tr("The onset date is not a valid date (expected YYYY-MM-DD)."));
    }
    if (client_id != 0) {
        auto member =
            m_db.prepare("SELECT 1 FROM core_unit_member WHERE unit_id = ? AND client_id = ?");
        member.bind(1, unit_id).bind(2, client_id);
        if (!member.ok() || member.step() != DYAD_ROW) {
            return std::unexpected(member.ok()
                                       ? dyad::show::tr("That client is not a member of this unit.")
                                       : member.error());
        }
    }
    auto same = m_db.prepare(
        "SELECT 1 FROM records_diagnosis WHERE unit_id = ? AND ifnull(client_id, 0) = ? AND "
        "code = ? AND status = 'active'");
    same.bind(1, unit_id).bind(2, client_id).bind(3, code.code);
    if (!same.ok()) {
        return std::unexpected(same.error());
    }
    if (same.step() == DYAD_ROW) {
        return std::unexpected(dyad::show::fill(
            dyad::show::tr("{code} is already an active diagnosis here."), "code", code.code));
    }
    std::int64_t id = m_db.new_id();
    std::string now = now_utc();
    auto insert = m_db.prepare(
        "INSERT INTO records_diagnosis (id, uuid, unit_id, client_id, code, description, "
        "status, onset_date, noted_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'active', ?, ?, ?)");
    insert.bind(1, id).bind(2, m_db.new_uuid()).bind(3, unit_id);
    if (client_id != 0) {
        insert.bind(4, client_id);
    } else {
        insert.bind_null(4);
    }
    insert.bind(5, code.code).bind(6, code.description);
    if (onset_date.empty()) {
        insert.bind_null(7);
    } else {
        insert.bind(7, onset_date);
    }
    insert.bind(8, now).bind(9, now);
    if (!insert.ok() || insert.step() != DYAD_DONE) {
        return std::unexpected(insert.ok() ? m_db.last_error() : insert.error());
    }
    return id;
}

std::expected<void, std::string> DiagnosisStore::set_status(std::int64_t diagnosis_id,
                                                            const std::string& status) {
    if (status != "active" && status != "resolved" && status != "entered_in_error") {
        return std::unexpected(dyad::show::fill(
            dyad::show::tr("Unknown diagnosis status \"{status}\"."), "status", status));
    }
    auto update =
        m_db.prepare("UPDATE records_diagnosis SET status = ?, updated_at = ? WHERE id = ?");
    update.bind(1, status).bind(2, now_utc()).bind(3, diagnosis_id);
    if (!update.ok() || update.step() != DYAD_DONE) {
        return std::unexpected(update.ok() ? m_db.last_error() : update.error());
    }
    if (m_db.changes() == 0) {
        return std::unexpected(dyad::show::tr("That diagnosis no longer exists."));
    }
    return {};
}

std::expected<std::vector<Diagnosis>, std::string> DiagnosisStore::for_unit(std::int64_t unit_id) {
    return select_where("unit_id", unit_id);
}

std::expected<std::vector<Diagnosis>, std::string> DiagnosisStore::for_client(
    std::int64_t client_id) {
    return select_where("client_id", client_id);
}

std::expected<std::vector<Diagnosis>, std::string> DiagnosisStore::select_where(const char* column,
                                                                                std::int64_t id) {
    auto select = m_db.prepare(
        (std::string("SELECT id, unit_id, ifnull(client_id, 0), code, description, status, "
                     "ifnull(onset_date, ''), noted_at FROM records_diagnosis WHERE ") +
         column +
         " = ? ORDER BY CASE status WHEN 'active' THEN 0 WHEN 'resolved' THEN 1 ELSE 2 END, "
         "noted_at, code, id")
            .c_str());
    select.bind(1, id);
    if (!select.ok()) {
        return std::unexpected(select.error());
    }
    std::vector<Diagnosis> found;
    int step;
    while ((step = select.step()) == DYAD_ROW) {
        found.push_back({select.int64(0), select.int64(1), select.int64(2), select.text(3),
                         select.text(4), select.text(5), select.text(6), select.text(7)});
    }
    if (step != DYAD_DONE) {
        return std::unexpected(m_db.last_error());
    }
    return found;
}

std::expected<int, std::string> DiagnosisStore::billed_couple_sessions(std::int64_t unit_id) {
    auto count = m_db.prepare(
        "SELECT count(*) FROM core_appointment WHERE unit_id = ? AND session_type = 'couple' "
        "AND status = 'attended'");
    count.bind(1, unit_id);
    if (!count.ok() || count.step() != DYAD_ROW) {
        return std::unexpected(count.ok() ? m_db.last_error() : count.error());
    }
    return static_cast<int>(count.int64(0));
}

std::string billing_warning(const std::vector<Diagnosis>& diagnoses, int billed_couple_sessions) {
    std::vector<const Diagnosis*> active;
    for (const auto& diagnosis : diagnoses) {
        if (diagnosis.status == "active") {
            active.push_back(&diagnosis);
        }
    }
    if (billed_couple_sessions == 0 || active.size() != 1 || active[0]->code != "Z63.0") {
        return {};
    }
    return dyad::show::tr_n(
        "Z63.0 (relationship distress with spouse or partner) is the only diagnosis, and {n} "
        "attended couple session may be billed. Insurers usually deny couple sessions billed on "
        "Z63.0 alone: add the identified patient's covered diagnosis, or bill the couple "
        "privately.",
        "Z63.0 (relationship distress with spouse or partner) is the only diagnosis, and {n} "
        "attended couple sessions may be billed. Insurers usually deny couple sessions billed on "
        "Z63.0 alone: add the identified patient's covered diagnosis, or bill the couple "
        "privately.",
        billed_couple_sessions);
}

}  // namespace dyad::records_plugin
