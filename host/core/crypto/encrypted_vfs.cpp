// Read this file with docs/encryption.md beside it: every branch below is a rule there.
#include "crypto/encrypted_vfs.h"

#include <sodium.h>
#include <sqlite3.h>

#include <atomic>
#include <cstring>
#include <new>

namespace dyad::crypto {

struct EncryptedVfs::State {
    sqlite3_vfs vfs{};  // First member: SQLite hands back &vfs, which is this State.
    sqlite3_vfs* base = nullptr;
    SecretKey page_key;
    Salt salt{};
    std::string name;
};

namespace {

constexpr std::int64_t kPage = static_cast<std::int64_t>(kPageSize);
constexpr std::int64_t kWalHeader = 32;
constexpr std::int64_t kFrameHeader = 24;
constexpr std::int64_t kFrame = kFrameHeader + kPage;

// What SQLite allocates for a file of ours: this, then the base VFS's file.
struct EncFile {
    sqlite3_file base;  // First member; pMethods is ours once the base file is open.
    EncryptedVfs::State* state;
    FileKind kind;
    unsigned char disk[kPageSize];  // SQLite allocates the file 8-byte aligned: no more.
    unsigned char plain[kPageSize];

    sqlite3_file* real() {
        return reinterpret_cast<sqlite3_file*>(reinterpret_cast<unsigned char*>(this) +
                                               kRealOffset);
    }
    static const std::size_t kRealOffset;
};
const std::size_t EncFile::kRealOffset = (sizeof(EncFile) + 7) & ~std::size_t{7};
static_assert(alignof(EncFile) <= 8, "SQLite allocates sqlite3_file objects 8-byte aligned");

EncFile* file_of(sqlite3_file* file) {
    return reinterpret_cast<EncFile*>(file);
}

EncryptedVfs::State* state_of(sqlite3_vfs* vfs) {
    return reinterpret_cast<EncryptedVfs::State*>(vfs);
}

void wipe(EncFile* file) {
    sodium_memzero(file->plain, kPageSize);
}

// Reads the whole page image at offset into file->disk. SQLITE_OK, SQLITE_IOERR_SHORT_READ
// when the page lies wholly past the end of the file, SQLITE_IOERR_DATA when it is cut short.
int read_image(EncFile* file, std::int64_t offset) {
    sqlite3_file* real = file->real();
    int rc = real->pMethods->xRead(real, file->disk, static_cast<int>(kPage), offset);
    if (rc == SQLITE_IOERR_SHORT_READ) {
        sqlite3_int64 size = 0;
        if (real->pMethods->xFileSize(real, &size) != SQLITE_OK) {
            return SQLITE_IOERR_READ;
        }
        return size <= offset ? SQLITE_IOERR_SHORT_READ : SQLITE_IOERR_DATA;
    }
    return rc;
}

bool all_zero(const unsigned char* bytes, std::size_t length) {
    unsigned char any = 0;
    for (std::size_t i = 0; i < length; ++i) {
        any |= bytes[i];
    }
    return any == 0;
}

// Decrypts file->disk (the image at offset) into file->plain; an SQLite result code.
int open_image(EncFile* file, std::int64_t offset) {
    const auto& state = *file->state;
    if (file->kind == FileKind::Database && offset == 0) {
        Salt on_disk{};
        if (!read_page_one_salt(file->disk, on_disk) ||
            sodium_memcmp(on_disk.data(), state.salt.data(), kSaltBytes) != 0) {
            return SQLITE_NOTADB;  // Plain, foreign, or another practice's database.
        }
    }
    PageProblem problem = decrypt_page(state.page_key, file->kind, state.salt,
                                       static_cast<std::uint64_t>(offset), file->disk, file->plain);
    if (problem == PageProblem::None) {
        return SQLITE_OK;
    }
    // A hole SQLite left (a free page a checkpoint never wrote) reads back as zeros.
    if (file->kind == FileKind::Database && offset != 0 && all_zero(file->disk, kPageSize)) {
        return SQLITE_OK;  // decrypt_page zero-filled plain.
    }
    return SQLITE_IOERR_DATA;
}

// Reads `amount` bytes at `offset` that lie inside the page image starting at image_offset.
int read_inside_image(EncFile* file, void* out, int amount, std::int64_t offset,
                      std::int64_t image_offset) {
    if (amount == kPage && offset == image_offset &&
        !(file->kind == FileKind::Database && offset == 0)) {
        // A whole page (nearly every read): decrypted straight into SQLite's buffer, which
        // decrypt_page zero-fills when it fails.
        int rc = read_image(file, image_offset);
        if (rc == SQLITE_IOERR_SHORT_READ) {
            std::memset(out, 0, kPageSize);
            return rc;
        }
        if (rc != SQLITE_OK) {
            return rc;
        }
        const auto& state = *file->state;
        auto* plain = static_cast<unsigned char*>(out);
        if (decrypt_page(state.page_key, file->kind, state.salt, static_cast<std::uint64_t>(offset),
                         file->disk, plain) == PageProblem::None) {
            return SQLITE_OK;
        }
        if (file->kind == FileKind::Database && all_zero(file->disk, kPageSize)) {
            return SQLITE_OK;  // A hole SQLite left; plain is zeros.
        }
        return SQLITE_IOERR_DATA;
    }
    int rc = read_image(file, image_offset);
    if (rc == SQLITE_IOERR_SHORT_READ) {
        std::memset(out, 0, static_cast<std::size_t>(amount));
        return rc;
    }
    if (rc == SQLITE_OK) {
        rc = open_image(file, image_offset);
    }
    if (rc == SQLITE_OK) {
        std::memcpy(out, file->plain + (offset - image_offset), static_cast<std::size_t>(amount));
    }
    wipe(file);
    return rc;
}

int write_image(EncFile* file, const void* in, std::int64_t offset) {
    const auto& state = *file->state;
    PageProblem problem =
        encrypt_page(state.page_key, file->kind, state.salt, static_cast<std::uint64_t>(offset),
                     static_cast<const unsigned char*>(in), file->disk);
    if (problem != PageProblem::None) {
        return SQLITE_IOERR_WRITE;  // Refused: nothing is written.
    }
    sqlite3_file* real = file->real();
    return real->pMethods->xWrite(real, file->disk, static_cast<int>(kPage), offset);
}

int pass_read(EncFile* file, void* out, int amount, std::int64_t offset) {
    sqlite3_file* real = file->real();
    return real->pMethods->xRead(real, out, amount, offset);
}

int pass_write(EncFile* file, const void* in, int amount, std::int64_t offset) {
    sqlite3_file* real = file->real();
    return real->pMethods->xWrite(real, in, amount, offset);
}

// ---- Reads ----

int read_database(EncFile* file, void* out, int amount, std::int64_t offset) {
    std::int64_t image = offset - offset % kPage;
    if (amount <= 0 || offset % kPage + amount > kPage) {
        return SQLITE_IOERR_READ;  // SQLite never reads across a page boundary.
    }
    return read_inside_image(file, out, amount, offset, image);
}

int read_wal(EncFile* file, void* out, int amount, std::int64_t offset) {
    if (offset == 0 && amount == kWalHeader) {
        return pass_read(file, out, amount, offset);
    }
    if (offset < kWalHeader) {
        return SQLITE_IOERR_READ;
    }
    std::int64_t within = (offset - kWalHeader) % kFrame;
    if (within == 0 && amount == kFrameHeader) {
        return pass_read(file, out, amount, offset);
    }
    if (within == kFrameHeader && amount == kPage) {
        return read_inside_image(file, out, amount, offset, offset);
    }
    if (within == 0 && amount == kFrame) {
        // Recovery reads whole frames. A frame that fails authentication as the very last
        // bytes of the log is a torn write of an unfinished commit: its image is returned as
        // zeros, which fails SQLite's frame checksum, so SQLite ends the log there as it does
        // for a plain database. Anywhere else it is damage or tampering: an error.
        int rc = pass_read(file, out, static_cast<int>(kFrameHeader), offset);
        if (rc != SQLITE_OK) {
            return rc;
        }
        auto* page = static_cast<unsigned char*>(out) + kFrameHeader;
        rc = read_inside_image(file, page, static_cast<int>(kPage), offset + kFrameHeader,
                               offset + kFrameHeader);
        if (rc == SQLITE_IOERR_DATA) {
            sqlite3_file* real = file->real();
            sqlite3_int64 size = 0;
            if (real->pMethods->xFileSize(real, &size) == SQLITE_OK && size == offset + kFrame) {
                std::memset(page, 0, kPageSize);
                return SQLITE_OK;
            }
        }
        return rc;
    }
    return SQLITE_IOERR_READ;
}

int read_journal(EncFile* file, void* out, int amount, std::int64_t offset) {
    if (amount == kPage) {
        return read_inside_image(file, out, amount, offset, offset);
    }
    return pass_read(file, out, amount, offset);
}

// ---- Writes ----

int write_database(EncFile* file, const void* in, int amount, std::int64_t offset) {
    if (amount != kPage || offset % kPage != 0) {
        return SQLITE_IOERR_WRITE;
    }
    return write_image(file, in, offset);
}

int write_wal(EncFile* file, const void* in, int amount, std::int64_t offset) {
    if (offset == 0 && amount == kWalHeader) {
        return pass_write(file, in, amount, offset);
    }
    if (offset < kWalHeader) {
        return SQLITE_IOERR_WRITE;
    }
    std::int64_t within = (offset - kWalHeader) % kFrame;
    if (within == 0 && amount == kFrameHeader) {
        return pass_write(file, in, amount, offset);
    }
    if (within == kFrameHeader && amount == kPage) {
        return write_image(file, in, offset);
    }
    if (within == 0 && amount == kFrame) {
        int rc = pass_write(file, in, static_cast<int>(kFrameHeader), offset);
        if (rc != SQLITE_OK) {
            return rc;
        }
        return write_image(file, static_cast<const unsigned char*>(in) + kFrameHeader,
                           offset + kFrameHeader);
    }
    return SQLITE_IOERR_WRITE;
}

int write_journal(EncFile* file, const void* in, int amount, std::int64_t offset) {
    if (amount == kPage) {
        return write_image(file, in, offset);
    }
    return pass_write(file, in, amount, offset);
}

// ---- I/O methods ----

int x_close(sqlite3_file* f) {
    EncFile* file = file_of(f);
    sqlite3_file* real = file->real();
    int rc = real->pMethods != nullptr ? real->pMethods->xClose(real) : SQLITE_OK;
    sodium_memzero(file->disk, kPageSize);
    wipe(file);
    return rc;
}

int x_read(sqlite3_file* f, void* out, int amount, sqlite3_int64 offset) {
    EncFile* file = file_of(f);
    switch (file->kind) {
        case FileKind::Database:
            return read_database(file, out, amount, offset);
        case FileKind::Wal:
            return read_wal(file, out, amount, offset);
        case FileKind::Journal:
            return read_journal(file, out, amount, offset);
    }
    return SQLITE_IOERR_READ;
}

int x_write(sqlite3_file* f, const void* in, int amount, sqlite3_int64 offset) {
    EncFile* file = file_of(f);
    switch (file->kind) {
        case FileKind::Database:
            return write_database(file, in, amount, offset);
        case FileKind::Wal:
            return write_wal(file, in, amount, offset);
        case FileKind::Journal:
            return write_journal(file, in, amount, offset);
    }
    return SQLITE_IOERR_WRITE;
}

sqlite3_file* real_of(sqlite3_file* f) {
    return file_of(f)->real();
}

int x_truncate(sqlite3_file* f, sqlite3_int64 size) {
    return real_of(f)->pMethods->xTruncate(real_of(f), size);
}
int x_sync(sqlite3_file* f, int flags) {
    return real_of(f)->pMethods->xSync(real_of(f), flags);
}
int x_file_size(sqlite3_file* f, sqlite3_int64* size) {
    return real_of(f)->pMethods->xFileSize(real_of(f), size);
}
int x_lock(sqlite3_file* f, int level) {
    return real_of(f)->pMethods->xLock(real_of(f), level);
}
int x_unlock(sqlite3_file* f, int level) {
    return real_of(f)->pMethods->xUnlock(real_of(f), level);
}
int x_check_reserved_lock(sqlite3_file* f, int* out) {
    return real_of(f)->pMethods->xCheckReservedLock(real_of(f), out);
}
int x_file_control(sqlite3_file* f, int op, void* arg) {
    return real_of(f)->pMethods->xFileControl(real_of(f), op, arg);
}
int x_sector_size(sqlite3_file*) {
    return 512;  // Journal headers stay 512 bytes, so every 4096-byte journal write is a page.
}
int x_device_characteristics(sqlite3_file* f) {
    return real_of(f)->pMethods->xDeviceCharacteristics(real_of(f));
}
int x_shm_map(sqlite3_file* f, int page, int size, int extend, void volatile** out) {
    return real_of(f)->pMethods->xShmMap(real_of(f), page, size, extend, out);
}
int x_shm_lock(sqlite3_file* f, int offset, int count, int flags) {
    return real_of(f)->pMethods->xShmLock(real_of(f), offset, count, flags);
}
void x_shm_barrier(sqlite3_file* f) {
    real_of(f)->pMethods->xShmBarrier(real_of(f));
}
int x_shm_unmap(sqlite3_file* f, int remove) {
    return real_of(f)->pMethods->xShmUnmap(real_of(f), remove);
}

// Version 2: no xFetch, so SQLite never maps the file and reads only through x_read.
const sqlite3_io_methods kMethods = {
    2,
    x_close,
    x_read,
    x_write,
    x_truncate,
    x_sync,
    x_file_size,
    x_lock,
    x_unlock,
    x_check_reserved_lock,
    x_file_control,
    x_sector_size,
    x_device_characteristics,
    x_shm_map,
    x_shm_lock,
    x_shm_barrier,
    x_shm_unmap,
    nullptr,
    nullptr,
};

// ---- VFS methods ----

int x_open(sqlite3_vfs* vfs, sqlite3_filename name, sqlite3_file* f, int flags, int* out_flags) {
    auto* state = state_of(vfs);
    f->pMethods = nullptr;
    FileKind kind{};
    if (name == nullptr) {
        return SQLITE_CANTOPEN;  // A temporary file: never written (temp_store=MEMORY).
    }
    if ((flags & SQLITE_OPEN_MAIN_DB) != 0) {
        kind = FileKind::Database;
    } else if ((flags & SQLITE_OPEN_WAL) != 0) {
        kind = FileKind::Wal;
    } else if ((flags & SQLITE_OPEN_MAIN_JOURNAL) != 0) {
        kind = FileKind::Journal;
    } else {
        return SQLITE_CANTOPEN;  // Temporary, transient, sub- and super-journals.
    }
    auto* file = new (f) EncFile{};
    file->state = state;
    file->kind = kind;
    sqlite3_file* real = file->real();
    std::memset(real, 0, static_cast<std::size_t>(state->base->szOsFile));
    int rc = state->base->xOpen(state->base, name, real, flags, out_flags);
    if (rc != SQLITE_OK) {
        if (real->pMethods != nullptr) {
            real->pMethods->xClose(real);
        }
        f->pMethods = nullptr;
        return rc;
    }
    f->pMethods = &kMethods;
    return SQLITE_OK;
}

int x_delete(sqlite3_vfs* vfs, const char* name, int sync_dir) {
    auto* base = state_of(vfs)->base;
    return base->xDelete(base, name, sync_dir);
}
int x_access(sqlite3_vfs* vfs, const char* name, int flags, int* out) {
    auto* base = state_of(vfs)->base;
    return base->xAccess(base, name, flags, out);
}
int x_full_pathname(sqlite3_vfs* vfs, const char* name, int size, char* out) {
    auto* base = state_of(vfs)->base;
    return base->xFullPathname(base, name, size, out);
}
void* x_dl_open(sqlite3_vfs*, const char*) {
    return nullptr;  // Extensions are never loaded on a practice connection.
}
void x_dl_error(sqlite3_vfs*, int size, char* out) {
    sqlite3_snprintf(size, out, "extensions are not loaded");
}
void (*x_dl_sym(sqlite3_vfs*, void*, const char*))(void) {
    return nullptr;
}
void x_dl_close(sqlite3_vfs*, void*) {}
int x_randomness(sqlite3_vfs* vfs, int size, char* out) {
    auto* base = state_of(vfs)->base;
    return base->xRandomness(base, size, out);
}
int x_sleep(sqlite3_vfs* vfs, int microseconds) {
    auto* base = state_of(vfs)->base;
    return base->xSleep(base, microseconds);
}
int x_current_time(sqlite3_vfs* vfs, double* out) {
    auto* base = state_of(vfs)->base;
    return base->xCurrentTime(base, out);
}
int x_get_last_error(sqlite3_vfs* vfs, int size, char* out) {
    auto* base = state_of(vfs)->base;
    return base->xGetLastError != nullptr ? base->xGetLastError(base, size, out) : 0;
}
int x_current_time_int64(sqlite3_vfs* vfs, sqlite3_int64* out) {
    auto* base = state_of(vfs)->base;
    return base->xCurrentTimeInt64(base, out);
}

std::atomic<unsigned> g_next_name{1};

}  // namespace

Salt random_salt() {
    init_sodium();
    Salt salt{};
    randombytes_buf(salt.data(), salt.size());
    return salt;
}

Result<std::shared_ptr<EncryptedVfs>> EncryptedVfs::create(const SecretKey& data_key,
                                                           const Salt& salt) {
    sqlite3_vfs* base = sqlite3_vfs_find(nullptr);
    if (base == nullptr || base->iVersion < 2) {
        return fail(ErrorCode::Io, "SQLite has no usable file system layer");
    }
    auto page_key = data_key.derive(1, "DyadPage");
    if (!page_key) {
        return std::unexpected(page_key.error());
    }
    auto state = std::make_unique<State>();
    state->base = base;
    state->page_key = std::move(*page_key);
    state->salt = salt;
    state->name = "dyadenc-" + std::to_string(g_next_name.fetch_add(1));
    sqlite3_vfs& vfs = state->vfs;
    vfs.iVersion = 2;
    vfs.szOsFile = static_cast<int>(EncFile::kRealOffset) + base->szOsFile;
    vfs.mxPathname = base->mxPathname;
    vfs.zName = state->name.c_str();
    vfs.xOpen = x_open;
    vfs.xDelete = x_delete;
    vfs.xAccess = x_access;
    vfs.xFullPathname = x_full_pathname;
    vfs.xDlOpen = x_dl_open;
    vfs.xDlError = x_dl_error;
    vfs.xDlSym = x_dl_sym;
    vfs.xDlClose = x_dl_close;
    vfs.xRandomness = x_randomness;
    vfs.xSleep = x_sleep;
    vfs.xCurrentTime = x_current_time;
    vfs.xGetLastError = x_get_last_error;
    vfs.xCurrentTimeInt64 = x_current_time_int64;
    if (sqlite3_vfs_register(&vfs, 0) != SQLITE_OK) {
        return fail(ErrorCode::Io, "the encrypting file layer could not be registered");
    }
    return std::shared_ptr<EncryptedVfs>(new EncryptedVfs(std::move(state)));
}

EncryptedVfs::EncryptedVfs(std::unique_ptr<State> state) : m_state(std::move(state)) {}

EncryptedVfs::~EncryptedVfs() {
    sqlite3_vfs_unregister(&m_state->vfs);
}

const std::string& EncryptedVfs::name() const {
    return m_state->name;
}

const Salt& EncryptedVfs::salt() const {
    return m_state->salt;
}

}  // namespace dyad::crypto
