#include "db/backup_file.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <vector>

namespace dyad::db {
namespace {

constexpr char kMagic[8] = {'D', 'Y', 'A', 'D', 'B', 'K', 'P', '1'};
constexpr char kSqliteMagic[16] = "SQLite format 3";  // With its NUL: 16 bytes.
constexpr std::size_t kChunk = 1 << 20;

void put_u32(unsigned char* at, std::uint32_t value) {
    for (int i = 0; i < 4; ++i) {
        at[i] = static_cast<unsigned char>(value >> (8 * i));
    }
}

void put_u64(unsigned char* at, std::uint64_t value) {
    for (int i = 0; i < 8; ++i) {
        at[i] = static_cast<unsigned char>(value >> (8 * i));
    }
}

std::uint64_t get_u64(const unsigned char* at) {
    std::uint64_t value = 0;
    for (int i = 7; i >= 0; --i) {
        value = (value << 8) | at[i];
    }
    return value;
}

std::uint32_t get_u32(const unsigned char* at) {
    std::uint32_t value = 0;
    for (int i = 3; i >= 0; --i) {
        value = (value << 8) | at[i];
    }
    return value;
}

// Owns a file descriptor.
struct Fd {
    int fd = -1;
    explicit Fd(int value) : fd(value) {}
    ~Fd() {
        if (fd >= 0) {
            close(fd);
        }
    }
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
};

bool write_fully(int fd, const unsigned char* data, std::size_t size) {
    while (size > 0) {
        ssize_t done = write(fd, data, size);
        if (done < 0 && errno == EINTR) {
            continue;
        }
        if (done <= 0) {
            return false;
        }
        data += done;
        size -= static_cast<std::size_t>(done);
    }
    return true;
}

// Reads up to size bytes; returns how many (fewer only at the end of the file), -1 on error.
ssize_t read_fully(int fd, unsigned char* data, std::size_t size) {
    std::size_t total = 0;
    while (total < size) {
        ssize_t got = read(fd, data + total, size - total);
        if (got < 0 && errno == EINTR) {
            continue;
        }
        if (got < 0) {
            return -1;
        }
        if (got == 0) {
            break;
        }
        total += static_cast<std::size_t>(got);
    }
    return static_cast<ssize_t>(total);
}

// "cannot read {path}: {why}" and the like, errno saying why.
Reason io_words(const char* pattern, const std::string& path) {
    const int saved = errno;
    return error_reason(pattern).with("path", path).with("why", std::strerror(saved));
}

}  // namespace

bool sync_file(const std::string& path) {
    Fd file(open(path.c_str(), O_RDONLY | O_CLOEXEC));
    return file.fd >= 0 && fsync(file.fd) == 0;
}

bool sync_folder(const std::string& folder) {
    Fd dir(open(folder.empty() ? "." : folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    return dir.fd >= 0 && fsync(dir.fd) == 0;
}

std::array<unsigned char, kBackupHeaderSize> backup_header(std::uint64_t payload_length,
                                                           const unsigned char (&hash)[32]) {
    std::array<unsigned char, kBackupHeaderSize> header{};
    std::memcpy(header.data(), kMagic, sizeof kMagic);
    put_u32(header.data() + 8, 1);
    put_u32(header.data() + 12, 0);
    put_u64(header.data() + 16, payload_length);
    std::memcpy(header.data() + 24, hash, 32);
    return header;
}

Status write_backup_file(const std::string& database, const std::string& target) {
    if (sodium_init() < 0) {
        return fail(ErrorCode::Io, "the checksum library could not start");
    }
    std::string partial = target + ".partial";
    Fd in(open(database.c_str(), O_RDONLY | O_CLOEXEC));
    if (in.fd < 0) {
        return fail(ErrorCode::Io,
                    io_words(show::marked("error", "cannot read {path}: {why}"), database));
    }
    struct stat status {};
    if (fstat(in.fd, &status) != 0) {
        return fail(ErrorCode::Io,
                    io_words(show::marked("error", "cannot read {path}: {why}"), database));
    }
    auto length = static_cast<std::uint64_t>(status.st_size);
    std::error_code ignored;
    std::filesystem::remove(partial, ignored);
    // One pass: the payload is hashed while it is copied after a blank header, and the header,
    // which carries the hash, is written over the blank last.
    Status written = [&]() -> Status {
        Fd out(open(partial.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600));
        if (out.fd < 0) {
            return fail(ErrorCode::Io,
                        io_words(show::marked("error", "cannot write {path}: {why}"), target));
        }
        std::array<unsigned char, kBackupHeaderSize> blank{};
        if (!write_fully(out.fd, blank.data(), blank.size())) {
            return fail(ErrorCode::Io,
                        io_words(show::marked("error", "cannot write {path}: {why}"), target));
        }
        crypto_generichash_state state;
        crypto_generichash_init(&state, nullptr, 0, 32);
        std::vector<unsigned char> buffer(kChunk);
        std::uint64_t copied = 0;
        while (true) {
            ssize_t got = read_fully(in.fd, buffer.data(), buffer.size());
            if (got < 0) {
                return fail(ErrorCode::Io,
                            io_words(show::marked("error", "cannot read {path}: {why}"), database));
            }
            if (got == 0) {
                break;
            }
            crypto_generichash_update(&state, buffer.data(), static_cast<std::size_t>(got));
            if (!write_fully(out.fd, buffer.data(), static_cast<std::size_t>(got))) {
                return fail(ErrorCode::Io,
                            io_words(show::marked("error", "cannot write {path}: {why}"), target));
            }
            copied += static_cast<std::uint64_t>(got);
        }
        if (copied != length) {
            return fail(
                ErrorCode::Io,
                show::marked("error", "the copy of the database changed while it was read"));
        }
        unsigned char hash[32];
        crypto_generichash_final(&state, hash, sizeof hash);
        auto header = backup_header(length, hash);
        if (pwrite(out.fd, header.data(), header.size(), 0) !=
                static_cast<ssize_t>(header.size()) ||
            fsync(out.fd) != 0) {
            return fail(ErrorCode::Io,
                        io_words(show::marked("error", "cannot write {path}: {why}"), target));
        }
        return ok();
    }();
    if (!written) {
        std::filesystem::remove(partial, ignored);
        return written;
    }
    std::error_code error;
    std::filesystem::rename(partial, target, error);
    if (error) {
        std::filesystem::remove(partial, ignored);
        return fail(ErrorCode::Io, error_reason(show::marked("error", "cannot write {path}: {why}"))
                                       .with("path", target)
                                       .with("why", error.message()));
    }
    (void)sync_folder(std::filesystem::path(target).parent_path().string());
    return ok();
}

Status read_backup_file(const std::string& source, const std::string& out, bool* verified) {
    if (sodium_init() < 0) {
        return fail(ErrorCode::Io, "the checksum library could not start");
    }
    *verified = false;
    struct stat status {};
    if (stat(source.c_str(), &status) != 0) {
        return fail(
            ErrorCode::NotFound,
            io_words(show::marked("error", "cannot read the backup {path}: {why}"), source));
    }
    if (!S_ISREG(status.st_mode)) {
        return fail(ErrorCode::Invalid,
                    error_reason(show::marked("error", "the backup {path} is not a regular file"))
                        .with("path", source));
    }
    Fd in(open(source.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK));
    if (in.fd < 0) {
        return fail(
            ErrorCode::Io,
            io_words(show::marked("error", "cannot read the backup {path}: {why}"), source));
    }
    unsigned char header[kBackupHeaderSize] = {};
    ssize_t got = read_fully(in.fd, header, sizeof header);
    if (got < 0) {
        return fail(
            ErrorCode::Io,
            io_words(show::marked("error", "cannot read the backup {path}: {why}"), source));
    }
    auto size = static_cast<std::uint64_t>(status.st_size);
    bool container = got >= 8 && std::memcmp(header, kMagic, sizeof kMagic) == 0;
    bool plain = got >= 16 && std::memcmp(header, kSqliteMagic, sizeof kSqliteMagic) == 0;
    if (!container && !plain) {
        return fail(ErrorCode::Invalid,
                    size == 0 ? show::marked("error", "the backup file is empty")
                              : show::marked("error", "the file is not a Dyad practice backup"));
    }
    std::uint64_t length = size;
    unsigned char expected[32] = {};
    if (container) {
        if (static_cast<std::size_t>(got) < kBackupHeaderSize) {
            return fail(ErrorCode::Corrupt,
                        error_reason(show::marked("error",
                                                  "the backup is cut short: {size} bytes, "
                                                  "not even its header"))
                            .with("size", std::to_string(size)));
        }
        std::uint32_t version = get_u32(header + 8);
        if (version != 1 || get_u32(header + 12) != 0) {
            return fail(ErrorCode::Invalid,
                        error_reason(show::marked("error",
                                                  "the backup was made by a newer Dyad "
                                                  "(backup format {version}); update "
                                                  "Dyad to restore it"))
                            .with("version", std::to_string(version)));
        }
        for (std::size_t i = 56; i < kBackupHeaderSize; ++i) {
            if (header[i] != 0) {
                return fail(ErrorCode::Corrupt,
                            show::marked("error", "the backup's header is damaged"));
            }
        }
        length = get_u64(header + 16);
        std::memcpy(expected, header + 24, sizeof expected);
        if (size != kBackupHeaderSize + length) {
            return fail(
                ErrorCode::Corrupt,
                size < kBackupHeaderSize + length
                    ? "the backup is cut short: " + std::to_string(size - kBackupHeaderSize) +
                          " of " + std::to_string(length) + " bytes"
                    : "the backup has " + std::to_string(size - kBackupHeaderSize - length) +
                          " bytes more than it should; it was altered after it was made");
        }
    } else if (lseek(in.fd, 0, SEEK_SET) != 0) {
        return fail(
            ErrorCode::Io,
            io_words(show::marked("error", "cannot read the backup {path}: {why}"), source));
    }

    std::error_code ignored;
    std::filesystem::remove(out, ignored);
    Fd target(open(out.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600));
    if (target.fd < 0) {
        return fail(ErrorCode::Io,
                    io_words(show::marked("error", "cannot write {path}: {why}"), out));
    }
    crypto_generichash_state state;
    crypto_generichash_init(&state, nullptr, 0, 32);
    std::vector<unsigned char> buffer(kChunk);
    std::uint64_t copied = 0;
    while (true) {
        got = read_fully(in.fd, buffer.data(), buffer.size());
        if (got < 0) {
            return fail(
                ErrorCode::Io,
                io_words(show::marked("error", "cannot read the backup {path}: {why}"), source));
        }
        if (got == 0) {
            break;
        }
        crypto_generichash_update(&state, buffer.data(), static_cast<std::size_t>(got));
        if (!write_fully(target.fd, buffer.data(), static_cast<std::size_t>(got))) {
            return fail(ErrorCode::Io,
                        io_words(show::marked("error", "cannot write {path}: {why}"), out));
        }
        copied += static_cast<std::uint64_t>(got);
    }
    if (fsync(target.fd) != 0) {
        return fail(ErrorCode::Io,
                    io_words(show::marked("error", "cannot write {path}: {why}"), out));
    }
    if (container) {
        unsigned char hash[32];
        crypto_generichash_final(&state, hash, sizeof hash);
        if (copied != length || sodium_memcmp(hash, expected, sizeof hash) != 0) {
            return fail(
                ErrorCode::Corrupt,
                show::marked("error",
                             "the backup was altered or damaged after it was made (its checksum "
                             "does not match)"));
        }
    }
    *verified = container;
    return ok();
}

}  // namespace dyad::db
