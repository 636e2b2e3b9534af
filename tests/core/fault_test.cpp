// Disk faults under the real code paths (tests/support/fault_vfs.h): every failed write is
// reported in words, nothing is reported saved that was not, and the practice stays healthy.
#include <gtest/gtest.h>

#include "db/maintenance.h"
#include "fault_vfs.h"
#include "practice.h"
#include "test_support.h"

using namespace dyad;
using test::Fault;
using test::FaultVfs;

namespace {

std::unique_ptr<Practice> open_practice(const std::string& folder, CreatePractice create) {
    PracticeOptions options;
    options.data_dir = folder;
    options.load_plugins = false;
    auto practice = Practice::open(options, create);
    EXPECT_TRUE(practice) << practice.error().message;
    return practice ? std::move(*practice) : nullptr;
}

std::int64_t clients_named(Practice& practice, const std::string& family) {
    auto statement =
        practice.connection().prepare("SELECT count(*) FROM dyad_client WHERE family_name = ?");
    statement->bind(1, family);
    auto row = statement->step();
    return row && *row ? statement->int64(0) : -1;
}

}  // namespace

TEST(Faults, EveryWriteFaultWhileSavingAClientIsReportedAndLosesNothing) {
    FaultVfs::install();
    for (Fault fault : {Fault::WriteError, Fault::DiskFull, Fault::ShortWrite, Fault::SyncError}) {
        int reported = 0;
        for (int after = 0; after < 200; ++after) {
            test::TempDir dir;
            {
                auto practice = open_practice(dir.path(), CreatePractice::IfMissing);
                ASSERT_TRUE(practice);
            }
            auto practice = open_practice(dir.path(), CreatePractice::MustExist);
            records::ClientFields fields;
            fields.given_name = "Rosa";
            fields.family_name = "Faultline";
            FaultVfs::arm({fault, after, false});
            auto saved = practice->records().create_client(fields, "user");
            bool fired = FaultVfs::fired();
            FaultVfs::disarm();
            std::string what =
                std::string(FaultVfs::describe(fault)) + " after " + std::to_string(after) + ": ";
            if (!saved) {
                ++reported;
                const std::string& message = saved.error().message;
                EXPECT_FALSE(message.empty()) << what;
                EXPECT_EQ(message.find("unexpected"), std::string::npos) << what << message;
                if (fault == Fault::DiskFull || fault == Fault::ShortWrite) {
                    EXPECT_NE(message.find("disk is full"), std::string::npos) << what << message;
                }
            }
            practice.reset();
            auto reopened = open_practice(dir.path(), CreatePractice::MustExist);
            ASSERT_TRUE(reopened) << what;
            EXPECT_EQ(clients_named(*reopened, "Faultline"), saved ? 1 : 0)
                << what << (saved ? "reported saved but missing" : "reported failed but saved");
            reopened.reset();
            auto check = db::check_database(practice_database_path(dir.path()));
            ASSERT_TRUE(check) << what << check.error().message;
            EXPECT_TRUE(check->healthy) << what << check->problems.front();
            if (!fired) {
                EXPECT_TRUE(saved) << what;
                break;  // Every write of the save has had its turn to fail.
            }
        }
        EXPECT_GT(reported, 0) << FaultVfs::describe(fault) << " never reached the save";
    }
}

TEST(Faults, AFolderWhereNothingCanBeCreatedOrAReadOnlyPracticeIsSaidSo) {
    FaultVfs::install();
    test::TempDir dir;
    FaultVfs::arm({Fault::CantOpen, 0, false});
    PracticeOptions options;
    options.data_dir = dir.file("new");
    options.load_plugins = false;
    auto created = Practice::open(options, CreatePractice::IfMissing);
    FaultVfs::disarm();
    ASSERT_FALSE(created);
    EXPECT_NE(created.error().message.find("disk full or out of inodes"), std::string::npos)
        << created.error().message;

    options.data_dir = dir.file("existing");
    ASSERT_TRUE(Practice::open(options, CreatePractice::IfMissing));
    FaultVfs::arm({Fault::ReadOnly, 0, false});
    auto read_only = Practice::open(options, CreatePractice::MustExist);
    FaultVfs::disarm();
    ASSERT_FALSE(read_only);
    EXPECT_NE(read_only.error().message.find("cannot be written"), std::string::npos)
        << read_only.error().message;
    EXPECT_EQ(read_only.error().message.find("damaged"), std::string::npos);
}
