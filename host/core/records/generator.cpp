#include "records/generator.h"

#include <array>
#include <random>

namespace dyad::records {
namespace {

constexpr std::array<const char*, 40> kGiven = {
    "Ana",   "Ben",  "Carla", "Dee",  "Eli",  "Farah", "Gia",   "Hal",   "Ines",  "Jon",
    "Kim",   "Lan",  "Maya",  "Noah", "Omar", "Pia",   "Quinn", "Rosa",  "Sam",   "Tara",
    "Uma",   "Vic",  "Wen",   "Xavi", "Yara", "Zane",  "Aiko",  "Bruno", "Chloe", "Dario",
    "Elena", "Femi", "Greta", "Hugo", "Ivy",  "Jamal", "Keiko", "Leon",  "Mira",  "Nils"};
constexpr std::array<const char*, 40> kFamily = {
    "Ortiz", "Moss",    "Khan",     "Lee",    "Diaz",    "Haddad", "Nguyen", "Romano",
    "Smith", "Garcia",  "Kowalski", "Okafor", "Tanaka",  "Muller", "Silva",  "Rossi",
    "Novak", "Ivanova", "Hansen",   "Brown",  "Cohen",   "Dubois", "Evans",  "Fischer",
    "Gomez", "Hughes",  "Ibrahim",  "Jensen", "Kim",     "Lopez",  "Martin", "Nowak",
    "Olsen", "Patel",   "Quiroga",  "Reyes",  "Schmidt", "Torres", "Usman",  "Varga"};
constexpr std::array<const char*, 3> kStatus = {"active", "waitlist", "discharged"};

}  // namespace

Status generate_caseload(CoreRecords& records, db::Connection& connection, CaseloadSize size,
                         std::uint64_t seed) {
    if (size.clients < 0 || size.units < 0 || size.units > size.clients) {
        return fail(ErrorCode::Invalid, "a caseload needs at least as many clients as units");
    }
    std::mt19937_64 random(seed);
    auto pick = [&](auto& list) { return list[random() % list.size()]; };
    auto transaction = db::Transaction::begin(connection);
    if (!transaction) {
        return std::unexpected(transaction.error());
    }
    std::int64_t couples = size.units * 2 / 3;
    std::int64_t made = 0;
    auto person = [&](const char* family, const char* status) -> Result<std::int64_t> {
        ClientFields fields;
        fields.given_name = pick(kGiven);
        fields.family_name = family;
        fields.status = status;
        auto client = records.create_client(fields, "generator");
        if (!client) {
            return std::unexpected(client.error());
        }
        ++made;
        return client->id;
    };
    for (std::int64_t unit = 0; unit < size.units; ++unit) {
        const char* status = unit % 10 < 7 ? "active" : kStatus[static_cast<std::size_t>(unit % 3)];
        const char* family = pick(kFamily);
        bool couple = unit < couples && made + 2 <= size.clients;
        auto first = person(family, status);
        if (!first) {
            return std::unexpected(first.error());
        }
        std::vector<MemberSpec> members = {{*first, couple ? "partner" : "self"}};
        if (couple) {
            auto second = person(random() % 3 == 0 ? pick(kFamily) : family, status);
            if (!second) {
                return std::unexpected(second.error());
            }
            members.push_back({*second, "partner"});
        }
        auto created =
            records.create_unit(couple ? "couple" : "individual", "", members, "generator");
        if (!created) {
            return std::unexpected(created.error());
        }
        if (std::string(status) != "active") {
            DYAD_TRY(records.set_unit_status(created->id, status, "generator"));
        }
    }
    while (made < size.clients) {
        auto extra = person(pick(kFamily), "discharged");
        if (!extra) {
            return std::unexpected(extra.error());
        }
    }
    return transaction->commit();
}

}  // namespace dyad::records
