// The reading side of the unit's money (split from ledger.cpp): the ledger with its running
// balance, each partner's balance, the unit's credit, and the practice's Home card figures.
#include <time_text.h>

#include <algorithm>

#include "ledger.h"

namespace dyad::billing {
namespace {

template <class T>
Result<T> db_error(const dyad::sdk::Database& db) {
    return std::unexpected("the billing records could not be read or written: " + db.last_error());
}

}  // namespace

Result<std::vector<LedgerRow>> BillingStore::ledger(std::int64_t unit_id) {
    auto select = m_db.prepare(
        "SELECT CASE WHEN reversal_of IS NULL THEN service_date ELSE date(created_at, 'localtime') "
        "END, CASE WHEN reversal_of IS NULL THEN 'charge' ELSE 'reversal' END, "
        "code || ' ' || label, amount_cents, created_at FROM billing_charge WHERE unit_id = ?1 "
        "UNION ALL SELECT received_on, 'payment', method || CASE WHEN reference = '' THEN '' "
        "ELSE ' ' || reference END, -amount_cents, created_at FROM billing_payment WHERE "
        "unit_id = ?1 UNION ALL SELECT refunded_on, 'refund', method || CASE WHEN reason = '' "
        "THEN '' ELSE ' ' || reason END, amount_cents, created_at FROM billing_refund WHERE "
        "unit_id = ?1 ORDER BY 1, 5");
    select.bind(1, unit_id);
    std::vector<LedgerRow> rows;
    std::int64_t balance = 0;
    int code = 0;
    while ((code = select.step()) == DYAD_ROW) {
        balance += select.int64(3);
        rows.push_back({select.text(0), select.text(1), select.text(2), select.int64(3), balance});
    }
    if (code != DYAD_DONE) {
        return db_error<std::vector<LedgerRow>>(m_db);
    }
    return rows;
}

Result<std::vector<PartnerBalance>> BillingStore::balances(std::int64_t unit_id) {
    auto select = m_db.prepare(
        "SELECT s.client_id, sum(s.amount_cents), coalesce((SELECT sum(a.amount_cents) FROM "
        "billing_allocation a JOIN billing_charge c2 ON c2.id = a.charge_id WHERE c2.unit_id = ?1 "
        "AND a.client_id = s.client_id), 0) FROM billing_charge_share s JOIN billing_charge c ON "
        "c.id = s.charge_id WHERE c.unit_id = ?1 GROUP BY s.client_id ORDER BY s.client_id");
    select.bind(1, unit_id);
    std::vector<PartnerBalance> found;
    int code = 0;
    while ((code = select.step()) == DYAD_ROW) {
        found.push_back({select.int64(0), select.int64(1), select.int64(2)});
    }
    if (code != DYAD_DONE) {
        return db_error<std::vector<PartnerBalance>>(m_db);
    }
    return found;
}

Result<std::int64_t> BillingStore::credit(std::int64_t unit_id) {
    auto select = m_db.prepare(
        "SELECT coalesce((SELECT sum(amount_cents) FROM billing_payment WHERE unit_id = ?1), 0) "
        "- coalesce((SELECT sum(a.amount_cents) FROM billing_allocation a JOIN billing_payment p "
        "ON p.id = a.payment_id WHERE p.unit_id = ?1), 0) - coalesce((SELECT sum(amount_cents) "
        "FROM billing_refund WHERE unit_id = ?1), 0)");
    select.bind(1, unit_id);
    if (select.step() != DYAD_ROW) {
        return db_error<std::int64_t>(m_db);
    }
    return select.int64(0);
}

Result<std::int64_t> BillingStore::paid_toward(std::int64_t charge_id) {
    auto select = m_db.prepare(
        "SELECT coalesce(sum(amount_cents), 0) FROM billing_allocation WHERE charge_id = ?");
    select.bind(1, charge_id);
    if (select.step() != DYAD_ROW) {
        return db_error<std::int64_t>(m_db);
    }
    return select.int64(0);
}

Result<std::pair<int, std::int64_t>> BillingStore::practice_summary(const std::string& today) {
    auto owed = m_db.prepare(
        "SELECT coalesce((SELECT sum(amount_cents) FROM billing_charge), 0) - "
        "coalesce((SELECT sum(amount_cents) FROM billing_allocation), 0)");
    if (owed.step() != DYAD_ROW) {
        return db_error<std::pair<int, std::int64_t>>(m_db);
    }
    std::int64_t outstanding = owed.int64(0);
    auto unbilled = unbilled_sessions(today);
    if (!unbilled) {
        return std::unexpected(unbilled.error());
    }
    int to_bill = static_cast<int>(unbilled->size());
    return std::pair<int, std::int64_t>(to_bill, outstanding);
}

Result<std::vector<BillingStore::Unbilled>> BillingStore::unbilled_sessions(
    const std::string& today) {
    auto start = local_midnight_utc(today, -90);
    auto end = local_midnight_utc(today, 1);
    if (!start || !end) {
        return std::unexpected("the date is YYYY-MM-DD");
    }
    std::vector<Unbilled> attended;
    int listed = m_host.core()->list_appointments(
        m_host.raw(), start->c_str(), end->c_str(),
        [](void* user, const dyad_appointment_info* info) {
            if (std::string(info->status) == "attended") {
                static_cast<std::vector<Unbilled>*>(user)->push_back(
                    {info->id, info->unit_id, local_date_of(info->starts_at)});
            }
            return 0;
        },
        &attended);
    if (listed == DYAD_DENIED) {
        return std::vector<Unbilled>{};  // A role without the schedule sees no sessions to bill.
    }
    if (listed != DYAD_OK) {
        return std::unexpected("the schedule could not be read");
    }
    std::vector<Unbilled> found;
    for (const auto& session : attended) {
        auto check = m_db.prepare(
            "SELECT EXISTS (SELECT 1 FROM billing_unit WHERE unit_id = ?1) AND NOT EXISTS "
            "(SELECT 1 FROM billing_charge c WHERE c.appointment_id = ?2 AND c.reversal_of IS "
            "NULL AND NOT EXISTS (SELECT 1 FROM billing_charge r WHERE r.reversal_of = c.id))");
        check.bind(1, session.unit_id).bind(2, session.appointment_id);
        int code = check.step();
        if (code != DYAD_ROW) {
            return db_error<std::vector<Unbilled>>(m_db);
        }
        if (check.int64(0) != 0) {
            found.push_back(session);
        }
    }
    std::stable_sort(found.begin(), found.end(),
                     [](const Unbilled& a, const Unbilled& b) { return a.date < b.date; });
    return found;
}

}  // namespace dyad::billing
