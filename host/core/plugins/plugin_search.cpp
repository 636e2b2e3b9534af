#include "plugins/plugin_search.h"

#include <dyad/text.hpp>

#include "plugins/contributions.h"

namespace dyad::plugins {
namespace {

// text cut to at most max bytes without splitting a UTF-8 sequence, "..." marking the cut.
std::string cut(const std::string& text, std::size_t max) {
    if (text.size() <= max) {
        return text;
    }
    std::size_t end = max - 3;
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) {
        --end;
    }
    return text.substr(0, end) + "...";
}

std::string trimmed(const std::string& text) {
    auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) {
        return {};
    }
    return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

struct Collect {
    std::vector<SearchResult> hits;
    int limit = 0;
    int refused = 0;
};

int visit(void* user, const dyad_search_hit* hit) {
    auto* collect = static_cast<Collect*>(user);
    if (hit == nullptr || hit->struct_size < sizeof(dyad_search_hit) || hit->title == nullptr ||
        !sdk::is_clean_text(hit->title) ||
        (hit->snippet != nullptr && !sdk::is_clean_text(hit->snippet)) ||
        (hit->panel_id != nullptr && !sdk::is_clean_text(hit->panel_id))) {
        ++collect->refused;
    } else {
        SearchResult result;
        result.unit_id = hit->unit_id;
        result.title = cut(hit->title, 120);
        result.snippet = hit->snippet != nullptr ? cut(hit->snippet, 240) : "";
        result.panel_id = hit->panel_id != nullptr ? hit->panel_id : "";
        collect->hits.push_back(std::move(result));
    }
    return static_cast<int>(collect->hits.size()) >= collect->limit ? 1 : 0;
}

}  // namespace

Result<SearchReport> search_plugins(const std::vector<SearchProvider>& providers,
                                    records::CoreRecords& records, people::People& people,
                                    const people::Session& session, const std::string& query,
                                    int limit) {
    std::string text = trimmed(query);
    if (text.empty()) {
        return fail(ErrorCode::Invalid, "Type something to search for.");
    }
    if (text.size() > 200) {
        return fail(ErrorCode::Invalid, "A search is at most 200 characters.");
    }
    if (!sdk::is_clean_text(text)) {
        return fail(ErrorCode::Invalid, "The search is not valid UTF-8 text.");
    }
    if (limit < 1 || limit > 100) {
        return fail(ErrorCode::Invalid, "A search returns 1 to 100 results per plugin.");
    }
    SearchReport report;
    for (const auto& provider : providers) {
        const auto* table = provider.table;
        if (table == nullptr || table->struct_size < sizeof(dyad_search_provider_v1) ||
            table->search == nullptr) {
            continue;
        }
        auto needed = records_permission(table->records, false);
        if (!needed || !session.may(*needed)) {
            continue;  // Unknown kind, or not this user's to read: never asked.
        }
        bool caseload =
            table->records == DYAD_RECORDS_CLINICAL || table->records == DYAD_RECORDS_BILLING;
        std::string label = table->label != nullptr && sdk::is_clean_text(table->label)
                                ? cut(table->label, 60)
                                : provider.plugin_id;
        Collect collect;
        collect.limit = limit;
        int code = table->search(provider.plugin, text.c_str(), limit, &visit, &collect);
        if (code != DYAD_OK) {
            report.problems.push_back(label + " (" + provider.plugin_id + ") could not search.");
        }
        if (collect.refused > 0) {
            report.problems.push_back(label + " (" + provider.plugin_id + ") gave " +
                                      std::to_string(collect.refused) +
                                      " result(s) that were not valid text; left out.");
        }
        for (auto& hit : collect.hits) {
            auto unit = records.unit(hit.unit_id);
            if (!unit) {
                continue;  // Gone or archived.
            }
            if (caseload) {
                auto reach = people.may_see_unit(session, hit.unit_id);
                if (!reach || !*reach) {
                    continue;
                }
            }
            hit.plugin_id = provider.plugin_id;
            hit.label = label;
            hit.unit_name = unit->display_name;
            report.results.push_back(std::move(hit));
        }
    }
    return report;
}

}  // namespace dyad::plugins
