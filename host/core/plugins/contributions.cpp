#include "plugins/contributions.h"

#include <algorithm>

namespace dyad::plugins {

void Contributions::remove_plugin(const std::string& plugin_id) {
    auto owned = [&](const auto& item) { return item.plugin_id == plugin_id; };
    std::erase_if(panels, owned);
    std::erase_if(commands, owned);
    std::erase_if(settings_pages, owned);
    std::erase_if(cli_commands, owned);
}

bool PanelContribution::for_kind(const std::string& kind) const {
    if (unit_kinds.find_first_not_of(' ') == std::string::npos) {
        return true;
    }
    std::size_t start = 0;
    while (start < unit_kinds.size()) {
        std::size_t end = unit_kinds.find(' ', start);
        end = end == std::string::npos ? unit_kinds.size() : end;
        if (unit_kinds.compare(start, end - start, kind) == 0 && end > start) {
            return true;
        }
        start = end + 1;
    }
    return false;
}

std::optional<people::Permission> records_permission(std::uint32_t kind, bool write) {
    using people::Permission;
    switch (kind) {
        case DYAD_RECORDS_DEMOGRAPHICS:
            return write ? Permission::EditDemographics : Permission::ReadDemographics;
        case DYAD_RECORDS_SCHEDULE:
            return write ? Permission::EditSchedule : Permission::ReadSchedule;
        case DYAD_RECORDS_CLINICAL:
            return write ? Permission::EditClinical : Permission::ReadClinical;
        case DYAD_RECORDS_BILLING:
            return Permission::Billing;
        case DYAD_RECORDS_AUDIT:
            return write ? std::nullopt : std::optional(Permission::ReadAudit);
        default:
            return std::nullopt;
    }
}

bool shown_to(const people::Session& session, std::uint32_t records) {
    if (records == 0) {
        return true;
    }
    auto permission = records_permission(records, false);
    return permission && session.may(*permission);
}

}  // namespace dyad::plugins
