#include "plugins/plugin_search.h"

#include <dyad/text.hpp>

#include <algorithm>

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

// What one provider's hits come to: kept only when valid text, of a live unit the user
// reaches; at most limit kept, the provider told to stop then (and anything more dropped).
struct Collect {
    records::CoreRecords* records = nullptr;
    people::People* people = nullptr;
    const people::Session* session = nullptr;
    std::vector<SearchResult> hits;
    int limit = 0;
    int refused = 0;
};

bool reaches(Collect& collect, std::int64_t unit_id, std::string& unit_name) {
    auto unit = collect.records->unit(unit_id);
    if (!unit) {
        return false;  // Gone or archived.
    }
    // Every kind: a therapist's search reaches no further than their navigator does.
    auto reach = collect.people->may_see_unit(*collect.session, unit_id);
    if (!reach || !*reach) {
        return false;
    }
    unit_name = unit->display_name;
    return true;
}

// Called by the plugin: never lets an exception out into the plugin's (or C) frames.
int visit(void* user, const dyad_search_hit* hit) noexcept {
    auto* collect = static_cast<Collect*>(user);
    try {
        if (static_cast<int>(collect->hits.size()) >= collect->limit) {
            return 1;  // A provider that did not stop: the rest is dropped.
        }
        if (hit == nullptr || hit->struct_size < sizeof(dyad_search_hit) || hit->title == nullptr ||
            !sdk::is_clean_text(hit->title) ||
            (hit->snippet != nullptr && !sdk::is_clean_text(hit->snippet)) ||
            (hit->panel_id != nullptr && !sdk::is_clean_text(hit->panel_id))) {
            ++collect->refused;
            return 0;
        }
        SearchResult result;
        if (!reaches(*collect, hit->unit_id, result.unit_name)) {
            return 0;
        }
        result.unit_id = hit->unit_id;
        result.title = cut(hit->title, 120);
        result.snippet = hit->snippet != nullptr ? cut(hit->snippet, 240) : "";
        result.panel_id = hit->panel_id != nullptr ? hit->panel_id : "";
        collect->hits.push_back(std::move(result));
        return static_cast<int>(collect->hits.size()) >= collect->limit ? 1 : 0;
    } catch (...) {
        return 1;
    }
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
        std::string label = table->label != nullptr && sdk::is_clean_text(table->label)
                                ? cut(table->label, 60)
                                : provider.plugin_id;
        Collect collect;
        collect.records = &records;
        collect.people = &people;
        collect.session = &session;
        collect.limit = limit;
        // Asked for more than is shown: hits of units the user does not reach are dropped.
        int code = table->search(provider.plugin, text.c_str(), std::min(limit * 5, 500), &visit,
                                 &collect);
        if (code != DYAD_OK) {
            report.problems.push_back(
                error_reason(show::marked("error", "{plugin} ({id}) could not search."))
                    .with("plugin", label)
                    .with("id", provider.plugin_id)
                    .shown());
        }
        if (collect.refused > 0) {
            report.problems.push_back(
                error_reason(show::marked("error",
                                          "{plugin} ({id}): results that were not valid "
                                          "text were left out ({count})."))
                    .with("plugin", label)
                    .with("id", provider.plugin_id)
                    .with("count", std::to_string(collect.refused))
                    .shown());
        }
        for (auto& hit : collect.hits) {
            hit.plugin_id = provider.plugin_id;
            hit.label = label;
            report.results.push_back(std::move(hit));
        }
    }
    return report;
}

}  // namespace dyad::plugins
