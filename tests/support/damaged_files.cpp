#include "damaged_files.h"

#include <sqlite3.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>

namespace dyad::test {
namespace {

std::string read_bytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write_bytes(const std::string& path, const std::string& bytes) {
    std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

// A WAL with frames, from another database (kept open while copying, so it is not
// checkpointed away).
std::string foreign_wal(const std::string& folder) {
    std::string path = folder + "/other.db";
    sqlite3* db = nullptr;
    sqlite3_open(path.c_str(), &db);
    sqlite3_exec(db,
                 "PRAGMA journal_mode=WAL; PRAGMA wal_autocheckpoint=0; CREATE TABLE t (x); "
                 "INSERT INTO t VALUES (randomblob(9000)); INSERT INTO t VALUES (1);",
                 nullptr, nullptr, nullptr);
    std::string wal = read_bytes(path + "-wal");
    sqlite3_close(db);
    std::filesystem::remove(path);
    std::filesystem::remove(path + "-wal");
    std::filesystem::remove(path + "-shm");
    return wal;
}

}  // namespace

std::vector<DamagedPractice> make_damaged_practices(const std::string& healthy_db,
                                                    const std::string& out_root, unsigned seed) {
    std::string healthy = read_bytes(healthy_db);
    std::mt19937 random(seed);
    std::vector<DamagedPractice> cases;
    auto folder = [&](const std::string& name) {
        std::string dir = out_root + "/" + name;
        std::filesystem::create_directories(dir);
        cases.push_back({name, dir});
        return dir + "/practice.db";
    };
    std::size_t page = 4096;
    std::size_t pages = healthy.size() / page;

    write_bytes(folder("empty"), "");
    std::filesystem::create_directories(folder("folder"));
    mkfifo(folder("fifo").c_str(), 0600);
    {
        std::string db = folder("symlink-loop");
        std::filesystem::create_symlink(db + ".other", db);
        std::filesystem::create_symlink(db, db + ".other");
    }
    {
        std::string db = folder("no-permission");
        write_bytes(db, healthy);
        chmod(db.c_str(), 0);
    }
    write_bytes(folder("not-sqlite"),
                "given_name,family_name\nAna,Ortiz\n" + std::string(5000, 'x'));
    {
        std::string bytes = healthy;
        bytes[16] = 0x02;  // Page size 512 in a file of 4096-byte pages.
        bytes[17] = 0x00;
        write_bytes(folder("wrong-page-size"), bytes);
    }
    {
        std::string bytes = healthy;
        for (std::size_t i = 0; i < 16; ++i) {
            bytes[i] = static_cast<char>('Z');
        }
        write_bytes(folder("header-garbage"), bytes);
    }
    {
        std::string db = folder("foreign-wal");
        write_bytes(db, healthy);
        write_bytes(db + "-wal", foreign_wal(out_root));
    }
    for (std::size_t size : {std::size_t{50}, std::size_t{100}, page, page + 100,
                             healthy.size() / 2, healthy.size() - page, healthy.size() - 1}) {
        write_bytes(folder("truncated-" + std::to_string(size)), healthy.substr(0, size));
    }
    for (std::size_t which : {std::size_t{0}, std::size_t{1}, pages / 2, pages - 1}) {
        std::string bytes = healthy;
        std::fill(bytes.begin() + static_cast<std::ptrdiff_t>(which * page),
                  bytes.begin() + static_cast<std::ptrdiff_t>((which + 1) * page), '\0');
        write_bytes(folder("zeroed-page-" + std::to_string(which + 1)), bytes);
    }
    std::uniform_int_distribution<std::size_t> anywhere(0, healthy.size() - 1);
    std::uniform_int_distribution<int> how_many(1, 16);
    std::uniform_int_distribution<int> bit(0, 7);
    for (int i = 0; i < 16; ++i) {
        std::string bytes = healthy;
        for (int n = how_many(random); n > 0; --n) {
            std::size_t at = anywhere(random);
            bytes[at] = static_cast<char>(bytes[at] ^ (1 << bit(random)));
        }
        write_bytes(folder("flipped-" + std::to_string(i)), bytes);
    }
    return cases;
}

}  // namespace dyad::test
