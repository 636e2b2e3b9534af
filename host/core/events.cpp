#include "events.h"

#include <algorithm>

namespace dyad {

std::uint64_t EventBus::subscribe(EventKind kind, Handler handler, std::string owner) {
    std::uint64_t token = m_next_token++;
    m_subscriptions.push_back({token, kind, std::move(handler), std::move(owner)});
    return token;
}

void EventBus::unsubscribe(std::uint64_t token) {
    std::erase_if(m_subscriptions, [&](const Subscription& s) { return s.token == token; });
}

void EventBus::unsubscribe_owner(const std::string& owner) {
    std::erase_if(m_subscriptions, [&](const Subscription& s) { return s.owner == owner; });
}

void EventBus::publish(const Event& event) {
    // Deliver to the subscriptions that exist now; skip any removed during delivery.
    std::vector<std::uint64_t> tokens;
    for (const auto& subscription : m_subscriptions) {
        if (subscription.kind == event.kind) {
            tokens.push_back(subscription.token);
        }
    }
    for (std::uint64_t token : tokens) {
        auto found = std::find_if(m_subscriptions.begin(), m_subscriptions.end(),
                                  [&](const Subscription& s) { return s.token == token; });
        if (found != m_subscriptions.end()) {
            Handler handler = found->handler;  // A copy: the handler may unsubscribe itself.
            handler(event);
        }
    }
}

}  // namespace dyad
