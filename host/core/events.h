// The host's event bus. Thread: [main-thread] for subscribe, unsubscribe and publish.
// Handlers may subscribe or unsubscribe while an event is being delivered.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace dyad {

enum class EventKind { UnitSelected = 1, RecordChanged = 2, BeforeShutdown = 3, StatusChanged = 4 };

struct Event {
    EventKind kind = EventKind::UnitSelected;
    std::int64_t unit_id = 0;
    std::string entity;  // "client", "unit", "appointment", ... for RecordChanged.
    std::int64_t record_id = 0;
    std::string change;  // "create", "update", "delete"; StatusChanged: "archived" or the status.
};

class EventBus {
  public:
    using Handler = std::function<void(const Event&)>;

    // owner names who subscribed (a plugin id, or "host"), so a plugin's subscriptions can all
    // be removed before it is destroyed. Returns a token > 0.
    std::uint64_t subscribe(EventKind kind, Handler handler, std::string owner);
    void unsubscribe(std::uint64_t token);
    void unsubscribe_owner(const std::string& owner);
    void publish(const Event& event);
    std::size_t subscription_count() const { return m_subscriptions.size(); }

  private:
    struct Subscription {
        std::uint64_t token = 0;
        EventKind kind = EventKind::UnitSelected;
        Handler handler;
        std::string owner;
    };
    std::vector<Subscription> m_subscriptions;
    std::uint64_t m_next_token = 1;
};

}  // namespace dyad
