#include "notes.h"
#include <dyad/show.hpp>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <ctime>

#include "util.h"

namespace dyad::records_plugin {
namespace {

// Turns a failed step into the connection's message.
// Runs write() in one transaction: a note's text, its search index and its words change
// together or not at all (a kill or a full disk between them left the index behind).
template <class T, class Write>
Outcome<T> atomically(const dyad::sdk::Database& db, Write&& write) {
    if (std::string error = db.begin(); !error.empty()) {
        return std::unexpected(error);
    }
    Outcome<T> result = write();
    if (!result) {
        (void)db.rollback();
        return result;
    }
    if (std::string error = db.commit(); !error.empty()) {
        (void)db.rollback();
        return std::unexpected(error);
    }
    return result;
}

template <class T>
Outcome<T> failed(const dyad::sdk::Database& db) {
    return std::unexpected(db.last_error());
}

}  // namespace

std::string Note::body(const std::string& key) const {
    for (const auto& section : sections) {
        if (section.key == key) {
            return section.body;
        }
    }
    return {};
}

std::vector<NoteSection> ordered_sections(const Note& note, const NoteTemplate* note_template) {
    std::vector<NoteSection> ordered;
    if (note_template != nullptr) {
        for (const auto& described : note_template->sections) {
            ordered.push_back({described.key, note.body(described.key)});
        }
    }
    for (const auto& section : note.sections) {
        if (note_template == nullptr || note_template->section(section.key) == nullptr) {
            ordered.push_back(section);
        }
    }
    return ordered;
}

bool is_session_date(const std::string& text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
        return false;
    }
    for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u}) {
        if (text[i] < '0' || text[i] > '9') {
            return false;
        }
    }
    using namespace std::chrono;
    year_month_day date{year(std::stoi(text.substr(0, 4))),
                        month(static_cast<unsigned>(std::stoi(text.substr(5, 2)))),
                        day(static_cast<unsigned>(std::stoi(text.substr(8, 2))))};
    return date.ok();
}

std::string fts_query(const std::string& words) {
    std::string query;
    std::string word;
    auto flush = [&] {
        if (!word.empty()) {
            query += (query.empty() ? "\"" : " \"") + word + "\"*";
            word.clear();
        }
    };
    for (char c : words) {
        if (c == ' ' || c == '\t' || c == '\n') {
            flush();
        } else if (c != '"') {
            word += c;
        }
    }
    flush();
    return query;
}

Outcome<std::int64_t> NoteStore::create_draft(std::int64_t unit_id,
                                              const NoteTemplate& note_template,
                                              const std::string& session_date,
                                              const std::vector<std::int64_t>& participants) {
    if (!is_session_date(session_date)) {
        return std::unexpected(
            dyad::show::tr("The session date is not a valid date (expected YYYY-MM-DD)."));
    }
    std::string now = now_utc();
    if (std::string error = m_db.begin(); !error.empty()) {
        return std::unexpected(error);
    }
    auto rollback = [&](std::string message) -> Outcome<std::int64_t> {
        (void)m_db.rollback();
        return std::unexpected(std::move(message));
    };
    auto drawn = new_note_id(m_db, session_date);  // Inside the transaction: the slot stays free.
    if (!drawn) {
        return rollback(drawn.error());
    }
    std::int64_t id = *drawn;
    auto insert = m_db.prepare(
        "INSERT INTO records_note (id, uuid, unit_id, template_id, template_version, kind, "
        "session_date, status, created_at, updated_at, search_rowid) VALUES (?1, ?2, ?3, ?4, ?5, "
        "?6, ?7, 'draft', ?8, ?9, (CAST(julianday(?7) - 2440587.5 AS INTEGER) << 32) | (?1 & "
        "4294967295))");
    insert.bind(1, id)
        .bind(2, m_db.new_uuid())
        .bind(3, unit_id)
        .bind(4, note_template.id)
        .bind(5, note_template.version)
        .bind(6, note_template.kind)
        .bind(7, session_date)
        .bind(8, now)
        .bind(9, now);
    if (!insert.ok() || insert.step() != DYAD_DONE) {
        std::string error = insert.ok() ? m_db.last_error() : insert.error();
        if (error.find("FOREIGN KEY") != std::string::npos) {
            return rollback("That client unit does not exist.");
        }
        return rollback(error);
    }
    for (const auto& section : note_template.sections) {
        auto add = m_db.prepare(
            "INSERT INTO records_note_section (note_id, section_key, body) VALUES (?, ?, '')");
        add.bind(1, id).bind(2, section.key);
        if (add.step() != DYAD_DONE) {
            return rollback(m_db.last_error());
        }
    }
    for (std::int64_t client : participants) {
        // Only members of the unit took part in its session.
        auto member = m_db.prepare(
            "SELECT count(*) FROM core_unit_member WHERE unit_id = ? AND client_id = ?");
        member.bind(1, unit_id).bind(2, client);
        if (member.step() != DYAD_ROW || member.int64(0) == 0) {
            return rollback("A participant is not a member of this client unit.");
        }
        auto add =
            m_db.prepare("INSERT INTO records_note_participant (note_id, client_id) VALUES (?, ?)");
        add.bind(1, id).bind(2, client);
        if (add.step() != DYAD_DONE) {
            return rollback(m_db.last_error());
        }
    }
    if (std::string error = m_db.commit(); !error.empty()) {
        return rollback(error);
    }
    return id;
}

Outcome<void> NoteStore::save_section(std::int64_t note_id, const std::string& key,
                                      const std::string& body) {
    auto current = note(note_id);
    if (!current) {
        return std::unexpected(current.error());
    }
    if (current->status == "signed") {
        return std::unexpected(
            dyad::show::tr("This note is signed and locked; add an amendment instead."));
    }
    return atomically<void>(m_db, [&]() -> Outcome<void> {
        auto update = m_db.prepare(
            "INSERT INTO records_note_section (body, note_id, section_key) VALUES (?, ?, ?) "
            "ON CONFLICT (note_id, section_key) DO UPDATE SET body = excluded.body");
        update.bind(1, body).bind(2, note_id).bind(3, key);
        if (update.step() != DYAD_DONE) {
            return failed<void>(m_db);
        }
        auto touch = m_db.prepare("UPDATE records_note SET updated_at = ? WHERE id = ?");
        touch.bind(1, now_utc()).bind(2, note_id);
        if (touch.step() != DYAD_DONE) {
            return failed<void>(m_db);
        }
        return reindex(note_id);
    });
}

Outcome<void> NoteStore::sign(std::int64_t note_id, const NoteTemplate& note_template,
                              const std::string& signer, const std::string& signed_at) {
    auto current = note(note_id);
    if (!current) {
        return std::unexpected(current.error());
    }
    if (current->status == "signed") {
        return std::unexpected(dyad::show::fill(
            dyad::show::tr("This note is already signed ({when})."), "when", current->signed_at));
    }
    for (const auto& section : note_template.sections) {
        if (section.required && trimmed(current->body(section.key)).empty()) {
            return std::unexpected(dyad::show::fill(
                dyad::show::tr("\"{section}\" is empty; fill it in before signing."), "section",
                section.label));
        }
    }
    auto update = m_db.prepare(
        "UPDATE records_note SET status = 'signed', signed_at = ?, signed_by = ?, updated_at = ? "
        "WHERE id = ? AND status = 'draft'");
    std::string now = signed_at.empty() ? now_utc() : signed_at;
    update.bind(1, now).bind(2, signer).bind(3, now).bind(4, note_id);
    if (update.step() != DYAD_DONE) {
        return failed<void>(m_db);
    }
    return {};
}

Outcome<Note> NoteStore::check_co_sign(std::int64_t note_id, const std::string& by) {
    auto current = note(note_id);
    if (!current) {
        return current;
    }
    if (current->status != "signed") {
        return std::unexpected(
            dyad::show::tr("Only a signed note can be co-signed; the author signs it first."));
    }
    if (!current->cosigned_at.empty()) {
        return std::unexpected(dyad::show::fill(
            dyad::show::fill(dyad::show::tr("This note was co-signed {when} by {who}."), "when",
                             current->cosigned_at),
            "who", current->cosigned_by));
    }
    if (by == "user" || by == "dyadctl" || by.empty()) {
        return std::unexpected(
            dyad::show::tr("Co-signing needs a signed-in user: set up users (Tools > Users) "
                           "and sign in as the supervisor."));
    }
    if (current->signed_by == "user" || current->signed_by == "dyadctl") {
        return std::unexpected(
            dyad::show::tr("This note was signed before users were set up: it names no "
                           "author to co-sign for."));
    }
    if (current->signed_by == by) {
        return std::unexpected(
            dyad::show::tr("You signed this note; another clinician co-signs it."));
    }
    return current;
}

Outcome<std::string> NoteStore::co_sign(
    std::int64_t note_id, const std::string& by,
    const std::function<std::string(std::string* error)>& audit) {
    // The host first: it checks the role and caseload and writes the audit entry on its own
    // connection, which a write transaction open here would block. check_co_sign ran before,
    // so what is left to fail below is the disk, and the message says what happened.
    std::string error;
    std::string at = audit(&error);
    if (at.empty()) {
        return std::unexpected(error);
    }
    auto insert = m_db.prepare(
        "INSERT INTO records_note_cosign (note_id, cosigned_by, cosigned_at) VALUES (?, ?, ?)");
    insert.bind(1, note_id).bind(2, by).bind(3, at);
    if (insert.step() != DYAD_DONE) {
        return std::unexpected("the co-signature was audited at " + at +
                               " but could not be saved with the note: " + m_db.last_error());
    }
    return at;
}

Outcome<std::int64_t> NoteStore::amend(std::int64_t note_id, const std::string& author,
                                       const std::string& reason, const std::string& body) {
    if (trimmed(reason).empty()) {
        return std::unexpected(dyad::show::tr("Say why the note is amended."));
    }
    if (trimmed(body).empty()) {
        return std::unexpected(dyad::show::tr("The amendment has no text."));
    }
    auto current = note(note_id);
    if (!current) {
        return std::unexpected(current.error());
    }
    if (current->status != "signed") {
        return std::unexpected(
            dyad::show::tr("Only a signed note takes amendments; edit the draft instead."));
    }
    std::int64_t id = m_db.new_id();
    return atomically<std::int64_t>(m_db, [&]() -> Outcome<std::int64_t> {
        auto insert = m_db.prepare(
            "INSERT INTO records_note_amendment (id, note_id, position, created_at, author, "
            "reason, body) VALUES (?1, ?2, (SELECT coalesce(max(position), 0) + 1 FROM "
            "records_note_amendment WHERE note_id = ?2), ?3, ?4, ?5, ?6)");
        insert.bind(1, id)
            .bind(2, note_id)
            .bind(3, now_utc())
            .bind(4, author)
            .bind(5, reason)
            .bind(6, body);  // Positions count from 1 per note: the history reads in order.
        if (insert.step() != DYAD_DONE) {
            return failed<std::int64_t>(m_db);
        }
        if (auto indexed = reindex(note_id); !indexed) {
            return std::unexpected(indexed.error());
        }
        return id;
    });
}

Outcome<void> NoteStore::discard_draft(std::int64_t note_id) {
    auto current = note(note_id);
    if (!current) {
        return std::unexpected(current.error());
    }
    if (current->status == "signed") {
        return std::unexpected(
            dyad::show::tr("A signed note is kept for good; add an amendment instead."));
    }
    return atomically<void>(m_db, [&]() -> Outcome<void> {
        auto unindex = m_db.prepare(
            "DELETE FROM records_note_search WHERE rowid = (SELECT search_rowid FROM "
            "records_note WHERE id = ?)");
        unindex.bind(1, note_id);
        auto remove = m_db.prepare("DELETE FROM records_note WHERE id = ?");
        remove.bind(1, note_id);
        if (unindex.step() != DYAD_DONE || remove.step() != DYAD_DONE) {
            return failed<void>(m_db);
        }
        return {};
    });
}

Outcome<Note> NoteStore::note(std::int64_t note_id) {
    auto select = m_db.prepare(
        "SELECT id, uuid, unit_id, template_id, template_version, kind, session_date, status, "
        "created_at, coalesce(signed_at, ''), coalesce(signed_by, ''), "
        "coalesce(c.cosigned_at, ''), coalesce(c.cosigned_by, '') FROM records_note "
        "LEFT JOIN records_note_cosign c ON c.note_id = records_note.id WHERE id = ?");
    select.bind(1, note_id);
    int code = select.step();
    if (code == DYAD_DONE) {
        return std::unexpected(dyad::show::tr("No such note."));
    }
    if (code != DYAD_ROW) {
        return failed<Note>(m_db);
    }
    Note result;
    result.id = select.int64(0);
    result.uuid = select.text(1);
    result.unit_id = select.int64(2);
    result.template_id = select.text(3);
    result.template_version = static_cast<int>(select.int64(4));
    result.kind = select.text(5);
    result.session_date = select.text(6);
    result.status = select.text(7);
    result.created_at = select.text(8);
    result.signed_at = select.text(9);
    result.signed_by = select.text(10);
    result.cosigned_at = select.text(11);
    result.cosigned_by = select.text(12);
    auto sections =
        m_db.prepare("SELECT section_key, body FROM records_note_section WHERE note_id = ?");
    sections.bind(1, note_id);
    while (sections.step() == DYAD_ROW) {
        result.sections.push_back({sections.text(0), sections.text(1)});
    }
    auto participants =
        m_db.prepare("SELECT client_id FROM records_note_participant WHERE note_id = ?");
    participants.bind(1, note_id);
    while (participants.step() == DYAD_ROW) {
        result.participants.push_back(participants.int64(0));
    }
    auto amendments = m_db.prepare(
        "SELECT id, created_at, author, reason, body FROM records_note_amendment WHERE note_id = ? "
        "ORDER BY position");
    amendments.bind(1, note_id);
    while (amendments.step() == DYAD_ROW) {
        result.amendments.push_back({amendments.int64(0), amendments.text(1), amendments.text(2),
                                     amendments.text(3), amendments.text(4)});
    }
    return result;
}

Outcome<std::vector<NoteSummary>> NoteStore::notes_for_unit(std::int64_t unit_id, Include include) {
    auto select = m_db.prepare(
        "SELECT id, session_date, template_id, kind, status, 0, created_at FROM records_note "
        "WHERE unit_id = ?1 AND (?2 = 1 OR kind = 'progress') "
        "UNION ALL "
        "SELECT n.id, n.session_date, n.template_id, n.kind, n.status, n.unit_id, n.created_at "
        "FROM records_note_share s JOIN records_note n ON n.id = s.note_id "
        "JOIN core_unit_member m ON m.client_id = s.client_id "
        "JOIN core_unit u ON u.id = m.unit_id AND u.kind = 'individual' WHERE u.id = ?1 "
        "ORDER BY 2 DESC, 7 DESC");
    select.bind(1, unit_id).bind(2, include == Include::WithPsychotherapy ? 1 : 0);
    if (!select.ok()) {
        return std::unexpected(select.error());
    }
    std::vector<NoteSummary> notes;
    int code = DYAD_ROW;
    while ((code = select.step()) == DYAD_ROW) {
        notes.push_back({select.int64(0), select.text(1), select.text(2), select.text(3),
                         select.text(4), select.int64(5)});
    }
    if (code != DYAD_DONE) {
        return failed<std::vector<NoteSummary>>(m_db);
    }
    return notes;
}

Outcome<void> NoteStore::share_with_member(std::int64_t note_id, std::int64_t client_id,
                                           const std::string& shared_by) {
    auto found = note(note_id);
    if (!found) {
        return std::unexpected(found.error());
    }
    if (found->kind != "progress") {
        return std::unexpected(dyad::show::tr("Psychotherapy notes are never shared."));
    }
    if (found->status != "signed") {
        return std::unexpected(dyad::show::tr("Sign the note before sharing it."));
    }
    // Every member of the note's unit with their consent; the chosen one must be among them.
    auto members = m_db.prepare(
        "SELECT m.client_id, c.given_name || ' ' || c.family_name, "
        "m.may_share_with_partner, u.kind FROM core_unit_member m "
        "JOIN core_unit u ON u.id = m.unit_id JOIN core_client c ON c.id = m.client_id "
        "WHERE m.unit_id = ?");
    members.bind(1, found->unit_id);
    if (!members.ok()) {
        return std::unexpected(members.error());
    }
    bool is_member = false;
    std::string without_consent;
    while (members.step() == DYAD_ROW) {
        if (members.text(3) == "individual") {
            return std::unexpected(dyad::show::tr("This note is already in an individual chart."));
        }
        if (members.int64(0) == client_id) {
            is_member = true;
        } else if (members.int64(2) == 0) {
            without_consent += (without_consent.empty() ? "" : ", ") + members.text(1);
        }
    }
    if (!is_member) {
        return std::unexpected(
            dyad::show::tr("The note can only be shared with someone who took part in the unit."));
    }
    if (!without_consent.empty()) {
        return std::unexpected(dyad::show::fill(
            dyad::show::tr("Not shared: {who} has not agreed that what they share may be shared "
                           "with their partner (Clients tab, consent)."),
            "who", without_consent));
    }
    auto insert = m_db.prepare(
        "INSERT INTO records_note_share (note_id, client_id, shared_at, shared_by) "
        "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING");
    insert.bind(1, note_id).bind(2, client_id).bind(3, now_utc()).bind(4, shared_by);
    if (!insert.ok() || insert.step() != DYAD_DONE) {
        return std::unexpected(insert.ok() ? m_db.last_error() : insert.error());
    }
    if (m_db.changes() == 0) {
        return std::unexpected(dyad::show::tr("The note is already shared with them."));
    }
    return {};
}

Outcome<std::vector<std::int64_t>> NoteStore::shared_with(std::int64_t note_id) {
    auto select = m_db.prepare(
        "SELECT client_id FROM records_note_share WHERE note_id = ? ORDER BY shared_at, client_id");
    select.bind(1, note_id);
    if (!select.ok()) {
        return std::unexpected(select.error());
    }
    std::vector<std::int64_t> clients;
    int code;
    while ((code = select.step()) == DYAD_ROW) {
        clients.push_back(select.int64(0));
    }
    if (code != DYAD_DONE) {
        return failed<std::vector<std::int64_t>>(m_db);
    }
    return clients;
}

Outcome<std::pair<std::int64_t, std::string>> NoteStore::drafts_to_sign() {
    auto select = m_db.prepare(
        "SELECT count(*), coalesce(min(session_date), '') FROM records_note WHERE status = "
        "'draft'");
    if (!select.ok() || select.step() != DYAD_ROW) {
        return std::unexpected(select.ok() ? m_db.last_error() : select.error());
    }
    return std::make_pair(select.int64(0), select.text(1));
}

Outcome<std::vector<SearchHit>> NoteStore::search(const std::string& words, Include include,
                                                  int limit) {
    std::string prefix_query = fts_query(words);
    if (prefix_query.empty()) {
        return std::vector<SearchHit>{};
    }
    // Fast path: whole words streamed newest first. When it finds fewer than asked for, the
    // prefix query (complete, slower on common words) decides.
    if (std::string expanded = expanded_query(words); !expanded.empty()) {
        auto hits = run_search(expanded, include, limit);
        if (!hits || static_cast<int>(hits->size()) >= limit) {
            return hits;
        }
    }
    return run_search(prefix_query, include, limit);
}

std::string NoteStore::expanded_query(const std::string& words) {
    constexpr int kMostWords = 50;
    std::vector<std::string> typed = search_terms(words);
    if (typed.empty()) {
        return {};
    }
    auto known = m_db.prepare(
        "SELECT term FROM records_note_term WHERE term >= ?1 AND term < ?1 || x'F48FBFBF' "
        "ORDER BY term LIMIT ?2");
    std::string query;
    for (const auto& word : typed) {
        known.reset();
        known.bind(1, word).bind(2, kMostWords + 1);
        std::string group;
        int count = 0;
        while (known.ok() && known.step() == DYAD_ROW) {
            group += (count++ > 0 ? " OR \"" : "\"") + known.text(0) + "\"";
        }
        if (count == 0 || count > kMostWords) {
            return {};
        }
        query += (query.empty() ? "(" : " AND (") + group + ")";
    }
    return query;
}

Outcome<std::vector<SearchHit>> NoteStore::run_search(const std::string& query, Include include,
                                                      int limit) {
    auto select = m_db.prepare(
        "SELECT n.id, n.unit_id, n.session_date, "
        "snippet(records_note_search, 0, '[', ']', '...', 12) FROM records_note_search s "
        "JOIN records_note n ON n.search_rowid = s.rowid WHERE records_note_search MATCH ?1 "
        "AND (?2 = 1 OR n.kind = 'progress') ORDER BY s.rowid DESC LIMIT ?3");
    select.bind(1, query).bind(2, include == Include::WithPsychotherapy ? 1 : 0).bind(3, limit);
    if (!select.ok()) {
        return std::unexpected(select.error());
    }
    std::vector<SearchHit> hits;
    int code = DYAD_ROW;
    while ((code = select.step()) == DYAD_ROW) {
        hits.push_back({select.int64(0), select.int64(1), select.text(2), select.text(3)});
    }
    if (code != DYAD_DONE) {
        return failed<std::vector<SearchHit>>(m_db);
    }
    return hits;
}

std::vector<std::string> search_terms(const std::string& text) {
    std::vector<std::string> terms;
    std::string term;
    auto flush = [&] {
        if (!term.empty() && std::find(terms.begin(), terms.end(), term) == terms.end()) {
            terms.push_back(term);
        }
        term.clear();
    };
    for (char c : text) {
        auto byte = static_cast<unsigned char>(c);
        if (byte >= 0x80 || std::isalnum(byte)) {
            term += static_cast<char>(std::tolower(byte));
        } else {
            flush();
        }
    }
    flush();
    return terms;
}

std::expected<std::int64_t, std::string> new_note_id(const dyad::sdk::Database& db,
                                                     const std::string& session_date) {
    auto taken = db.prepare(
        "SELECT count(*) FROM records_note WHERE search_rowid = "
        "(CAST(julianday(?2) - 2440587.5 AS INTEGER) << 32) | (?1 & 4294967295)");
    for (int attempt = 0; attempt < 16; ++attempt) {
        std::int64_t id = db.new_id();
        taken.reset();
        taken.bind(1, id).bind(2, session_date);
        if (taken.step() != DYAD_ROW) {
            return std::unexpected(db.last_error());
        }
        if (taken.int64(0) == 0) {
            return id;
        }
    }
    return std::unexpected("no free note id after 16 draws");
}

std::string remember_terms(const dyad::sdk::Database& db, const std::string& text) {
    auto insert = db.prepare("INSERT OR IGNORE INTO records_note_term (term) VALUES (?)");
    for (const auto& term : search_terms(text)) {
        insert.reset();
        insert.bind(1, term);
        if (!insert.ok() || insert.step() != DYAD_DONE) {
            return insert.ok() ? db.last_error() : insert.error();
        }
    }
    return {};
}

Outcome<void> NoteStore::reindex(std::int64_t note_id) {
    auto current = note(note_id);
    if (!current) {
        return std::unexpected(current.error());
    }
    std::string text;
    for (const auto& section : current->sections) {
        text += section.body + "\n";
    }
    for (const auto& amendment : current->amendments) {
        text += amendment.reason + "\n" + amendment.body + "\n";
    }
    auto remove = m_db.prepare(
        "DELETE FROM records_note_search WHERE rowid = (SELECT search_rowid FROM records_note "
        "WHERE id = ?)");
    remove.bind(1, note_id);
    auto insert = m_db.prepare(
        "INSERT INTO records_note_search (rowid, body) SELECT search_rowid, ?2 FROM records_note "
        "WHERE id = ?1");
    insert.bind(1, note_id).bind(2, text);
    if (remove.step() != DYAD_DONE || insert.step() != DYAD_DONE) {
        return failed<void>(m_db);
    }
    if (std::string error = remember_terms(m_db, text); !error.empty()) {
        return std::unexpected(error);
    }
    return {};
}

}  // namespace dyad::records_plugin
