// The unit's credit (issue 16): applied to open shares later, or refunded. Each step is one
// immediate transaction: what is open and what is held are read inside it.
#include <time_text.h>
#include <dyad/show.hpp>

#include <algorithm>
#include <vector>

#include "ledger.h"
#include "money.h"

namespace dyad::billing {

Result<std::int64_t> BillingStore::apply_credit(std::int64_t unit_id, const std::string& by) {
    dyad::sdk::Transaction transaction(m_db);
    if (!transaction.error().empty()) {
        return std::unexpected(transaction.error());
    }
    auto held = credit(unit_id);
    if (!held) {
        return std::unexpected(held.error());
    }
    auto open = charges(unit_id);
    if (!open) {
        return std::unexpected(open.error());
    }
    // The payments with money not allocated, oldest first: the credit is theirs (less what
    // was refunded, which `held` already takes away).
    struct Remainder {
        std::int64_t payment_id;
        std::int64_t cents;
    };
    std::vector<Remainder> sources;
    auto select = m_db.prepare(
        "SELECT p.id, p.amount_cents - coalesce((SELECT sum(a.amount_cents) FROM "
        "billing_allocation a WHERE a.payment_id = p.id), 0) FROM billing_payment p WHERE "
        "p.unit_id = ? ORDER BY p.received_on, p.created_at, p.id");
    select.bind(1, unit_id);
    while (select.step() == DYAD_ROW) {
        if (select.int64(1) > 0) {
            sources.push_back({select.int64(0), select.int64(1)});
        }
    }
    select.reset();
    std::int64_t available = *held;
    const std::string today = dyad::datafile::local_today();
    std::int64_t applied = 0;
    for (auto& charge : *open) {
        if (charge.reversed || charge.reversal_of) {
            continue;
        }
        for (auto& share : charge.shares) {
            std::int64_t due = share.amount_cents - share.paid_cents;
            for (auto& source : sources) {
                if (due <= 0 || available <= 0) {
                    break;
                }
                std::int64_t take = std::min({due, source.cents, available});
                if (take <= 0) {
                    continue;
                }
                auto row = m_db.prepare(
                    "INSERT INTO billing_allocation (payment_id, charge_id, client_id, "
                    "amount_cents, allocated_on) VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT "
                    "(payment_id, charge_id, client_id) DO NOTHING");
                row.bind(1, source.payment_id).bind(2, charge.id).bind(3, share.client_id);
                row.bind(4, take).bind(5, today);
                if (row.step() != DYAD_DONE) {
                    return std::unexpected("the credit could not be applied: " + m_db.last_error());
                }
                if (m_db.changes() == 0) {
                    continue;  // That payment already paid this share in part: the next one.
                }
                source.cents -= take;
                available -= take;
                due -= take;
                applied += take;
            }
        }
    }
    if (std::string error = transaction.commit(); !error.empty()) {
        return std::unexpected(error);
    }
    if (applied > 0) {
        (void)m_host.core()->audit(m_host.raw(), "update", "unit-credit", unit_id);
    }
    (void)by;  // Allocations carry their payment's author.
    return applied;
}

Result<std::int64_t> BillingStore::refund(const NewRefund& refund, const std::string& by) {
    static const std::vector<std::string> methods = {"cash", "card", "cheque", "transfer"};
    if (std::find(methods.begin(), methods.end(), refund.method) == methods.end()) {
        return std::unexpected("a refund is paid by cash, card, cheque or transfer");
    }
    if (refund.amount_cents <= 0 || refund.amount_cents > kMaxCents) {
        return std::unexpected("a refund is more than $0.00");
    }
    if (!local_midnight_utc(refund.refunded_on) ||
        refund.refunded_on > dyad::datafile::local_today()) {
        return std::unexpected("the date of the refund is YYYY-MM-DD, today or earlier");
    }
    if (refund.reason.size() > 200) {
        return std::unexpected("the reason is at most 200 characters");
    }
    if (refund.to_client_id) {
        auto members = m_host.members(refund.unit_id);
        if (std::none_of(members.begin(), members.end(), [&](const auto& member) {
                return member.client_id == *refund.to_client_id;
            })) {
            return std::unexpected("a refund goes to a member of the unit");
        }
    }
    dyad::sdk::Transaction transaction(m_db);
    if (!transaction.error().empty()) {
        return std::unexpected(transaction.error());
    }
    auto held = credit(refund.unit_id);
    if (!held) {
        return std::unexpected(held.error());
    }
    if (refund.amount_cents > *held) {
        return std::unexpected(dyad::show::fill(
            dyad::show::tr("the unit's credit is {amount}: a refund is at most what was paid and "
                           "not allocated"),
            "amount", dyad::show::money(*held)));
    }
    std::int64_t id = m_db.new_id();
    auto insert = m_db.prepare(
        "INSERT INTO billing_refund (id, unit_id, to_client_id, method, amount_cents, "
        "refunded_on, reason, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    insert.bind(1, id).bind(2, refund.unit_id);
    refund.to_client_id ? (void)insert.bind(3, *refund.to_client_id) : (void)insert.bind_null(3);
    insert.bind(4, refund.method).bind(5, refund.amount_cents).bind(6, refund.refunded_on);
    insert.bind(7, refund.reason).bind(8, dyad::datafile::now_utc()).bind(9, by);
    if (insert.step() != DYAD_DONE) {
        return std::unexpected("the refund could not be recorded: " + m_db.last_error());
    }
    if (std::string error = transaction.commit(); !error.empty()) {
        return std::unexpected(error);
    }
    (void)m_host.core()->audit(m_host.raw(), "create", "refund", id);
    return id;
}

}  // namespace dyad::billing
