// Behavior Change Requests of the couples in the practice, over the plugin's confined
// connection. Every step goes through the state machine of process.h and is written in one
// transaction: a refused step saves nothing, an accepted one saves all of itself.
// Thread: [main-thread]. No wx here.
#pragma once

#include <dyad/db.hpp>

#include <array>
#include <cstdint>
#include <expected>
#include <string>
#include <vector>

#include "process.h"

namespace dyad::bcr {

template <class T>
using Result = std::expected<T, std::string>;

struct NewFrustration {
    std::int64_t unit_id = 0;
    std::int64_t sender_id = 0;    // The partner who has the frustration.
    std::int64_t receiver_id = 0;  // The partner asked to change.
    std::string text;              // "I don't like it when ..."
    std::string feeling, fear, echo, theme;
};

struct RequestDraft {
    std::string text;
    int importance = 0;  // 1-5, 0 when not rated.
    int difficulty = 0;
};

struct Request {
    std::int64_t id = 0;
    int position = 0;
    std::string text;
    int importance = 0;
    int difficulty = 0;
};

struct Gift {
    std::int64_t id = 0;
    std::int64_t request_id = 0;
    Commitment commitment;
    bool active = false;
    std::vector<CheckIn> checkins;  // In recording order.
};

struct Frustration {
    std::int64_t id = 0;
    std::int64_t unit_id = 0;
    std::int64_t sender_id = 0;
    std::int64_t receiver_id = 0;
    std::string text, feeling, fear, echo, theme, desire;
    State state = State::Frustration;
    std::string created_at;
    std::vector<Request> requests;  // The latest round.
    std::vector<Gift> gifts;        // Oldest first; the last is the current one.

    const Gift* current_gift() const { return gifts.empty() ? nullptr : &gifts.back(); }
    const Request* granted_request() const;
};

class BcrStore {
  public:
    explicit BcrStore(dyad::sdk::Database database) : m_db(database) {}

    Result<std::int64_t> create(const NewFrustration& frustration);
    Result<void> set_desire(std::int64_t id, const std::string& desire);
    Result<void> set_requests(std::int64_t id, const std::array<RequestDraft, 3>& requests);
    // position: 1-3 in the latest round. Refused: a start before today - 7 days, a period
    // outside 7-365 days, a weekday outside 0-6.
    Result<std::int64_t> grant(std::int64_t id, int position, const Commitment& commitment,
                               const std::string& today);
    // Refused: before the gift's start, after today, after the period's last day, on a
    // retired request, an impact outside 1-5.
    Result<void> check_in(std::int64_t id, const CheckIn& checkin, const std::string& appreciation,
                          const std::string& today);
    // The same request for another period of the same length, from the day after the last.
    Result<std::int64_t> renew(std::int64_t id);
    Result<void> revise(std::int64_t id);
    Result<void> retire(std::int64_t id);

    Result<Frustration> frustration(std::int64_t id);
    Result<std::vector<Frustration>> for_unit(std::int64_t unit_id);
    // Granted requests with a check-in due today and none recorded yet, across the practice.
    Result<int> checkins_due(const std::string& today);

  private:
    Result<State> transition(std::int64_t id, Event event);
    Result<void> set_state(std::int64_t id, State state);
    // Revise or retire: ends the active gift and moves to the event's state, in one transaction.
    Result<void> end_gift(std::int64_t id, Event event);

    dyad::sdk::Database m_db;
};

}  // namespace dyad::bcr
