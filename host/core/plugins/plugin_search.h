// Dyad's search across plugins (SDK 1.1 "dyad.search/1", sdk/include/dyad/search.h): asks each
// provider the signed-in user may read, and keeps only what the user may see.
//
// Rules, in order: the query is trimmed and must be 1..200 bytes of valid UTF-8; a provider is
// asked only when its records kind is known and the user may read it (for up to 5 x limit
// hits, at most 500); a hit is kept when its strings are valid UTF-8, its unit exists and is
// not archived, and the user reaches the unit (a therapist's caseload, whatever the kind: the
// search reaches no further than the navigator); at most limit hits are kept per provider;
// titles are cut at 120 and snippets at 240 bytes on a character boundary. A provider that
// fails is named in the report's problems; the others' hits are kept. The query is never logged.
// Thread: [main-thread]. No wx.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "people/users.h"
#include "plugins/plugin_manager.h"
#include "records/core_records.h"

namespace dyad::plugins {

struct SearchResult {
    std::string plugin_id;
    std::string label;  // The provider's heading ("Notes").
    std::int64_t unit_id = 0;
    std::string unit_name;
    std::string title;
    std::string snippet;
    std::string panel_id;  // The plugin's unit tab to open, or "".
};

struct SearchReport {
    std::vector<SearchResult> results;  // Provider by provider, each in its own order.
    std::vector<std::string> problems;  // In the window's language (English in dyadctl).
};

// Invalid for an empty, too long or non-UTF-8 query (nothing is asked); limit 1..100.
Result<SearchReport> search_plugins(const std::vector<SearchProvider>& providers,
                                    records::CoreRecords& records, people::People& people,
                                    const people::Session& session, const std::string& query,
                                    int limit);

}  // namespace dyad::plugins
