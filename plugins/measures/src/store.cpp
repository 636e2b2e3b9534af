#include "store.h"
#include <dyad/show.hpp>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <time_text.h>

#include <algorithm>
#include <map>
#include <sstream>

namespace dyad::measures {
namespace {

using dyad::sdk::Transaction;

template <class T>
Result<T> db_error(const dyad::sdk::Database& db) {
    return std::unexpected("the measures could not be read or written: " + db.last_error());
}

struct UnitFacts {
    bool found = false;
    std::string status;
};

UnitFacts unit_facts(const dyad::sdk::Host& host, std::int64_t unit_id) {
    UnitFacts facts;
    host.core()->get_unit(
        host.raw(), unit_id,
        [](void* user, const dyad_unit_info* unit) {
            auto* out = static_cast<UnitFacts*>(user);
            out->found = true;
            out->status = unit->status;
        },
        &facts);
    return facts;
}

bool is_member(const dyad::sdk::Host& host, std::int64_t unit_id, std::int64_t client_id) {
    auto members = host.members(unit_id);
    return std::any_of(members.begin(), members.end(),
                       [&](const auto& member) { return member.client_id == client_id; });
}

struct Session {
    std::int64_t id = 0, unit_id = 0;
    std::string starts_at, status;
};

std::vector<Session> sessions_between(const dyad::sdk::Host& host, const std::string& from,
                                      const std::string& to) {
    std::vector<Session> found;
    host.core()->list_appointments(
        host.raw(), from.c_str(), to.c_str(),
        [](void* user, const dyad_appointment_info* info) {
            static_cast<std::vector<Session>*>(user)->push_back(
                {info->id, info->unit_id, info->starts_at, info->status});
            return 0;
        },
        &found);
    return found;
}

std::string answers_json(const Answers& answers) {
    Poco::JSON::Array array;
    for (const auto& answer : answers) {
        if (answer) {
            array.add(*answer);
        } else {
            array.add(Poco::Dynamic::Var());
        }
    }
    std::ostringstream out;
    array.stringify(out);
    return out.str();
}

Answers answers_of(const std::string& json) {
    Answers answers;
    Poco::JSON::Parser parser;
    auto array = parser.parse(json).extract<Poco::JSON::Array::Ptr>();
    for (unsigned i = 0; i < array->size(); ++i) {
        if (array->isNull(i)) {
            answers.emplace_back();
        } else {
            answers.emplace_back(array->get(i).convert<double>());
        }
    }
    return answers;
}

std::string subscales_json(const std::map<std::string, double>& subscales) {
    Poco::JSON::Object object;
    for (const auto& [key, value] : subscales) {
        object.set(key, value);
    }
    std::ostringstream out;
    object.stringify(out);
    return out.str();
}

std::map<std::string, double> subscales_of(const std::string& json) {
    std::map<std::string, double> subscales;
    Poco::JSON::Parser parser;
    auto object = parser.parse(json).extract<Poco::JSON::Object::Ptr>();
    for (const auto& [key, value] : *object) {
        subscales[key] = value.convert<double>();
    }
    return subscales;
}

constexpr const char* kSelectAdministration =
    "SELECT a.id, a.unit_id, a.client_id, ifnull(a.appointment_id, 0), a.instrument_id, "
    "a.instrument_version, a.scoring_version, a.answers, a.total, a.subscales, a.band, a.cutoff, "
    "a.distressed, a.missing, a.prorated, a.mode, a.administered_on, a.recorded_by, "
    "v.administration_id IS NOT NULL FROM measures_administration a "
    "LEFT JOIN measures_void v ON v.administration_id = a.id ";

Administration administration_of(const dyad::sdk::Statement& row) {
    Administration a;
    a.id = row.int64(0);
    a.unit_id = row.int64(1);
    a.client_id = row.int64(2);
    a.appointment_id = row.int64(3);
    a.instrument_id = row.text(4);
    a.instrument_version = static_cast<int>(row.int64(5));
    a.score.scoring_version = static_cast<int>(row.int64(6));
    try {
        a.answers = answers_of(row.text(7));
        a.score.subscales = subscales_of(row.text(9));
    } catch (const Poco::Exception&) {
        // Written by this store only; an unreadable one shows as no answers.
    }
    a.score.total = row.real(8);
    a.score.band = row.text(10);
    if (!row.is_null(11)) {
        a.score.cutoff = row.real(11);
    }
    a.score.distressed = row.int64(12) != 0;
    a.score.missing = static_cast<int>(row.int64(13));
    a.score.prorated = row.int64(14) != 0;
    a.mode = row.text(15);
    a.date = row.text(16);
    a.recorded_by = row.text(17);
    a.voided = row.int64(18) != 0;
    return a;
}

// The unit a record of table belongs to, or 0 when there is no such record.
std::int64_t unit_of(const dyad::sdk::Database& db, const char* sql, std::int64_t id) {
    auto select = db.prepare(sql);
    select.bind(1, id);
    return select.step() == DYAD_ROW ? select.int64(0) : 0;
}

}  // namespace

std::string MeasuresStore::refusal(std::int64_t unit_id) const {
    if (unit_id != 0 && !m_host.may_see_unit(unit_id)) {
        return "client unit " + std::to_string(unit_id) +
               " is not on the signed-in user's caseload";
    }
    return {};
}

MeasuresStore::MeasuresStore(dyad::sdk::Host host, const InstrumentLibrary& library)
    : m_host(host), m_db(host), m_library(library) {}

std::string MeasuresStore::by() const {
    std::string name = m_host.signed_in().name;
    return name.empty() ? "user" : name;
}

Result<std::int64_t> MeasuresStore::set_cadence(const Cadence& cadence) {
    if (m_library.find(cadence.instrument_id) == nullptr) {
        return std::unexpected("no instrument \"" + cadence.instrument_id + "\"");
    }
    if (!unit_facts(m_host, cadence.unit_id).found) {
        return std::unexpected("no client unit " + std::to_string(cadence.unit_id));
    }
    if (cadence.respondent_id != 0 && !is_member(m_host, cadence.unit_id, cadence.respondent_id)) {
        return std::unexpected("client " + std::to_string(cadence.respondent_id) +
                               " is not a member of this unit");
    }
    if ((cadence.every_sessions > 0) == (cadence.every_days > 0)) {
        return std::unexpected("give one of: every N sessions, or every N days");
    }
    if (cadence.every_sessions > 52 || cadence.every_days > 366 || cadence.every_sessions < 0 ||
        cadence.every_days < 0) {
        return std::unexpected("every 1-52 sessions, or every 1-366 days");
    }
    Transaction transaction(m_db);
    if (!transaction.error().empty()) {
        return std::unexpected(transaction.error());
    }
    auto remove = m_db.prepare(
        "DELETE FROM measures_cadence WHERE unit_id = ? AND instrument_id = ? AND "
        "ifnull(respondent_id, 0) = ?");
    remove.bind(1, cadence.unit_id).bind(2, cadence.instrument_id).bind(3, cadence.respondent_id);
    if (remove.step() != DYAD_DONE) {
        return db_error<std::int64_t>(m_db);
    }
    auto insert = m_db.prepare(
        "INSERT INTO measures_cadence (unit_id, instrument_id, respondent_id, every_sessions, "
        "every_days, created_at, id) VALUES (?, ?, ?, ?, ?, ?, ?)");
    std::int64_t id = m_db.new_id();
    insert.bind(1, cadence.unit_id).bind(2, cadence.instrument_id).bind(7, id);
    if (cadence.respondent_id != 0) {
        insert.bind(3, cadence.respondent_id);
    } else {
        insert.bind_null(3);
    }
    if (cadence.every_sessions > 0) {
        insert.bind(4, cadence.every_sessions).bind_null(5);
    } else {
        insert.bind_null(4).bind(5, cadence.every_days);
    }
    insert.bind(6, dyad::datafile::now_utc());
    if (insert.step() != DYAD_DONE) {
        return db_error<std::int64_t>(m_db);
    }
    (void)m_host.core()->audit(m_host.raw(), "update", "cadence", cadence.unit_id);
    if (auto error = transaction.commit(); !error.empty()) {
        return std::unexpected(error);
    }
    return id;
}

Result<void> MeasuresStore::remove_cadence(std::int64_t cadence_id) {
    std::int64_t unit =
        unit_of(m_db, "SELECT unit_id FROM measures_cadence WHERE id = ?", cadence_id);
    if (auto refused = refusal(unit); !refused.empty()) {
        return std::unexpected(refused);
    }
    auto remove = m_db.prepare("DELETE FROM measures_cadence WHERE id = ?");
    remove.bind(1, cadence_id);
    if (remove.step() != DYAD_DONE) {
        return db_error<void>(m_db);
    }
    if (m_db.changes() == 0) {
        return std::unexpected("no cadence " + std::to_string(cadence_id));
    }
    (void)m_host.core()->audit(m_host.raw(), "delete", "cadence", cadence_id);
    return {};
}

Result<std::vector<Cadence>> MeasuresStore::cadences(std::int64_t unit_id) {
    auto select = m_db.prepare(
        "SELECT id, unit_id, instrument_id, ifnull(respondent_id, 0), ifnull(every_sessions, 0), "
        "ifnull(every_days, 0) FROM measures_cadence WHERE unit_id = ?1 OR ?1 = 0 "
        "ORDER BY unit_id, instrument_id, respondent_id");
    select.bind(1, unit_id);
    std::vector<Cadence> found;
    int step;
    while ((step = select.step()) == DYAD_ROW) {
        found.push_back({select.int64(0), select.int64(1), select.text(2), select.int64(3),
                         static_cast<int>(select.int64(4)), static_cast<int>(select.int64(5))});
    }
    if (step != DYAD_DONE) {
        return db_error<std::vector<Cadence>>(m_db);
    }
    return found;
}

bool MeasuresStore::attested(const Instrument& instrument) {
    auto select = m_db.prepare(
        "SELECT 1 FROM measures_attestation WHERE instrument_id = ? AND items_sha256 = ?");
    select.bind(1, instrument.id).bind(2, instrument.items_sha256);
    return select.step() == DYAD_ROW;
}

Result<const Instrument*> MeasuresStore::usable(const std::string& instrument_id) {
    const Instrument* instrument = m_library.find(instrument_id);
    if (instrument == nullptr) {
        return std::unexpected("no instrument \"" + instrument_id + "\" (see measures list)");
    }
    if (instrument->bring_your_own) {
        if (!instrument->items_complete()) {
            return std::unexpected(instrument->short_title +
                                   " is a bring-your-own template: type the items from your "
                                   "licensed copy into a copy of its file first");
        }
        if (!attested(*instrument)) {
            return std::unexpected(instrument->short_title +
                                   " needs the practice's licence attestation first "
                                   "(measures attest " +
                                   instrument->id + ")");
        }
    }
    return instrument;
}

Result<void> MeasuresStore::attest(const std::string& instrument_id) {
    const Instrument* instrument = m_library.find(instrument_id);
    if (instrument == nullptr) {
        return std::unexpected("no instrument \"" + instrument_id + "\"");
    }
    if (!instrument->bring_your_own) {
        return std::unexpected(instrument->short_title +
                               " ships with its items; nothing to attest");
    }
    if (!instrument->items_complete()) {
        return std::unexpected("type every item of " + instrument->short_title +
                               " in first: the attestation covers the items as typed");
    }
    auto insert = m_db.prepare(
        "INSERT OR IGNORE INTO measures_attestation (instrument_id, items_sha256, statement, "
        "accepted_by, accepted_at) VALUES (?, ?, ?, ?, ?)");
    insert.bind(1, instrument->id)
        .bind(2, instrument->items_sha256)
        .bind(3, instrument->attestation);
    insert.bind(4, by()).bind(5, dyad::datafile::now_utc());
    if (insert.step() != DYAD_DONE) {
        return db_error<void>(m_db);
    }
    (void)m_host.core()->audit(m_host.raw(), "create", "attestation", 0);
    return {};
}

Result<Administration> MeasuresStore::administer(const NewAdministration& request,
                                                 const std::string& today) {
    auto instrument = usable(request.instrument_id);
    if (!instrument) {
        return std::unexpected(instrument.error());
    }
    UnitFacts unit = unit_facts(m_host, request.unit_id);
    if (!unit.found) {
        return std::unexpected("no client unit " + std::to_string(request.unit_id));
    }
    if (unit.status == "discharged") {
        return std::unexpected(
            dyad::show::tr("this unit is discharged: measures are no longer given"));
    }
    if (!is_member(m_host, request.unit_id, request.client_id)) {
        return std::unexpected("client " + std::to_string(request.client_id) +
                               " is not a member of this unit");
    }
    if (!dyad::datafile::local_midnight_utc(request.date) || request.date > today) {
        return std::unexpected("the date is YYYY-MM-DD and not after today (" + today + ")");
    }
    if (request.mode != "client_view" && request.mode != "entered") {
        return std::unexpected("the mode is client_view or entered");
    }
    if (request.appointment_id != 0) {
        Session session;
        m_host.core()->get_appointment(
            m_host.raw(), request.appointment_id,
            [](void* user, const dyad_appointment_info* info) {
                *static_cast<Session*>(user) = {info->id, info->unit_id, info->starts_at,
                                                info->status};
                return 0;
            },
            &session);
        if (session.id == 0 || session.unit_id != request.unit_id) {
            return std::unexpected("appointment " + std::to_string(request.appointment_id) +
                                   " is not one of this unit's");
        }
        if (session.status == "cancelled") {
            return std::unexpected("that appointment was cancelled");
        }
    }
    auto scored = score(**instrument, request.answers);
    if (!scored) {
        return std::unexpected(scored.error());
    }
    std::string uuid = m_db.new_uuid();
    std::string now = dyad::datafile::now_utc();
    Transaction transaction(m_db);
    if (!transaction.error().empty()) {
        return std::unexpected(transaction.error());
    }
    auto insert = m_db.prepare(
        "INSERT INTO measures_administration (uuid, unit_id, client_id, appointment_id, "
        "instrument_id, instrument_version, scoring_version, items_sha256, answers, total, "
        "subscales, band, cutoff, distressed, missing, prorated, mode, administered_on, "
        "recorded_at, recorded_by, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
        "?, "
        "?, ?, ?)");
    Administration saved;
    saved.id = m_db.new_id();
    insert.bind(21, saved.id).bind(1, uuid).bind(2, request.unit_id).bind(3, request.client_id);
    if (request.appointment_id != 0) {
        insert.bind(4, request.appointment_id);
    } else {
        insert.bind_null(4);
    }
    insert.bind(5, (*instrument)->id).bind(6, (*instrument)->version);
    insert.bind(7, scored->scoring_version).bind(8, (*instrument)->items_sha256);
    insert.bind(9, answers_json(request.answers)).bind(10, scored->total);
    insert.bind(11, subscales_json(scored->subscales)).bind(12, scored->band);
    if (scored->cutoff) {
        insert.bind(13, *scored->cutoff);
    } else {
        insert.bind_null(13);
    }
    insert.bind(14, scored->distressed ? 1 : 0).bind(15, scored->missing);
    insert.bind(16, scored->prorated ? 1 : 0).bind(17, request.mode).bind(18, request.date);
    insert.bind(19, now).bind(20, by());
    if (insert.step() != DYAD_DONE) {
        return db_error<Administration>(m_db);
    }
    for (const auto& text : scored->flags) {
        auto flag = m_db.prepare(
            "INSERT INTO measures_flag (administration_id, unit_id, client_id, text, raised_at, "
            "id) "
            "VALUES (?, ?, ?, ?, ?, ?)");
        std::int64_t flag_id = m_db.new_id();
        flag.bind(6, flag_id).bind(1, saved.id).bind(2, request.unit_id).bind(3, request.client_id);
        flag.bind(4, text).bind(5, now);
        if (flag.step() != DYAD_DONE) {
            return db_error<Administration>(m_db);
        }
        (void)m_host.core()->audit(m_host.raw(), "create", "safety-flag", flag_id);
    }
    (void)m_host.core()->audit(m_host.raw(), "create", "administration", saved.id);
    if (auto error = transaction.commit(); !error.empty()) {
        return std::unexpected(error);
    }
    saved.unit_id = request.unit_id;
    saved.client_id = request.client_id;
    saved.appointment_id = request.appointment_id;
    saved.instrument_id = (*instrument)->id;
    saved.instrument_version = (*instrument)->version;
    saved.answers = request.answers;
    saved.score = std::move(*scored);
    saved.mode = request.mode;
    saved.date = request.date;
    saved.recorded_by = by();
    return saved;
}

Result<void> MeasuresStore::void_administration(std::int64_t id, const std::string& reason) {
    if (reason.find_first_not_of(" \t\r\n") == std::string::npos) {
        return std::unexpected(dyad::show::tr("say why the administration is voided"));
    }
    std::int64_t unit =
        unit_of(m_db, "SELECT unit_id FROM measures_administration WHERE id = ?", id);
    if (auto refused = refusal(unit); !refused.empty()) {
        return std::unexpected(refused);
    }
    auto insert = m_db.prepare(
        "INSERT INTO measures_void (administration_id, reason, voided_at, voided_by) "
        "SELECT id, ?, ?, ? FROM measures_administration WHERE id = ?");
    insert.bind(1, reason).bind(2, dyad::datafile::now_utc()).bind(3, by()).bind(4, id);
    if (insert.step() != DYAD_DONE) {
        std::string error = m_db.last_error();
        if (error.find("UNIQUE") != std::string::npos) {
            return std::unexpected("administration " + std::to_string(id) + " is voided already");
        }
        return db_error<void>(m_db);
    }
    if (m_db.changes() == 0) {
        return std::unexpected("no administration " + std::to_string(id));
    }
    (void)m_host.core()->audit(m_host.raw(), "update", "administration-void", id);
    return {};
}

Result<std::vector<Administration>> MeasuresStore::history(std::int64_t unit_id, bool with_voided) {
    std::string sql =
        std::string(kSelectAdministration) + "WHERE a.unit_id = ? ORDER BY a.administered_on, a.id";
    auto select = m_db.prepare(sql.c_str());
    select.bind(1, unit_id);
    std::vector<Administration> found;
    int step;
    while ((step = select.step()) == DYAD_ROW) {
        Administration a = administration_of(select);
        if (with_voided || !a.voided) {
            found.push_back(std::move(a));
        }
    }
    if (step != DYAD_DONE) {
        return db_error<std::vector<Administration>>(m_db);
    }
    auto flags =
        m_db.prepare("SELECT administration_id, text FROM measures_flag WHERE unit_id = ?");
    flags.bind(1, unit_id);
    while (flags.step() == DYAD_ROW) {
        for (auto& a : found) {
            if (a.id == flags.int64(0)) {
                a.score.flags.push_back(flags.text(1));
            }
        }
    }
    return found;
}

Result<std::vector<Due>> MeasuresStore::due(const std::string& day, std::int64_t unit_id) {
    auto start = dyad::datafile::local_midnight_utc(day);
    auto end = dyad::datafile::local_midnight_utc(day, 1);
    if (!start || !end) {
        return std::unexpected("the day is YYYY-MM-DD");
    }
    auto rules = cadences(unit_id);
    if (!rules) {
        return std::unexpected(rules.error());
    }
    std::vector<Due> found;
    std::map<std::int64_t, std::vector<Session>> units_sessions;  // All sessions up to day.
    for (const auto& session : sessions_between(m_host, "0000-01-01T00:00:00Z", *end)) {
        if (session.status != "cancelled" && session.status != "no_show" &&
            (unit_id == 0 || session.unit_id == unit_id)) {
            units_sessions[session.unit_id].push_back(session);
        }
    }
    for (const auto& [unit, sessions] : units_sessions) {
        if (!m_host.may_see_unit(unit) || unit_facts(m_host, unit).status == "discharged") {
            continue;
        }
        auto members = m_host.members(unit);
        for (std::size_t number = 0; number < sessions.size(); ++number) {
            const Session& session = sessions[number];
            if (session.starts_at < *start) {
                continue;  // Counted, not on the day.
            }
            for (const auto& rule : *rules) {
                if (rule.unit_id != unit) {
                    continue;
                }
                for (const auto& member : members) {
                    if (rule.respondent_id != 0 && rule.respondent_id != member.client_id) {
                        continue;
                    }
                    auto given = m_db.prepare(
                        "SELECT max(a.administered_on), sum(a.appointment_id = ?3 OR "
                        "(a.appointment_id IS NULL AND a.administered_on = ?6)) FROM "
                        "measures_administration a LEFT JOIN measures_void v ON "
                        "v.administration_id = a.id WHERE v.administration_id IS NULL AND "
                        "a.unit_id = ?1 AND a.client_id = ?2 AND a.instrument_id = ?4 AND "
                        "a.administered_on <= ?5");
                    given.bind(1, unit).bind(2, member.client_id).bind(3, session.id);
                    given.bind(4, rule.instrument_id).bind(5, day);
                    given.bind(6, dyad::datafile::local_date_of(session.starts_at));
                    if (given.step() != DYAD_ROW) {
                        return db_error<std::vector<Due>>(m_db);
                    }
                    if (given.int64(1) > 0) {
                        continue;  // Given at this session (or that day, not tied to one).
                    }
                    bool is_due = false;
                    if (rule.every_sessions > 0) {
                        is_due = number % static_cast<std::size_t>(rule.every_sessions) == 0;
                    } else {
                        std::string last = given.is_null(0) ? "" : given.text(0);
                        auto last_midnight = dyad::datafile::local_midnight_utc(
                            last.empty() ? day : last, rule.every_days);
                        is_due = last.empty() || (last_midnight && *last_midnight <= *start);
                    }
                    if (is_due) {
                        found.push_back({unit, session.id, session.starts_at,
                                         static_cast<int>(number + 1), member.client_id,
                                         rule.instrument_id});
                    }
                }
            }
        }
    }
    return found;
}

Result<std::vector<Flag>> MeasuresStore::open_flags(std::int64_t unit_id) {
    auto select = m_db.prepare(
        "SELECT f.id, f.administration_id, f.unit_id, f.client_id, f.text, f.raised_at, "
        "a.instrument_id, a.administered_on FROM measures_flag f JOIN measures_administration a "
        "ON a.id = f.administration_id WHERE f.reviewed_at IS NULL AND (f.unit_id = ?1 OR ?1 = 0) "
        "ORDER BY f.raised_at, f.id");
    select.bind(1, unit_id);
    std::vector<Flag> found;
    int step;
    while ((step = select.step()) == DYAD_ROW) {
        if (unit_id == 0 && !m_host.may_see_unit(select.int64(2))) {
            continue;
        }
        found.push_back({select.int64(0), select.int64(1), select.int64(2), select.int64(3),
                         select.text(4), select.text(5), select.text(6), select.text(7)});
    }
    if (step != DYAD_DONE) {
        return db_error<std::vector<Flag>>(m_db);
    }
    return found;
}

Result<void> MeasuresStore::review_flag(std::int64_t flag_id, const std::string& note) {
    std::int64_t unit = unit_of(m_db, "SELECT unit_id FROM measures_flag WHERE id = ?", flag_id);
    if (auto refused = refusal(unit); !refused.empty()) {
        return std::unexpected(refused);
    }
    auto update = m_db.prepare(
        "UPDATE measures_flag SET reviewed_at = ?, reviewed_by = ?, review_note = ? "
        "WHERE id = ? AND reviewed_at IS NULL");
    update.bind(1, dyad::datafile::now_utc()).bind(2, by()).bind(3, note).bind(4, flag_id);
    if (update.step() != DYAD_DONE) {
        return db_error<void>(m_db);
    }
    if (m_db.changes() == 0) {
        return std::unexpected("no open flag " + std::to_string(flag_id));
    }
    (void)m_host.core()->audit(m_host.raw(), "update", "safety-flag", flag_id);
    return {};
}

Result<int> MeasuresStore::review_unit_flags(std::int64_t unit_id, const std::string& note) {
    if (auto refused = refusal(unit_id); !refused.empty()) {
        return std::unexpected(refused);
    }
    auto open = open_flags(unit_id);
    if (!open) {
        return std::unexpected(open.error());
    }
    Transaction transaction(m_db);
    if (!transaction.error().empty()) {
        return std::unexpected(transaction.error());
    }
    for (const auto& flag : *open) {
        if (auto done = review_flag(flag.id, note); !done) {
            return std::unexpected(done.error());  // The transaction rolls back.
        }
    }
    if (auto error = transaction.commit(); !error.empty()) {
        return std::unexpected(error);
    }
    return static_cast<int>(open->size());
}

}  // namespace dyad::measures
