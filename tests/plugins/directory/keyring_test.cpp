// The directory tokens in a real Secret Service keyring (GNOME Keyring on a private D-Bus
// session, started by with_keyring.sh): stored, found by a second Credentials (as by the next
// start of Dyad), forgotten, and never in the practice database.
#include <gtest/gtest.h>

#include <cstdlib>

#include "credentials.h"

using namespace dyad::directory;

TEST(DirectoryKeyring, ATokenIsKeptInTheKeyringAcrossRunsAndForgotten) {
    ASSERT_NE(std::getenv("DBUS_SESSION_BUS_ADDRESS"), nullptr) << "run by with_keyring.sh";
    Credentials first;
    ASSERT_TRUE(first.store("imago-network", "s3cret-token"));
    EXPECT_TRUE(first.keyring()) << first.where();
    EXPECT_EQ(first.where(), "the desktop keyring");

    Credentials next_start;  // Nothing in memory: it comes from the keyring.
    EXPECT_EQ(next_start.lookup("imago-network"), "s3cret-token");
    EXPECT_EQ(next_start.lookup("other-network"), "");

    ASSERT_TRUE(next_start.forget("imago-network"));
    EXPECT_EQ(Credentials().lookup("imago-network"), "");
}
