#include "crypto/conversion.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <vector>

#include "crypto/encrypted_vfs.h"
#include "db/backup_file.h"
#include "db/connection.h"
#include "dyad/show.hpp"

namespace dyad::crypto {
namespace {

void remove_database_files(const std::string& path) {
    std::error_code ignored;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
        std::filesystem::remove(path + suffix, ignored);
    }
}

bool exists(const std::string& path) {
    std::error_code ignored;
    return std::filesystem::exists(std::filesystem::symlink_status(path, ignored));
}

void step(const StepHook& hook, std::string_view name) {
    if (hook) {
        hook(name);
    }
}

std::string folder_of(const std::string& path) {
    std::string folder = std::filesystem::path(path).parent_path().string();
    return folder.empty() ? "." : folder;
}

// A raw connection (URI filenames on, for VACUUM INTO's target).
struct RawDb {
    sqlite3* db = nullptr;
    ~RawDb() { sqlite3_close_v2(db); }
    std::string error() const { return db != nullptr ? sqlite3_errmsg(db) : "out of memory"; }
};

Status exec(RawDb& raw, const std::string& sql, const std::string& what) {
    char* message = nullptr;
    if (sqlite3_exec(raw.db, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
        std::string detail = message != nullptr ? message : raw.error();
        sqlite3_free(message);
        return fail(ErrorCode::Database, what + ": " + detail);
    }
    return ok();
}

// what: a word marked show::marked("error", ...).
Status check_copy(const std::string& path, const PracticeKey& key, const char* what) {
    auto report = db::check_database(path, &key);
    if (!report) {
        return fail(report.error().code,
                    error_reason(show::marked("error",
                                              "{what} could not be checked ({why}); "
                                              "nothing was changed"))
                        .word("what", what)
                        .with_both("why", report.error().message, shown_message(report.error())));
    }
    if (!report->healthy) {
        return fail(ErrorCode::Corrupt,
                    error_reason(show::marked("error",
                                              "{what} did not pass the check ({problem}); "
                                              "nothing was changed"))
                        .word("what", what)
                        .with("problem", report->problems.front()));
    }
    return ok();
}

// Whether the key file holds slots for another database than the one there (a rotation's
// other half).
bool foreign_slots(const std::string& database_path, const std::string& keys) {
    if (!exists(keys)) {
        return false;
    }
    std::FILE* file = std::fopen(database_path.c_str(), "rb");
    unsigned char first[16] = {};
    bool read = file != nullptr && std::fread(first, 1, 16, file) == 16;
    if (file != nullptr) {
        std::fclose(file);
    }
    Salt salt{};
    if (!read || !read_page_one_salt(first, salt)) {
        return false;
    }
    auto parsed = read_key_file(keys);
    if (!parsed) {
        return false;
    }
    for (const auto& slot : parsed->slots) {
        if (slot.database_salt != salt) {
            return true;
        }
    }
    return false;
}

}  // namespace

std::string vfs_uri(const std::string& path, const std::string& vfs) {
    std::string uri = "file:";
    static const char digits[] = "0123456789ABCDEF";
    for (char c : path) {
        auto byte = static_cast<unsigned char>(c);
        if (c == '%' || c == '?' || c == '#' || c == '&' || c == '=' || byte < 0x20) {
            uri += '%';
            uri += digits[byte >> 4];
            uri += digits[byte & 15];
        } else {
            uri += c;
        }
    }
    return uri + "?vfs=" + vfs;
}

std::string tidy_leftovers(const std::string& database_path) {
    std::string converting = database_path + ".converting";
    std::string rotating = database_path + ".rotating";
    std::string original = database_path + ".plain-original";
    std::string keys = key_file_path(database_path);
    std::string rotation = database_path + ".rotation";
    if (!exists(converting) && !exists(rotating) && !exists(original) &&
        !exists(keys + ".writing") && !exists(rotation)) {
        return "";
    }
    auto lock = db::PracticeLock::acquire(database_path, db::PracticeLock::Kind::Exclusive);
    if (!lock) {
        return "";  // Another process has the practice open: it may be mid-way.
    }
    std::string done;
    std::error_code ignored;
    std::filesystem::remove(keys + ".writing", ignored);
    Salt salt{};
    std::vector<unsigned char> first(16);
    bool database_encrypted = false;
    {
        std::FILE* file = std::fopen(database_path.c_str(), "rb");
        if (file != nullptr) {
            database_encrypted = std::fread(first.data(), 1, 16, file) == 16 &&
                                 read_page_one_salt(first.data(), salt);
            std::fclose(file);
        }
    }
    if (exists(converting)) {
        // Killed before the copy replaced the plain file: the plain practice is whole; a key
        // file written for the copy goes with it.
        remove_database_files(converting);
        if (!database_encrypted && exists(keys)) {
            std::filesystem::remove(keys, ignored);
        }
        done += "an interrupted encryption was undone (the practice is still plain); ";
    }
    if (exists(rotating)) {
        remove_database_files(rotating);
        done += "an interrupted key rotation was undone; ";
    }
    if (database_encrypted && exists(keys) && exists(rotation) &&
        foreign_slots(database_path, keys)) {
        // Slots for another salt are a rotation's old or new half: keep this database's.
        auto file = read_key_file(keys);
        if (file) {
            KeyFile kept;
            for (const auto& slot : file->slots) {
                if (slot.database_salt == salt) {
                    kept.slots.push_back(slot);
                }
            }
            if (!kept.slots.empty() && kept.slots.size() != file->slots.size()) {
                (void)write_key_file(keys, kept);
                done += "the key file now holds only this database's keys; ";
            }
        }
    }
    if (exists(original)) {
        struct stat kept {};
        struct stat live {};
        bool same_file = ::stat(original.c_str(), &kept) == 0 &&
                         ::stat(database_path.c_str(), &live) == 0 && kept.st_ino == live.st_ino &&
                         kept.st_dev == live.st_dev;
        if (database_encrypted && !same_file) {
            (void)remove_securely(original);
            done += "the plain copy left by the encryption was removed; ";
        } else {
            std::filesystem::remove(original, ignored);  // Only a second name of the practice.
        }
    }
    if (database_encrypted) {
        std::filesystem::remove(rotation, ignored);  // The rotation is finished or undone.
    }
    if (!done.empty()) {
        done.resize(done.size() - 2);
    }
    return done;
}

Status remove_securely(const std::string& path) {
    int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd < 0) {
        return fail(ErrorCode::Io,
                    "cannot open " + path + " to remove it: " + std::strerror(errno));
    }
    std::error_code error;
    auto size = std::filesystem::file_size(path, error);
    std::vector<char> zeros(1 << 16, 0);
    std::uintmax_t written = 0;
    while (!error && written < size) {
        auto chunk =
            static_cast<std::size_t>(std::min<std::uintmax_t>(zeros.size(), size - written));
        ssize_t n = ::pwrite(fd, zeros.data(), chunk, static_cast<off_t>(written));
        if (n <= 0) {
            break;
        }
        written += static_cast<std::uintmax_t>(n);
    }
    ::fsync(fd);
    ::close(fd);
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
        std::filesystem::remove(path + suffix, error);
    }
    (void)db::sync_folder(folder_of(path));
    if (written < size) {
        return fail(ErrorCode::Io, path + " was removed but could not be overwritten in full");
    }
    return ok();
}

Result<Conversion> convert_to_encrypted(const std::string& database_path,
                                        std::string_view passphrase, Argon2Limits limits,
                                        const db::Progress& progress, const StepHook& hook) {
    auto lock = db::PracticeLock::acquire(database_path, db::PracticeLock::Kind::Exclusive);
    if (!lock) {
        return std::unexpected(lock.error());
    }
    auto files = inspect_practice(database_path);
    if (!files) {
        return std::unexpected(files.error());
    }
    if (files->protection != Protection::Plain) {
        if (files->protection == Protection::Encrypted) {
            return fail(ErrorCode::Invalid,
                        show::marked("error", "the practice is already encrypted"));
        }
        return fail(ErrorCode::Invalid,
                    error_reason(show::marked("error", "there is no practice at {path}"))
                        .with("path", database_path));
    }
    auto keys = make_practice_keys(passphrase, limits);
    if (!keys) {
        return std::unexpected(keys.error());
    }
    auto vfs = EncryptedVfs::create(keys->key.data_key, keys->key.salt);
    if (!vfs) {
        return std::unexpected(vfs.error());
    }
    std::string converting = database_path + ".converting";
    remove_database_files(converting);
    step(hook, "copy");
    {
        RawDb source;
        if (sqlite3_open_v2(database_path.c_str(), &source.db,
                            SQLITE_OPEN_READWRITE | SQLITE_OPEN_URI, nullptr) != SQLITE_OK) {
            return fail(ErrorCode::Io, "cannot open " + database_path + ": " + source.error());
        }
        DYAD_TRY(exec(source, "PRAGMA wal_checkpoint(TRUNCATE)", "cannot prepare the practice"));
        int reserve = static_cast<int>(kReservedBytes);
        sqlite3_file_control(source.db, "main", SQLITE_FCNTL_RESERVE_BYTES, &reserve);
        // Progress: how much of the encrypted copy exists, against the plain file's size.
        std::error_code ignored;
        struct Watch {
            const db::Progress* progress;
            std::string target;
            double total;
            int calls = 0;
        } watch{&progress, converting,
                static_cast<double>(std::filesystem::file_size(database_path, ignored)) + 1};
        if (progress) {
            sqlite3_progress_handler(
                source.db, 10000,
                [](void* data) -> int {
                    auto* w = static_cast<Watch*>(data);
                    if (++w->calls % 16 != 0) {
                        return 0;
                    }
                    std::error_code error;
                    double done = static_cast<double>(std::filesystem::file_size(w->target, error));
                    return (*w->progress)(std::min(0.9, 0.9 * done / w->total)) ? 0 : 1;
                },
                &watch);
        }
        std::string uri = vfs_uri(converting, (*vfs)->name());
        sqlite3_stmt* vacuum = nullptr;
        int rc = sqlite3_prepare_v2(source.db, "VACUUM INTO ?1", -1, &vacuum, nullptr);
        if (rc == SQLITE_OK) {
            sqlite3_bind_text(vacuum, 1, uri.c_str(), -1, SQLITE_TRANSIENT);
            rc = sqlite3_step(vacuum);
        }
        sqlite3_finalize(vacuum);
        if (rc != SQLITE_DONE) {
            std::string detail = rc == SQLITE_INTERRUPT ? "cancelled" : source.error();
            remove_database_files(converting);
            return fail(
                rc == SQLITE_INTERRUPT ? ErrorCode::Invalid : ErrorCode::Io,
                "the encrypted copy could not be made (" + detail + "); the practice is unchanged");
        }
    }
    if (!db::sync_file(converting)) {
        remove_database_files(converting);
        return fail(ErrorCode::Io,
                    show::marked("error",
                                 "the encrypted copy could not be saved to disk; the practice "
                                 "is unchanged"));
    }
    step(hook, "check");
    if (Status checked =
            check_copy(converting, keys->key, show::marked("error", "the encrypted copy"));
        !checked) {
        remove_database_files(converting);
        return std::unexpected(checked.error());
    }
    if (progress) {
        progress(0.95);
    }
    step(hook, "key-file");
    if (Status written = write_key_file(key_file_path(database_path), keys->file); !written) {
        remove_database_files(converting);
        return std::unexpected(written.error());
    }
    step(hook, "keep-original");
    std::string original = database_path + ".plain-original";
    std::error_code ignored;
    std::filesystem::remove(original, ignored);
    if (::link(database_path.c_str(), original.c_str()) != 0) {
        const int link_errno = errno;
        return fail(ErrorCode::Io,
                    error_reason(show::marked("error",
                                              "cannot keep the plain original as {path}: "
                                              "{why}; the practice is unchanged"))
                        .with("path", original)
                        .with("why", std::strerror(link_errno)));
    }
    step(hook, "replace");
    std::error_code error;
    std::filesystem::rename(converting, database_path, error);
    if (error) {
        std::filesystem::remove(original, ignored);
        return fail(ErrorCode::Io,
                    error_reason(show::marked("error",
                                              "the encrypted copy could not replace "
                                              "{path}: {why}; the practice is unchanged"))
                        .with("path", database_path)
                        .with("why", error.message()));
    }
    for (const char* suffix : {"-wal", "-shm"}) {
        std::filesystem::remove(database_path + suffix, ignored);
        std::filesystem::remove(converting + suffix, ignored);
    }
    (void)db::sync_folder(folder_of(database_path));
    step(hook, "remove-original");
    Conversion conversion;
    conversion.recovery_text = keys->recovery_text;
    Status removed = remove_securely(original);
    conversion.note =
        removed ? std::string(show::marked(
                      "encryption",
                      "the plain original was overwritten with zeros and removed (on SSDs and "
                      "copy-on-write filesystems old blocks may survive; see docs/encryption.md)"))
                : removed.error().message;
    if (progress) {
        progress(1.0);
    }
    return conversion;
}

Result<std::string> rotate_key(const std::string& database_path, const PracticeKey& key,
                               std::string_view new_passphrase, Argon2Limits limits,
                               const db::Progress& progress, const StepHook& hook) {
    auto lock = db::PracticeLock::acquire(database_path, db::PracticeLock::Kind::Exclusive);
    if (!lock) {
        return std::unexpected(lock.error());
    }
    auto old_file = read_key_file(key_file_path(database_path));
    if (!old_file) {
        return std::unexpected(old_file.error());
    }
    auto keys = make_practice_keys(new_passphrase, limits);
    if (!keys) {
        return std::unexpected(keys.error());
    }
    auto old_vfs = EncryptedVfs::create(key.data_key, key.salt);
    auto new_vfs = EncryptedVfs::create(keys->key.data_key, keys->key.salt);
    if (!old_vfs || !new_vfs) {
        return std::unexpected(!old_vfs ? old_vfs.error() : new_vfs.error());
    }
    std::string rotating = database_path + ".rotating";
    remove_database_files(rotating);
    step(hook, "copy");
    {
        auto from =
            db::Connection::open(database_path, db::OpenMode::ReadWrite, (*old_vfs)->name());
        if (!from) {
            return std::unexpected(from.error());
        }
        DYAD_TRY(from->exec("PRAGMA wal_checkpoint(TRUNCATE)"));
        RawDb to;
        if (sqlite3_open_v2(rotating.c_str(), &to.db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                            (*new_vfs)->name().c_str()) != SQLITE_OK) {
            return fail(ErrorCode::Io, "cannot write " + rotating + ": " + to.error());
        }
        int reserve = static_cast<int>(kReservedBytes);
        sqlite3_file_control(to.db, "main", SQLITE_FCNTL_RESERVE_BYTES, &reserve);
        if (Status copied = db::copy_pages(from->handle(), to.db, progress); !copied) {
            sqlite3_close_v2(to.db);
            to.db = nullptr;
            remove_database_files(rotating);
            return fail(
                copied.error().code,
                error_reason(show::marked("error", "{why}; the key is unchanged"))
                    .with_both("why", copied.error().message, shown_message(copied.error())));
        }
    }
    if (!db::sync_file(rotating)) {
        remove_database_files(rotating);
        return fail(ErrorCode::Io,
                    show::marked("error",
                                 "the re-encrypted copy could not be saved; the key is unchanged"));
    }
    step(hook, "check");
    if (Status checked =
            check_copy(rotating, keys->key, show::marked("error", "the re-encrypted copy"));
        !checked) {
        remove_database_files(rotating);
        return std::unexpected(checked.error());
    }
    // From here until the key file holds only the new slots, this marks a rotation under way
    // (tidy_leftovers then keeps the slots of whichever database is in place).
    std::string rotation = database_path + ".rotation";
    if (std::FILE* marker = std::fopen(rotation.c_str(), "w")) {
        std::fclose(marker);
    }
    (void)db::sync_folder(folder_of(database_path));
    step(hook, "both-keys");
    KeyFile both = keys->file;
    for (const auto& slot : old_file->slots) {
        if (slot.database_salt == key.salt && both.slots.size() < kMaxSlots) {
            both.slots.push_back(slot);
        }
    }
    std::string keys_path = key_file_path(database_path);
    if (Status written = write_key_file(keys_path, both); !written) {
        remove_database_files(rotating);
        return std::unexpected(written.error());
    }
    step(hook, "replace");
    std::error_code error;
    std::filesystem::rename(rotating, database_path, error);
    if (error) {
        return fail(ErrorCode::Io,
                    error_reason(show::marked("error",
                                              "the re-encrypted copy could not replace "
                                              "{path}: {why}; the old key still opens it"))
                        .with("path", database_path)
                        .with("why", error.message()));
    }
    std::error_code ignored;
    for (const char* suffix : {"-wal", "-shm"}) {
        std::filesystem::remove(database_path + suffix, ignored);
        std::filesystem::remove(rotating + suffix, ignored);
    }
    (void)db::sync_folder(folder_of(database_path));
    step(hook, "new-keys");
    DYAD_TRY(write_key_file(keys_path, keys->file));
    std::filesystem::remove(rotation, ignored);
    if (progress) {
        progress(1.0);
    }
    return keys->recovery_text;
}

}  // namespace dyad::crypto
