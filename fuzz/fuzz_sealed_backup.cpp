// An encrypted backup handed to restore (host/core/db/sealed_backup.h, docs/encryption.md):
// any bytes as the file, read with a fixed practice key. The seeds are real backups sealed with
// that key, so mutations reach the header, the slots and every chunk. Properties: no crash,
// leak or sanitizer report; a failed read leaves no output file.
//   DYAD_FUZZ_WRITE_SEEDS=<folder> build-fuzz/fuzz/fuzz_sealed_backup  writes the seeds.
#include <unistd.h>

#include <array>
#include <filesystem>
#include <fstream>

#include "db/sealed_backup.h"
#include "fuzz_input.h"

namespace {

dyad::crypto::PracticeKey fixed_key() {
    std::array<unsigned char, 32> bytes{};
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        bytes[i] = static_cast<unsigned char>(i);
    }
    return {std::move(*dyad::crypto::SecretKey::from_bytes(bytes)), {1, 2, 3, 4, 5, 6, 7, 8}};
}

std::string folder() {
    static const std::string made = [] {
        std::string path = std::filesystem::temp_directory_path() /
                           ("dyad-fuzz-backup-" + std::to_string(getpid()));
        std::filesystem::create_directories(path);
        return path;
    }();
    return made;
}

void write_seeds(const std::string& out) {
    auto key = fixed_key();
    dyad::crypto::KeyFile slots;
    dyad::crypto::KeySlot slot;
    slot.kind = dyad::crypto::SlotKind::Recovery;
    slot.database_salt = key.salt;
    slots.slots = {slot};
    std::filesystem::create_directories(out);
    for (std::size_t length : {std::size_t{0}, std::size_t{4096}, std::size_t{70000}}) {
        std::string image = folder() + "/image";
        std::ofstream(image, std::ios::binary) << std::string(length, 'p');
        auto written = dyad::db::write_sealed_backup(
            image, out + "/seed-" + std::to_string(length) + ".dyadbackup", key, slots);
        if (!written) {
            dyad::fuzz::fail(written.error().message);
        }
    }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    if (const char* out = std::getenv("DYAD_FUZZ_WRITE_SEEDS")) {
        write_seeds(out);
        std::exit(0);
    }
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const auto key = fixed_key();
    std::string source = folder() + "/input";
    std::string out = folder() + "/out";
    {
        std::ofstream file(source, std::ios::binary | std::ios::trunc);
        file.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    }
    (void)dyad::db::backup_kind(source);
    (void)dyad::db::sealed_backup_slots(source);
    auto read = dyad::db::read_sealed_backup(source, out, key);
    if (!read && std::filesystem::exists(out)) {
        dyad::fuzz::fail("a refused backup left its output behind: " + read.error().message);
    }
    std::filesystem::remove(out);
    return 0;
}
