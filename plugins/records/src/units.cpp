#include "units.h"
#include <dyad/show.hpp>

#include <dyad/text.hpp>

namespace dyad::records_plugin {

std::expected<std::vector<ClientChoice>, std::string> find_clients(const dyad::sdk::Database& db,
                                                                   const std::string& prefix,
                                                                   int limit) {
    std::string pattern = dyad::sdk::like_prefix(prefix);
    // Each arm reads its matches through a partial index of live clients (core schema 11) and
    // keeps its first page in the list's order; only those two pages are merged and sorted.
    auto select = db.prepare(
        "SELECT c.id, c.family_name || ', ' || c.given_name, coalesce(c.date_of_birth, '') FROM "
        "(SELECT id, family_name, given_name FROM (SELECT id, family_name, given_name FROM "
        "core_client WHERE family_name LIKE ?1 ESCAPE '\\' ORDER BY family_name COLLATE NOCASE, "
        "given_name COLLATE NOCASE, id LIMIT ?2) UNION SELECT id, family_name, given_name FROM "
        "(SELECT id, family_name, given_name FROM core_client WHERE given_name LIKE ?1 ESCAPE "
        "'\\' ORDER BY family_name COLLATE NOCASE, given_name COLLATE NOCASE, id LIMIT ?2) ORDER "
        "BY "
        "family_name COLLATE NOCASE, given_name COLLATE NOCASE, id LIMIT ?2) m JOIN core_client c "
        "ON c.id = m.id ORDER BY c.family_name COLLATE NOCASE, c.given_name COLLATE NOCASE, c.id");
    if (!select.ok()) {
        return std::unexpected(select.error());
    }
    select.bind(1, pattern).bind(2, limit);
    std::vector<ClientChoice> found;
    int code = DYAD_ROW;
    while ((code = select.step()) == DYAD_ROW) {
        found.push_back({select.int64(0), select.text(1), select.text(2)});
    }
    if (code != DYAD_DONE) {
        return std::unexpected(db.last_error());
    }
    return found;
}

std::vector<std::string> default_roles(const std::string& kind, std::size_t count) {
    return std::vector<std::string>(count, kind == "couple" ? "partner" : "member");
}

std::expected<std::int64_t, std::string> create_unit_from_clients(
    const dyad::sdk::Host& host, const std::string& kind, const std::vector<std::int64_t>& clients,
    const std::vector<std::string>& roles) {
    if (roles.size() != clients.size()) {
        return std::unexpected(dyad::show::tr("Every member needs a role."));
    }
    std::vector<const char*> role_texts;
    for (const auto& role : roles) {
        role_texts.push_back(role.c_str());
    }
    std::int64_t id = 0;
    if (host.core()->create_unit(host.raw(), kind.c_str(), nullptr, clients.data(),
                                 role_texts.data(), clients.size(), &id) != DYAD_OK) {
        return std::unexpected(host.core()->last_error(host.raw()));
    }
    return id;
}

}  // namespace dyad::records_plugin
