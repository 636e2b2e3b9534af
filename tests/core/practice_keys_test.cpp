// An encrypted practice's keys over real files (docs/encryption.md): a wrong passphrase changes
// nothing, the recovery key opens a practice whose passphrase is lost, a kill -9 at every step
// of a passphrase change, a key rotation and a conversion leaves one openable database, no
// keyring is not a dead end, and backups refuse every kind of tampering.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>

#include "crypto/conversion.h"
#include "crypto/practice_keys.h"
#include "db/maintenance.h"
#include "db/sealed_backup.h"
#include "practice.h"
#include "test_support.h"

using namespace dyad;
using crypto::kArgon2Floor;

namespace {

const std::string kPassphrase = "a long walk by the river";
const std::string kCanary = "Canary-Okonkwo";

std::string read_all(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

void write_all(const std::string& path, const std::string& bytes) {
    std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

// Every file of the folder: name -> bytes and modification time.
std::map<std::string, std::pair<std::string, std::int64_t>> snapshot(const std::string& folder) {
    std::map<std::string, std::pair<std::string, std::int64_t>> files;
    for (const auto& entry : std::filesystem::directory_iterator(folder)) {
        struct stat info {};
        stat(entry.path().c_str(), &info);
        files[entry.path().filename().string()] = {
            read_all(entry.path().string()),
            info.st_mtim.tv_sec * 1'000'000'000 + info.st_mtim.tv_nsec};
    }
    return files;
}

bool folder_has(const std::string& folder, const std::string& needle) {
    for (const auto& entry : std::filesystem::recursive_directory_iterator(folder)) {
        if (entry.is_regular_file() &&
            read_all(entry.path().string()).find(needle) != std::string::npos) {
            return true;
        }
    }
    return false;
}

Result<std::unique_ptr<Practice>> open_with(const std::string& data_dir,
                                            const crypto::PracticeKey* key) {
    PracticeOptions options;
    options.data_dir = data_dir;
    options.load_plugins = false;
    options.key = key;
    return Practice::open(options, CreatePractice::MustExist);
}

// An encrypted practice with `clients` clients named after the canary; its recovery key text.
std::string make_practice(const std::string& data_dir, int clients) {
    auto keys = crypto::make_practice_keys(kPassphrase, kArgon2Floor);
    EXPECT_TRUE(keys);
    std::filesystem::create_directories(data_dir);
    std::string database = practice_database_path(data_dir);
    EXPECT_TRUE(crypto::write_key_file(crypto::key_file_path(database), keys->file));
    PracticeOptions options;
    options.data_dir = data_dir;
    options.load_plugins = false;
    options.key = &keys->key;
    auto practice = Practice::open(options, CreatePractice::IfMissing);
    EXPECT_TRUE(practice) << practice.error().message;
    for (int i = 0; i < clients; ++i) {
        records::ClientFields fields;
        fields.given_name = kCanary;
        fields.family_name = "Number" + std::to_string(i);
        EXPECT_TRUE((*practice)->records().create_client(fields, "test"));
    }
    return keys->recovery_text;
}

std::int64_t client_count(Practice& practice) {
    auto count = practice.connection().query_int64("SELECT count(*) FROM dyad_client");
    return count && *count ? **count : -1;
}

// Runs work in a child process that kills itself (SIGKILL, as kill -9) when `step` is reached.
void kill_at_step(const std::string& step,
                  const std::function<void(const crypto::StepHook&)>& work) {
    pid_t child = fork();
    if (child == 0) {
        work([&](std::string_view reached) {
            if (reached == step) {
                raise(SIGKILL);
            }
        });
        _exit(0);
    }
    int status = 0;
    waitpid(child, &status, 0);
    ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) << "did not reach " << step;
}

}  // namespace

TEST(PracticeKeys, AWrongPassphraseIsRefusedAndChangesNothingOnDisk) {
    test::TempDir dir;
    make_practice(dir.file("p"), 3);
    auto before = snapshot(dir.file("p"));
    std::string database = practice_database_path(dir.file("p"));
    auto wrong = crypto::unlock_with_passphrase(database, "a long walk by the rivers");
    ASSERT_FALSE(wrong);
    EXPECT_EQ(wrong.error().message, "wrong passphrase");
    auto wrong_recovery = crypto::unlock_with_recovery_key(
        database, "AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA");
    EXPECT_FALSE(wrong_recovery);
    auto without_key = open_with(dir.file("p"), nullptr);
    ASSERT_FALSE(without_key);
    EXPECT_NE(without_key.error().message.find("encrypted"), std::string::npos);
    EXPECT_EQ(snapshot(dir.file("p")), before) << "byte-identical, same modification times";
}

TEST(PracticeKeys, TheRecoveryKeyOpensAPracticeWhosePassphraseIsLost) {
    test::TempDir dir;
    std::string recovery = make_practice(dir.file("p"), 2);
    std::string database = practice_database_path(dir.file("p"));
    auto key = crypto::unlock_with_recovery_key(database, recovery);
    ASSERT_TRUE(key) << key.error().message;
    ASSERT_TRUE(crypto::change_passphrase(database, *key, "a brand new passphrase", kArgon2Floor));
    EXPECT_FALSE(crypto::unlock_with_passphrase(database, kPassphrase));
    auto by_new = crypto::unlock_with_passphrase(database, "a brand new passphrase");
    ASSERT_TRUE(by_new);
    auto practice = open_with(dir.file("p"), &*by_new);
    ASSERT_TRUE(practice) << practice.error().message;
    EXPECT_EQ(client_count(**practice), 2);
    EXPECT_TRUE(crypto::unlock_with_recovery_key(database, recovery)) << "the recovery key stays";
}

TEST(PracticeKeys, AKillDuringAPassphraseChangeLeavesTheOldOrTheNewPassphraseWorking) {
    test::TempDir dir;
    make_practice(dir.file("p"), 1);
    std::string database = practice_database_path(dir.file("p"));
    auto key = crypto::unlock_with_passphrase(database, kPassphrase);
    ASSERT_TRUE(key);
    int old_works = 0;
    int new_works = 0;
    // Later and later kills, until both outcomes were seen (or 40 rounds, 0 to 1 s).
    for (int round = 0; round < 40 && (old_works == 0 || new_works == 0); ++round) {
        // Back to the old passphrase, then a change killed after a different delay each round.
        ASSERT_TRUE(crypto::change_passphrase(database, *key, kPassphrase, kArgon2Floor));
        pid_t child = fork();
        if (child == 0) {
            (void)crypto::change_passphrase(database, *key, "the replacement phrase", kArgon2Floor);
            _exit(0);
        }
        usleep(static_cast<useconds_t>(round * 25'000));
        kill(child, SIGKILL);
        waitpid(child, nullptr, 0);
        (void)crypto::inspect_practice(database);  // Tidies a half-written temporary file.
        bool old_opens = static_cast<bool>(crypto::unlock_with_passphrase(database, kPassphrase));
        bool new_opens =
            static_cast<bool>(crypto::unlock_with_passphrase(database, "the replacement phrase"));
        EXPECT_TRUE(old_opens != new_opens) << "round " << round;
        old_works += old_opens;
        new_works += new_opens;
    }
    EXPECT_GT(old_works, 0);
    EXPECT_GT(new_works, 0);
}

TEST(PracticeKeys, AKillAtEveryStepOfAKeyRotationLeavesOneDatabaseAndAKeyThatOpensIt) {
    for (const char* step : {"copy", "check", "both-keys", "replace", "new-keys"}) {
        SCOPED_TRACE(step);
        test::TempDir dir;
        std::string old_recovery = make_practice(dir.file("p"), 25);
        std::string database = practice_database_path(dir.file("p"));
        auto key = crypto::unlock_with_passphrase(database, kPassphrase);
        ASSERT_TRUE(key);
        kill_at_step(step, [&](const crypto::StepHook& hook) {
            (void)crypto::rotate_key(database, *key, kPassphrase, kArgon2Floor, {}, hook);
        });
        auto files = crypto::inspect_practice(database);
        ASSERT_TRUE(files) << files.error().message;
        bool rotated = std::string(step) == "new-keys";
        EXPECT_EQ(files->salt == key->salt, !rotated);
        auto unlocked = crypto::unlock_with_passphrase(database, kPassphrase);
        ASSERT_TRUE(unlocked) << unlocked.error().message;
        auto practice = open_with(dir.file("p"), &*unlocked);
        ASSERT_TRUE(practice) << practice.error().message;
        EXPECT_EQ(client_count(**practice), 25);
        EXPECT_EQ(static_cast<bool>(crypto::unlock_with_recovery_key(database, old_recovery)),
                  !rotated);
        auto key_file = crypto::read_key_file(crypto::key_file_path(database));
        ASSERT_TRUE(key_file);
        for (const auto& slot : key_file->slots) {
            EXPECT_EQ(slot.database_salt, files->salt) << "the other half was tidied away";
        }
        EXPECT_FALSE(std::filesystem::exists(database + ".rotating"));
    }
}

TEST(PracticeKeys, AKillAtEveryStepOfAnEncryptionLeavesThePracticeWholePlainOrEncrypted) {
    for (const char* step :
         {"copy", "check", "key-file", "keep-original", "replace", "remove-original"}) {
        SCOPED_TRACE(step);
        test::TempDir dir;
        {
            PracticeOptions options;
            options.data_dir = dir.file("p");
            options.load_plugins = false;
            auto practice = Practice::open(options, CreatePractice::IfMissing);
            ASSERT_TRUE(practice);
            for (int i = 0; i < 20; ++i) {
                records::ClientFields fields;
                fields.given_name = kCanary;
                fields.family_name = "Plain" + std::to_string(i);
                ASSERT_TRUE((*practice)->records().create_client(fields, "test"));
            }
        }
        std::string database = practice_database_path(dir.file("p"));
        kill_at_step(step, [&](const crypto::StepHook& hook) {
            (void)crypto::convert_to_encrypted(database, kPassphrase, kArgon2Floor, {}, hook);
        });
        auto files = crypto::inspect_practice(database);
        ASSERT_TRUE(files) << files.error().message;
        bool encrypted = std::string(step) == "remove-original";
        ASSERT_EQ(files->protection,
                  encrypted ? crypto::Protection::Encrypted : crypto::Protection::Plain);
        std::optional<crypto::PracticeKey> key;
        if (encrypted) {
            auto unlocked = crypto::unlock_with_passphrase(database, kPassphrase);
            ASSERT_TRUE(unlocked);
            key = std::move(*unlocked);
            EXPECT_FALSE(folder_has(dir.file("p"), kCanary)) << "the plain original is gone";
        }
        auto practice = open_with(dir.file("p"), key ? &*key : nullptr);
        ASSERT_TRUE(practice) << practice.error().message;
        EXPECT_EQ(client_count(**practice), 20);
        EXPECT_FALSE(std::filesystem::exists(database + ".converting"));
        EXPECT_FALSE(std::filesystem::exists(database + ".plain-original"));
    }
}

TEST(PracticeKeys, WithoutAKeyringRememberingFailsInWordsAndThePassphraseStillOpens) {
    test::TempDir dir;
    make_practice(dir.file("p"), 1);
    std::string database = practice_database_path(dir.file("p"));
    std::string saved =
        getenv("DBUS_SESSION_BUS_ADDRESS") ? getenv("DBUS_SESSION_BUS_ADDRESS") : "";
    setenv("DBUS_SESSION_BUS_ADDRESS", ("unix:path=" + dir.file("no-bus")).c_str(), 1);
    auto key = crypto::unlock_with_passphrase(database, kPassphrase);
    ASSERT_TRUE(key);
    std::string key_file = read_all(crypto::key_file_path(database));
    auto remembered = crypto::remember_on_this_computer(database, *key);
    ASSERT_FALSE(remembered);
    EXPECT_NE(remembered.error().message.find("keyring"), std::string::npos)
        << remembered.error().message;
    EXPECT_EQ(read_all(crypto::key_file_path(database)), key_file) << "no slot without a keyring";
    EXPECT_FALSE(crypto::unlock_with_keyring(database));
    EXPECT_TRUE(crypto::unlock_with_passphrase(database, kPassphrase));
    if (saved.empty()) {
        unsetenv("DBUS_SESSION_BUS_ADDRESS");
    } else {
        setenv("DBUS_SESSION_BUS_ADDRESS", saved.c_str(), 1);
    }
}

TEST(PracticeKeys, MismatchedFilesAreRefusedNeverOpenedAsPlain) {
    test::TempDir dir;
    make_practice(dir.file("p"), 1);
    std::string database = practice_database_path(dir.file("p"));
    std::string keys = crypto::key_file_path(database);
    std::string key_bytes = read_all(keys);

    // A key file whose passphrase slot asks for less than the floor: refused before hashing.
    std::string weak = key_bytes;
    weak[16 + 24 + 3] = 0x01;  // memlimit 16 MiB.
    weak[16 + 24 + 2] = 0x00;
    write_all(keys, weak);
    auto refused = crypto::unlock_with_passphrase(database, kPassphrase);
    ASSERT_FALSE(refused);
    EXPECT_NE(refused.error().message.find("limits"), std::string::npos) << refused.error().message;

    // An encrypted database without its key file.
    std::filesystem::remove(keys);
    auto no_keys = crypto::inspect_practice(database);
    ASSERT_FALSE(no_keys);
    EXPECT_NE(no_keys.error().message.find("key file"), std::string::npos);

    // A plain database put where the encrypted one was, beside the key file.
    write_all(keys, key_bytes);
    std::filesystem::remove(database);
    {
        PracticeOptions options;
        options.data_dir = dir.file("plain");
        options.load_plugins = false;
        ASSERT_TRUE(Practice::open(options, CreatePractice::IfMissing));
    }
    std::filesystem::copy_file(practice_database_path(dir.file("plain")), database);
    auto swapped = crypto::inspect_practice(database);
    ASSERT_FALSE(swapped);
    EXPECT_NE(swapped.error().message.find("will not open it as plain"), std::string::npos);
    EXPECT_FALSE(open_with(dir.file("p"), nullptr));
}

TEST(PracticeKeys, BackupsAreSealedAndEveryTamperingIsRefused) {
    test::TempDir dir;
    std::string recovery = make_practice(dir.file("p"), 40);
    std::string database = practice_database_path(dir.file("p"));
    auto key = crypto::unlock_with_passphrase(database, kPassphrase);
    ASSERT_TRUE(key);
    std::string backup = dir.file("week.dyadbackup");
    ASSERT_TRUE(db::backup_database(database, backup, {}, &*key));
    EXPECT_FALSE(folder_has(dir.path(), kCanary));
    const std::string pristine = read_all(backup);
    ASSERT_GT(pristine.size(), 100'000u);
    db::BackupKeys keys;
    keys.current = &*key;
    auto checked = db::check_backup(backup, keys);
    ASSERT_TRUE(checked) << checked.error().message;
    EXPECT_TRUE(checked->healthy);

    struct Tamper {
        const char* what;
        std::function<void(std::string&)> change;
    };
    const Tamper tampers[] = {
        {"a changed chunk", [](std::string& b) { b[b.size() / 2] ^= 0x01; }},
        {"cut short", [](std::string& b) { b.resize(b.size() - 100); }},
        {"only its first chunk", [](std::string& b) { b.resize(16 + 2 * 128 + 24 + 65536 + 17); }},
        {"data after its end", [](std::string& b) { b += "x"; }},
        {"a changed slot", [](std::string& b) { b[16 + 60] ^= 0x01; }},
        {"a changed stream header", [](std::string& b) { b[16 + 2 * 128 + 3] ^= 0x01; }},
        {"two chunks swapped",
         [](std::string& b) {
             std::size_t start = 16 + 2 * 128 + 24;
             std::size_t chunk = 65536 + 17;
             std::swap_ranges(b.begin() + static_cast<long>(start),
                              b.begin() + static_cast<long>(start + chunk),
                              b.begin() + static_cast<long>(start + chunk));
         }},
    };
    for (const auto& tamper : tampers) {
        std::string bytes = pristine;
        tamper.change(bytes);
        write_all(backup, bytes);
        auto restored = db::restore_database(backup, database, 0, keys);
        ASSERT_FALSE(restored) << tamper.what;
        EXPECT_NE(restored.error().message.find("not touched"), std::string::npos)
            << tamper.what << ": " << restored.error().message;
    }
    // A new computer: no practice; the recovery key opens the backup and its slots come along.
    write_all(backup, pristine);
    db::BackupKeys wrong;
    wrong.passphrase_or_recovery = "not the passphrase of this backup";
    EXPECT_FALSE(db::restore_database(backup, practice_database_path(dir.file("new")), 0, wrong));
    std::filesystem::create_directories(dir.file("new"));
    db::BackupKeys by_recovery;
    by_recovery.passphrase_or_recovery = recovery;
    auto restored =
        db::restore_database(backup, practice_database_path(dir.file("new")), 0, by_recovery);
    ASSERT_TRUE(restored) << restored.error().message;
    auto unlocked =
        crypto::unlock_with_passphrase(practice_database_path(dir.file("new")), kPassphrase);
    ASSERT_TRUE(unlocked) << unlocked.error().message;
    auto practice = open_with(dir.file("new"), &*unlocked);
    ASSERT_TRUE(practice) << practice.error().message;
    EXPECT_EQ(client_count(**practice), 40);
    EXPECT_FALSE(folder_has(dir.path(), kCanary));
}

TEST(PracticeKeys, ABackupMadeBeforeAKeyRotationRestoresUnderTheNewKey) {
    test::TempDir dir;
    make_practice(dir.file("p"), 7);
    std::string database = practice_database_path(dir.file("p"));
    auto key = crypto::unlock_with_passphrase(database, kPassphrase);
    ASSERT_TRUE(key);
    std::string backup = dir.file("before.dyadbackup");
    ASSERT_TRUE(db::backup_database(database, backup, {}, &*key));
    ASSERT_TRUE(crypto::rotate_key(database, *key, "the passphrase after", kArgon2Floor));
    auto current = crypto::unlock_with_passphrase(database, "the passphrase after");
    ASSERT_TRUE(current);
    db::BackupKeys keys;
    keys.current = &*current;
    auto refused = db::restore_database(backup, database, 0, keys);
    ASSERT_FALSE(refused);
    EXPECT_NE(refused.error().message.find("passphrase it had then"), std::string::npos);
    keys.passphrase_or_recovery = kPassphrase;
    auto restored = db::restore_database(backup, database, 0, keys);
    ASSERT_TRUE(restored) << restored.error().message;
    auto practice = open_with(dir.file("p"), &*current);
    ASSERT_TRUE(practice) << practice.error().message;
    EXPECT_EQ(client_count(**practice), 7);
}
