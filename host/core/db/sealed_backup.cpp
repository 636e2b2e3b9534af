#include "db/sealed_backup.h"

#include <sodium.h>

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <vector>

#include "db/backup_file.h"

namespace dyad::db {
namespace {

constexpr unsigned char kMagic[8] = {'D', 'Y', 'A', 'D', 'B', 'K', 'P', '2'};
constexpr std::size_t kChunk = 65536;
constexpr std::size_t kStreamHeader = crypto_secretstream_xchacha20poly1305_HEADERBYTES;
constexpr std::size_t kAdded = crypto_secretstream_xchacha20poly1305_ABYTES;
constexpr const char* kAltered =
    show::marked("error", "the backup was altered or damaged after it was made");

struct File {
    std::FILE* handle = nullptr;
    ~File() {
        if (handle != nullptr) {
            std::fclose(handle);
        }
    }
};

void put_u32(unsigned char* out, std::uint32_t value) {
    for (int i = 0; i < 4; ++i) {
        out[i] = static_cast<unsigned char>(value >> (8 * i));
    }
}

std::uint32_t get_u32(const unsigned char* in) {
    return static_cast<std::uint32_t>(in[0]) | static_cast<std::uint32_t>(in[1]) << 8 |
           static_cast<std::uint32_t>(in[2]) << 16 | static_cast<std::uint32_t>(in[3]) << 24;
}

// The header (magic, version, count, slots) of a backup file, read strictly.
struct Header {
    std::vector<unsigned char> bytes;
    crypto::KeyFile slots;
};

Result<Header> read_header(std::FILE* in, const std::string& source) {
    Header header;
    header.bytes.resize(16);
    if (std::fread(header.bytes.data(), 1, 16, in) != 16 ||
        std::memcmp(header.bytes.data(), kMagic, 8) != 0) {
        return fail(ErrorCode::Invalid,
                    error_reason(show::marked("error", "{path} is not an encrypted Dyad backup"))
                        .with("path", source));
    }
    if (get_u32(header.bytes.data() + 8) != 2) {
        return fail(
            ErrorCode::Invalid,
            error_reason(show::marked("error", "{path} is a backup format this Dyad does not know"))
                .with("path", source));
    }
    std::uint32_t count = get_u32(header.bytes.data() + 12);
    if (count == 0 || count > crypto::kMaxSlots) {
        return fail(
            ErrorCode::Corrupt,
            show::marked("error",
                         "the backup was altered or damaged after it was made (its key slots)"));
    }
    header.bytes.resize(16 + count * crypto::kSlotBytes);
    if (std::fread(header.bytes.data() + 16, 1, count * crypto::kSlotBytes, in) !=
        count * crypto::kSlotBytes) {
        return fail(ErrorCode::Corrupt,
                    show::marked("error", "the backup is cut short (in its header)"));
    }
    // The slots are a key file's, behind another magic: parse them with the same strictness.
    std::vector<unsigned char> as_key_file = header.bytes;
    const unsigned char key_magic[8] = {'D', 'y', 'a', 'd', 'K', 'e', 'y', '1'};
    std::memcpy(as_key_file.data(), key_magic, 8);
    put_u32(as_key_file.data() + 8, 1);
    auto slots = crypto::parse_key_file(as_key_file);
    if (!slots) {
        return fail(ErrorCode::Corrupt,
                    error_reason(
                        show::marked("error",
                                     "the backup was altered or damaged after it was made ({why})"))
                        .with_both("why", slots.error().message, shown_message(slots.error())));
    }
    for (const auto& slot : slots->slots) {
        if (slot.database_salt != slots->slots.front().database_salt) {
            return fail(ErrorCode::Corrupt, show::marked("error",
                                                         "the backup was altered or damaged after "
                                                         "it was made (its key slots disagree)"));
        }
    }
    header.slots = std::move(*slots);
    return header;
}

Result<crypto::SecretKey> stream_key(const crypto::PracticeKey& key) {
    return key.data_key.derive(2, "DyadBkup");
}

}  // namespace

Result<BackupKind> backup_kind(const std::string& path) {
    File in{std::fopen(path.c_str(), "rb")};
    if (in.handle == nullptr) {
        return fail(ErrorCode::NotFound,
                    error_reason(show::marked("error", "cannot open the backup {path}"))
                        .with("path", path));
    }
    unsigned char first[8] = {};
    std::size_t read = std::fread(first, 1, 8, in.handle);
    if (read == 8 && std::memcmp(first, kMagic, 8) == 0) {
        return BackupKind::Sealed;
    }
    if (read == 8 && std::memcmp(first, "DYADBKP1", 8) == 0) {
        return BackupKind::Checksummed;
    }
    return BackupKind::Plain;
}

Status write_sealed_backup(const std::string& image, const std::string& target,
                           const crypto::PracticeKey& key, const crypto::KeyFile& slots) {
    if (slots.slots.empty() || slots.slots.size() > crypto::kMaxSlots) {
        return fail(ErrorCode::Invalid, "a backup carries 1 to 8 key slots");
    }
    auto stream = stream_key(key);
    if (!stream) {
        return std::unexpected(stream.error());
    }
    auto encoded = crypto::serialize_key_file(slots);
    std::memcpy(encoded.data(), kMagic, 8);
    put_u32(encoded.data() + 8, 2);
    std::string partial = target + ".partial";
    auto give_up = [&](const std::string& why) {
        std::error_code ignored;
        std::filesystem::remove(partial, ignored);
        return fail(ErrorCode::Io,
                    error_reason(show::marked("error", "cannot write the backup {path}: {why}"))
                        .with("path", target)
                        .with("why", why));
    };
    {
        File in{std::fopen(image.c_str(), "rb")};
        File out{std::fopen(partial.c_str(), "wb")};
        if (in.handle == nullptr || out.handle == nullptr) {
            return give_up("cannot open the files");
        }
        crypto_secretstream_xchacha20poly1305_state state;
        unsigned char stream_header[kStreamHeader];
        crypto_secretstream_xchacha20poly1305_init_push(&state, stream_header, stream->data());
        if (std::fwrite(encoded.data(), 1, encoded.size(), out.handle) != encoded.size() ||
            std::fwrite(stream_header, 1, kStreamHeader, out.handle) != kStreamHeader) {
            return give_up("the disk may be full");
        }
        std::vector<unsigned char> plain(kChunk);
        std::vector<unsigned char> sealed(kChunk + kAdded);
        // Read one chunk ahead so the last one gets TAG_FINAL (an empty image: one empty chunk).
        std::size_t have = std::fread(plain.data(), 1, kChunk, in.handle);
        while (true) {
            std::vector<unsigned char> next(kChunk);
            std::size_t next_have =
                have == kChunk ? std::fread(next.data(), 1, kChunk, in.handle) : 0;
            bool last = next_have == 0;
            unsigned long long length = 0;
            crypto_secretstream_xchacha20poly1305_push(
                &state, sealed.data(), &length, plain.data(), have, encoded.data(), encoded.size(),
                last ? crypto_secretstream_xchacha20poly1305_TAG_FINAL : 0);
            if (std::fwrite(sealed.data(), 1, static_cast<std::size_t>(length), out.handle) !=
                length) {
                return give_up("the disk may be full");
            }
            if (last) {
                break;
            }
            plain.swap(next);
            have = next_have;
        }
        if (std::ferror(in.handle)) {
            return give_up("the database copy could not be read");
        }
        if (std::fflush(out.handle) != 0) {
            return give_up("the disk may be full");
        }
    }
    if (!sync_file(partial)) {
        return give_up("it could not be saved to disk");
    }
    std::error_code error;
    std::filesystem::rename(partial, target, error);
    if (error) {
        return give_up(error.message());
    }
    (void)sync_folder(std::filesystem::path(target).parent_path().string());
    return ok();
}

Result<crypto::KeyFile> sealed_backup_slots(const std::string& source) {
    File in{std::fopen(source.c_str(), "rb")};
    if (in.handle == nullptr) {
        return fail(ErrorCode::NotFound,
                    error_reason(show::marked("error", "cannot open the backup {path}"))
                        .with("path", source));
    }
    auto header = read_header(in.handle, source);
    if (!header) {
        return std::unexpected(header.error());
    }
    return std::move(header->slots);
}

Result<crypto::PracticeKey> unlock_sealed_backup(const std::string& source,
                                                 const crypto::PracticeKey* current,
                                                 std::string_view passphrase_or_recovery) {
    auto slots = sealed_backup_slots(source);
    if (!slots) {
        return std::unexpected(slots.error());
    }
    crypto::Salt salt = slots->slots.front().database_salt;
    if (current != nullptr && current->salt == salt) {
        return current->clone();
    }
    if (passphrase_or_recovery.empty()) {
        return fail(ErrorCode::Refused,
                    show::marked(
                        "error",
                        "the backup was made under another key (before a key change, or of another "
                        "practice): give the passphrase it had then, or its recovery key"));
    }
    if (auto recovery = crypto::parse_recovery_key(passphrase_or_recovery)) {
        for (const auto* slot : slots->find(crypto::SlotKind::Recovery, salt)) {
            if (auto key = crypto::open_with_key(*slot, *recovery)) {
                return crypto::PracticeKey{std::move(*key), salt};
            }
        }
        return fail(ErrorCode::Refused,
                    show::marked("error", "this recovery key does not open the backup"));
    }
    for (const auto* slot : slots->find(crypto::SlotKind::Passphrase, salt)) {
        auto key = crypto::open_with_passphrase(*slot, passphrase_or_recovery);
        if (key) {
            return crypto::PracticeKey{std::move(*key), salt};
        }
        if (key.error().code != ErrorCode::Refused) {
            return std::unexpected(key.error());
        }
    }
    return fail(ErrorCode::Refused,
                show::marked("error",
                             "wrong passphrase for this backup (it opens with the "
                             "passphrase the practice had when it was made)"));
}

Status read_sealed_backup(const std::string& source, const std::string& out,
                          const crypto::PracticeKey& key) {
    auto stream = stream_key(key);
    if (!stream) {
        return std::unexpected(stream.error());
    }
    auto give_up = [&](ErrorCode code, Reason why) {
        std::error_code ignored;
        std::filesystem::remove(out, ignored);
        return fail(code, std::move(why));
    };
    File in{std::fopen(source.c_str(), "rb")};
    if (in.handle == nullptr) {
        return fail(ErrorCode::NotFound,
                    error_reason(show::marked("error", "cannot open the backup {path}"))
                        .with("path", source));
    }
    auto header = read_header(in.handle, source);
    if (!header) {
        return std::unexpected(header.error());
    }
    if (header->slots.slots.front().database_salt != key.salt) {
        return fail(ErrorCode::Refused, show::marked("error", "this key does not open the backup"));
    }
    unsigned char stream_header[kStreamHeader];
    crypto_secretstream_xchacha20poly1305_state state;
    if (std::fread(stream_header, 1, kStreamHeader, in.handle) != kStreamHeader ||
        crypto_secretstream_xchacha20poly1305_init_pull(&state, stream_header, stream->data()) !=
            0) {
        return fail(ErrorCode::Corrupt,
                    show::marked("error", "the backup is cut short (in its header)"));
    }
    File target{std::fopen(out.c_str(), "wb")};
    if (target.handle == nullptr) {
        return fail(ErrorCode::Io,
                    error_reason(show::marked("error", "cannot write {path}")).with("path", out));
    }
    std::vector<unsigned char> sealed(kChunk + kAdded);
    std::vector<unsigned char> plain(kChunk);
    while (true) {
        std::size_t have = std::fread(sealed.data(), 1, sealed.size(), in.handle);
        if (have < kAdded) {
            return give_up(ErrorCode::Corrupt,
                           error_reason(show::marked("error",
                                                     "the backup is cut short: its end "
                                                     "is missing, so it is refused")));
        }
        unsigned long long length = 0;
        unsigned char tag = 0;
        if (crypto_secretstream_xchacha20poly1305_pull(&state, plain.data(), &length, &tag,
                                                       sealed.data(), have, header->bytes.data(),
                                                       header->bytes.size()) != 0) {
            sodium_memzero(plain.data(), plain.size());
            return give_up(ErrorCode::Corrupt, error_reason(kAltered));
        }
        if (std::fwrite(plain.data(), 1, static_cast<std::size_t>(length), target.handle) !=
            length) {
            return give_up(ErrorCode::Io, error_reason(show::marked("error",
                                                                    "cannot write {path} "
                                                                    "(is the disk full?)"))
                                              .with("path", out));
        }
        if (tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL) {
            if (std::fgetc(in.handle) != EOF) {
                return give_up(
                    ErrorCode::Corrupt,
                    error_reason(show::marked(
                        "error",
                        "the backup was altered or damaged after it was made (data follows its "
                        "end)")));
            }
            break;
        }
        if (have < sealed.size()) {
            return give_up(ErrorCode::Corrupt,
                           error_reason(show::marked("error",
                                                     "the backup is cut short: its end "
                                                     "is missing, so it is refused")));
        }
    }
    if (std::fflush(target.handle) != 0) {
        return give_up(ErrorCode::Io, error_reason(show::marked("error",
                                                                "cannot write {path} "
                                                                "(is the disk full?)"))
                                          .with("path", out));
    }
    return ok();
}

}  // namespace dyad::db
