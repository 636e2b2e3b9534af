#include "demo.h"

#include <time_text.h>

#include <algorithm>
#include <optional>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "identity.h"

namespace dyad::billing {
namespace {

using dyad::sdk::Host;

[[noreturn]] void fail(const std::string& what) {
    throw std::runtime_error("The billing demo could not be filled: " + what + ".");
}

template <class T>
T must(std::expected<T, std::string> result, const std::string& doing) {
    if (!result) {
        fail(doing + ": " + result.error());
    }
    if constexpr (!std::is_void_v<T>) {
        return std::move(*result);
    }
}

// The local date `days` after date (before, when negative).
std::string days_after(const std::string& date, int days) {
    auto midnight = local_midnight_utc(date, days);
    if (!midnight) {
        fail("the demo's date \"" + date + "\" is not YYYY-MM-DD");
    }
    return local_date_of(*midnight);
}

std::int64_t member(const Host& host, std::int64_t unit_id, const std::string& given_name) {
    for (const auto& person : host.members(unit_id)) {
        if (person.given_name == given_name) {
            return person.client_id;
        }
    }
    fail("unit " + std::to_string(unit_id) + " has no member named " + given_name);
}

// The practice's identity as the demo's therapist would type it in Settings > Billing, her
// clinical facts from the Directory Profile when that plugin has a complete one.
Identity demo_identity(const Host& host) {
    Identity identity;
    identity.legal_name = "Demo Practice";
    identity.tax_id_kind = "ein";
    identity.tax_id = "12-3456789";
    identity.address = "1200 NE Example Ave, Suite 210, Portland, OR 97232";
    identity.phone = "503-555-0142";
    identity.clinician_name = "Maya Lin";
    identity.clinician_npi = "1234567893";  // CMS's example NPI: a valid check digit.
    identity.licence_type = "LMFT";
    identity.licence_number = "T2741";
    identity.licence_state = "OR";
    identity.taxonomy = "106H00000X";  // Marriage & family therapist.
    if (auto filled = fill_from_directory(host, identity)) {
        Identity checked = *filled;
        if (check_identity(checked).empty()) {
            return *filled;
        }
    }
    return identity;
}

struct Session {
    std::int64_t id = 0;
    std::string date;  // Local.
    std::string status;
};

// The unit's sessions between from and to (local dates, inclusive), as the host lists them.
std::vector<Session> sessions_of(const Host& host, std::int64_t unit_id, const std::string& from,
                                 const std::string& to) {
    auto start = local_midnight_utc(from);
    auto end = local_midnight_utc(to, 1);
    struct Found {
        std::int64_t unit_id;
        std::vector<Session> sessions;
    } found{unit_id, {}};
    if (!start || !end || host.core() == nullptr ||
        host.core()->list_appointments(
            host.raw(), start->c_str(), end->c_str(),
            [](void* user, const dyad_appointment_info* info) {
                auto* out = static_cast<Found*>(user);
                if (info->unit_id == out->unit_id) {
                    out->sessions.push_back(
                        {info->id, local_date_of(info->starts_at), info->status});
                }
                return 0;
            },
            &found) != DYAD_OK) {
        fail("the schedule could not be read");
    }
    return found.sessions;
}

std::int64_t share_of(const Charge& charge, std::int64_t client_id) {
    for (const auto& share : charge.shares) {
        if (share.client_id == client_id) {
            return share.amount_cents;
        }
    }
    return 0;
}

// Writes one unit's billing through the store, as the Billing tab would.
class UnitFiller {
  public:
    UnitFiller(BillingStore& store, std::string by, std::int64_t unit_id, std::string name)
        : m_store(store), m_by(std::move(by)), m_unit_id(unit_id), m_name(std::move(name)) {}

    void set_up(UnitSetup setup) {
        setup.unit_id = m_unit_id;
        must(m_store.set_unit(setup), "the billing setup of " + m_name + " was refused");
    }
    void charge(const std::string& from, const std::string& to) {
        auto run = must(m_store.charge_sessions(m_unit_id, from, to, m_by),
                        m_name + "'s sessions could not be charged");
        if (!run.skipped.empty()) {
            fail(m_name + "'s session of " + run.skipped.front());
        }
    }
    void late_cancel_fee(const Session& session) {
        must(m_store.add_charge({m_unit_id, session.id, session.date, "LATECANCEL", std::nullopt},
                                m_by),
             "the late-cancel fee of " + m_name + " was refused");
    }
    // The session charges (oldest first; none when the unit has no attended session yet) and
    // the no-show or late-cancel fee, if any.
    std::pair<std::vector<Charge>, std::optional<Charge>> charges() {
        auto all = must(m_store.charges(m_unit_id), m_name + "'s charges could not be read");
        std::pair<std::vector<Charge>, std::optional<Charge>> split;
        for (auto& charge : all) {
            if (charge.code == "NOSHOW" || charge.code == "LATECANCEL") {
                split.second = std::move(charge);
            } else {
                split.first.push_back(std::move(charge));
            }
        }
        return split;
    }
    // A payment received on `on` from one partner; `parts` says whose shares it pays (empty:
    // the unit's split).
    void pay(std::int64_t from, const std::string& method, std::int64_t cents,
             const std::string& on, const std::string& reference = "",
             std::vector<std::pair<std::int64_t, std::int64_t>> parts = {}) {
        NewPayment payment;
        payment.unit_id = m_unit_id;
        payment.from_client_id = from;
        payment.method = method;
        payment.amount_cents = cents;
        payment.received_on = on;
        payment.reference = reference;
        payment.for_clients = std::move(parts);
        must(m_store.pay(payment, m_by), "a payment of " + m_name + " was refused");
    }

  private:
    BillingStore& m_store;
    std::string m_by;
    std::int64_t m_unit_id;
    std::string m_name;
};

// Ana & Ben Ortiz: 60/40, Ana the identified patient and the one who pays. Paid session by
// session (Ben now and then by transfer), the missed session's fee with the next session;
// for the last four sessions each partner pays their own share, Ben by cheque every second
// week: his last two shares are still open.
void fill_ortiz(const Host& host, BillingStore& store, const std::string& by, std::int64_t unit,
                const std::string& from, const std::string& to) {
    std::int64_t ana = member(host, unit, "Ana");
    std::int64_t ben = member(host, unit, "Ben");
    UnitFiller filler(store, by, unit, "Ana & Ben Ortiz");
    UnitSetup setup;
    setup.identified_patient_id = ana;
    setup.responsible_client_id = ana;
    setup.split = {{ana, 60}, {ben, 40}};
    filler.set_up(setup);
    filler.charge(from, to);
    auto [sessions, missed] = filler.charges();
    std::size_t own_shares = sessions.size() >= 4 ? sessions.size() - 4 : 0;
    for (std::size_t i = 0; i < own_shares; ++i) {
        const Charge& session = sessions[i];
        std::int64_t cents = session.amount_cents;
        if (missed && missed->service_date < session.service_date) {
            cents += missed->amount_cents;
            missed.reset();
        }
        i % 4 == 3 ? filler.pay(ben, "transfer", cents, session.service_date)
                   : filler.pay(ana, "card", cents, session.service_date);
    }
    for (std::size_t i = own_shares; i < sessions.size(); ++i) {
        const Charge& session = sessions[i];
        filler.pay(ana, "card", share_of(session, ana), session.service_date, "",
                   {{ana, share_of(session, ana)}});
        if (i == own_shares + 1) {
            std::int64_t cents = share_of(sessions[i - 1], ben) + share_of(session, ben);
            filler.pay(ben, "cheque", cents, session.service_date, "1043", {{ben, cents}});
        }
    }
}

// Dee & Eli Moss: 50/50, paid by transfer every second session for the first four; since then
// Dee pays her half at each session (and of the late-cancel fee) and Eli has paid nothing, so
// the aging report shows their sessions of five and six weeks ago.
void fill_moss(const Host& host, BillingStore& store, const std::string& by, std::int64_t unit,
               const std::string& from, const std::string& to) {
    std::int64_t dee = member(host, unit, "Dee");
    std::int64_t eli = member(host, unit, "Eli");
    UnitFiller filler(store, by, unit, "Dee & Eli Moss");
    UnitSetup setup;
    setup.responsible_client_id = dee;
    setup.split = {{dee, 50}, {eli, 50}};
    filler.set_up(setup);
    filler.charge(from, to);
    for (const auto& session : sessions_of(host, unit, from, days_after(to, -1))) {
        if (session.status == "cancelled") {
            filler.late_cancel_fee(session);
            break;  // One late cancellation (the others were cancelled in good time).
        }
    }
    auto [sessions, fee] = filler.charges();
    std::size_t transfers = std::min<std::size_t>(4, sessions.size());
    for (std::size_t i = 1; i < transfers; i += 2) {
        filler.pay(i == 1 ? eli : dee, "transfer",
                   sessions[i - 1].amount_cents + sessions[i].amount_cents,
                   sessions[i].service_date);
    }
    for (std::size_t i = transfers; i < sessions.size(); ++i) {
        const Charge& session = sessions[i];
        std::int64_t cents = share_of(session, dee);
        if (fee && fee->service_date < session.service_date) {
            cents += share_of(*fee, dee);
            fee.reset();
        }
        filler.pay(dee, "card", cents, session.service_date, "", {{dee, cents}});
    }
}

// Carla Diaz: sliding-scale tier B (review in two months), paid in full: by card at each
// session, once in cash for two.
void fill_diaz(const Host& host, BillingStore& store, const std::string& by, std::int64_t unit,
               const std::string& from, const std::string& to, const std::string& today) {
    std::int64_t carla = member(host, unit, "Carla");
    UnitFiller filler(store, by, unit, "Carla Diaz");
    UnitSetup setup;
    setup.responsible_client_id = carla;
    setup.split = {{carla, 100}};
    setup.sliding_tier = "B";
    setup.sliding_review = days_after(today, 60);
    filler.set_up(setup);
    filler.charge(from, to);
    auto sessions = filler.charges().first;
    for (std::size_t i = 0; i < sessions.size(); ++i) {
        if (i == 3 && i + 1 < sessions.size()) {
            continue;  // Paid the next week, in cash.
        }
        std::int64_t cents = sessions[i].amount_cents;
        if (i == 4) {
            cents += sessions[i - 1].amount_cents;
        }
        filler.pay(carla, i == 4 ? "cash" : "card", cents, sessions[i].service_date);
    }
}

// The Nguyen family: the parents split 50/50, Kim the identified patient; Lan pays at each
// session, Minh the last one and the missed session's fee by cheque.
void fill_nguyen(const Host& host, BillingStore& store, const std::string& by, std::int64_t unit,
                 const std::string& from, const std::string& to) {
    std::int64_t lan = member(host, unit, "Lan");
    std::int64_t minh = member(host, unit, "Minh");
    std::int64_t kim = member(host, unit, "Kim");
    UnitFiller filler(store, by, unit, "the Nguyen family");
    UnitSetup setup;
    setup.identified_patient_id = kim;
    setup.responsible_client_id = lan;
    setup.split = {{lan, 50}, {minh, 50}};
    filler.set_up(setup);
    filler.charge(from, to);
    auto [sessions, missed] = filler.charges();
    if (sessions.empty()) {
        return;
    }
    for (std::size_t i = 0; i + 1 < sessions.size(); ++i) {
        filler.pay(lan, "card", sessions[i].amount_cents, sessions[i].service_date);
    }
    std::int64_t last = sessions.back().amount_cents + (missed ? missed->amount_cents : 0);
    filler.pay(minh, "cheque", last, sessions.back().service_date, "2208");
}

// Omar Haddad (discharged): self-pay at the full fee, paid by card at every session.
void fill_haddad(const Host& host, BillingStore& store, const std::string& by, std::int64_t unit,
                 const std::string& from, const std::string& to) {
    std::int64_t omar = member(host, unit, "Omar");
    UnitFiller filler(store, by, unit, "Omar Haddad");
    UnitSetup setup;
    setup.responsible_client_id = omar;
    setup.split = {{omar, 100}};
    filler.set_up(setup);
    filler.charge(from, to);
    for (const auto& session : filler.charges().first) {
        filler.pay(omar, "card", session.amount_cents, session.service_date);
    }
}

}  // namespace

void fill_demo(const Host& host, BillingStore& store, const Catalogue* catalogue,
               const dyad::sdk::DemoRequest& request) {
    if (catalogue == nullptr) {
        fail(
            "the service catalogue (billing/services.json) could not be read, so there are no "
            "fees to charge");
    }
    if (request.unit_ids.size() < 4) {
        fail("the request has " + std::to_string(request.unit_ids.size()) +
             " units; billing fills the first four");
    }
    const auto& units = request.unit_ids;
    std::vector<std::int64_t> filled = {units[0], units[1], units[2], units[3]};
    if (units.size() >= 6) {
        filled.push_back(units[5]);
    }
    for (std::int64_t unit : filled) {
        auto setup = must(store.unit(unit), "the billing setups could not be read");
        auto charges = must(store.charges(unit), "the charges could not be read");
        if (setup || !charges.empty()) {
            return;  // A demo filled before.
        }
    }
    const std::string& today = request.today;
    std::string from = days_after(today, -365);  // As Charge Attended Sessions: twelve months.
    std::string by = host.signed_in().name.empty() ? "demo" : host.signed_in().name;

    dyad::sdk::Database db(host);
    dyad::sdk::Transaction transaction(db);
    if (!transaction.error().empty()) {
        fail("the billing tables could not be written: " + transaction.error());
    }
    IdentityStore identities(host);
    if (!must(identities.load(), "the billing identity could not be read")) {
        must(identities.save(demo_identity(host)), "the billing identity was refused");
    }
    fill_ortiz(host, store, by, units[0], from, today);
    fill_moss(host, store, by, units[1], from, today);
    fill_diaz(host, store, by, units[2], from, today, today);
    fill_nguyen(host, store, by, units[3], from, today);
    if (units.size() >= 6) {
        fill_haddad(host, store, by, units[5], from, today);
    }
    if (std::string error = transaction.commit(); !error.empty()) {
        fail("the billing tables could not be saved: " + error);
    }
}

}  // namespace dyad::billing
