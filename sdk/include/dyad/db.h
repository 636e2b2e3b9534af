/* Service "dyad.db/1": the plugin's own connection to the practice database.
 *
 * The connection is confined: statements may read and write the plugin's own
 * "<prefix>_*" tables and read the core_* views; everything else (core tables, other plugins'
 * tables, ATTACH, PRAGMAs that change settings, DDL, load_extension) fails at prepare() with
 * DYAD_DENIED and a last_error() that names what was refused. A statement that runs longer
 * than the host's step budget is interrupted with DYAD_ERROR ("query stopped ...").
 *
 * Thread: [main-thread] like the rest of v1. Ownership: a dyad_stmt is owned by the plugin from
 * prepare() until it calls finalize(); every statement must be finalized before destroy()
 * returns. Text returned by column_text() and last_error() is owned by the host and valid until
 * the next call on the same statement (resp. connection). */
#ifndef DYAD_DB_H
#define DYAD_DB_H

#include "plugin.h"

#ifdef __cplusplus
extern "C" {
#endif

#define DYAD_DB_SERVICE "dyad.db/1"

typedef struct dyad_stmt dyad_stmt;

enum {
    DYAD_TYPE_INTEGER = 1,
    DYAD_TYPE_FLOAT = 2,
    DYAD_TYPE_TEXT = 3,
    DYAD_TYPE_BLOB = 4,
    DYAD_TYPE_NULL = 5
};

typedef struct dyad_db_v1 {
    uint32_t struct_size;

    /* Runs one or more statements that return no rows. */
    int (*exec)(const dyad_host* host, const char* sql);
    /* Prepares one statement; *out receives it, or NULL on error. */
    int (*prepare)(const dyad_host* host, const char* sql, dyad_stmt** out);
    /* Parameters are 1-based. bind_text copies the text; length -1 means NUL-terminated. */
    int (*bind_int64)(dyad_stmt* stmt, int index, int64_t value);
    int (*bind_double)(dyad_stmt* stmt, int index, double value);
    int (*bind_text)(dyad_stmt* stmt, int index, const char* utf8, int length);
    int (*bind_null)(dyad_stmt* stmt, int index);
    /* Returns DYAD_ROW, DYAD_DONE, or an error code (see last_error). */
    int (*step)(dyad_stmt* stmt);
    /* Columns are 0-based. */
    int (*column_count)(dyad_stmt* stmt);
    int (*column_type)(dyad_stmt* stmt, int column);
    int64_t (*column_int64)(dyad_stmt* stmt, int column);
    double (*column_double)(dyad_stmt* stmt, int column);
    const char* (*column_text)(dyad_stmt* stmt, int column); /* "" for NULL */
    /* Makes the statement ready to run again; bindings are kept. */
    int (*reset)(dyad_stmt* stmt);
    void (*finalize)(dyad_stmt* stmt);

    /* Transactions nest: the outermost begin() starts a transaction, inner ones savepoints.
     * Every begin() is matched by exactly one commit() or rollback(). */
    int (*begin)(const dyad_host* host);
    int (*commit)(const dyad_host* host);
    int (*rollback)(const dyad_host* host);

    const char* (*last_error)(const dyad_host* host);
    int64_t (*changes)(const dyad_host* host);

    /* A random positive 64-bit id for a new row (ids must not collide between copies of a
     * practice, so no AUTOINCREMENT). */
    int64_t (*new_id)(const dyad_host* host);
    /* Writes a random (version 4) UUID and a terminating NUL into out[37]. */
    void (*new_uuid)(const dyad_host* host, char out[37]);

    /* 1.1. Binds size bytes, copied (a file's contents, an image); size 0 binds an empty blob,
     * not NULL. DYAD_INVALID above 64 MiB (keep larger files on disk and their path here), and
     * the parameter is then NULL, never what was bound before. */
    int (*bind_blob)(dyad_stmt* stmt, int index, const void* data, int64_t size);
    /* 1.1. The column's bytes, valid until the next step, reset or finalize; *size receives
     * their count. NULL with *size 0 for NULL and for an empty blob. */
    const void* (*column_blob)(dyad_stmt* stmt, int column, int64_t* size);
} dyad_db_v1;

#ifdef __cplusplus
}
#endif

#endif
