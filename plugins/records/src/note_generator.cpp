#include "note_generator.h"

#include <chrono>
#include <random>
#include <vector>

#include "notes.h"
#include "util.h"

namespace dyad::records_plugin {
namespace {

// The first words are drawn far more often (Zipf-like), so "partner" or "session" match a
// large share of notes, as common words do in a real practice.
constexpr const char* kWords[] = {
    "partner",       "session",     "feel",         "conflict",    "listen",     "home",
    "week",          "dialogue",    "mirror",       "validate",    "empathy",    "anger",
    "trust",         "children",    "work",         "money",       "time",       "together",
    "safety",        "repair",      "appreciation", "frustration", "request",    "childhood",
    "parent",        "fear",        "sadness",      "withdrawal",  "pursue",     "criticism",
    "defensiveness", "contempt",    "stonewalling", "vision",      "commitment", "exit",
    "intimacy",      "touch",       "sleep",        "stress",      "holiday",    "in-laws",
    "phone",         "dinner",      "chores",       "schedule",    "weekend",    "travel",
    "illness",       "grief",       "loss",         "affair",      "jealousy",   "boundary",
    "apology",       "forgiveness", "humour",       "gratitude",   "budget",     "career",
    "moving",        "pregnancy",   "adoption",     "retirement",  "alcohol",    "medication",
    "therapy",       "homework",    "journal",      "breathing",   "calm",       "flooding",
    "timeout",       "curiosity",   "caring",       "behaviour",   "surprise",   "gift",
    "date",          "walk",        "music",        "garden",      "dog",        "cooking",
    "faith",         "culture",     "language",     "distance",    "closeness",  "respect",
    "fairness",      "teamwork",    "routine",      "morning",     "evening",    "bedtime",
    "school",        "teacher",     "friend",       "sister",      "brother"};
constexpr std::size_t kWordCount = sizeof kWords / sizeof kWords[0];

class Wording {
  public:
    explicit Wording(std::uint32_t seed) : m_random(seed) {
        std::vector<double> weights;
        for (std::size_t i = 0; i < kWordCount; ++i) {
            weights.push_back(1.0 / static_cast<double>(i + 1));
        }
        m_pick = std::discrete_distribution<std::size_t>(weights.begin(), weights.end());
    }
    std::string sentence(int words) {
        std::string text = "Couple reported";
        for (int i = 0; i < words; ++i) {
            text += std::string(" ") + kWords[m_pick(m_random)];
        }
        return text + ".";
    }
    std::mt19937& random() { return m_random; }

  private:
    std::mt19937 m_random;
    std::discrete_distribution<std::size_t> m_pick;
};

}  // namespace

std::expected<std::int64_t, std::string> generate_notes(const dyad::sdk::Database& db,
                                                        std::int64_t count, std::uint32_t seed,
                                                        const std::string& until_date,
                                                        const GenerationProgress& progress) {
    std::vector<std::int64_t> units;
    {
        auto select = db.prepare("SELECT id FROM core_unit ORDER BY id");
        while (select.ok() && select.step() == DYAD_ROW) {
            units.push_back(select.int64(0));
        }
    }
    if (units.empty()) {
        return std::unexpected("The practice has no client unit to write notes for.");
    }
    using namespace std::chrono;
    int year = std::stoi(until_date.substr(0, 4));
    sys_days until = year_month_day{
        std::chrono::year(year), month(static_cast<unsigned>(std::stoi(until_date.substr(5, 2)))),
        day(static_cast<unsigned>(std::stoi(until_date.substr(8, 2))))};
    Wording wording(seed);
    std::uniform_int_distribution<std::size_t> pick_unit(0, units.size() - 1);
    std::uniform_int_distribution<int> days_back(0, 5 * 365);
    std::uniform_int_distribution<int> length(12, 30);
    std::string now = now_utc();
    const char* sections[] = {"data", "assessment", "plan"};
    // Every generated text is made of these words: the search's word list learns them once.
    std::string vocabulary = "Couple reported";
    for (const char* word : kWords) {
        vocabulary += std::string(" ") + word;
    }
    if (std::string error = remember_terms(db, vocabulary); !error.empty()) {
        return std::unexpected(error);
    }
    std::int64_t written = 0;
    while (written < count) {
        if (std::string error = db.begin(); !error.empty()) {
            return std::unexpected(error);
        }
        auto note = db.prepare(
            "INSERT INTO records_note (id, uuid, unit_id, template_id, template_version, kind, "
            "session_date, status, created_at, updated_at, signed_at, signed_by, search_rowid) "
            "VALUES (?1, ?2, ?3, 'dap', 1, 'progress', ?4, 'draft', ?5, ?5, ?5, 'generator', "
            "(CAST(julianday(?4) - 2440587.5 AS INTEGER) << 32) | (?1 & 4294967295))");
        auto section = db.prepare(
            "INSERT INTO records_note_section (note_id, section_key, body) VALUES (?, ?, ?)");
        // A signed note takes no new section, so each note is written as a draft and signed
        // once its sections are in, as a therapist's would be.
        auto sign = db.prepare("UPDATE records_note SET status = 'signed' WHERE id = ?");
        auto index = db.prepare(
            "INSERT INTO records_note_search (rowid, body) SELECT search_rowid, ?2 FROM "
            "records_note WHERE id = ?1");
        std::int64_t batch_end = std::min(count, written + 10'000);
        for (; written < batch_end; ++written) {
            year_month_day date{until - days(days_back(wording.random()))};
            char date_text[16];
            std::snprintf(date_text, sizeof date_text, "%04d-%02u-%02u",
                          static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
                          static_cast<unsigned>(date.day()));
            auto drawn = new_note_id(db, date_text);
            if (!drawn) {
                (void)db.rollback();
                return std::unexpected(drawn.error());
            }
            std::int64_t id = *drawn;
            note.reset();
            note.bind(1, id)
                .bind(2, db.new_uuid())
                .bind(3, units[pick_unit(wording.random())])
                .bind(4, std::string(date_text))
                .bind(5, now);
            if (note.step() != DYAD_DONE) {
                std::string error = db.last_error();
                (void)db.rollback();
                return std::unexpected(error);
            }
            std::string all;
            for (const char* key : sections) {
                std::string body = wording.sentence(length(wording.random()));
                all += body + "\n";
                section.reset();
                section.bind(1, id).bind(2, key).bind(3, body);
                if (section.step() != DYAD_DONE) {
                    std::string error = db.last_error();
                    (void)db.rollback();
                    return std::unexpected(error);
                }
            }
            index.reset();
            index.bind(1, id).bind(2, all);
            sign.reset();
            sign.bind(1, id);
            if (index.step() != DYAD_DONE || sign.step() != DYAD_DONE) {
                std::string error = db.last_error();
                (void)db.rollback();
                return std::unexpected(error);
            }
        }
        if (std::string error = db.commit(); !error.empty()) {
            return std::unexpected(error);
        }
        if (progress && !progress(written, count)) {
            break;
        }
    }
    return written;
}

}  // namespace dyad::records_plugin
