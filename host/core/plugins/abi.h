// Pure rules of plugin admission: SDK version negotiation, ABI tags, ids and table prefixes.
// Each check returns std::nullopt when the plugin passes, or the reason a person reads.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace dyad::plugins {

// The SDK version this host provides.
struct SdkVersion {
    std::uint32_t major = 0;
    std::uint32_t minor = 0;
};
SdkVersion host_sdk_version();
std::string to_string(SdkVersion version);

// OBS's rule: same major, plugin minor <= host minor.
std::optional<std::string> check_sdk_version(SdkVersion plugin, SdkVersion host);

// The host's tag as the core library was compiled, with host_wx ("3.2" in the GUI, "none" in
// dyadctl) as its wx component.
std::string host_abi_tag(const std::string& host_wx);

// Compares tags component by component ("compiler=gnu-12;cxxabi=1;wx=3.2;stl=release"). A
// plugin component "none" matches anything; the host's wx "none" (dyadctl: no windows) does
// not check the plugin's wx.
std::optional<std::string> check_abi_tag(const std::string& plugin_tag,
                                         const std::string& host_tag);

// The value of one component of a tag, "" when absent.
std::string abi_component(const std::string& tag, const std::string& key);

// Reverse-DNS, lowercase: "dyad.records", "org.example.appreciation".
bool is_valid_plugin_id(const std::string& id);
std::optional<std::string> check_table_prefix(const std::string& prefix);

}  // namespace dyad::plugins
