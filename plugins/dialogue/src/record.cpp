#include "record.h"
#include <json_out.h>

#include <sstream>

namespace dyad::dialogue {
namespace {

constexpr const char* kVersion1 = R"sql(
CREATE TABLE dialogue_session (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    unit_id INTEGER NOT NULL REFERENCES dyad_unit (id),
    script_id TEXT NOT NULL,
    script_version INTEGER NOT NULL,
    first_sender INTEGER REFERENCES dyad_client (id),
    started_at TEXT NOT NULL,
    finished INTEGER NOT NULL CHECK (finished IN (0, 1)),
    steps_reached INTEGER NOT NULL,
    more_count INTEGER NOT NULL,
    repeats INTEGER NOT NULL,
    seconds REAL NOT NULL,
    durations TEXT NOT NULL,
    mirror_confirmed INTEGER NOT NULL CHECK (mirror_confirmed IN (0, 1)),
    summary_done INTEGER NOT NULL CHECK (summary_done IN (0, 1)),
    validation_given INTEGER NOT NULL CHECK (validation_given IN (0, 1)),
    empathy_named_feelings INTEGER NOT NULL CHECK (empathy_named_feelings IN (0, 1)),
    roles_switched INTEGER NOT NULL CHECK (roles_switched IN (0, 1)),
    notes TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX dialogue_session_unit ON dialogue_session (unit_id, started_at);
)sql";

const dyad_migration kMigrations[] = {{1, kVersion1}};
const dyad_schema_v1 kSchema = {sizeof(dyad_schema_v1), "dialogue", kMigrations, 1};

// "step=seconds;step=seconds": step ids are [a-z0-9-].
std::string encode(const std::map<std::string, double>& durations) {
    std::ostringstream out;
    for (const auto& [id, seconds] : durations) {
        out << id << "=" << seconds << ";";
    }
    return out.str();
}

std::map<std::string, double> decode(const std::string& text) {
    std::map<std::string, double> durations;
    std::istringstream in(text);
    std::string part;
    while (std::getline(in, part, ';')) {
        auto equals = part.find('=');
        if (equals != std::string::npos) {
            durations[part.substr(0, equals)] = std::stod(part.substr(equals + 1));
        }
    }
    return durations;
}

}  // namespace

const dyad_schema_v1* dialogue_schema() {
    return &kSchema;
}

int Fidelity::count() const {
    return int(mirror_confirmed) + int(summary_done) + int(validation_given) +
           int(empathy_named_feelings) + int(roles_switched);
}

Fidelity suggested_fidelity(const Session& session) {
    auto reached = [&](const char* id) { return session.reached().count(id) > 0; };
    Fidelity fidelity;
    fidelity.mirror_confirmed = reached("summary");  // Past the mirror: "Did I get that?" yes.
    fidelity.summary_done = reached("validate");
    fidelity.validation_given = reached("empathize");
    fidelity.empathy_named_feelings = false;  // Only the therapist can tell.
    fidelity.roles_switched = session.roles_switched();
    return fidelity;
}

DialogueRecord record_of(const Session& session, const Script& script, std::int64_t unit_id,
                         std::int64_t first_sender, const std::string& started_at) {
    DialogueRecord record;
    record.unit_id = unit_id;
    record.script_id = script.id;
    record.script_version = script.version;
    record.first_sender = first_sender;
    record.started_at = started_at;
    record.finished = session.finished();
    record.steps_reached = static_cast<int>(session.reached().size());
    record.more_count = session.more_count();
    record.repeats = session.repeats();
    record.durations = session.durations();
    for (const auto& [id, seconds] : record.durations) {
        record.seconds += seconds;
    }
    record.fidelity = suggested_fidelity(session);
    return record;
}

std::expected<std::int64_t, std::string> DialogueStore::save(const DialogueRecord& r) {
    std::int64_t id = m_db.new_id();
    auto insert = m_db.prepare(
        "INSERT INTO dialogue_session (id, uuid, unit_id, script_id, script_version, "
        "first_sender, started_at, finished, steps_reached, more_count, repeats, seconds, "
        "durations, mirror_confirmed, summary_done, validation_given, empathy_named_feelings, "
        "roles_switched, notes) VALUES (?, ?, ?, ?, ?, nullif(?, 0), ?, ?, ?, ?, ?, ?, ?, ?, ?, "
        "?, ?, ?, ?)");
    insert.bind(1, id)
        .bind(2, m_db.new_uuid())
        .bind(3, r.unit_id)
        .bind(4, r.script_id)
        .bind(5, r.script_version)
        .bind(6, r.first_sender)
        .bind(7, r.started_at)
        .bind(8, r.finished ? 1 : 0)
        .bind(9, r.steps_reached)
        .bind(10, r.more_count)
        .bind(11, r.repeats)
        .bind(12, r.seconds)
        .bind(13, encode(r.durations))
        .bind(14, r.fidelity.mirror_confirmed ? 1 : 0)
        .bind(15, r.fidelity.summary_done ? 1 : 0)
        .bind(16, r.fidelity.validation_given ? 1 : 0)
        .bind(17, r.fidelity.empathy_named_feelings ? 1 : 0)
        .bind(18, r.fidelity.roles_switched ? 1 : 0)
        .bind(19, r.notes);
    if (!insert.ok() || insert.step() != DYAD_DONE) {
        std::string error = insert.ok() ? m_db.last_error() : insert.error();
        return std::unexpected(error.find("FOREIGN KEY") != std::string::npos
                                   ? "That client unit does not exist."
                                   : error);
    }
    return id;
}

std::expected<std::vector<DialogueRecord>, std::string> DialogueStore::history(
    std::int64_t unit_id) {
    auto select = m_db.prepare(
        "SELECT id, unit_id, script_id, script_version, ifnull(first_sender, 0), started_at, "
        "finished, steps_reached, more_count, repeats, seconds, durations, mirror_confirmed, "
        "summary_done, validation_given, empathy_named_feelings, roles_switched, notes FROM "
        "dialogue_session WHERE unit_id = ? ORDER BY started_at, id");
    select.bind(1, unit_id);
    if (!select.ok()) {
        return std::unexpected(select.error());
    }
    std::vector<DialogueRecord> history;
    int code;
    while ((code = select.step()) == DYAD_ROW) {
        DialogueRecord r;
        r.id = select.int64(0);
        r.unit_id = select.int64(1);
        r.script_id = select.text(2);
        r.script_version = static_cast<int>(select.int64(3));
        r.first_sender = select.int64(4);
        r.started_at = select.text(5);
        r.finished = select.int64(6) != 0;
        r.steps_reached = static_cast<int>(select.int64(7));
        r.more_count = static_cast<int>(select.int64(8));
        r.repeats = static_cast<int>(select.int64(9));
        r.seconds = select.real(10);
        r.durations = decode(select.text(11));
        r.fidelity = {select.int64(12) != 0, select.int64(13) != 0, select.int64(14) != 0,
                      select.int64(15) != 0, select.int64(16) != 0};
        r.notes = select.text(17);
        history.push_back(std::move(r));
    }
    if (code != DYAD_DONE) {
        return std::unexpected(m_db.last_error());
    }
    return history;
}

std::string history_json(const std::vector<DialogueRecord>& history) {
    using dyad::datafile::json_object;
    auto rows = dyad::datafile::json_array();
    for (const auto& r : history) {
        const Fidelity& f = r.fidelity;
        auto fidelity = json_object();
        fidelity->set("mirror_confirmed", f.mirror_confirmed);
        fidelity->set("summary_done", f.summary_done);
        fidelity->set("validation_given", f.validation_given);
        fidelity->set("empathy_named_feelings", f.empathy_named_feelings);
        fidelity->set("roles_switched", f.roles_switched);
        fidelity->set("score", f.count());
        auto row = json_object();
        row->set("id", r.id);
        row->set("script", r.script_id);
        row->set("started_at", r.started_at);
        row->set("finished", r.finished);
        row->set("steps_reached", r.steps_reached);
        row->set("is_there_more", r.more_count);
        row->set("seconds", static_cast<long long>(r.seconds));
        row->set("fidelity", fidelity);
        rows->add(row);
    }
    std::string text = dyad::datafile::json_text(rows);
    text.pop_back();  // One line without its newline (the caller ends it).
    return text;
}

}  // namespace dyad::dialogue
