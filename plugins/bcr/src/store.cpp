#include "store.h"
#include <dyad/show.hpp>

#include <time_text.h>
#include <ctime>
#include <sstream>

namespace dyad::bcr {

using dyad::datafile::now_utc;
namespace {

bool blank(const std::string& text) {
    return text.find_first_not_of(" \t\r\n") == std::string::npos;
}

// Rolls back unless committed: a refused step leaves nothing behind.
class Transaction {
  public:
    explicit Transaction(const dyad::sdk::Database& db) : m_db(db), m_error(db.begin()) {}
    ~Transaction() {
        if (!m_done && m_error.empty()) {
            (void)m_db.rollback();
        }
    }
    const std::string& error() const { return m_error; }
    std::string commit() {
        m_done = true;
        return m_db.commit();
    }

  private:
    const dyad::sdk::Database& m_db;
    std::string m_error;
    bool m_done = false;
};

std::string join_days(const std::vector<int>& days) {
    std::string text;
    for (int day : days) {
        text += (text.empty() ? "" : ",") + std::to_string(day);
    }
    return text;
}

std::vector<int> split_days(const std::string& text) {
    std::vector<int> days;
    std::stringstream in(text);
    std::string part;
    while (std::getline(in, part, ',')) {
        if (!part.empty()) {
            days.push_back(std::stoi(part));
        }
    }
    return days;
}

template <class Statement>
std::string stepped(const dyad::sdk::Database& db, Statement& statement) {
    if (!statement.ok()) {
        return statement.error();
    }
    return statement.step() == DYAD_DONE ? std::string() : db.last_error();
}

}  // namespace

const Request* Frustration::granted_request() const {
    const Gift* gift = current_gift();
    if (gift == nullptr) {
        return nullptr;
    }
    for (const auto& request : requests) {
        if (request.id == gift->request_id) {
            return &request;
        }
    }
    return nullptr;
}

Result<State> BcrStore::transition(std::int64_t id, Event event) {
    auto select = m_db.prepare("SELECT state FROM bcr_frustration WHERE id = ?");
    select.bind(1, id);
    if (!select.ok() || select.step() != DYAD_ROW) {
        return std::unexpected(select.ok() ? dyad::show::tr("That frustration no longer exists.")
                                           : select.error());
    }
    auto state = state_from(select.text(0));
    if (!state) {
        return std::unexpected(state.error());
    }
    return next_state(*state, event);
}

Result<void> BcrStore::set_state(std::int64_t id, State state) {
    auto update = m_db.prepare("UPDATE bcr_frustration SET state = ?, updated_at = ? WHERE id = ?");
    update.bind(1, to_string(state)).bind(2, now_utc()).bind(3, id);
    if (std::string error = stepped(m_db, update); !error.empty()) {
        return std::unexpected(error);
    }
    return {};
}

Result<std::int64_t> BcrStore::create(const NewFrustration& f) {
    if (blank(f.text)) {
        return std::unexpected(
            dyad::show::tr("Write the frustration: \"I don't like it when ...\""));
    }
    if (f.sender_id == f.receiver_id) {
        return std::unexpected(dyad::show::tr("The sender and the receiver are the two partners."));
    }
    auto members = m_db.prepare(
        "SELECT count(*) FROM core_unit_member WHERE unit_id = ? AND client_id IN (?, ?)");
    members.bind(1, f.unit_id).bind(2, f.sender_id).bind(3, f.receiver_id);
    if (!members.ok() || members.step() != DYAD_ROW || members.int64(0) != 2) {
        return std::unexpected(members.ok()
                                   ? dyad::show::tr("Both partners must be members of this unit.")
                                   : members.error());
    }
    std::int64_t id = m_db.new_id();
    std::string now = now_utc();
    auto insert = m_db.prepare(
        "INSERT INTO bcr_frustration (id, uuid, unit_id, sender_id, receiver_id, text, feeling, "
        "fear, echo, theme, state, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
        "'frustration', ?, ?)");
    insert.bind(1, id)
        .bind(2, m_db.new_uuid())
        .bind(3, f.unit_id)
        .bind(4, f.sender_id)
        .bind(5, f.receiver_id)
        .bind(6, f.text)
        .bind(7, f.feeling)
        .bind(8, f.fear)
        .bind(9, f.echo)
        .bind(10, f.theme)
        .bind(11, now)
        .bind(12, now);
    if (std::string error = stepped(m_db, insert); !error.empty()) {
        return std::unexpected(error);
    }
    return id;
}

Result<void> BcrStore::set_desire(std::int64_t id, const std::string& desire) {
    if (blank(desire)) {
        return std::unexpected(
            dyad::show::tr("Name the desire behind the frustration, phrased positively."));
    }
    auto next = transition(id, Event::SetDesire);
    if (!next) {
        return std::unexpected(next.error());
    }
    Transaction transaction(m_db);
    if (!transaction.error().empty()) {
        return std::unexpected(transaction.error());
    }
    auto update = m_db.prepare("UPDATE bcr_frustration SET desire = ? WHERE id = ?");
    update.bind(1, desire).bind(2, id);
    if (std::string error = stepped(m_db, update); !error.empty()) {
        return std::unexpected(error);
    }
    if (auto set = set_state(id, *next); !set) {
        return set;
    }
    if (std::string error = transaction.commit(); !error.empty()) {
        return std::unexpected(error);
    }
    return {};
}

Result<void> BcrStore::set_requests(std::int64_t id, const std::array<RequestDraft, 3>& requests) {
    for (std::size_t i = 0; i < requests.size(); ++i) {
        if (blank(requests[i].text)) {
            return std::unexpected(
                dyad::show::fill(dyad::show::tr("Request {n} has no text; offer three requests."),
                                 "n", std::to_string(i + 1)));
        }
        for (int rating : {requests[i].importance, requests[i].difficulty}) {
            if (rating < 0 || rating > 5) {
                return std::unexpected(
                    dyad::show::fill(dyad::show::tr("Request {n}: ratings are 1 to 5."), "n",
                                     std::to_string(i + 1)));
            }
        }
    }
    auto next = transition(id, Event::SetRequests);
    if (!next) {
        return std::unexpected(next.error());
    }
    Transaction transaction(m_db);
    if (!transaction.error().empty()) {
        return std::unexpected(transaction.error());
    }
    auto round = m_db.prepare(
        "SELECT coalesce(max(round), 0) + 1 FROM bcr_request WHERE frustration_id = ?");
    round.bind(1, id);
    if (!round.ok() || round.step() != DYAD_ROW) {
        return std::unexpected(m_db.last_error());
    }
    std::int64_t number = round.int64(0);
    auto insert = m_db.prepare(
        "INSERT INTO bcr_request (id, frustration_id, round, position, text, importance, "
        "difficulty) VALUES (?, ?, ?, ?, ?, nullif(?, 0), nullif(?, 0))");
    for (std::size_t i = 0; i < requests.size(); ++i) {
        insert.reset();
        insert.bind(1, m_db.new_id())
            .bind(2, id)
            .bind(3, number)
            .bind(4, static_cast<int>(i + 1))
            .bind(5, requests[i].text)
            .bind(6, requests[i].importance)
            .bind(7, requests[i].difficulty);
        if (std::string error = stepped(m_db, insert); !error.empty()) {
            return std::unexpected(error);
        }
    }
    if (auto set = set_state(id, *next); !set) {
        return set;
    }
    if (std::string error = transaction.commit(); !error.empty()) {
        return std::unexpected(error);
    }
    return {};
}

Result<std::int64_t> BcrStore::grant(std::int64_t id, int position, const Commitment& commitment,
                                     const std::string& today) {
    if (!is_date(commitment.start)) {
        return std::unexpected(
            dyad::show::tr("The start date is not a valid date (expected YYYY-MM-DD)."));
    }
    if (is_date(today) && commitment.start < add_days(today, -7)) {
        return std::unexpected(
            dyad::show::tr("The gift cannot start more than a week in the past."));
    }
    if (commitment.days < 7 || commitment.days > 365) {
        return std::unexpected(dyad::show::tr("The commitment period is 7 to 365 days."));
    }
    for (int day : commitment.check_days) {
        if (day < 0 || day > 6) {
            return std::unexpected(dyad::show::tr("Check-in days are weekdays, Monday to Sunday."));
        }
    }
    if (position < 1 || position > 3) {
        return std::unexpected(dyad::show::tr("Choose one of the three requests."));
    }
    auto next = transition(id, Event::Grant);
    if (!next) {
        return std::unexpected(next.error());
    }
    Transaction transaction(m_db);
    if (!transaction.error().empty()) {
        return std::unexpected(transaction.error());
    }
    auto request = m_db.prepare(
        "SELECT id FROM bcr_request WHERE frustration_id = ?1 AND position = ?2 AND round = "
        "(SELECT max(round) FROM bcr_request WHERE frustration_id = ?1)");
    request.bind(1, id).bind(2, position);
    if (!request.ok() || request.step() != DYAD_ROW) {
        return std::unexpected(dyad::show::tr("That request does not exist."));
    }
    std::int64_t gift = m_db.new_id();
    auto insert = m_db.prepare(
        "INSERT INTO bcr_gift (id, frustration_id, request_id, start_date, days, check_days, "
        "status, granted_at) VALUES (?, ?, ?, ?, ?, ?, 'active', ?)");
    insert.bind(1, gift)
        .bind(2, id)
        .bind(3, request.int64(0))
        .bind(4, commitment.start)
        .bind(5, commitment.days)
        .bind(6, join_days(commitment.check_days))
        .bind(7, now_utc());
    if (std::string error = stepped(m_db, insert); !error.empty()) {
        return std::unexpected(error);
    }
    if (auto set = set_state(id, *next); !set) {
        return std::unexpected(set.error());
    }
    if (std::string error = transaction.commit(); !error.empty()) {
        return std::unexpected(error);
    }
    return gift;
}

Result<void> BcrStore::check_in(std::int64_t id, const CheckIn& checkin,
                                const std::string& appreciation, const std::string& today) {
    if (!is_date(checkin.date)) {
        return std::unexpected(
            dyad::show::tr("The check-in date is not a valid date (expected YYYY-MM-DD)."));
    }
    if (checkin.impact < 0 || checkin.impact > 5) {
        return std::unexpected(dyad::show::tr("The felt impact is rated 1 to 5."));
    }
    auto next = transition(id, Event::CheckIn);
    if (!next) {
        return std::unexpected(next.error());
    }
    auto found = frustration(id);
    if (!found) {
        return std::unexpected(found.error());
    }
    const Gift* gift = found->current_gift();
    if (gift == nullptr || !gift->active) {
        return std::unexpected(dyad::show::tr("There is no gift to check in on."));
    }
    if (checkin.date < gift->commitment.start) {
        return std::unexpected(dyad::show::fill(
            dyad::show::tr("The gift starts on {date}; a check-in cannot come before it."), "date",
            dyad::show::date(gift->commitment.start, dyad::show::DateStyle::Compact)));
    }
    if (checkin.date > today) {
        return std::unexpected(dyad::show::tr("A check-in cannot be dated in the future."));
    }
    if (checkin.date > gift->commitment.last_day()) {
        return std::unexpected(dyad::show::fill(
            dyad::show::tr("The commitment period ended on {date}; renew, revise or retire the "
                           "request."),
            "date", dyad::show::date(gift->commitment.last_day(), dyad::show::DateStyle::Compact)));
    }
    auto insert = m_db.prepare(
        "INSERT INTO bcr_checkin (id, gift_id, date, outcome, impact, appreciation, recorded_at) "
        "VALUES (?, ?, ?, ?, nullif(?, 0), ?, ?)");
    insert.bind(1, m_db.new_id())
        .bind(2, gift->id)
        .bind(3, checkin.date)
        .bind(4, to_string(checkin.outcome))
        .bind(5, checkin.impact)
        .bind(6, appreciation)
        .bind(7, now_utc());
    if (std::string error = stepped(m_db, insert); !error.empty()) {
        return std::unexpected(error);
    }
    return {};
}

Result<std::int64_t> BcrStore::renew(std::int64_t id) {
    auto next = transition(id, Event::Renew);
    if (!next) {
        return std::unexpected(next.error());
    }
    auto found = frustration(id);
    if (!found) {
        return std::unexpected(found.error());
    }
    const Gift* gift = found->current_gift();
    Transaction transaction(m_db);
    if (!transaction.error().empty()) {
        return std::unexpected(transaction.error());
    }
    auto end = m_db.prepare("UPDATE bcr_gift SET status = 'ended', ended_at = ? WHERE id = ?");
    end.bind(1, now_utc()).bind(2, gift->id);
    if (std::string error = stepped(m_db, end); !error.empty()) {
        return std::unexpected(error);
    }
    std::int64_t renewed = m_db.new_id();
    auto insert = m_db.prepare(
        "INSERT INTO bcr_gift (id, frustration_id, request_id, start_date, days, check_days, "
        "status, granted_at) VALUES (?, ?, ?, ?, ?, ?, 'active', ?)");
    insert.bind(1, renewed)
        .bind(2, id)
        .bind(3, gift->request_id)
        .bind(4, add_days(gift->commitment.last_day(), 1))
        .bind(5, gift->commitment.days)
        .bind(6, join_days(gift->commitment.check_days))
        .bind(7, now_utc());
    if (std::string error = stepped(m_db, insert); !error.empty()) {
        return std::unexpected(error);
    }
    if (std::string error = transaction.commit(); !error.empty()) {
        return std::unexpected(error);
    }
    return renewed;
}

Result<void> BcrStore::revise(std::int64_t id) {
    return end_gift(id, Event::Revise);
}

Result<void> BcrStore::retire(std::int64_t id) {
    return end_gift(id, Event::Retire);
}

Result<void> BcrStore::end_gift(std::int64_t id, Event event) {
    auto next = transition(id, event);
    if (!next) {
        return std::unexpected(next.error());
    }
    Transaction transaction(m_db);
    if (!transaction.error().empty()) {
        return std::unexpected(transaction.error());
    }
    auto end = m_db.prepare(
        "UPDATE bcr_gift SET status = 'ended', ended_at = ? WHERE frustration_id = ? AND status "
        "= 'active'");
    end.bind(1, now_utc()).bind(2, id);
    if (std::string error = stepped(m_db, end); !error.empty()) {
        return std::unexpected(error);
    }
    if (auto set = set_state(id, *next); !set) {
        return set;
    }
    if (std::string error = transaction.commit(); !error.empty()) {
        return std::unexpected(error);
    }
    return {};
}

Result<Frustration> BcrStore::frustration(std::int64_t id) {
    auto select = m_db.prepare(
        "SELECT id, unit_id, sender_id, receiver_id, text, feeling, fear, echo, theme, desire, "
        "state, created_at FROM bcr_frustration WHERE id = ?");
    select.bind(1, id);
    if (!select.ok() || select.step() != DYAD_ROW) {
        return std::unexpected(select.ok() ? dyad::show::tr("That frustration no longer exists.")
                                           : select.error());
    }
    Frustration f;
    f.id = select.int64(0);
    f.unit_id = select.int64(1);
    f.sender_id = select.int64(2);
    f.receiver_id = select.int64(3);
    f.text = select.text(4);
    f.feeling = select.text(5);
    f.fear = select.text(6);
    f.echo = select.text(7);
    f.theme = select.text(8);
    f.desire = select.text(9);
    f.state = state_from(select.text(10)).value_or(State::Frustration);
    f.created_at = select.text(11);
    auto requests = m_db.prepare(
        "SELECT id, position, text, ifnull(importance, 0), ifnull(difficulty, 0) FROM "
        "bcr_request WHERE frustration_id = ?1 AND round = (SELECT max(round) FROM bcr_request "
        "WHERE frustration_id = ?1) ORDER BY position");
    requests.bind(1, id);
    while (requests.ok() && requests.step() == DYAD_ROW) {
        f.requests.push_back({requests.int64(0), static_cast<int>(requests.int64(1)),
                              requests.text(2), static_cast<int>(requests.int64(3)),
                              static_cast<int>(requests.int64(4))});
    }
    auto gifts = m_db.prepare(
        "SELECT id, request_id, start_date, days, check_days, status FROM bcr_gift WHERE "
        "frustration_id = ? ORDER BY start_date, granted_at");
    gifts.bind(1, id);
    while (gifts.ok() && gifts.step() == DYAD_ROW) {
        Gift gift;
        gift.id = gifts.int64(0);
        gift.request_id = gifts.int64(1);
        gift.commitment = {gifts.text(2), static_cast<int>(gifts.int64(3)),
                           split_days(gifts.text(4))};
        gift.active = gifts.text(5) == "active";
        f.gifts.push_back(std::move(gift));
    }
    auto checkins = m_db.prepare(
        "SELECT date, outcome, ifnull(impact, 0), appreciation FROM bcr_checkin WHERE gift_id = "
        "? ORDER BY recorded_at, rowid");
    for (auto& gift : f.gifts) {
        checkins.reset();
        checkins.bind(1, gift.id);
        while (checkins.ok() && checkins.step() == DYAD_ROW) {
            gift.checkins.push_back({checkins.text(0),
                                     outcome_from(checkins.text(1)).value_or(Outcome::NotDone),
                                     static_cast<int>(checkins.int64(2)), checkins.text(3)});
        }
    }
    return f;
}

Result<std::vector<Frustration>> BcrStore::for_unit(std::int64_t unit_id) {
    std::vector<std::int64_t> ids;
    auto select = m_db.prepare(
        "SELECT id FROM bcr_frustration WHERE unit_id = ? ORDER BY state = 'retired', "
        "created_at, id");
    select.bind(1, unit_id);
    while (select.ok() && select.step() == DYAD_ROW) {
        ids.push_back(select.int64(0));
    }
    if (!select.ok()) {
        return std::unexpected(select.error());
    }
    std::vector<Frustration> found;
    for (std::int64_t id : ids) {
        auto one = frustration(id);
        if (!one) {
            return std::unexpected(one.error());
        }
        found.push_back(std::move(*one));
    }
    return found;
}

Result<int> BcrStore::checkins_due(const std::string& today) {
    auto select = m_db.prepare(
        "SELECT g.start_date, g.days, g.check_days, (SELECT count(*) FROM bcr_checkin c WHERE "
        "c.gift_id = g.id AND c.date = ?1) FROM bcr_gift g JOIN bcr_frustration f ON f.id = "
        "g.frustration_id WHERE g.status = 'active' AND f.state = 'granted' AND g.start_date <= "
        "?1");
    select.bind(1, today);
    if (!select.ok()) {
        return std::unexpected(select.error());
    }
    int due = 0;
    while (select.step() == DYAD_ROW) {
        Commitment commitment{select.text(0), static_cast<int>(select.int64(1)),
                              split_days(select.text(2))};
        if (today <= commitment.last_day() && commitment.is_check_day(today) &&
            select.int64(3) == 0) {
            ++due;
        }
    }
    return due;
}

}  // namespace dyad::bcr
