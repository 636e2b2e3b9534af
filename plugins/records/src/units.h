// Client units made from clients already on file (a couple from two individual clients, a
// family from parents and children), through dyad.core/1, which validates the shape. No wx.
#pragma once

#include <dyad/db.hpp>
#include <dyad/plugin.hpp>

#include <cstdint>
#include <expected>
#include <string>
#include <vector>

namespace dyad::records_plugin {

struct ClientChoice {
    std::int64_t id = 0;
    std::string name;  // "Ortiz, Ana"
    std::string date_of_birth;
};

// Live clients whose given or family name starts with prefix ("" for all), by family name,
// at most limit.
std::expected<std::vector<ClientChoice>, std::string> find_clients(const dyad::sdk::Database& db,
                                                                   const std::string& prefix,
                                                                   int limit);

// The role each member gets in a unit of this kind: partners in a couple, "member" in a group,
// and for a family the given roles (parent/child), "member" when none is given.
std::vector<std::string> default_roles(const std::string& kind, std::size_t count);

std::expected<std::int64_t, std::string> create_unit_from_clients(
    const dyad::sdk::Host& host, const std::string& kind, const std::vector<std::int64_t>& clients,
    const std::vector<std::string>& roles);

}  // namespace dyad::records_plugin
