// A fault-injecting SQLite VFS for tests: wraps the default ("unix") VFS and, when armed, fails
// the nth read, write, sync or open the way a failing or full disk does, under the real code
// paths (Connection, CoreRecords, plugins): install() makes it the default VFS of the process.
//
// A fault is sticky once it fires (a full disk stays full) until disarm(). Counting starts at
// arm(); `after` operations of the fault's kind pass first.
// Thread: arm/disarm between operations; the counters are atomic.
#pragma once

namespace dyad::test {

enum class Fault {
    None,
    WriteError,  // xWrite returns SQLITE_IOERR_WRITE.
    DiskFull,    // xWrite returns SQLITE_FULL.
    ShortWrite,  // xWrite writes half the bytes, then SQLITE_FULL (what the unix VFS reports).
    ReadError,   // xRead returns SQLITE_IOERR_READ.
    SyncError,   // xSync returns SQLITE_IOERR_FSYNC.
    CantOpen,    // xOpen of a file that does not exist yet (WAL, journal, new database) fails.
    ReadOnly,    // xOpen opens the main database read-only, as without write permission.
};

struct FaultPlan {
    Fault fault = Fault::None;
    int after = 0;           // Operations of the fault's kind that succeed first.
    bool main_only = false;  // Only the main database file (not WAL, journals, temp files).
};

class FaultVfs {
  public:
    // Registers the VFS as the process default (idempotent). Unarmed, it only passes through.
    static void install();
    static void arm(const FaultPlan& plan);
    static void disarm();
    static bool fired();  // Whether the armed fault has fired since arm().
    static const char* describe(Fault fault);
};

}  // namespace dyad::test
