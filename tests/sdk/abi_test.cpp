#include <gtest/gtest.h>

#include "plugins/abi.h"
#include "util/error.h"

using namespace dyad::plugins;
using dyad::Error;
using dyad::error_of;
using dyad::error_reason;
using dyad::ErrorCode;
using dyad::shown_message;
namespace show = dyad::show;

TEST(Abi, VersionNegotiationFollowsTheObsRule) {
    struct {
        SdkVersion plugin;
        SdkVersion host;
        const char* reason;  // nullptr: accepted.
    } cases[] = {
        {{1, 0}, {1, 0}, nullptr},
        {{1, 0}, {1, 3}, nullptr},
        {{1, 3}, {1, 3}, nullptr},
        {{1, 4}, {1, 3}, "built for SDK 1.4, this Dyad provides 1.3 (update Dyad"},
        {{2, 0}, {1, 3}, "built for SDK 2.0, this Dyad provides 1.3"},
        {{0, 9}, {1, 0}, "built for SDK 0.9, this Dyad provides 1.0"},
    };
    for (const auto& c : cases) {
        auto reason = check_sdk_version(c.plugin, c.host);
        if (c.reason == nullptr) {
            EXPECT_FALSE(reason) << reason->english();
        } else {
            ASSERT_TRUE(reason) << c.reason;
            EXPECT_NE(reason->english().find(c.reason), std::string::npos) << reason->english();
        }
    }
}

TEST(Abi, TagsCompareComponentByComponent) {
    const std::string host = "compiler=gnu-12;cxxabi=1;wx=3.2;stl=release";
    struct {
        const char* plugin;
        const char* reason;
    } cases[] = {
        {"compiler=gnu-12;cxxabi=1;wx=3.2;stl=release", nullptr},
        {"compiler=none;cxxabi=none;wx=none;stl=none", nullptr},  // A C plugin without UI.
        {"compiler=gnu-12;cxxabi=1;wx=none;stl=release", nullptr},
        {"compiler=gnu-4;cxxabi=1;wx=3.2;stl=release",
         "built with compiler gnu-4, this Dyad was built with gnu-12"},
        {"compiler=gnu-12;cxxabi=0;wx=3.2;stl=release", "C++ library ABI 0"},
        {"compiler=gnu-12;cxxabi=1;wx=3.0;stl=release",
         "wxWidgets 3.0, this Dyad was built with 3.2"},
        {"compiler=gnu-12;cxxabi=1;wx=3.2;stl=debug", "C++ library mode debug"},
        {"garbage", "malformed"},
    };
    for (const auto& c : cases) {
        auto reason = check_abi_tag(c.plugin, host);
        if (c.reason == nullptr) {
            EXPECT_FALSE(reason) << c.plugin << ": " << reason->english();
        } else {
            ASSERT_TRUE(reason) << c.plugin;
            EXPECT_NE(reason->english().find(c.reason), std::string::npos) << reason->english();
        }
    }
    // dyadctl has no windows: it does not check the plugin's wx.
    EXPECT_FALSE(check_abi_tag("compiler=gnu-12;cxxabi=1;wx=3.0;stl=release",
                               "compiler=gnu-12;cxxabi=1;wx=none;stl=release"));
}

TEST(Abi, HostTagCarriesTheCompilerItWasBuiltWith) {
    std::string tag = host_abi_tag("3.2");
    EXPECT_EQ(abi_component(tag, "wx"), "3.2");
    EXPECT_EQ(abi_component(tag, "compiler"), "gnu-" + std::to_string(__GNUC__));
}

TEST(Abi, IdsAndPrefixes) {
    EXPECT_TRUE(is_valid_plugin_id("dyad.records"));
    EXPECT_TRUE(is_valid_plugin_id("org.example.daily-appreciation"));
    EXPECT_FALSE(is_valid_plugin_id("Records"));
    EXPECT_FALSE(is_valid_plugin_id("records"));
    EXPECT_FALSE(is_valid_plugin_id("dyad..records"));
    EXPECT_FALSE(check_table_prefix("bcr"));
    EXPECT_FALSE(check_table_prefix("daily_appreciation"));
    EXPECT_TRUE(check_table_prefix("dyad"));
    EXPECT_TRUE(check_table_prefix("core"));
    EXPECT_TRUE(check_table_prefix("Notes"));
    EXPECT_TRUE(check_table_prefix("notes_"));
    EXPECT_TRUE(check_table_prefix("1notes"));
}

// A reason's slots are filled in one pass: text a plugin gave (its ABI tag) that looks like a
// slot stays as it was, and a slot the reason has no value for stays written.
TEST(Reason, FillsEachSlotOnceAndLeavesOtherBracesAlone) {
    dyad::Reason reason("its ABI tag '{tag}' is malformed (no {key} component) {other}");
    reason.with("tag", "wx={key};{ours}").with("key", "compiler");
    EXPECT_EQ(reason.english(),
              "its ABI tag 'wx={key};{ours}' is malformed (no compiler component) {other}");
    EXPECT_EQ(reason.shown(), reason.english());  // No translation loaded here.
    EXPECT_EQ(dyad::Reason("{unclosed").english(), "{unclosed");
    EXPECT_TRUE(dyad::Reason().empty());
    // Filled one by one, the plugin's "{ours}" would have become this Dyad's compiler.
    auto refused = check_abi_tag("compiler={ours};cxxabi=1;wx=3.2;stl=release",
                                 "compiler=gnu-12;cxxabi=1;wx=3.2;stl=release");
    ASSERT_TRUE(refused);
    EXPECT_EQ(refused->english(),
              "built with compiler {ours}, this Dyad was built with gnu-12 (rebuild the plugin "
              "against this Dyad's SDK)");
}

namespace {

// Two of po/es/dyad.po's error sentences, as a translator wrote them.
std::string spanish_errors(const char* context, const char* english, const char*, long long) {
    std::string in = context != nullptr ? context : "";
    std::string said = english;
    if (in == "error" && said == "the backup is damaged ({problem})") {
        return "la copia de seguridad está dañada ({problem})";
    }
    if (in == "error" && said == "{why}; the current database was not touched") {
        return "{why}; no se tocó la base de datos actual";
    }
    if (in == "error" && said == "backup cancelled") {
        return "copia de seguridad cancelada";
    }
    return english;
}

}  // namespace

// A core error keeps English in its message (the log, dyadctl, --json) and is shown in the
// window's language: a marked sentence, a Reason's pattern with its values as they are, and
// one error inside another's words (each part in the language shown).
TEST(Reason, AnErrorIsEnglishInItsMessageAndShownInTheWindowsLanguage) {
    Error damaged = error_of(
        ErrorCode::Corrupt, error_reason(show::marked("error", "the backup is damaged ({problem})"))
                                .with("problem", "page 7: {problem}"));
    Error untouched =
        error_of(damaged.code,
                 error_reason(show::marked("error", "{why}; the current database was not touched"))
                     .with_both("why", damaged.message, shown_message(damaged)));
    Error cancelled{ErrorCode::Invalid, show::marked("error", "backup cancelled")};
    EXPECT_EQ(untouched.message,
              "the backup is damaged (page 7: {problem}); the current database was not touched");
    EXPECT_EQ(shown_message(untouched), untouched.message);  // No translation loaded.
    EXPECT_EQ(shown_message(cancelled), "backup cancelled");

    show::set_language("es", &spanish_errors);
    Error damaged_es = error_of(
        ErrorCode::Corrupt, error_reason(show::marked("error", "the backup is damaged ({problem})"))
                                .with("problem", "page 7: {problem}"));
    Error untouched_es =
        error_of(damaged_es.code,
                 error_reason(show::marked("error", "{why}; the current database was not touched"))
                     .with_both("why", damaged_es.message, shown_message(damaged_es)));
    EXPECT_EQ(untouched_es.message, untouched.message);
    EXPECT_EQ(shown_message(untouched_es),
              "la copia de seguridad está dañada (page 7: {problem}); no se tocó la base de "
              "datos actual");
    EXPECT_EQ(shown_message(cancelled), "copia de seguridad cancelada");
    EXPECT_EQ(shown_message(Error{ErrorCode::Io, "disk full: /x"}), "disk full: /x");
    show::set_language("en", nullptr);
}
