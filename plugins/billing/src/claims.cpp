#include "claims.h"

#include <text_lists.h>
#include <time_text.h>

#include <ctime>
#include <filesystem>
#include <map>

#include "cms1500.h"
#include "documents.h"
#include "facts.h"
#include "identity.h"
#include "text_checks.h"

namespace dyad::billing {
namespace {

std::pair<std::string, std::string> local_date_and_time() {
    std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    char date[16];
    char time[8];
    std::strftime(date, sizeof date, "%Y-%m-%d", &local);
    std::strftime(time, sizeof time, "%H:%M", &local);
    return {date, time};
}

bool open_insurance_charge(const Charge& charge) {
    return charge.billed_to == "insurance" && !charge.reversal_of && !charge.reversed;
}

}  // namespace

bool ClaimStore::session_claimed(const Session& session) {
    auto select = m_db.prepare(
        session.appointment_id
            ? "SELECT 1 FROM billing_claim WHERE unit_id = ?1 AND appointment_id = ?2"
            : "SELECT 1 FROM billing_claim WHERE unit_id = ?1 AND appointment_id IS NULL AND "
              "service_date = ?3");
    select.bind(1, session.unit_id);
    session.appointment_id ? (void)select.bind(2, *session.appointment_id)
                           : (void)select.bind(3, session.date);
    return select.step() != DYAD_DONE;  // A claim, or an error: never claimed twice.
}

X12Claim ClaimStore::assemble(const Session& session, std::vector<std::string>& problems) {
    X12Claim claim;
    std::string where = session.date + " (unit " + std::to_string(session.unit_id) + "): ";
    // Under the identified patient each charge was billed under, whoever it is now.
    std::optional<std::int64_t> billed_under;
    for (const auto& charge : session.charges) {
        if (charge.patient_id && billed_under && *billed_under != *charge.patient_id) {
            problems.push_back(where + "the session's charges name two identified patients");
            return claim;
        }
        billed_under = billed_under ? billed_under : charge.patient_id;
    }
    if (!billed_under) {
        problems.push_back(where + "the charges name no identified patient (Billing > Setup)");
        return claim;
    }
    std::int64_t patient_id = *billed_under;
    if (auto patient = client_facts(m_host, patient_id)) {
        claim.patient = *patient;
    }
    if (auto details = m_details.client(patient_id); details && *details) {
        claim.patient_details = **details;
    }
    auto coverage = m_details.coverage_on(patient_id, session.date);
    std::optional<Payer> payer;
    if (coverage && *coverage) {
        claim.coverage = **coverage;
        if (auto found = m_details.payer(claim.coverage.payer_id); found && *found) {
            payer = **found;
            claim.payer = *payer;
        }
    } else {
        problems.push_back(where +
                           "the identified patient has no coverage in force on that "
                           "date (add one: a claim needs a payer and member id)");
    }
    auto diagnoses = diagnoses_on(m_host, patient_id, session.date);
    if (!diagnoses) {
        problems.push_back(where + diagnoses.error());
    } else {
        claim.diagnoses = *diagnoses;
    }
    // The clinician who rendered the session (one per session: posted from its unit).
    std::optional<std::int64_t> rendering_id =
        session.charges.empty() ? std::nullopt : session.charges.front().clinician_id;
    for (const auto& charge : session.charges) {
        if (charge.clinician_id != rendering_id) {
            problems.push_back(where + "the session's charges name two rendering clinicians");
            return claim;
        }
    }
    if (rendering_id) {
        auto clinician = ClinicianStore(m_host).get(*rendering_id);
        if (!clinician || !*clinician) {
            problems.push_back(where + "the rendering clinician could not be read");
        } else {
            claim.rendering = **clinician;
        }
    }
    for (const auto& charge : session.charges) {
        auto [pos, modifier] = place_and_modifier(charge.place_of_service, payer);
        if (claim.place_of_service.empty()) {
            claim.place_of_service = pos;
        }
        X12Line line;
        line.date = charge.service_date;
        line.code = charge.code;
        if (!charge.modifier.empty()) {
            line.modifiers.push_back(charge.modifier);
        } else if (!modifier.empty()) {
            line.modifiers.push_back(modifier);
        }
        line.charge_cents = charge.amount_cents;
        for (std::size_t i = 0; i < claim.diagnoses.size() && i < 4; ++i) {
            line.pointers.push_back(static_cast<int>(i) + 1);
        }
        claim.lines.push_back(std::move(line));
    }
    return claim;
}

Result<ClaimFile> ClaimStore::write_file(std::vector<Session> sessions,
                                         const std::string& frequency,
                                         std::optional<std::int64_t> original_id,
                                         const std::string& path, const std::string& by,
                                         const std::string& format) {
    if (std::filesystem::exists(path) || std::filesystem::exists(path + ".pending")) {
        // An earlier 837P not uploaded yet is never overwritten (its claims are recorded).
        return std::unexpected(path +
                               " exists: choose another name (an earlier file can be "
                               "written again with billing claim-export)");
    }
    // Gathered before the write transaction: the host's and the records plugin's reads may
    // write to the audit trail, which this connection's open transaction would block.
    X12Batch batch;
    std::vector<std::string> problems;
    IdentityStore identity(m_host);
    if (auto provider = identity.load(); provider && *provider) {
        batch.provider = **provider;
    }
    if (auto submitter = m_details.submitter(); submitter && *submitter) {
        batch.submitter = **submitter;
    }
    std::string payer_claim_number;
    if (original_id) {
        auto latest = m_db.prepare(
            "SELECT payer_claim_number FROM billing_claim_status WHERE claim_id = ? AND "
            "payer_claim_number <> '' ORDER BY seq DESC");
        latest.bind(1, *original_id);
        if (latest.step() == DYAD_ROW) {
            payer_claim_number = latest.text(0);
        }
        latest.reset();  // Its read snapshot would keep the write transaction from beginning.
    }
    for (const auto& session : sessions) {
        X12Claim claim = assemble(session, problems);
        claim.frequency = frequency;
        claim.payer_claim_number = payer_claim_number;
        batch.claims.push_back(std::move(claim));
    }
    dyad::sdk::Transaction transaction(m_db);
    if (!transaction.error().empty()) {
        return std::unexpected(transaction.error());
    }
    if (original_id) {
        // One correction per claim: a voided or replaced claim is corrected through its latest.
        auto later = m_db.prepare(
            "SELECT number, frequency FROM billing_claim WHERE original_id = ? ORDER BY "
            "created_at DESC");
        later.bind(1, *original_id);
        if (later.step() == DYAD_ROW) {
            return std::unexpected(later.text(1) == "8"
                                       ? "that claim was voided by " + later.text(0)
                                       : "that claim was replaced by " + later.text(0) +
                                             ": correct that one");
        }
    }
    for (std::size_t i = 0; i < sessions.size(); ++i) {
        // An original claims a session once, however many files are made at the same time.
        if (frequency == "1" && session_claimed(sessions[i])) {
            return std::unexpected("a session was claimed meanwhile: make the file again");
        }
        auto number = take_number(m_db, "CLM");
        if (!number) {
            return std::unexpected(number.error());
        }
        batch.claims[i].claim_number = *number;
    }
    auto control = take_counter(m_db, "ISA");
    if (!control) {
        return std::unexpected(control.error());
    }
    batch.control_number = *control;
    std::tie(batch.date, batch.time) = local_date_and_time();
    auto text = write_837p(batch);
    if (!text) {
        problems.insert(problems.end(), text.error().begin(), text.error().end());
    }
    if (!problems.empty()) {
        return std::unexpected("the claims cannot be filed yet: " +
                               dyad::datafile::join_list(problems, "; "));
    }
    auto file =
        format == "cms1500"
            ? PendingFile::write_with(
                  path, [&](const std::string& pending) { return write_cms1500(batch, pending); })
            : PendingFile::write_text(path, *text);
    if (!file) {
        return std::unexpected(file.error());
    }
    ClaimFile filed;
    filed.file_id = m_db.new_id();
    filed.control_number = batch.control_number;
    filed.sha256 = file->sha256();
    auto record_file = m_db.prepare(
        "INSERT INTO billing_claim_file (id, control_number, claims, format, content, sha256, "
        "created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    record_file.bind(1, filed.file_id).bind(2, filed.control_number);
    record_file.bind(3, static_cast<std::int64_t>(batch.claims.size())).bind(4, format);
    record_file.bind(5, *text).bind(6, filed.sha256).bind(7, dyad::datafile::now_utc());
    record_file.bind(8, by);
    if (record_file.step() != DYAD_DONE) {
        return std::unexpected("the claim file could not be recorded: " + m_db.last_error());
    }
    std::vector<std::int64_t> claim_ids;
    for (std::size_t i = 0; i < sessions.size(); ++i) {
        const auto& claim = batch.claims[i];
        std::int64_t id = m_db.new_id();
        std::int64_t total = 0;
        for (const auto& line : claim.lines) {
            total += line.charge_cents;
        }
        auto insert = m_db.prepare(
            "INSERT INTO billing_claim (id, number, unit_id, appointment_id, service_date, "
            "coverage_id, frequency, original_id, file_id, total_cents, created_at, created_by) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        insert.bind(1, id).bind(2, claim.claim_number).bind(3, sessions[i].unit_id);
        sessions[i].appointment_id ? (void)insert.bind(4, *sessions[i].appointment_id)
                                   : (void)insert.bind_null(4);
        insert.bind(5, sessions[i].date).bind(6, claim.coverage.id).bind(7, frequency);
        original_id ? (void)insert.bind(8, *original_id) : (void)insert.bind_null(8);
        insert.bind(9, filed.file_id).bind(10, total).bind(11, dyad::datafile::now_utc());
        insert.bind(12, by);
        auto status = m_db.prepare(
            "INSERT INTO billing_claim_status (claim_id, seq, status, at, by) VALUES (?, 1, "
            "'created', ?, ?)");
        status.bind(1, id).bind(2, dyad::datafile::now_utc()).bind(3, by);
        if (insert.step() != DYAD_DONE || status.step() != DYAD_DONE) {
            return std::unexpected("the claim could not be recorded: " + m_db.last_error());
        }
        for (const auto& charge : sessions[i].charges) {
            auto link = m_db.prepare(
                "INSERT INTO billing_claim_charge (claim_id, charge_id) VALUES (?, ?)");
            link.bind(1, id).bind(2, charge.id);
            if (link.step() != DYAD_DONE) {
                return std::unexpected("the claim could not be recorded: " + m_db.last_error());
            }
        }
        claim_ids.push_back(id);
        filed.claim_numbers.push_back(claim.claim_number);
    }
    if (std::string error = transaction.commit(); !error.empty()) {
        return std::unexpected(error);
    }
    if (auto placed = file->place(); !placed) {
        return std::unexpected("the claims are recorded, but " + placed.error() +
                               " (write it again with billing claim-export " +
                               std::to_string(filed.control_number) + ")");
    }
    for (std::int64_t id : claim_ids) {
        (void)m_host.core()->audit(m_host.raw(), "create", "claim", id);
    }
    for (const auto& session : sessions) {
        (void)m_host.core()->record_export(m_host.raw(), "unit", session.unit_id,
                                           format == "cms1500" ? "claim-cms1500" : "claim-837p");
    }
    return filed;
}

Result<ClaimFile> ClaimStore::file_claims(std::int64_t unit_id, const std::string& from,
                                          const std::string& to, const std::string& path,
                                          const std::string& by, const std::string& format) {
    if (!is_iso_date(from) || !is_iso_date(to) || to < from) {
        return std::unexpected(
            "the period is YYYY-MM-DD to YYYY-MM-DD, the first not after the "
            "last");
    }
    if (std::filesystem::exists(path)) {
        return std::unexpected(path +
                               " exists: choose another name (an earlier file can be "
                               "written again with billing claim-export)");
    }
    std::vector<std::int64_t> units;
    if (unit_id != 0) {
        units.push_back(unit_id);
    } else {
        auto select = m_db.prepare(
            "SELECT DISTINCT unit_id FROM billing_charge WHERE billed_to = 'insurance' AND "
            "service_date BETWEEN ? AND ? ORDER BY unit_id");
        select.bind(1, from).bind(2, to);
        while (select.step() == DYAD_ROW) {
            units.push_back(select.int64(0));
        }
    }
    std::vector<Session> sessions;
    std::vector<std::string> already;
    for (std::int64_t unit : units) {
        auto charges = m_store.charges(unit);
        if (!charges) {
            return std::unexpected(charges.error());
        }
        std::map<std::pair<std::string, std::int64_t>, Session> by_session;
        for (const auto& charge : *charges) {
            if (!open_insurance_charge(charge) || charge.service_date < from ||
                charge.service_date > to) {
                continue;
            }
            auto& session =
                by_session[{charge.service_date, charge.appointment_id.value_or(-charge.id)}];
            session.unit_id = unit;
            session.appointment_id = charge.appointment_id;
            session.date = charge.service_date;
            session.charges.push_back(charge);
        }
        for (auto& [key, session] : by_session) {
            // A session with a claim already (a charge reversed and posted again since) is
            // corrected with claim-replace, never claimed twice.
            if (session_claimed(session)) {
                already.push_back(session.date);
                continue;
            }
            sessions.push_back(std::move(session));
        }
    }
    if (sessions.empty() && !already.empty()) {
        return std::unexpected("every session in that period has a claim already (" +
                               dyad::datafile::join_list(already, "; ") +
                               "): correct one with billing claim-replace");
    }
    return write_file(std::move(sessions), "1", std::nullopt, path, by, format);
}

Result<ClaimFile> ClaimStore::file_correction(std::int64_t claim_id, const std::string& frequency,
                                              const std::string& path, const std::string& by) {
    if (frequency != "7" && frequency != "8") {
        return std::unexpected("a correction is a replacement (7) or a void (8)");
    }
    auto select = m_db.prepare(
        "SELECT unit_id, appointment_id, service_date, (SELECT status FROM billing_claim_status "
        "WHERE claim_id = c.id ORDER BY seq DESC LIMIT 1) FROM billing_claim c WHERE id = ?");
    select.bind(1, claim_id);
    if (select.step() != DYAD_ROW) {
        return std::unexpected("there is no claim " + std::to_string(claim_id));
    }
    Session session;
    session.unit_id = select.int64(0);
    if (!select.is_null(1)) {
        session.appointment_id = select.int64(1);
    }
    session.date = select.text(2);
    bool voided = select.text(3) == "voided";
    // Finished now: a statement left on a row keeps its read snapshot, and the write
    // transaction below could not begin once the host's connection wrote after it.
    select.reset();
    if (voided) {
        return std::unexpected("that claim is voided");
    }
    auto charges = m_store.charges(session.unit_id);
    if (!charges) {
        return std::unexpected(charges.error());
    }
    for (const auto& charge : *charges) {
        bool same_session = session.appointment_id
                                ? charge.appointment_id == session.appointment_id
                                : !charge.appointment_id && charge.service_date == session.date;
        if (!same_session) {
            continue;
        }
        // On this claim or one of its chain (what it corrected), or on none: never another
        // session's claim.
        auto on_claim = m_db.prepare(
            "WITH RECURSIVE chain (id) AS (SELECT ?1 UNION SELECT c.original_id FROM "
            "billing_claim c JOIN chain ON c.id = chain.id WHERE c.original_id IS NOT NULL) "
            "SELECT coalesce(max(cc.claim_id IN (SELECT id FROM chain)), -1) FROM "
            "billing_claim_charge cc WHERE cc.charge_id = ?2");
        on_claim.bind(1, claim_id).bind(2, charge.id);
        std::int64_t on = on_claim.step() == DYAD_ROW ? on_claim.int64(0) : 0;
        if (on == 0) {
            continue;  // Another session's claim holds it.
        }
        auto on_this =
            m_db.prepare("SELECT 1 FROM billing_claim_charge WHERE claim_id = ? AND charge_id = ?");
        on_this.bind(1, claim_id).bind(2, charge.id);
        bool was_on_it = on_this.step() == DYAD_ROW;
        // A void repeats what the original claimed; a replacement claims what is open now.
        if ((frequency == "8" && was_on_it) ||
            (frequency == "7" && open_insurance_charge(charge))) {
            session.charges.push_back(charge);
        }
    }
    if (session.charges.empty()) {
        return std::unexpected(frequency == "7"
                                   ? "the session has no open insurance charge to claim now"
                                   : "the claim's charges could not be found");
    }
    return write_file({session}, frequency, claim_id, path, by);
}

Result<std::string> ClaimStore::export_file(std::int64_t control_number, const std::string& path) {
    // The claims as 837P text (a CMS-1500 file's claims too: its PDF is not kept).
    auto select = m_db.prepare("SELECT content FROM billing_claim_file WHERE control_number = ?");
    select.bind(1, control_number);
    if (select.step() != DYAD_ROW) {
        return std::unexpected("there is no claim file with interchange number " +
                               std::to_string(control_number));
    }
    std::string text = select.text(0);
    select.reset();
    if (std::filesystem::exists(path)) {
        return std::unexpected(path + " exists: choose another name");
    }
    auto file = PendingFile::write_text(path, text);
    if (!file) {
        return std::unexpected(file.error());
    }
    if (auto placed = file->place(); !placed) {
        return std::unexpected(placed.error());
    }
    (void)m_host.core()->audit(m_host.raw(), "export", "claim-file", control_number);
    return file->sha256();
}

Result<void> ClaimStore::set_status(std::int64_t claim_id, const std::string& status,
                                    const std::string& reason,
                                    const std::string& payer_claim_number, const std::string& by) {
    static const std::vector<std::string> statuses = {"submitted", "paid", "denied", "resubmitted",
                                                      "voided"};
    if (std::find(statuses.begin(), statuses.end(), status) == statuses.end()) {
        return std::unexpected("the status is submitted, paid, denied, resubmitted or voided");
    }
    if (status == "denied" && reason.empty()) {
        return std::unexpected("a denial needs its reason (the payer's code and words)");
    }
    if (reason.size() > 500 || payer_claim_number.size() > 50) {
        return std::unexpected("the reason is at most 500 characters, the payer's number 50");
    }
    if (!payer_claim_number.empty() && !reference_text(payer_claim_number)) {
        return std::unexpected("the payer's claim number is letters, digits and dashes");
    }
    dyad::sdk::Transaction transaction(m_db);
    if (!transaction.error().empty()) {
        return std::unexpected(transaction.error());
    }
    auto insert = m_db.prepare(
        "INSERT INTO billing_claim_status (claim_id, seq, status, reason, payer_claim_number, "
        "at, by) SELECT ?1, coalesce(max(seq), 0) + 1, ?2, ?3, ?4, ?5, ?6 FROM "
        "billing_claim_status WHERE claim_id = ?1 AND EXISTS (SELECT 1 FROM billing_claim "
        "WHERE id = ?1)");
    insert.bind(1, claim_id).bind(2, status).bind(3, reason).bind(4, payer_claim_number);
    insert.bind(5, dyad::datafile::now_utc()).bind(6, by);
    if (insert.step() != DYAD_DONE) {
        return std::unexpected("the claim's status could not be saved: " + m_db.last_error());
    }
    if (m_db.changes() == 0) {
        return std::unexpected("there is no claim " + std::to_string(claim_id));
    }
    if (std::string error = transaction.commit(); !error.empty()) {
        return std::unexpected(error);
    }
    (void)m_host.core()->audit(m_host.raw(), "update", "claim-status", claim_id);
    return {};
}

Result<std::vector<ClaimSummary>> ClaimStore::claims(std::int64_t unit_id) {
    auto select = m_db.prepare(
        "SELECT c.id, c.number, c.unit_id, c.service_date, c.frequency, coalesce(o.number, ''), "
        "c.total_cents, s.status, s.reason, coalesce((SELECT payer_claim_number FROM "
        "billing_claim_status p WHERE p.claim_id = c.id AND p.payer_claim_number <> '' ORDER BY "
        "p.seq DESC LIMIT 1), '') FROM billing_claim c LEFT JOIN billing_claim o ON o.id = "
        "c.original_id JOIN billing_claim_status s ON s.claim_id = c.id AND s.seq = (SELECT "
        "max(seq) FROM billing_claim_status WHERE claim_id = c.id) WHERE ?1 = 0 OR c.unit_id = "
        "?1 ORDER BY c.service_date DESC, c.number DESC");
    select.bind(1, unit_id);
    std::vector<ClaimSummary> found;
    int code = 0;
    while ((code = select.step()) == DYAD_ROW) {
        found.push_back({select.int64(0), select.text(1), select.int64(2), select.text(3),
                         select.text(4), select.text(5), select.int64(6), select.text(7),
                         select.text(8), select.text(9)});
    }
    if (code != DYAD_DONE) {
        return std::unexpected("the claims could not be read: " + m_db.last_error());
    }
    return found;
}

}  // namespace dyad::billing
