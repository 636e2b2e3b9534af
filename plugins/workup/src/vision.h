// The couple's shared Relationship Vision: both partners' statements merged, the ones they
// have in common first (same words, or most content words shared), then by the importance
// they gave together; hard-to-achieve marked. Each merge the therapist keeps is a new version.
// No wx here.
#pragma once

#include <Poco/JSON/Object.h>
#include <dyad/db.hpp>

#include <cstdint>
#include <expected>
#include <string>
#include <vector>

namespace dyad::workup {

struct VisionItem {
    std::string text;
    bool in_common = false;
    int importance = 0;  // Summed over the partners who wrote it.
    bool hard = false;
    std::vector<std::string> authors;
};

struct PartnerVision {
    std::string name;
    Poco::JSON::Object::Ptr answers;  // Relationship Vision answers ("statements" rows).
};

std::vector<VisionItem> merge_visions(const std::vector<PartnerVision>& partners);

struct SharedVision {
    int version = 0;
    std::string created_at;
    std::vector<VisionItem> items;
};

class VisionStore {
  public:
    explicit VisionStore(dyad::sdk::Database database) : m_db(database) {}
    // Keeps the merge as the next version; returns its number. kept_at: the UTC time
    // "YYYY-MM-DDTHH:MM:SSZ" to record (the demo's past sessions), "" for now.
    std::expected<int, std::string> keep(std::int64_t unit_id, const std::vector<VisionItem>& items,
                                         const std::string& kept_at = {});
    // Oldest first.
    std::expected<std::vector<SharedVision>, std::string> versions(std::int64_t unit_id);

  private:
    dyad::sdk::Database m_db;
};

}  // namespace dyad::workup
