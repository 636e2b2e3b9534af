// The issue's "done when", with real processes: two reference directory servers on 127.0.0.1
// with their own tokens; `dyadctl directory` edits the profile, shows the diff, pushes; one push
// is killed (SIGKILL) while the directory holds the request, and the next run resends it with the
// same key, so the directory applies it once; a field changed on the directory meanwhile is a
// conflict, refused until the therapist picks a side; every push is in the audit log; then the
// three exports.
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sqlite3.h>
#include <sys/wait.h>

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <chrono>
#include <filesystem>
#include <sstream>
#include <thread>

#include "db/backup_file.h"
#include "db/connection.h"
#include "db/migrations.h"
#include "directory_server.h"
#include "http_client.h"
#include "plugin_harness.h"
#include "sample_profile.h"

extern char** environ;

using namespace dyad::directory;
using dyad::directory::samples::sample;
using dyad::directory::samples::write;

namespace {

struct Story {
    dyad::test::TempDir dir;
    std::unique_ptr<DirectoryServer> a;
    std::unique_ptr<DirectoryServer> b;
    std::vector<std::string> env = {"DYAD_PLUGIN_PATH=" + std::string(DYAD_BUILD_PLUGIN_DIR),
                                    "DYAD_DIRECTORY_TOKEN_NET_A=token-a",
                                    "DYAD_DIRECTORY_TOKEN_NET_B=token-b",
                                    // No desktop keyring here: the environment fallback.
                                    "DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent"};

    Story() {
        auto started_a = DirectoryServer::start(dir.file("a.db"), 0);
        auto started_b = DirectoryServer::start(dir.file("b.db"), 0);
        EXPECT_TRUE(started_a && started_b);
        a = std::move(*started_a);
        b = std::move(*started_b);
        a->set_token("token-a");
        b->set_token("token-b");
    }
    std::vector<std::string> argv(const std::vector<std::string>& args) const {
        std::vector<std::string> all = {dyad::test::dyadctl_path(), "--data-dir", dir.path()};
        all.insert(all.end(), args.begin(), args.end());
        return all;
    }
    dyad::test::ProcessResult run(const std::vector<std::string>& args) const {
        return dyad::test::run_process(argv(args), env);
    }
    static std::string url(const DirectoryServer& server) {
        return "http://127.0.0.1:" + std::to_string(server.port());
    }
    // The directory's listing of the sample NPI, read as any client would.
    std::pair<std::string, Poco::JSON::Object::Ptr> remote(const DirectoryServer& server,
                                                           const std::string& token) const {
        auto answer = http_exchange({"GET",
                                     url(server) + "/listings/1234567893",
                                     "",
                                     {{"Authorization", "Bearer " + token}},
                                     5});
        if (!answer || answer->status != 200) {
            return {"", nullptr};
        }
        Poco::JSON::Parser parser;
        return {answer->etag, parser.parse(answer->body).extract<Poco::JSON::Object::Ptr>()};
    }
    int count(const std::string& sql) const {
        sqlite3* db = nullptr;
        sqlite3_open_v2(dir.file("practice.db").c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
        sqlite3_busy_timeout(db, 2000);
        sqlite3_stmt* statement = nullptr;
        int found = -1;
        if (sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr) == SQLITE_OK &&
            sqlite3_step(statement) == SQLITE_ROW) {
            found = sqlite3_column_int(statement, 0);
        }
        sqlite3_finalize(statement);
        sqlite3_close(db);
        return found;
    }
    void save_profile(const Profile& profile) const {
        std::ostringstream json;
        to_json(profile)->stringify(json);
        write(dir.file("me.json"), json.str());
        auto saved = run({"directory", "profile", "set", dir.file("me.json")});
        EXPECT_EQ(saved.exit_code, 0) << saved.err;
    }
};

// Starts dyadctl without waiting for it.
pid_t spawn(const std::vector<std::string>& argv, const std::vector<std::string>& extra_env) {
    std::vector<std::string> environment;
    for (char** entry = environ; *entry != nullptr; ++entry) {
        environment.emplace_back(*entry);
    }
    environment.insert(environment.end(), extra_env.begin(), extra_env.end());
    std::vector<char*> args;
    std::vector<char*> envp;
    for (const auto& arg : argv) {
        args.push_back(const_cast<char*>(arg.c_str()));
    }
    for (const auto& entry : environment) {
        envp.push_back(const_cast<char*>(entry.c_str()));
    }
    args.push_back(nullptr);
    envp.push_back(nullptr);
    pid_t child = 0;
    posix_spawn(&child, args[0], nullptr, nullptr, args.data(), envp.data());
    return child;
}

template <typename Condition>
bool wait_for(Condition condition, int seconds = 20) {
    auto until = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
    while (std::chrono::steady_clock::now() < until) {
        if (condition()) {
            return true;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return false;
}

}  // namespace

TEST(DirectorySyncStory, EditDiffPushSurviveAKillResolveAConflictAndExport) {
    Story story;
    ASSERT_EQ(story.run({"init", "--plain"}).exit_code, 0);
    story.save_profile(sample());
    for (auto [id, server] : {std::pair{"net-a", story.a.get()}, {"net-b", story.b.get()}}) {
        auto connected = story.run({"directory", "connect", id, "--url", Story::url(*server),
                                    "--name", std::string("Network ") + id});
        ASSERT_EQ(connected.exit_code, 0) << connected.err;
    }
    auto targets = story.run({"directory", "targets"});
    EXPECT_NE(targets.out.find("net-a\tapi\tNetwork net-a\tnever synced"), std::string::npos)
        << targets.out;
    EXPECT_NE(targets.out.find("psychology-today\tassisted"), std::string::npos);

    // The dry run: everything is new to the directory, and nothing was sent.
    auto diff = story.run({"directory", "diff", "--target", "net-a", "--json"});
    ASSERT_EQ(diff.exit_code, 0) << diff.err;
    EXPECT_NE(diff.out.find(R"("field":"name","label":"Name","change":"ours","local":"Maya )"),
              std::string::npos)
        << diff.out;
    EXPECT_EQ(story.remote(*story.a, "token-a").first, "");

    auto pushed = story.run({"directory", "push", "--target", "net-a", "--json"});
    ASSERT_EQ(pushed.exit_code, 0) << pushed.out << pushed.err;
    EXPECT_NE(pushed.out.find(R"("sent":1)"), std::string::npos) << pushed.out;
    auto [etag_a, listing_a] = story.remote(*story.a, "token-a");
    EXPECT_EQ(etag_a, "\"1\"");
    ASSERT_TRUE(listing_a);
    EXPECT_EQ(listing_a->getValue<std::string>("name"), "Maya Lopez-García");
    EXPECT_EQ(listing_a->getValue<std::string>("modalities"), "Imago, Emotionally Focused Therapy");
    EXPECT_NE(story.run({"directory", "targets"}).out.find("net-a\tapi\tNetwork net-a\tin step"),
              std::string::npos);

    // B holds every request for 2 s; the push is killed while B holds its PUT (B applies it).
    story.b->set_fault({"delay", 2, 2000, 0});
    pid_t child = spawn(story.argv({"directory", "push", "--target", "net-b"}), story.env);
    ASSERT_GT(child, 0);
    int puts_before = story.b->puts_received();
    ASSERT_TRUE(wait_for([&] {
        return story.count("SELECT count(*) FROM directory_outbox WHERE state = 'sending'") == 1;
    }));
    // Marked "sending" comes before the request leaves: kill once B holds the PUT itself.
    ASSERT_TRUE(wait_for([&] { return story.b->puts_received() > puts_before; }));
    kill(child, SIGKILL);
    int status = 0;
    waitpid(child, &status, 0);
    EXPECT_TRUE(WIFSIGNALED(status));
    ASSERT_TRUE(wait_for([&] { return story.remote(*story.b, "token-b").first == "\"1\""; }));
    EXPECT_EQ(story.count("SELECT count(*) FROM directory_outbox WHERE state = 'sending'"), 1);

    auto resumed = story.run({"directory", "push", "--json"});  // The next start.
    EXPECT_EQ(resumed.exit_code, 0) << resumed.out << resumed.err;
    EXPECT_NE(resumed.out.find(R"("sent":1)"), std::string::npos) << resumed.out;
    EXPECT_EQ(story.remote(*story.b, "token-b").first, "\"1\"");  // Applied once.

    // Someone edits "About me" on B's site; the therapist edits it too, and the name.
    auto edited = http_exchange({"PUT",
                                 Story::url(*story.b) + "/listings/1234567893",
                                 R"({"name": "Maya Lopez-García", "bio_about": "From the site."})",
                                 {{"Authorization", "Bearer token-b"}, {"If-Match", "\"1\""}},
                                 5});
    ASSERT_TRUE(edited && edited->status == 200);
    Profile changed = sample();
    changed.family_name = "Lopez";
    changed.bio_about = "Trained in Imago since 2015.";
    story.save_profile(changed);
    auto conflict = story.run({"directory", "diff", "--target", "net-b"});
    EXPECT_NE(conflict.out.find("1 conflict(s)"), std::string::npos) << conflict.out;
    EXPECT_NE(conflict.out.find("conflict\tAbout me [bio_about]\n  this profile:   \"Trained in "
                                "Imago since 2015.\"\n  last published: (empty)\n  directory "
                                "now:  \"From the site.\""),
              std::string::npos)
        << conflict.out;
    auto refused = story.run({"directory", "push", "--target", "net-b"});
    EXPECT_EQ(refused.exit_code, 1);
    EXPECT_NE(refused.err.find("choose yours or the directory's text first for: About me"),
              std::string::npos)
        << refused.err;
    EXPECT_EQ(story.remote(*story.b, "token-b").first, "\"2\"");  // Nothing was sent.

    auto resolved = story.run({"directory", "push", "--target", "net-b", "--theirs", "bio_about"});
    EXPECT_EQ(resolved.exit_code, 0) << resolved.out << resolved.err;
    auto [etag_b, listing_b] = story.remote(*story.b, "token-b");
    EXPECT_EQ(etag_b, "\"3\"");
    EXPECT_EQ(listing_b->getValue<std::string>("bio_about"), "From the site.");
    EXPECT_EQ(listing_b->getValue<std::string>("name"), "Maya Lopez");
    auto settled = story.run({"directory", "diff", "--target", "net-b"});
    EXPECT_NE(settled.out.find("0 to send, 0 changed on the directory, 0 conflict(s)"),
              std::string::npos)
        << settled.out;
    // A wrong token is refused and named, and nothing is queued for it.
    story.a->set_token("rotated");
    auto denied = story.run({"directory", "push", "--target", "net-a"});
    EXPECT_EQ(denied.exit_code, 1);
    EXPECT_NE(denied.err.find("refused the access token"), std::string::npos) << denied.err;

    EXPECT_EQ(story.count("SELECT count(*) FROM dyad_audit WHERE action = 'export' AND entity "
                          "LIKE 'dyad.directory:push:net-%:sent:%name%'"),
              3);
    for (const char* format : {"fhir", "jsonld", "vcard"}) {
        std::string out = story.dir.file(std::string("profile.") + format);
        auto exported = story.run({"directory", "export", "--format", format, "--out", out});
        EXPECT_EQ(exported.exit_code, 0) << exported.err;
        EXPECT_GT(std::filesystem::file_size(out), 200u) << format;
    }
}

TEST(DirectoryUpgrade, APracticeFromTheFirstDirectoryVersionIsBackedUpThenMigrated) {
    // A practice written by the Dyad that had the directory schema at version 2 (before sync).
    dyad::test::TempDir dir;
    std::vector<std::string> env = {"DYAD_PLUGIN_PATH=" + std::string(DYAD_BUILD_PLUGIN_DIR)};
    auto run = [&](std::vector<std::string> args) {
        std::vector<std::string> argv = {dyad::test::dyadctl_path(), "--data-dir", dir.path()};
        argv.insert(argv.end(), args.begin(), args.end());
        return dyad::test::run_process(argv, env);
    };
    ASSERT_EQ(dyad::test::run_process(
                  {dyad::test::dyadctl_path(), "--data-dir", dir.path(), "init", "--plain"},
                  {"DYAD_PLUGIN_PATH=" + dir.file("none")})
                  .exit_code,
              0);
    {
        auto db =
            dyad::db::Connection::open(dir.file("practice.db"), dyad::db::OpenMode::ReadWrite);
        ASSERT_TRUE(db);
        const dyad_schema_v1* schema = directory_schema();
        std::vector<dyad::db::Migration> first_two = {{1, schema->migrations[0].sql},
                                                      {2, schema->migrations[1].sql}};
        ASSERT_TRUE(dyad::db::apply_migrations(*db, "dyad.directory", first_two));
        ASSERT_TRUE(
            db->exec("INSERT INTO directory_profile (version, saved_at, data) VALUES "
                     "(1, '2026-01-01T00:00:00Z', '{}')"));
    }
    EXPECT_FALSE(std::filesystem::exists(dir.file("backups")));

    auto opened = run({"directory", "versions"});  // The newer plugin starts: migration 3.
    ASSERT_EQ(opened.exit_code, 0) << opened.err;
    EXPECT_EQ(opened.out, "1\n");  // The data is still there.
    std::vector<std::filesystem::path> backups;
    for (const auto& entry : std::filesystem::directory_iterator(dir.file("backups"))) {
        backups.push_back(entry.path());
    }
    ASSERT_EQ(backups.size(), 1u);
    EXPECT_EQ(backups[0].filename().string().rfind("before-upgrade-", 0), 0u);
    bool verified = false;
    ASSERT_TRUE(
        dyad::db::read_backup_file(backups[0].string(), dir.file("unpacked.db"), &verified));
    EXPECT_TRUE(verified);
    auto copy = dyad::db::Connection::open(dir.file("unpacked.db"), dyad::db::OpenMode::ReadWrite);
    ASSERT_TRUE(copy);
    EXPECT_EQ(**copy->query_int64("SELECT max(version) FROM plugin_schema WHERE plugin_id = "
                                  "'dyad.directory'"),
              2);
    EXPECT_EQ(**copy->query_int64("SELECT count(*) FROM directory_profile"), 1);

    ASSERT_EQ(run({"directory", "versions"}).exit_code, 0);  // No second copy: nothing to do.
    int copies = 0;
    for (const auto& entry : std::filesystem::directory_iterator(dir.file("backups"))) {
        copies += entry.path().extension() == ".dyadbackup";
    }
    EXPECT_EQ(copies, 1);
}
