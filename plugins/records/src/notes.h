// Progress and psychotherapy notes over the plugin's confined connection: drafts that save as
// the therapist types, signing that locks, amendments with history, participants, search.
// Psychotherapy (process) notes are kept apart: left out of lists and search unless asked for.
// Thread: [main-thread]. No wx here.
#pragma once

#include <dyad/db.hpp>
#include <dyad/plugin.hpp>

#include <cstdint>
#include <expected>
#include <functional>
#include <string>
#include <vector>

#include "note_templates.h"

namespace dyad::records_plugin {

enum class Include { ProgressOnly = 1, WithPsychotherapy };

struct Amendment {
    std::int64_t id = 0;
    std::string created_at;
    std::string author;
    std::string reason;
    std::string body;
};

struct NoteSection {
    std::string key;
    std::string body;
};

struct Note {
    std::int64_t id = 0;
    std::string uuid;
    std::int64_t unit_id = 0;
    std::string template_id;
    int template_version = 0;
    std::string kind;
    std::string session_date;
    std::string status;  // "draft" or "signed".
    std::string created_at;
    std::string signed_at;
    std::string signed_by;
    std::string cosigned_at;  // "" until a supervisor co-signs.
    std::string cosigned_by;
    std::vector<NoteSection> sections;
    std::vector<std::int64_t> participants;
    std::vector<Amendment> amendments;

    std::string body(const std::string& key) const;
};

// The name a signature, co-signature, amendment or share is recorded under: the signed-in
// user's, or `fallback` in a single-user practice (nobody signs in there).
inline std::string signer_name(const dyad::sdk::Host& host, const char* fallback = "user") {
    std::string name = host.signed_in().name;
    return name.empty() ? fallback : name;
}

struct NoteSummary {
    std::int64_t id = 0;
    std::string session_date;
    std::string template_id;
    std::string kind;
    std::string status;
    std::int64_t shared_from_unit = 0;  // The couple or family unit a shared note belongs to.
};

struct SearchHit {
    std::int64_t note_id = 0;
    std::int64_t unit_id = 0;
    std::string session_date;
    std::string snippet;  // Matches between [ and ].
};

template <class T>
using Outcome = std::expected<T, std::string>;

class NoteStore {
  public:
    explicit NoteStore(dyad::sdk::Database database) : m_db(database) {}

    // A new draft from a template for a session date ("YYYY-MM-DD"); participants are client
    // ids of the unit's members who took part.
    Outcome<std::int64_t> create_draft(std::int64_t unit_id, const NoteTemplate& note_template,
                                       const std::string& session_date,
                                       const std::vector<std::int64_t>& participants);
    // Saves one section of a draft (autosave). Refused for signed notes.
    Outcome<void> save_section(std::int64_t note_id, const std::string& key,
                               const std::string& body);
    // Locks the note. Refused when a required section is empty or the note is signed.
    // signed_at: UTC "YYYY-MM-DDTHH:MM:SSZ", empty for now (the demo's notes were signed on
    // their session's day).
    Outcome<void> sign(std::int64_t note_id, const NoteTemplate& note_template,
                       const std::string& signer, const std::string& signed_at = {});
    // Whether `by` may co-sign the note: it is signed, not co-signed yet, and not signed by `by`
    // (a supervisor co-signs a supervisee's note, not their own). The role is the host's to
    // check (dyad.people/1 co_sign, which also audits it).
    Outcome<Note> check_co_sign(std::int64_t note_id, const std::string& by);
    // Records the co-signature (after check_co_sign): first `audit` (the host's co_sign, which
    // checks the role and caseload and writes the audit entry; it returns the time or "" with
    // *error set, and then nothing is saved), then the row with that time. Returns the time.
    Outcome<std::string> co_sign(std::int64_t note_id, const std::string& by,
                                 const std::function<std::string(std::string* error)>& audit);
    Outcome<std::int64_t> amend(std::int64_t note_id, const std::string& author,
                                const std::string& reason, const std::string& body);
    // Shares a signed progress note of a couple or family session into the individual chart of
    // one member (client_id), where it is listed read-only. Refused without the recorded
    // consent ("may share with partner") of every other member, for psychotherapy notes, for
    // drafts, and twice. Sharing is permanent: it is part of the record.
    Outcome<void> share_with_member(std::int64_t note_id, std::int64_t client_id,
                                    const std::string& shared_by);
    // Client ids the note is shared with.
    Outcome<std::vector<std::int64_t>> shared_with(std::int64_t note_id);
    // Deletes a draft (signed notes are kept for good).
    Outcome<void> discard_draft(std::int64_t note_id);

    Outcome<Note> note(std::int64_t note_id);
    Outcome<std::vector<NoteSummary>> notes_for_unit(std::int64_t unit_id, Include include);
    // Drafts waiting for a signature across the practice, and the oldest one's session date.
    Outcome<std::pair<std::int64_t, std::string>> drafts_to_sign();
    // Word search over note text and amendments; newest first, at most limit hits.
    Outcome<std::vector<SearchHit>> search(const std::string& words, Include include, int limit);

  private:
    Outcome<void> reindex(std::int64_t note_id);
    // Hits for an FTS5 query, newest session first.
    Outcome<std::vector<SearchHit>> run_search(const std::string& query, Include include,
                                               int limit);
    // The search words as an OR of the known whole words each stands for, or "" when a word
    // stands for none or for too many to list.
    std::string expanded_query(const std::string& words);

    dyad::sdk::Database m_db;
};

// The note's sections in its template's order; sections the template no longer has come
// last. Without a template, the stored order.
std::vector<NoteSection> ordered_sections(const Note& note, const NoteTemplate* note_template);

// Whether text is a real date "YYYY-MM-DD".
bool is_session_date(const std::string& text);

// A new note id whose search slot is free: a note's search rowid is its session date's day
// number above the id's low 32 bits (so the index reads newest first), and two notes of one
// date could share those bits (one chance in 2^32 a pair). The id is drawn again until the
// slot is free. session_date is a valid "YYYY-MM-DD"; the error when the check cannot run.
std::expected<std::int64_t, std::string> new_note_id(const dyad::sdk::Database& db,
                                                     const std::string& session_date);

// The words of a search box as an FTS5 query: each word quoted (so punctuation is literal) and
// prefix-matched; empty when there is no word.
std::string fts_query(const std::string& words);

// The words of a text as the search index sees them, near enough: split at ASCII characters
// that are not letters or digits, ASCII lowered, each once. (Non-ASCII letters stay as typed;
// FTS5 folds them when the word is used in a query.)
std::vector<std::string> search_terms(const std::string& text);
// Records the words of an indexed text in records_note_term; "" or the error.
std::string remember_terms(const dyad::sdk::Database& db, const std::string& text);

}  // namespace dyad::records_plugin
