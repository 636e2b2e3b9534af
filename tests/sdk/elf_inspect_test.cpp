#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "plugins/elf_inspect.h"
#include "test_support.h"

using namespace dyad;
using plugins::inspect_elf;
using plugins::second_sqlite_reason;

TEST(ElfInspect, ReadsNeededLibrariesWithoutLoading) {
    auto hello = inspect_elf(test::fixture("hello"));
    ASSERT_TRUE(hello) << hello.error().message;
    EXPECT_FALSE(hello->embeds_sqlite);
    EXPECT_TRUE(std::any_of(hello->needed.begin(), hello->needed.end(),
                            [](const auto& name) { return name.find("libwx_gtk3u_core") == 0; }));
    EXPECT_TRUE(second_sqlite_reason(*hello).empty());
}

TEST(ElfInspect, FindsASecondSqlite) {
    auto linked = inspect_elf(test::fixture("links_sqlite"));
    ASSERT_TRUE(linked);
    EXPECT_NE(
        second_sqlite_reason(*linked).english().find("links its own copy of SQLite (libsqlcipher"),
        std::string::npos);
    auto embedded = inspect_elf(test::fixture("embedded_sqlite"));
    ASSERT_TRUE(embedded);
    EXPECT_TRUE(embedded->embeds_sqlite);
    EXPECT_NE(second_sqlite_reason(*embedded).english().find("contains its own copy of SQLite"),
              std::string::npos);
    plugins::ElfInfo system_copy;
    system_copy.needed = {"libc.so.6", "libsqlite3.so.0"};
    EXPECT_TRUE(second_sqlite_reason(system_copy).empty());  // The host's own copy is fine.
}

TEST(ElfInspect, RefusesGarbageAndTruncatedFilesWithoutCrashing) {
    test::TempDir dir;
    std::ofstream(dir.file("text.so")) << "#!/bin/sh\necho not a library\n";
    auto text = inspect_elf(dir.file("text.so"));
    ASSERT_FALSE(text);
    EXPECT_EQ(text.error().message, "it is not a 64-bit shared library");

    // A library cut short loses its section table (it is at the end of the file): every
    // prefix is refused with a reason, none crashes the reader.
    std::ifstream source(test::fixture("hello"), std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(source)), std::istreambuf_iterator<char>());
    for (std::size_t length : {std::size_t{10}, std::size_t{64}, std::size_t{2000},
                               bytes.size() / 2, bytes.size() - 1}) {
        std::ofstream(dir.file("cut.so"), std::ios::binary | std::ios::trunc)
            .write(bytes.data(), static_cast<std::streamsize>(length));
        auto cut = inspect_elf(dir.file("cut.so"));
        ASSERT_FALSE(cut) << "a " << length << "-byte prefix was accepted";
        EXPECT_FALSE(cut.error().message.empty()) << length;
    }
    EXPECT_FALSE(inspect_elf(dir.file("missing.so")));
}

TEST(ElfInspect, SeesAFileThatNamesItsOwnLibrarySearchPath) {
    auto plain = inspect_elf(test::fixture("hello"));
    ASSERT_TRUE(plain);
    EXPECT_FALSE(plain->own_search_path);
    auto own = inspect_elf(test::runpath_fixture_dir() + "/hello_runpath.so");
    ASSERT_TRUE(own) << own.error().message;
    EXPECT_TRUE(own->own_search_path);
}

TEST(ElfInspect, APluginsLibrariesMayBeLoadedAheadOnlyWithoutItsOwnPathOrSqlite) {
    auto hello = inspect_elf(test::fixture("hello"));
    ASSERT_TRUE(hello);
    EXPECT_EQ(plugins::preloadable_needed(*hello), hello->needed);
    auto own = inspect_elf(test::runpath_fixture_dir() + "/hello_runpath.so");
    ASSERT_TRUE(own);
    EXPECT_TRUE(plugins::preloadable_needed(*own).empty());
    auto sqlcipher = inspect_elf(test::fixture("links_sqlite"));
    ASSERT_TRUE(sqlcipher);
    EXPECT_TRUE(plugins::preloadable_needed(*sqlcipher).empty());
}

TEST(ElfInspect, APluginFolderListsItsSharedLibrariesSorted) {
    test::TempDir dir;
    test::copy_fixtures({"no_entry", "hello"}, dir.file("plugins"));
    std::ofstream(dir.file("plugins/readme.txt")) << "not a plugin\n";
    std::filesystem::create_directories(dir.file("plugins/folder.so"));
    auto files = plugins::plugin_files(dir.file("plugins"));
    ASSERT_EQ(files.size(), 2u);
    EXPECT_EQ(std::filesystem::path(files[0]).filename(), "hello.so");
    EXPECT_EQ(std::filesystem::path(files[1]).filename(), "no_entry.so");
    EXPECT_TRUE(plugins::plugin_files(dir.file("none")).empty());
    EXPECT_TRUE(plugins::plugin_files("").empty());
}
