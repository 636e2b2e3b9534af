// Pure rules of plugin admission: SDK version negotiation, ABI tags, ids and table prefixes.
// Each check returns std::nullopt when the plugin passes, or the reason a person reads
// (util/reason.h: English for the log and dyadctl, translated in the window).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/reason.h"

namespace dyad::plugins {

// The SDK version this host provides.
struct SdkVersion {
    std::uint32_t major = 0;
    std::uint32_t minor = 0;
};
SdkVersion host_sdk_version();
std::string to_string(SdkVersion version);

// OBS's rule: same major, plugin minor <= host minor.
std::optional<Reason> check_sdk_version(SdkVersion plugin, SdkVersion host);

// The host's tag as the core library was compiled, with host_wx ("3.2" in the GUI, "none" in
// dyadctl) as its wx component.
std::string host_abi_tag(const std::string& host_wx);

// Compares tags component by component ("compiler=gnu-12;cxxabi=1;wx=3.2;stl=release"). A
// plugin component "none" matches anything; the host's wx "none" (dyadctl: no windows) does
// not check the plugin's wx.
std::optional<Reason> check_abi_tag(const std::string& plugin_tag, const std::string& host_tag);

// The value of one component of a tag, "" when absent.
std::string abi_component(const std::string& tag, const std::string& key);

// The words of a plugin's declared uses (dyad_plugin_entry.uses, SDK 1.1), split at spaces.
std::vector<std::string> split_uses(std::string_view uses);
// nullopt when every word is a service id or a declaration the host knows (see plugin.h),
// else the reason naming the first unknown word.
std::optional<Reason> check_uses(const std::vector<std::string>& words);
// The words a plugin may declare, in the order plugin.h lists them.
const std::vector<std::string_view>& known_uses();
// What a declared word means, for the owner deciding whether to trust the plugin.
std::string use_description(std::string_view word);

// Reverse-DNS, lowercase: "dyad.records", "org.example.appreciation".
bool is_valid_plugin_id(const std::string& id);
// A table prefix: lowercase letters, digits and '_' (not last), starting with a letter, and
// neither equal to, starting nor beginning a reserved word, so that no name can match two
// owners. nullopt when valid, else the reason.
std::optional<Reason> check_table_prefix(const std::string& prefix);
const std::vector<std::string_view>& reserved_prefix_words();
// True when one prefix starts with the other (then a table name could match both).
bool prefixes_overlap(std::string_view a, std::string_view b);

}  // namespace dyad::plugins
