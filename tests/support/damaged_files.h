// A corpus of damaged practice files, made from a healthy practice with a seed (issue 21):
// flipped bytes, truncation, zeroed pages, a wrong page size, a foreign WAL, an empty file, a
// folder, a FIFO, a symbolic link loop, no permission, not SQLite at all.
#pragma once

#include <string>
#include <vector>

namespace dyad::test {

struct DamagedPractice {
    std::string name;      // "flipped-3", "fifo", ...
    std::string data_dir;  // A data folder whose practice.db is damaged that way.
};

// healthy_db: a practice.db (checkpointed, no -wal). One data folder per case under out_root.
std::vector<DamagedPractice> make_damaged_practices(const std::string& healthy_db,
                                                    const std::string& out_root, unsigned seed);

}  // namespace dyad::test
