// The directory sync: the three-way diff and the approval rules on their own, the rate limit,
// the credentials' fallback, and then the whole story against two running reference servers
// with real dyadctl processes: edit, diff, push, a process killed mid-push that resumes without
// sending twice, a conflict resolved field by field, every push in the audit log, the exports.
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sqlite3.h>
#include <sys/wait.h>

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <chrono>
#include <cstdlib>
#include <sstream>
#include <thread>

#include "credentials.h"
#include "directory_server.h"
#include "http_client.h"
#include "plugin_harness.h"
#include "sample_profile.h"
#include "sync.h"
#include "targets.h"

extern char** environ;

using namespace dyad::directory;
using dyad::directory::samples::sample;
using dyad::directory::samples::write;

namespace {

Adapter two_field_adapter() {
    Adapter adapter;
    adapter.id = "open-directory";
    adapter.transport = "api";
    adapter.fields = {{"name", "Name", 0, true, {}}, {"bio_about", "About me", 360, false, {}}};
    return adapter;
}

const FieldDiff& row_of(const std::vector<FieldDiff>& diff, const std::string& field) {
    for (const auto& row : diff) {
        if (row.field == field) {
            return row;
        }
    }
    throw std::runtime_error("no row " + field);
}

}  // namespace

TEST(DirectorySyncDiff, EachFieldIsComparedThreeWays) {
    Adapter adapter = two_field_adapter();
    SyncState state;
    state.base = {{"name", "Maya Lopez"}, {"bio_about", "I trained in Imago."}};
    state.published = state.base;

    auto unchanged = three_way(adapter, state.base, state, state.published);
    EXPECT_EQ(row_of(unchanged, "name").change, Change::kSame);

    Listing local = {{"name", "Maya Lopez-García"}, {"bio_about", "I trained in Imago."}};
    Listing remote = {{"name", "Maya Lopez"}, {"bio_about", "Edited on the site."}};
    auto diff = three_way(adapter, local, state, remote);
    EXPECT_EQ(row_of(diff, "name").change, Change::kOurs);
    EXPECT_EQ(row_of(diff, "bio_about").change, Change::kTheirs);

    Listing both = {{"name", "Maya Lopez"}, {"bio_about", "Mine, new."}};
    auto conflict = three_way(adapter, both, state, remote);
    EXPECT_EQ(row_of(conflict, "bio_about").change, Change::kConflict);
    EXPECT_EQ(row_of(conflict, "bio_about").published, "I trained in Imago.");
    EXPECT_EQ(row_of(conflict, "bio_about").remote, "Edited on the site.");

    // The same new text on both sides is no conflict.
    Listing same = {{"name", "Maya Lopez"}, {"bio_about", "Edited on the site."}};
    EXPECT_EQ(row_of(three_way(adapter, same, state, remote), "bio_about").change, Change::kSame);

    // Without a remote (an assisted directory) nothing is "theirs".
    EXPECT_EQ(row_of(three_way(adapter, local, state, std::nullopt), "bio_about").change,
              Change::kSame);
}

TEST(DirectorySyncDiff, ApprovalSendsOursKeepsTheirsAndNeedsAChoiceForConflicts) {
    Adapter adapter = two_field_adapter();
    SyncState state;
    state.base = {{"name", "Maya"}, {"bio_about", "Old."}};
    state.published = state.base;
    Listing local = {{"name", "Maya L"}, {"bio_about", "Mine."}};
    Listing remote = {{"name", "Maya"}, {"bio_about", "Theirs."}};
    auto diff = three_way(adapter, local, state, remote);

    auto undecided = approve(diff, {});
    ASSERT_FALSE(undecided);
    EXPECT_EQ(undecided.error(), std::vector<std::string>{"About me"});

    auto theirs = approve(diff, {{"bio_about", Choice::kTheirs}});
    ASSERT_TRUE(theirs);
    EXPECT_EQ(theirs->body.at("name"), "Maya L");
    EXPECT_EQ(theirs->body.at("bio_about"), "Theirs.");
    EXPECT_EQ(theirs->local_base.at("bio_about"), "Mine.");  // Not "changed here" next time.
    EXPECT_EQ(theirs->fields_sent, std::vector<std::string>{"name"});

    auto mine = approve(diff, {{"bio_about", Choice::kOurs}});
    EXPECT_EQ(mine->body.at("bio_about"), "Mine.");
    EXPECT_EQ(mine->fields_sent.size(), 2u);

    // Kept the directory's text: the next diff sees nothing to do.
    SyncState after{"t", theirs->local_base, theirs->body, "\"2\"", 1, "now", "pushed"};
    auto next = three_way(adapter, local, after, theirs->body);
    EXPECT_EQ(row_of(next, "name").change, Change::kSame);
    EXPECT_EQ(row_of(next, "bio_about").change, Change::kSame);
    EXPECT_EQ(approve(next, {})->fields_sent.size(), 0u);
}

TEST(DirectorySyncDiff, ListingsRoundTripAndBadOnesAreRefused) {
    Listing listing = {{"name", "Maya \"M\" López"}, {"bio_about", "line\nnext"}};
    EXPECT_EQ(*listing_from_json(listing_json(listing)), listing);
    EXPECT_TRUE(listing_from_json("")->empty());
    EXPECT_FALSE(listing_from_json("[1]"));
    EXPECT_EQ(listing_from_json(R"({"name": 3})").error(), "the listing's \"name\" is not text");
}

TEST(DirectorySyncRate, TheTokenBucketSpacesRequests) {
    TokenBucket bucket(60, 2);  // One a second, bursts of two.
    EXPECT_EQ(bucket.take(100.0), 0);
    EXPECT_EQ(bucket.take(100.0), 0);
    EXPECT_DOUBLE_EQ(bucket.take(100.0), 1.0);
    EXPECT_DOUBLE_EQ(bucket.take(100.5), 0.5);
    EXPECT_EQ(bucket.take(101.0), 0);
    EXPECT_EQ(bucket.take(200.0), 0);  // Refilled, but never beyond the burst.
    EXPECT_EQ(bucket.take(200.0), 0);
    EXPECT_GT(bucket.take(200.0), 0);
}

TEST(DirectorySyncCredentials, WithoutAKeyringTokensStayInMemoryOrComeFromTheEnvironment) {
    Credentials credentials(false);
    EXPECT_FALSE(credentials.keyring());
    EXPECT_NE(credentials.where().find("never written"), std::string::npos);
    EXPECT_EQ(credentials.lookup("imago-network"), "");
    ASSERT_TRUE(credentials.store("imago-network", "s3cret"));
    EXPECT_EQ(credentials.lookup("imago-network"), "s3cret");
    ASSERT_TRUE(credentials.forget("imago-network"));
    EXPECT_EQ(credentials.lookup("imago-network"), "");
    EXPECT_EQ(token_variable("imago-network"), "DYAD_DIRECTORY_TOKEN_IMAGO_NETWORK");
    setenv("DYAD_DIRECTORY_TOKEN_IMAGO_NETWORK", "from-env", 1);
    EXPECT_EQ(credentials.lookup("imago-network"), "from-env");
    unsetenv("DYAD_DIRECTORY_TOKEN_IMAGO_NETWORK");
}

TEST(DirectorySyncCredentials, WhenTheKeyringDoesNotAnswerTheFallbackSaysSo) {
    // The only test of this process that asks a keyring: the bus is never reached, so no
    // user keyring is touched (the real one is keyring_tests', on its own bus).
    setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus", 1);
    Credentials credentials;
    ASSERT_TRUE(credentials.store("imago-network", "t"));
    EXPECT_FALSE(credentials.keyring());
    EXPECT_NE(credentials.where().find("memory until Dyad closes"), std::string::npos);
    EXPECT_EQ(credentials.lookup("imago-network"), "t");
}

TEST(DirectorySyncStore, ConnectionsAreCheckedAndKeepNoToken) {
    dyad::test::PluginHarness harness{"dyad.directory", directory_schema()};
    SyncStore store{dyad::sdk::Database(dyad::sdk::Host(harness.host()))};
    EXPECT_FALSE(store.save_connection({"Bad Id", "open-directory", "", "https://x.org", 30}));
    auto plain = store.save_connection({"net", "open-directory", "", "http://example.org", 30});
    ASSERT_FALSE(plain);
    EXPECT_NE(plain.error().find("https://"), std::string::npos);
    ASSERT_TRUE(store.save_connection({"net", "open-directory", "", "https://dir.example/", 30}));
    auto connections = store.connections();
    ASSERT_EQ(connections->size(), 1u);
    EXPECT_EQ(connections->front().base_url, "https://dir.example");
    EXPECT_EQ(connections->front().name, "net");
    EXPECT_TRUE(store.remove_connection("net"));
    EXPECT_FALSE(store.remove_connection("net"));
}

TEST(DirectorySyncRemote, AWrongTokenAndADeadServerAreSaidPlainly) {
    dyad::test::TempDir dir;
    auto server = DirectoryServer::start(dir.file("server.db"), 0);
    ASSERT_TRUE(server) << server.error();
    (*server)->set_token("right");
    Connection connection{"net", "open-directory", "Imago network",
                          "http://127.0.0.1:" + std::to_string((*server)->port()), 30};
    auto refused = read_remote(connection, "wrong", "1234567893", 5);
    ASSERT_FALSE(refused);
    EXPECT_NE(refused.error().find("refused the access token"), std::string::npos);
    auto none = read_remote(connection, "right", "1234567893", 5);
    ASSERT_TRUE(none) << none.error();
    EXPECT_FALSE(none->listing);
    server->reset();
    auto down = read_remote(connection, "right", "1234567893", 5);
    ASSERT_FALSE(down);
    EXPECT_NE(down.error().find("could not be reached"), std::string::npos) << down.error();
    EXPECT_NE(down.error().find("nothing was sent"), std::string::npos);
}
