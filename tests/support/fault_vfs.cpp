#include "fault_vfs.h"

#include <sqlite3.h>
#include <sys/stat.h>

#include <atomic>
#include <cstring>
#include <mutex>

namespace dyad::test {
namespace {

sqlite3_vfs* g_real = nullptr;
sqlite3_vfs g_vfs{};
std::atomic<int> g_fault{static_cast<int>(Fault::None)};
std::atomic<int> g_remaining{0};
std::atomic<bool> g_main_only{false};
std::atomic<bool> g_fired{false};

struct FaultFile {
    sqlite3_file base;
    sqlite3_file* real;
    bool main_db;
};

// Counts an operation of kind; true when the armed fault applies to it now.
bool strikes(Fault kind, const FaultFile* file) {
    if (static_cast<Fault>(g_fault.load()) != kind) {
        return false;
    }
    if (g_main_only && file != nullptr && !file->main_db) {
        return false;
    }
    if (g_fired) {
        return true;  // Sticky: a full disk stays full.
    }
    if (g_remaining.fetch_sub(1) > 0) {
        return false;
    }
    g_fired = true;
    return true;
}

sqlite3_file* real_of(sqlite3_file* file) {
    return reinterpret_cast<FaultFile*>(file)->real;
}

int x_close(sqlite3_file* file) {
    sqlite3_file* real = real_of(file);
    return real->pMethods != nullptr ? real->pMethods->xClose(real) : SQLITE_OK;
}

int x_read(sqlite3_file* file, void* buffer, int amount, sqlite3_int64 offset) {
    if (strikes(Fault::ReadError, reinterpret_cast<FaultFile*>(file))) {
        return SQLITE_IOERR_READ;
    }
    sqlite3_file* real = real_of(file);
    return real->pMethods->xRead(real, buffer, amount, offset);
}

int x_write(sqlite3_file* file, const void* buffer, int amount, sqlite3_int64 offset) {
    auto* self = reinterpret_cast<FaultFile*>(file);
    sqlite3_file* real = self->real;
    if (strikes(Fault::WriteError, self)) {
        return SQLITE_IOERR_WRITE;
    }
    if (strikes(Fault::DiskFull, self)) {
        return SQLITE_FULL;
    }
    if (strikes(Fault::ShortWrite, self)) {
        (void)real->pMethods->xWrite(real, buffer, amount / 2, offset);
        return SQLITE_FULL;
    }
    return real->pMethods->xWrite(real, buffer, amount, offset);
}

int x_truncate(sqlite3_file* file, sqlite3_int64 size) {
    sqlite3_file* real = real_of(file);
    return real->pMethods->xTruncate(real, size);
}

int x_sync(sqlite3_file* file, int flags) {
    if (strikes(Fault::SyncError, reinterpret_cast<FaultFile*>(file))) {
        return SQLITE_IOERR_FSYNC;
    }
    sqlite3_file* real = real_of(file);
    return real->pMethods->xSync(real, flags);
}

int x_file_size(sqlite3_file* file, sqlite3_int64* size) {
    sqlite3_file* real = real_of(file);
    return real->pMethods->xFileSize(real, size);
}

int x_lock(sqlite3_file* file, int level) {
    sqlite3_file* real = real_of(file);
    return real->pMethods->xLock(real, level);
}

int x_unlock(sqlite3_file* file, int level) {
    sqlite3_file* real = real_of(file);
    return real->pMethods->xUnlock(real, level);
}

int x_check_reserved(sqlite3_file* file, int* out) {
    sqlite3_file* real = real_of(file);
    return real->pMethods->xCheckReservedLock(real, out);
}

int x_file_control(sqlite3_file* file, int op, void* argument) {
    sqlite3_file* real = real_of(file);
    return real->pMethods->xFileControl(real, op, argument);
}

int x_sector_size(sqlite3_file* file) {
    sqlite3_file* real = real_of(file);
    return real->pMethods->xSectorSize(real);
}

int x_device(sqlite3_file* file) {
    sqlite3_file* real = real_of(file);
    return real->pMethods->xDeviceCharacteristics(real);
}

int x_shm_map(sqlite3_file* file, int region, int size, int extend, void volatile** out) {
    sqlite3_file* real = real_of(file);
    return real->pMethods->xShmMap(real, region, size, extend, out);
}

int x_shm_lock(sqlite3_file* file, int offset, int n, int flags) {
    sqlite3_file* real = real_of(file);
    return real->pMethods->xShmLock(real, offset, n, flags);
}

void x_shm_barrier(sqlite3_file* file) {
    sqlite3_file* real = real_of(file);
    real->pMethods->xShmBarrier(real);
}

int x_shm_unmap(sqlite3_file* file, int remove) {
    sqlite3_file* real = real_of(file);
    return real->pMethods->xShmUnmap(real, remove);
}

int x_fetch(sqlite3_file* file, sqlite3_int64 offset, int amount, void** out) {
    sqlite3_file* real = real_of(file);
    return real->pMethods->xFetch(real, offset, amount, out);
}

int x_unfetch(sqlite3_file* file, sqlite3_int64 offset, void* pointer) {
    sqlite3_file* real = real_of(file);
    return real->pMethods->xUnfetch(real, offset, pointer);
}

const sqlite3_io_methods kMethods = {
    3,           x_close,   x_read,     x_write,          x_truncate,     x_sync,
    x_file_size, x_lock,    x_unlock,   x_check_reserved, x_file_control, x_sector_size,
    x_device,    x_shm_map, x_shm_lock, x_shm_barrier,    x_shm_unmap,    x_fetch,
    x_unfetch,
};

int v_open(sqlite3_vfs*, const char* name, sqlite3_file* file, int flags, int* out_flags) {
    auto* self = reinterpret_cast<FaultFile*>(file);
    self->base.pMethods = nullptr;
    self->real = reinterpret_cast<sqlite3_file*>(self + 1);
    self->main_db = (flags & SQLITE_OPEN_MAIN_DB) != 0;
    struct stat status {};
    bool exists = name != nullptr && stat(name, &status) == 0;
    if (!exists && strikes(Fault::CantOpen, self)) {
        return SQLITE_CANTOPEN;
    }
    if ((flags & SQLITE_OPEN_READWRITE) != 0 && self->main_db && exists &&
        strikes(Fault::ReadOnly, self)) {
        flags = (flags & ~(SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)) | SQLITE_OPEN_READONLY;
    }
    int code = g_real->xOpen(g_real, name, self->real, flags, out_flags);
    if (self->real->pMethods != nullptr) {
        self->base.pMethods = &kMethods;
    }
    return code;
}

int v_delete(sqlite3_vfs*, const char* name, int sync_dir) {
    return g_real->xDelete(g_real, name, sync_dir);
}

int v_access(sqlite3_vfs*, const char* name, int flags, int* out) {
    return g_real->xAccess(g_real, name, flags, out);
}

int v_full_pathname(sqlite3_vfs*, const char* name, int size, char* out) {
    return g_real->xFullPathname(g_real, name, size, out);
}

void* v_dl_open(sqlite3_vfs*, const char* name) {
    return g_real->xDlOpen(g_real, name);
}

void v_dl_error(sqlite3_vfs*, int size, char* out) {
    g_real->xDlError(g_real, size, out);
}

void (*v_dl_sym(sqlite3_vfs*, void* handle, const char* symbol))(void) {
    return g_real->xDlSym(g_real, handle, symbol);
}

void v_dl_close(sqlite3_vfs*, void* handle) {
    g_real->xDlClose(g_real, handle);
}

int v_randomness(sqlite3_vfs*, int size, char* out) {
    return g_real->xRandomness(g_real, size, out);
}

int v_sleep(sqlite3_vfs*, int microseconds) {
    return g_real->xSleep(g_real, microseconds);
}

int v_current_time(sqlite3_vfs*, double* out) {
    return g_real->xCurrentTime(g_real, out);
}

int v_last_error(sqlite3_vfs*, int size, char* out) {
    return g_real->xGetLastError(g_real, size, out);
}

int v_current_time_int64(sqlite3_vfs*, sqlite3_int64* out) {
    return g_real->xCurrentTimeInt64(g_real, out);
}

}  // namespace

void FaultVfs::install() {
    static std::once_flag once;
    std::call_once(once, [] {
        g_real = sqlite3_vfs_find(nullptr);
        g_vfs.iVersion = 2;
        g_vfs.szOsFile = static_cast<int>(sizeof(FaultFile)) + g_real->szOsFile;
        g_vfs.mxPathname = g_real->mxPathname;
        g_vfs.zName = "dyad-fault";
        g_vfs.xOpen = v_open;
        g_vfs.xDelete = v_delete;
        g_vfs.xAccess = v_access;
        g_vfs.xFullPathname = v_full_pathname;
        g_vfs.xDlOpen = v_dl_open;
        g_vfs.xDlError = v_dl_error;
        g_vfs.xDlSym = v_dl_sym;
        g_vfs.xDlClose = v_dl_close;
        g_vfs.xRandomness = v_randomness;
        g_vfs.xSleep = v_sleep;
        g_vfs.xCurrentTime = v_current_time;
        g_vfs.xGetLastError = v_last_error;
        g_vfs.xCurrentTimeInt64 = v_current_time_int64;
        sqlite3_vfs_register(&g_vfs, 1);
    });
}

void FaultVfs::arm(const FaultPlan& plan) {
    g_fired = false;
    g_remaining = plan.after;
    g_main_only = plan.main_only;
    g_fault = static_cast<int>(plan.fault);
}

void FaultVfs::disarm() {
    g_fault = static_cast<int>(Fault::None);
    g_fired = false;
}

bool FaultVfs::fired() {
    return g_fired;
}

const char* FaultVfs::describe(Fault fault) {
    switch (fault) {
        case Fault::None:
            return "none";
        case Fault::WriteError:
            return "write error";
        case Fault::DiskFull:
            return "full disk";
        case Fault::ShortWrite:
            return "short write";
        case Fault::ReadError:
            return "read error";
        case Fault::SyncError:
            return "sync error";
        case Fault::CantOpen:
            return "cannot create a file";
        case Fault::ReadOnly:
            return "read-only";
    }
    return "?";
}

}  // namespace dyad::test
