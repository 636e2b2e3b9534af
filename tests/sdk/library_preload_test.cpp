#include <dlfcn.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "plugins/library_preload.h"
#include "test_support.h"

using namespace dyad;
using plugins::LibraryPreloader;
using plugins::read_preload_list;
using plugins::write_preload_list;

namespace {
void write_text(const std::string& path, const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
}
}  // namespace

TEST(LibraryPreload, TheListKeepsPlainSonamesOnceEachInOrder) {
    test::TempDir dir;
    std::string list = dir.file("preload-libraries");
    ASSERT_TRUE(write_preload_list(list, {"libz.so.1", "libm.so.6", "libz.so.1", "../evil.so",
                                          "/usr/lib/libx.so", "notalib", "libc.so.6"}));
    EXPECT_EQ(read_preload_list(list),
              (std::vector<std::string>{"libc.so.6", "libm.so.6", "libz.so.1"}));
    EXPECT_FALSE(std::filesystem::exists(list + ".new"));
    EXPECT_TRUE(plugins::is_plain_soname("libwx_gtk3u_core-3.2.so.0"));
    EXPECT_TRUE(plugins::is_plain_soname("libstdc++.so.6"));
    EXPECT_FALSE(plugins::is_plain_soname("libx.so\n"));
    EXPECT_FALSE(plugins::is_plain_soname("lib/x.so"));
    EXPECT_FALSE(plugins::is_plain_soname("libx"));
}

TEST(LibraryPreload, ADamagedOrHugeListIsAnEmptyOne) {
    test::TempDir dir;
    std::string list = dir.file("preload-libraries");
    EXPECT_TRUE(read_preload_list(list).empty());  // None yet.
    write_text(list, "libz.so.1\n/tmp/evil.so\n");
    EXPECT_TRUE(read_preload_list(list).empty());
    write_text(list, "libz.so.1\nlib\xff\xfe.so\n");  // Not UTF-8.
    EXPECT_TRUE(read_preload_list(list).empty());
    std::string many;
    for (int i = 0; i < 257; ++i) {
        many += "libz.so.1\n";
    }
    write_text(list, many);
    EXPECT_TRUE(read_preload_list(list).empty());
    write_text(list, std::string(20000, 'l'));
    EXPECT_TRUE(read_preload_list(list).empty());
    write_text(list, "libz.so.1\r\n");  // Written elsewhere: a carriage return is not a soname.
    EXPECT_TRUE(read_preload_list(list).empty());
    write_text(list, "libz.so.1\n\nlibm.so.6");  // Blank lines and no final newline are fine.
    EXPECT_EQ(read_preload_list(list).size(), 2u);
}

// An installed plugin folder for the preloader (hello links wx, already loaded here).
struct InstalledFolders {
    InstalledFolders() { test::copy_fixtures({"hello"}, dir.file("a")); }
    std::vector<std::string> folders() const { return {dir.file("a")}; }
    test::TempDir dir;
};

TEST(LibraryPreload, ThePreloaderLoadsWhatAnInstalledPluginLinksAndRemovesTheList) {
    // A library this test program does not link, but an installed plugin does: the shipped
    // billing plugin links poppler-glib (read, never loaded, by the preloader).
    const char* library = "libpoppler-glib.so.8";
    if (dlopen(library, RTLD_LAZY | RTLD_NOLOAD) != nullptr) {
        // Only in a repeated run (--gtest_repeat): an earlier round loaded it, for good.
        GTEST_SKIP() << library << " is loaded already";
    }
    InstalledFolders installed;
    std::filesystem::copy_file(DYAD_BILLING_PLUGIN, installed.dir.file("a/billing.so"));
    test::TempDir dir;
    std::string list = dir.file("preload-libraries");
    // "libsqlcipher.so.0" and "libdyad-no-plugin-links.so.1" are no installed plugin's: a list
    // written by someone else cannot add a library.
    ASSERT_TRUE(
        write_preload_list(list, {library, "libsqlcipher.so.0", "libdyad-no-plugin-links.so.1"}));
    LibraryPreloader preloader;
    EXPECT_TRUE(preloader.start(list, installed.folders()));
    EXPECT_EQ(preloader.wait(), 1u);
    EXPECT_NE(dlopen(library, RTLD_LAZY | RTLD_NOLOAD), nullptr);
    EXPECT_EQ(dlopen("libsqlcipher.so.0", RTLD_LAZY | RTLD_NOLOAD), nullptr);
    EXPECT_FALSE(std::filesystem::exists(list));  // Written again after a good start.
    EXPECT_FALSE(std::filesystem::exists(list + ".loading"));
    EXPECT_EQ(preloader.wait(), 1u);  // Waiting again is harmless.

    LibraryPreloader first_start;  // No list yet: nothing to do, and preloading stays on.
    EXPECT_TRUE(first_start.start(list, installed.folders()));
    EXPECT_EQ(first_start.wait(), 0u);
    LibraryPreloader never_started;
    EXPECT_EQ(never_started.wait(), 0u);
}

TEST(LibraryPreload, AStartThatEndedWhilePreloadingSkipsItUntilAGoodStartWritesTheList) {
    InstalledFolders installed;
    test::TempDir dir;
    std::string list = dir.file("preload-libraries");
    ASSERT_TRUE(write_preload_list(list, {"libm.so.6"}));
    std::ofstream(list + ".loading") << "libm.so.6\n";  // What a killed or crashed start leaves.
    LibraryPreloader skipped;
    EXPECT_FALSE(skipped.start(list, installed.folders()));
    EXPECT_EQ(skipped.wait(), 0u);
    EXPECT_TRUE(std::filesystem::exists(list + ".loading"));
    EXPECT_TRUE(std::filesystem::exists(list));
    // That start went well and wrote the list: preloading is on again.
    ASSERT_TRUE(write_preload_list(list, {"libm.so.6"}));
    EXPECT_FALSE(std::filesystem::exists(list + ".loading"));
    LibraryPreloader next;
    EXPECT_TRUE(next.start(list, installed.folders()));
    next.wait();
    EXPECT_FALSE(std::filesystem::exists(list + ".loading"));
}
