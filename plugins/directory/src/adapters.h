// Directory adapters as data files ("<resources>/directories/*.json"): which profile fields a
// directory lists, under which label, with which character limit and vocabulary (our
// modality and specialty words mapped to the directory's, unmapped ones flagged), which are
// required, and how it is updated ("assisted": copy-ready text and a checklist, for the
// directories that have no API). A broken adapter is refused with its path and line. No wx.
#pragma once

#include <expected>
#include <map>
#include <string>
#include <vector>

#include "profile.h"

namespace dyad::directory {

struct AdapterField {
    std::string field;  // A profile field ("bio_help", "modalities", "fees", ...).
    std::string label;
    int limit = 0;  // Characters; 0 when none.
    bool required = false;
    std::map<std::string, std::string> vocabulary;  // Ours -> theirs; empty: words as ours.
};

struct Adapter {
    std::string id;
    std::string name;
    std::string transport;  // "assisted" (no API) or "api".
    std::string profile_url;
    std::vector<AdapterField> fields;
    std::vector<std::string> checklist;
};

struct AdapterLibrary {
    std::vector<Adapter> adapters;
    std::vector<std::string> problems;
    const Adapter* find(const std::string& id) const;
};
AdapterLibrary load_adapters(const std::vector<std::string>& folders);
std::expected<Adapter, std::vector<std::string>> parse_adapter(const std::string& json,
                                                               const std::string& source);

// One field as the directory wants it, ready to paste.
struct ListingField {
    std::string field;  // The profile field it comes from.
    std::string label;
    std::string text;  // Already cut to the limit (at a word boundary).
    int length = 0;    // Characters of the full text, before any cut.
    int limit = 0;
    bool cut = false;
    bool missing = false;               // Required and empty.
    std::vector<std::string> unmapped;  // Our words the directory's vocabulary lacks.
};

std::vector<ListingField> listing(const Profile& profile, const Adapter& adapter);

// Where a profile field goes: "Psychology Today: Types of therapy" for every adapter listing
// it (an editor key such as "given_name" or "fee_min" counts for "name" and "fees").
std::vector<std::string> destinations(const AdapterLibrary& library, const std::string& field);

// Characters, not bytes (UTF-8).
int characters(const std::string& text);
// text cut to at most limit characters at the last word boundary, with "..." when cut.
std::string cut_to(const std::string& text, int limit);

}  // namespace dyad::directory
