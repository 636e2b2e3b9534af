#include "ledger.h"
#include <dyad/show.hpp>

#include <time_text.h>

#include <algorithm>
#include <ctime>
#include <map>

#include "money.h"

#include <dyad_records_diagnoses.h>

namespace dyad::billing {
namespace {

using dyad::sdk::Transaction;

template <class T>
Result<T> db_error(const dyad::sdk::Database& db) {
    return std::unexpected("the billing records could not be read or written: " + db.last_error());
}

using dyad::datafile::parse_utc;

bool is_member(const std::vector<dyad::sdk::Host::Member>& members, std::int64_t client_id) {
    return std::any_of(members.begin(), members.end(),
                       [&](const auto& member) { return member.client_id == client_id; });
}

struct Appointment {
    std::int64_t id = 0;
    std::int64_t unit_id = 0;
    std::string starts_at, ends_at, session_type, status;
    bool telehealth = false;
};

}  // namespace

std::string local_date_days_ago(int days) {
    std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    local.tm_mday -= days;
    local.tm_hour = 12;  // Midday: a daylight-saving change cannot move the date.
    local.tm_isdst = -1;
    std::mktime(&local);
    char text[16];
    std::strftime(text, sizeof text, "%Y-%m-%d", &local);
    return text;
}

std::optional<int> minutes_between(const std::string& start_utc, const std::string& end_utc) {
    auto start = parse_utc(start_utc);
    auto end = parse_utc(end_utc);
    if (!start || !end || *end < *start || *end - *start > 24 * 3600) {
        return std::nullopt;
    }
    return static_cast<int>((*end - *start) / 60);
}

BillingStore::BillingStore(dyad::sdk::Host host, const Catalogue* catalogue)
    : m_host(host), m_db(host), m_catalogue(catalogue) {}

Result<void> BillingStore::set_unit(const UnitSetup& setup) {
    if (setup.kind != "self_pay" && setup.kind != "insurance" && setup.kind != "superbill") {
        return std::unexpected("the billing kind is self_pay, insurance or superbill");
    }
    auto members = m_host.members(setup.unit_id);
    if (members.empty()) {
        return std::unexpected("there is no client unit " + std::to_string(setup.unit_id));
    }
    int total = 0;
    for (const auto& part : setup.split) {
        if (!is_member(members, part.client_id)) {
            return std::unexpected("client " + std::to_string(part.client_id) +
                                   " is not a member of this unit");
        }
        if (part.percent < 0 || part.percent > 100) {
            return std::unexpected("a partner's share is a percent from 0 to 100");
        }
        total += part.percent;
    }
    if (setup.split.empty() || total != 100) {
        return std::unexpected("the partners' shares must add up to 100% (they add up to " +
                               std::to_string(total) + "%)");
    }
    for (const auto& person : {setup.identified_patient_id, setup.responsible_client_id}) {
        if (person && !is_member(members, *person)) {
            return std::unexpected(
                "the identified patient and the responsible party are "
                "members of the unit");
        }
    }
    if (setup.kind != "self_pay" && !setup.identified_patient_id) {
        return std::unexpected(
            "insurance and superbills are billed under an identified patient: "
            "choose the partner who is the identified patient");
    }
    if (!setup.sliding_tier.empty()) {
        if (setup.kind != "self_pay") {
            return std::unexpected(
                "a sliding-scale fee is for self-pay units (an insurer or a superbill is "
                "billed the full fee)");
        }
        if (m_catalogue == nullptr) {
            return std::unexpected("the service catalogue could not be read (see the log)");
        }
        if (m_catalogue->tier(setup.sliding_tier) == nullptr) {
            return std::unexpected("the service catalogue has no sliding-scale tier " +
                                   setup.sliding_tier);
        }
        if (!local_midnight_utc(setup.sliding_review)) {
            return std::unexpected(
                "a sliding-scale tier needs the day it is to be reviewed (YYYY-MM-DD)");
        }
    } else if (!setup.sliding_review.empty()) {
        return std::unexpected("a review date goes with a sliding-scale tier");
    }
    Transaction transaction(m_db);
    if (!transaction.error().empty()) {
        return std::unexpected(transaction.error());
    }
    auto upsert = m_db.prepare(
        "INSERT INTO billing_unit (unit_id, kind, identified_patient_id, responsible_client_id, "
        "updated_at, sliding_tier, sliding_review) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT "
        "(unit_id) DO UPDATE SET kind = excluded.kind, identified_patient_id = "
        "excluded.identified_patient_id, responsible_client_id = excluded.responsible_client_id, "
        "updated_at = excluded.updated_at, sliding_tier = excluded.sliding_tier, sliding_review "
        "= excluded.sliding_review");
    upsert.bind(1, setup.unit_id).bind(2, setup.kind);
    setup.identified_patient_id ? (void)upsert.bind(3, *setup.identified_patient_id)
                                : (void)upsert.bind_null(3);
    setup.responsible_client_id ? (void)upsert.bind(4, *setup.responsible_client_id)
                                : (void)upsert.bind_null(4);
    upsert.bind(5, dyad::datafile::now_utc()).bind(6, setup.sliding_tier);
    upsert.bind(7, setup.sliding_review);
    auto clear = m_db.prepare("DELETE FROM billing_split WHERE unit_id = ?");
    clear.bind(1, setup.unit_id);
    if (upsert.step() != DYAD_DONE || clear.step() != DYAD_DONE) {
        return db_error<void>(m_db);
    }
    for (const auto& part : setup.split) {
        auto insert = m_db.prepare(
            "INSERT INTO billing_split (unit_id, client_id, percent) VALUES (?, ?, ?)");
        insert.bind(1, setup.unit_id).bind(2, part.client_id).bind(3, part.percent);
        if (insert.step() != DYAD_DONE) {
            return db_error<void>(m_db);
        }
    }
    if (std::string error = transaction.commit(); !error.empty()) {
        return std::unexpected(error);
    }
    // Audited after the commit: the host writes the trail on its own connection, which this
    // connection's open write transaction would block.
    (void)m_host.core()->audit(m_host.raw(), "update", "unit-billing", setup.unit_id);
    return {};
}

std::string sliding_review_due(const UnitSetup& setup, const std::string& today) {
    if (setup.sliding_tier.empty() || setup.sliding_review.empty() ||
        setup.sliding_review > today) {
        return {};
    }
    return "the sliding-scale tier " + setup.sliding_tier + " was to be reviewed by " +
           setup.sliding_review + ": review the couple's fee";
}

Result<std::optional<UnitSetup>> BillingStore::unit(std::int64_t unit_id) {
    auto select = m_db.prepare(
        "SELECT kind, identified_patient_id, responsible_client_id, sliding_tier, "
        "sliding_review FROM billing_unit WHERE unit_id = ?");
    select.bind(1, unit_id);
    int code = select.step();
    if (code == DYAD_DONE) {
        return std::optional<UnitSetup>();
    }
    if (code != DYAD_ROW) {
        return db_error<std::optional<UnitSetup>>(m_db);
    }
    UnitSetup setup;
    setup.unit_id = unit_id;
    setup.kind = select.text(0);
    if (!select.is_null(1)) {
        setup.identified_patient_id = select.int64(1);
    }
    if (!select.is_null(2)) {
        setup.responsible_client_id = select.int64(2);
    }
    setup.sliding_tier = select.text(3);
    setup.sliding_review = select.text(4);
    auto split = m_db.prepare(
        "SELECT client_id, percent FROM billing_split WHERE unit_id = ? ORDER BY percent DESC, "
        "client_id");
    split.bind(1, unit_id);
    while (split.step() == DYAD_ROW) {
        setup.split.push_back({split.int64(0), static_cast<int>(split.int64(1))});
    }
    return std::optional<UnitSetup>(std::move(setup));
}

std::string BillingStore::identified_patient_problem(const UnitSetup& setup) {
    if (!setup.identified_patient_id) {
        return "couple codes go to insurance or a superbill only under an identified patient";
    }
    const auto* diagnoses = m_host.plugin_extension<dyad_records_diagnoses_v1>(
        "dyad.records", DYAD_RECORDS_DIAGNOSES_EXTENSION);
    if (diagnoses == nullptr) {
        return "the identified patient's diagnoses cannot be read (the Client Records plugin "
               "is not loaded)";
    }
    struct Seen {
        bool non_z = false;
        bool any = false;
    } seen;
    int code = diagnoses->for_client(
        diagnoses->self, *setup.identified_patient_id,
        [](void* user, const dyad_records_diagnosis* diagnosis) {
            auto* out = static_cast<Seen*>(user);
            if (std::string(diagnosis->status) == "active") {
                out->any = true;
                out->non_z = out->non_z || (diagnosis->code[0] != 'Z' && diagnosis->code[0] != 0);
            }
            return 0;
        },
        &seen);
    if (code != DYAD_OK) {
        return "the identified patient's diagnoses cannot be read";
    }
    if (!seen.non_z) {
        return seen.any ? "the identified patient has only Z-code diagnoses (Z63.0 alone is "
                          "generally not reimbursable): record a diagnosable condition or bill "
                          "the couple as self-pay"
                        : "the identified patient has no diagnosis: record one in the Diagnoses "
                          "tab, or bill the couple as self-pay";
    }
    return {};
}

Result<bool> BillingStore::has_open_charge(std::int64_t appointment_id, const std::string& code) {
    auto select = m_db.prepare(
        "SELECT 1 FROM billing_charge c WHERE c.appointment_id = ?1 AND (?2 = '' OR c.code = ?2) "
        "AND c.reversal_of IS NULL AND NOT EXISTS (SELECT 1 FROM billing_charge r WHERE "
        "r.reversal_of = c.id)");
    select.bind(1, appointment_id).bind(2, code);
    int step = select.step();
    if (step != DYAD_ROW && step != DYAD_DONE) {
        return db_error<bool>(m_db);
    }
    return step == DYAD_ROW;
}

Result<std::int64_t> BillingStore::post_charge(const UnitSetup& setup, const NewCharge& charge,
                                               const Service& service, std::optional<int> minutes,
                                               const std::string& place_of_service,
                                               const std::string& by) {
    std::string billed_to = service.insurance ? setup.kind : "self_pay";
    std::int64_t amount = charge.fee_cents.value_or(service.fee_cents);
    // The unit's sliding-scale tier on a session fee it pays itself (never on a missed-session
    // fee, never on a fee given by hand), rounded to the cent.
    const SlidingTier* tier = m_catalogue != nullptr && !setup.sliding_tier.empty()
                                  ? m_catalogue->tier(setup.sliding_tier)
                                  : nullptr;
    bool reducible = billed_to == "self_pay" && !charge.fee_cents && service.kind != "no_show" &&
                     service.kind != "late_cancel";
    if (reducible && !setup.sliding_tier.empty() && tier == nullptr) {
        return std::unexpected("the unit's sliding-scale tier " + setup.sliding_tier +
                               " is no longer in the service catalogue: choose its tier again "
                               "in the Billing tab");
    }
    if (reducible && tier != nullptr) {
        amount = (amount * tier->percent + 50) / 100;
    }
    if (amount < 0 || amount > kMaxCents) {
        return std::unexpected("the fee is out of range");
    }
    std::int64_t id = m_db.new_id();
    auto insert = m_db.prepare(
        "INSERT INTO billing_charge (id, uuid, unit_id, appointment_id, service_date, code, "
        "label, minutes, place_of_service, amount_cents, billed_to, patient_id, created_at, "
        "created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    insert.bind(1, id).bind(2, m_db.new_uuid()).bind(3, charge.unit_id);
    charge.appointment_id ? (void)insert.bind(4, *charge.appointment_id)
                          : (void)insert.bind_null(4);
    insert.bind(5, charge.service_date).bind(6, service.code).bind(7, service.label);
    minutes ? (void)insert.bind(8, *minutes) : (void)insert.bind_null(8);
    insert.bind(9, place_of_service).bind(10, amount).bind(11, billed_to);
    setup.identified_patient_id&& billed_to != "self_pay"
        ? (void)insert.bind(12, *setup.identified_patient_id)
        : (void)insert.bind_null(12);
    insert.bind(13, dyad::datafile::now_utc()).bind(14, by);
    if (insert.step() != DYAD_DONE) {
        return db_error<std::int64_t>(m_db);
    }
    std::vector<int> percents;
    for (const auto& part : setup.split) {
        percents.push_back(part.percent);
    }
    auto parts = split_cents(amount, percents);
    for (std::size_t i = 0; i < parts.size(); ++i) {
        auto share = m_db.prepare(
            "INSERT INTO billing_charge_share (charge_id, client_id, amount_cents) VALUES (?, ?, "
            "?)");
        share.bind(1, id).bind(2, setup.split[i].client_id).bind(3, parts[i]);
        if (share.step() != DYAD_DONE) {
            return db_error<std::int64_t>(m_db);
        }
    }
    return id;  // The caller audits it once its transaction is committed.
}

Result<ChargeRun> BillingStore::charge_sessions(std::int64_t unit_id, const std::string& from,
                                                const std::string& to, const std::string& by,
                                                const std::vector<std::int64_t>* only) {
    if (m_catalogue == nullptr) {
        return std::unexpected("the service catalogue could not be read (see the log)");
    }
    auto setup = unit(unit_id);
    if (!setup) {
        return std::unexpected(setup.error());
    }
    if (!*setup) {
        return std::unexpected(
            dyad::show::tr("set up billing for this unit first (kind and split)"));
    }
    auto start = local_midnight_utc(from);
    auto end = local_midnight_utc(to, 1);
    if (!start || !end || *end <= *start) {
        return std::unexpected("the dates are YYYY-MM-DD, the first not after the last");
    }
    std::vector<Appointment> sessions;
    m_host.core()->list_appointments(
        m_host.raw(), start->c_str(), end->c_str(),
        [](void* user, const dyad_appointment_info* info) {
            static_cast<std::vector<Appointment>*>(user)->push_back(
                {info->id, info->unit_id, info->starts_at, info->ends_at, info->session_type,
                 info->status, info->telehealth != 0});
            return 0;
        },
        &sessions);
    ChargeRun run;
    std::vector<std::int64_t> created;
    Transaction transaction(m_db);
    if (!transaction.error().empty()) {
        return std::unexpected(transaction.error());
    }
    for (const auto& session : sessions) {
        if (session.unit_id != unit_id ||
            (only != nullptr && std::find(only->begin(), only->end(), session.id) == only->end())) {
            continue;
        }
        std::string date = local_date_of(session.starts_at);
        if (session.status != "attended" && session.status != "no_show") {
            continue;  // Scheduled or cancelled: nothing to bill yet.
        }
        auto minutes = minutes_between(session.starts_at, session.ends_at);
        const Service* service =
            session.status == "no_show"
                ? m_catalogue->suggest("no_show", 0)
                : m_catalogue->suggest(service_kind_for(session.session_type), minutes.value_or(0));
        if (service == nullptr) {
            run.skipped.push_back(date + ": no service in the catalogue fits a " +
                                  session.session_type + " session of " +
                                  std::to_string(minutes.value_or(0)) + " minutes");
            continue;
        }
        // Any open charge for the session (whatever its code: the times or the status may have
        // changed since) means it is billed: running again changes nothing.
        auto exists = has_open_charge(session.id, "");
        if (!exists) {
            return std::unexpected(exists.error());
        }
        if (*exists) {
            continue;
        }
        if (session.status == "attended" && !minutes) {
            run.skipped.push_back(date + ": the session's length could not be read");
            continue;
        }
        if (service->needs_ip && service->insurance && (*setup)->kind != "self_pay") {
            if (std::string why = identified_patient_problem(**setup); !why.empty()) {
                run.skipped.push_back(date + ": " + service->code + " not charged: " + why);
                continue;
            }
        }
        NewCharge charge{unit_id, session.id, date, service->code, std::nullopt};
        auto posted =
            post_charge(**setup, charge, *service, minutes, session.telehealth ? "10" : "11", by);
        if (!posted) {
            return std::unexpected(posted.error());
        }
        created.push_back(*posted);
        ++run.created;
    }
    if (std::string error = transaction.commit(); !error.empty()) {
        return std::unexpected(error);
    }
    for (std::int64_t id : created) {
        (void)m_host.core()->audit(m_host.raw(), "create", "charge", id);
    }
    return run;
}

Result<std::int64_t> BillingStore::add_charge(const NewCharge& charge, const std::string& by) {
    if (m_catalogue == nullptr) {
        return std::unexpected("the service catalogue could not be read (see the log)");
    }
    const Service* service = m_catalogue->find(charge.code);
    if (service == nullptr) {
        return std::unexpected(charge.code + " is not in the service catalogue");
    }
    auto setup = unit(charge.unit_id);
    if (!setup) {
        return std::unexpected(setup.error());
    }
    if (!*setup) {
        return std::unexpected(
            dyad::show::tr("set up billing for this unit first (kind and split)"));
    }
    if (local_midnight_utc(charge.service_date) == std::nullopt) {
        return std::unexpected("the date of service is YYYY-MM-DD");
    }
    if (charge.appointment_id) {
        // The session must be this unit's, on that day.
        Appointment found;
        int code = m_host.core()->get_appointment(
            m_host.raw(), *charge.appointment_id,
            [](void* user, const dyad_appointment_info* info) {
                *static_cast<Appointment*>(user) = {
                    info->id,           info->unit_id, info->starts_at,      info->ends_at,
                    info->session_type, info->status,  info->telehealth != 0};
                return 0;
            },
            &found);
        if (code != DYAD_OK || found.unit_id != charge.unit_id) {
            return std::unexpected("session " + std::to_string(*charge.appointment_id) +
                                   " is not one of this unit's");
        }
        if (local_date_of(found.starts_at) != charge.service_date) {
            return std::unexpected("the date of service is not the session's date (" +
                                   local_date_of(found.starts_at) + ")");
        }
    }
    Transaction transaction(m_db);
    if (!transaction.error().empty()) {
        return std::unexpected(transaction.error());
    }
    if (charge.appointment_id) {
        auto exists = has_open_charge(*charge.appointment_id, service->code);
        if (!exists) {
            return std::unexpected(exists.error());
        }
        if (*exists) {
            return std::unexpected("this session already has a " + service->code +
                                   " charge; reverse it first to charge it again");
        }
    }
    if (service->needs_ip && service->insurance && (*setup)->kind != "self_pay") {
        if (std::string why = identified_patient_problem(**setup); !why.empty()) {
            return std::unexpected(service->code + " not charged: " + why);
        }
    }
    if (service->kind == "addon") {
        // An add-on needs its primary code on the same session.
        auto primaries = m_db.prepare(
            "SELECT code FROM billing_charge c WHERE c.appointment_id IS ? AND c.service_date = ? "
            "AND c.unit_id = ? AND c.reversal_of IS NULL AND NOT EXISTS (SELECT 1 FROM "
            "billing_charge r WHERE r.reversal_of = c.id)");
        charge.appointment_id ? (void)primaries.bind(1, *charge.appointment_id)
                              : (void)primaries.bind_null(1);
        primaries.bind(2, charge.service_date).bind(3, charge.unit_id);
        std::string refusal = "+" + service->code + " needs its primary code on the same session";
        while (primaries.step() == DYAD_ROW) {
            std::string why = m_catalogue->check_pairing(service->code, primaries.text(0));
            if (why.empty()) {
                refusal.clear();
                break;
            }
            refusal = why;
        }
        if (!refusal.empty()) {
            return std::unexpected(refusal);
        }
    }
    auto posted = post_charge(**setup, charge, *service, std::nullopt, "11", by);
    if (!posted) {
        return posted;
    }
    if (std::string error = transaction.commit(); !error.empty()) {
        return std::unexpected(error);
    }
    (void)m_host.core()->audit(m_host.raw(), "create", "charge", *posted);
    return posted;
}

Result<std::int64_t> BillingStore::reverse(std::int64_t charge_id, const std::string& by) {
    // The checks and the reversal in one (immediate) transaction: nothing can pay the charge
    // between them.
    Transaction transaction(m_db);
    if (!transaction.error().empty()) {
        return std::unexpected(transaction.error());
    }
    auto found = m_db.prepare(
        "SELECT unit_id, appointment_id, service_date, code, label, place_of_service, "
        "amount_cents, billed_to, patient_id, reversal_of, (SELECT count(*) FROM billing_charge r "
        "WHERE r.reversal_of = c.id), (SELECT count(*) FROM billing_allocation a WHERE "
        "a.charge_id = c.id) FROM billing_charge c WHERE id = ?");
    found.bind(1, charge_id);
    int code = found.step();
    if (code == DYAD_DONE) {
        return std::unexpected("there is no charge " + std::to_string(charge_id));
    }
    if (code != DYAD_ROW) {
        return db_error<std::int64_t>(m_db);
    }
    if (!found.is_null(9)) {
        return std::unexpected("this is a reversal; it cannot be reversed");
    }
    if (found.int64(10) > 0) {
        return std::unexpected("this charge is reversed already");
    }
    std::int64_t id = m_db.new_id();
    auto insert = m_db.prepare(
        "INSERT INTO billing_charge (id, uuid, unit_id, appointment_id, service_date, code, "
        "label, place_of_service, amount_cents, billed_to, patient_id, reversal_of, created_at, "
        "created_by) SELECT ?, ?, unit_id, appointment_id, service_date, code, label, "
        "place_of_service, -amount_cents, billed_to, patient_id, id, ?, ? FROM billing_charge "
        "WHERE id = ?");
    insert.bind(1, id).bind(2, m_db.new_uuid()).bind(3, dyad::datafile::now_utc()).bind(4, by);
    insert.bind(5, charge_id);
    auto shares = m_db.prepare(
        "INSERT INTO billing_charge_share (charge_id, client_id, amount_cents) SELECT ?, "
        "client_id, -amount_cents FROM billing_charge_share WHERE charge_id = ?");
    shares.bind(1, id).bind(2, charge_id);
    // What was paid toward the charge is released: the same payments and partners allocate
    // the negated amounts to the reversal, so the money is the unit's credit again (apply it
    // to other charges or refund it).
    auto release = m_db.prepare(
        "INSERT INTO billing_allocation (payment_id, charge_id, client_id, amount_cents, "
        "allocated_on) SELECT payment_id, ?, client_id, -amount_cents, ? FROM billing_allocation "
        "WHERE charge_id = ?");
    release.bind(1, id).bind(2, dyad::datafile::local_today()).bind(3, charge_id);
    if (insert.step() != DYAD_DONE || shares.step() != DYAD_DONE || release.step() != DYAD_DONE) {
        return db_error<std::int64_t>(m_db);
    }
    if (std::string error = transaction.commit(); !error.empty()) {
        return std::unexpected(error);
    }
    (void)m_host.core()->audit(m_host.raw(), "create", "charge-reversal", id);
    return id;
}

Result<std::vector<Charge>> BillingStore::charges(std::int64_t unit_id) {
    auto select = m_db.prepare(
        "SELECT id, appointment_id, service_date, code, label, minutes, place_of_service, "
        "modifier, amount_cents, billed_to, reversal_of, EXISTS (SELECT 1 FROM billing_charge r "
        "WHERE r.reversal_of = c.id), patient_id, (SELECT clinician_id FROM "
        "billing_charge_clinician k WHERE k.charge_id = c.id) FROM billing_charge c WHERE "
        "unit_id = ? ORDER BY service_date, created_at, id");
    select.bind(1, unit_id);
    std::vector<Charge> found;
    int code = 0;
    while ((code = select.step()) == DYAD_ROW) {
        Charge charge;
        charge.id = select.int64(0);
        charge.unit_id = unit_id;
        if (!select.is_null(1)) {
            charge.appointment_id = select.int64(1);
        }
        charge.service_date = select.text(2);
        charge.code = select.text(3);
        charge.label = select.text(4);
        if (!select.is_null(5)) {
            charge.minutes = static_cast<int>(select.int64(5));
        }
        charge.place_of_service = select.text(6);
        charge.modifier = select.text(7);
        charge.amount_cents = select.int64(8);
        charge.billed_to = select.text(9);
        if (!select.is_null(10)) {
            charge.reversal_of = select.int64(10);
        }
        charge.reversed = select.int64(11) != 0;
        if (!select.is_null(12)) {
            charge.patient_id = select.int64(12);
        }
        if (!select.is_null(13)) {
            charge.clinician_id = select.int64(13);
        }
        auto shares = m_db.prepare(
            "SELECT s.client_id, s.amount_cents, coalesce((SELECT sum(a.amount_cents) FROM "
            "billing_allocation a WHERE a.charge_id = s.charge_id AND a.client_id = s.client_id), "
            "0) FROM billing_charge_share s WHERE s.charge_id = ? ORDER BY s.client_id");
        shares.bind(1, charge.id);
        while (shares.step() == DYAD_ROW) {
            charge.shares.push_back({shares.int64(0), shares.int64(1), shares.int64(2)});
        }
        found.push_back(std::move(charge));
    }
    if (code != DYAD_DONE) {
        return db_error<std::vector<Charge>>(m_db);
    }
    return found;
}

Result<PaymentResult> BillingStore::pay(const NewPayment& payment, const std::string& by) {
    static const std::vector<std::string> methods = {"cash", "card", "cheque", "transfer",
                                                     "insurer"};
    if (std::find(methods.begin(), methods.end(), payment.method) == methods.end()) {
        return std::unexpected("the method is cash, card, cheque, transfer or insurer");
    }
    if (payment.amount_cents <= 0 || payment.amount_cents > kMaxCents) {
        return std::unexpected("a payment is more than $0.00 and at most $10,000,000.00");
    }
    if (local_midnight_utc(payment.received_on) == std::nullopt) {
        return std::unexpected("the date received is YYYY-MM-DD");
    }
    auto setup = unit(payment.unit_id);
    if (!setup) {
        return std::unexpected(setup.error());
    }
    if (!*setup) {
        return std::unexpected(
            dyad::show::tr("set up billing for this unit first (kind and split)"));
    }
    auto members = m_host.members(payment.unit_id);
    if (payment.from_client_id && !is_member(members, *payment.from_client_id)) {
        return std::unexpected("the payer is not a member of this unit");
    }
    // How much of the payment goes to each partner's shares.
    std::vector<std::pair<std::int64_t, std::int64_t>> portions = payment.for_clients;
    if (portions.empty()) {
        std::vector<int> percents;
        for (const auto& part : (*setup)->split) {
            percents.push_back(part.percent);
        }
        auto parts = split_cents(payment.amount_cents, percents);
        for (std::size_t i = 0; i < parts.size(); ++i) {
            portions.emplace_back((*setup)->split[i].client_id, parts[i]);
        }
    } else {
        std::int64_t total = 0;
        for (const auto& [client, cents] : portions) {
            if (!is_member(members, client) || cents < 0 || cents > kMaxCents) {
                return std::unexpected("each part goes to a member of the unit, in cents >= 0");
            }
            total += cents;
        }
        if (total != payment.amount_cents) {
            return std::unexpected("the parts add up to " + format_cents(total) +
                                   ", not the payment's " + format_cents(payment.amount_cents));
        }
    }
    // What is open is read inside the (immediate) transaction: no other writer can allocate to
    // the same shares between the reading and the writing.
    Transaction transaction(m_db);
    if (!transaction.error().empty()) {
        return std::unexpected(transaction.error());
    }
    auto open = charges(payment.unit_id);
    if (!open) {
        return std::unexpected(open.error());
    }
    PaymentResult result;
    result.payment_id = m_db.new_id();
    auto insert = m_db.prepare(
        "INSERT INTO billing_payment (id, uuid, unit_id, from_client_id, method, amount_cents, "
        "received_on, reference, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    insert.bind(1, result.payment_id).bind(2, m_db.new_uuid()).bind(3, payment.unit_id);
    payment.from_client_id ? (void)insert.bind(4, *payment.from_client_id)
                           : (void)insert.bind_null(4);
    insert.bind(5, payment.method).bind(6, payment.amount_cents).bind(7, payment.received_on);
    insert.bind(8, payment.reference).bind(9, dyad::datafile::now_utc()).bind(10, by);
    if (insert.step() != DYAD_DONE) {
        return db_error<PaymentResult>(m_db);
    }
    // Each partner's portion pays their own open shares, oldest first; what is left over pays
    // the other partners' open shares; what is left after that is the unit's credit.
    std::map<std::pair<std::int64_t, std::int64_t>, std::int64_t> allocations;
    std::int64_t left_over = 0;
    auto allocate = [&](std::int64_t client, std::int64_t cents) {
        for (auto& charge : *open) {
            if (charge.reversed || charge.reversal_of) {
                continue;
            }
            for (auto& share : charge.shares) {
                if (cents == 0) {
                    return cents;
                }
                if (client != 0 && share.client_id != client) {
                    continue;
                }
                std::int64_t due = share.amount_cents - share.paid_cents;
                std::int64_t take = std::min(due, cents);
                if (take > 0) {
                    share.paid_cents += take;
                    allocations[{charge.id, share.client_id}] += take;
                    cents -= take;
                }
            }
        }
        return cents;
    };
    for (const auto& [client, cents] : portions) {
        left_over += allocate(client, cents);
    }
    result.credit_cents = allocate(0, left_over);
    for (const auto& [key, cents] : allocations) {
        auto row = m_db.prepare(
            "INSERT INTO billing_allocation (payment_id, charge_id, client_id, amount_cents, "
            "allocated_on) VALUES (?, ?, ?, ?, ?)");
        row.bind(1, result.payment_id).bind(2, key.first).bind(3, key.second).bind(4, cents);
        row.bind(5, payment.received_on);
        if (row.step() != DYAD_DONE) {
            return db_error<PaymentResult>(m_db);
        }
        result.allocated_cents += cents;
    }
    if (std::string error = transaction.commit(); !error.empty()) {
        return std::unexpected(error);
    }
    (void)m_host.core()->audit(m_host.raw(), "create", "payment", result.payment_id);
    return result;
}

}  // namespace dyad::billing
