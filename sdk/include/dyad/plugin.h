/*
 * Dyad plugin SDK, version 1 (1.1): the C ABI between the Dyad host and a plugin.
 *
 * A plugin is a shared library that exports exactly one symbol, dyad_plugin_entry_v1, a const
 * dyad_plugin_entry. Everything else is reached through function pointers: the host hands the
 * plugin a dyad_host from which it asks for services by id ("dyad.db/1"), and the plugin hands
 * back a dyad_plugin from which the host asks for extensions by id ("dyad.schema/1").
 *
 * Rules that hold for every function in this SDK:
 *  - Only C types cross: no exceptions, no C++ standard library types. A C++ plugin must catch
 *    every exception before it returns to the host (the C++ helpers in plugin.hpp do).
 *  - Strings are NUL-terminated UTF-8. A string the host passes to the plugin is valid only for
 *    the duration of the call unless the function says otherwise; copy it to keep it.
 *  - Whoever allocates frees. The host never frees plugin memory and vice versa.
 *  - [main-thread] means: only on the thread that called create(). All v1 functions are
 *    [main-thread] unless they say otherwise.
 *
 * WARNING: structs in this SDK only ever grow by appending fields after the existing ones. Each
 * starts with struct_size, which the producer sets to sizeof() as it was compiled; a consumer
 * reads a field only when struct_size shows it is present. Never reorder or remove a field.
 */
#ifndef DYAD_PLUGIN_H
#define DYAD_PLUGIN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define DYAD_SDK_VERSION_MAJOR 1
#define DYAD_SDK_VERSION_MINOR 1

/* Name of the one symbol a plugin exports. */
#define DYAD_PLUGIN_ENTRY_SYMBOL "dyad_plugin_entry_v1"

#if defined(__GNUC__)
#define DYAD_EXPORT __attribute__((visibility("default")))
#else
#define DYAD_EXPORT
#endif

/* Result codes shared by every service. DYAD_ROW and DYAD_DONE match SQLite's so that the db
 * service can return sqlite3_step()'s result unchanged. */
enum {
    DYAD_OK = 0,
    DYAD_ERROR = 1,       /* Something failed; the service's last_error() says what. */
    DYAD_INVALID = 2,     /* An argument was rejected by validation. */
    DYAD_NOT_FOUND = 3,   /* The record or key does not exist. */
    DYAD_DENIED = 4,      /* Not allowed for this plugin (confinement, wrong context). */
    DYAD_UNAVAILABLE = 5, /* The service exists but cannot serve now (e.g. no UI in dyadctl). */
    DYAD_ROW = 100,
    DYAD_DONE = 101
};

typedef struct dyad_version {
    uint32_t major;
    uint32_t minor;
} dyad_version;

/* The ABI tag names what, besides this C ABI, must match between host and plugin: the C++
 * compiler family and major version, the libstdc++ dual ABI, the wxWidgets major.minor (a
 * wxWindow* crosses for panels) and whether the libstdc++ debug mode is on. A component whose
 * value is "none" is not relied on by the plugin (a C plugin has no C++ ABI; a plugin without
 * UI has no wx) and matches anything. Build systems set DYAD_ABI_WX (dyad_add_plugin does). */
#define DYAD_STRINGIFY_INNER(x) #x
#define DYAD_STRINGIFY(x) DYAD_STRINGIFY_INNER(x)
#if defined(__cplusplus) && defined(__clang__)
#define DYAD_ABI_COMPILER "clang-" DYAD_STRINGIFY(__clang_major__)
#elif defined(__cplusplus) && defined(__GNUC__)
#define DYAD_ABI_COMPILER "gnu-" DYAD_STRINGIFY(__GNUC__)
#else
#define DYAD_ABI_COMPILER "none"
#endif
#if defined(__cplusplus) && defined(_GLIBCXX_USE_CXX11_ABI)
#define DYAD_ABI_CXXABI DYAD_STRINGIFY(_GLIBCXX_USE_CXX11_ABI)
#else
#define DYAD_ABI_CXXABI "none"
#endif
#ifndef DYAD_ABI_WX
#define DYAD_ABI_WX "none"
#endif
#if defined(__cplusplus) && defined(_GLIBCXX_DEBUG)
#define DYAD_ABI_STL "debug"
#elif defined(__cplusplus)
#define DYAD_ABI_STL "release"
#else
#define DYAD_ABI_STL "none"
#endif
/* clang-format off */
#define DYAD_ABI_TAG \
    "compiler=" DYAD_ABI_COMPILER ";cxxabi=" DYAD_ABI_CXXABI ";wx=" DYAD_ABI_WX ";stl=" DYAD_ABI_STL
/* clang-format on */

typedef struct dyad_host dyad_host;
typedef struct dyad_plugin dyad_plugin;

/* What the host gives each plugin. One dyad_host per plugin: the host knows who is calling.
 * Owned by the host; valid from create() until the plugin's destroy() returns. */
struct dyad_host {
    uint32_t struct_size;
    dyad_version sdk_version; /* The SDK version the host provides. */
    void* host_data;          /* Opaque to the plugin. */

    /* [main-thread] Returns the service table for service_id (for example "dyad.db/1", cast to
     * const dyad_db_v1*), or NULL when the host does not serve it here (dyadctl serves no UI).
     * The table is owned by the host and lives as long as this dyad_host. */
    const void* (*get_service)(const dyad_host* host, const char* service_id);

    /* [main-thread] Tells the host why create() or start() is about to fail, in words a person
     * understands; shown in the Plugins dialog and in `dyadctl plugins list`. */
    void (*report_error)(const dyad_host* host, const char* message);

    /* 1.1. [main-thread] Another loaded plugin's extension table (what its get_extension()
     * returns for extension_id), e.g. the records plugin's "dyad.records.diagnoses/1", or NULL
     * when that plugin is not loaded and started or has no such extension. A plugin that
     * declares its uses must list "plugin:<plugin id>". The table is the other plugin's: its
     * header says its contract; valid while both plugins live (until either's destroy()). */
    const void* (*plugin_extension)(const dyad_host* host, const char* plugin_id,
                                    const char* extension_id);
};

/* What a plugin gives the host. Owned by the plugin; freed by the plugin in destroy(). */
struct dyad_plugin {
    uint32_t struct_size;
    void* plugin_data; /* Opaque to the host. */

    /* [main-thread] Called once after the host has applied the plugin's migrations; the
     * plugin's tables exist from here on. Returns DYAD_OK, or another code after calling
     * host->report_error(); the host then destroys the plugin and marks it refused. */
    int (*start)(dyad_plugin* plugin);

    /* [main-thread] Returns the extension table for extension_id (for example
     * "dyad.schema/1"), or NULL. Owned by the plugin, valid until destroy(). */
    const void* (*get_extension)(const dyad_plugin* plugin, const char* extension_id);

    /* [main-thread] Frees the plugin. Called once, after every panel the plugin created has
     * been destroyed and every event subscription removed. The library stays loaded until the
     * host exits. */
    void (*destroy)(dyad_plugin* plugin);
};

/* The one exported symbol's type. Every string is a literal that lives as long as the library.
 *  id: reverse-DNS, lowercase, e.g. "org.example.appreciation"; unique among plugins.
 *  create: [main-thread] returns a new plugin, or NULL after host->report_error(). It must not
 *  touch the database (tables are migrated after it returns); it registers UI, CLI commands and
 *  event subscriptions. */
typedef struct dyad_plugin_entry {
    uint32_t struct_size;
    dyad_version sdk_version; /* The SDK version the plugin was built against. */
    const char* abi_tag;      /* DYAD_ABI_TAG as the plugin was compiled. */
    const char* id;
    const char* name;
    const char* vendor;
    const char* version;
    const char* description;
    dyad_plugin* (*create)(const dyad_host* host);

    /* 1.1. What the plugin declares it will use, shown to the owner who trusts it: a
     * space-separated list of words, each a service id it will ask for ("dyad.db/1") or one of
     *   core:clients:read   core:clients:write   (names, contact details; the client forms)
     *   core:units:read     core:units:write     (units, members, unit status)
     *   core:appointments:read  core:appointments:write
     *   network   (talks to servers)     files   (reads or writes files the user picks)
     *   plugin:<plugin id>   (uses that plugin's extensions through plugin_extension)
     * When set, the host serves only the listed services and core calls (dyad.log/1 and the
     * audit calls always), and refuses to load a plugin that lists an unknown word. "network"
     * and "files" are promises the host shows but cannot check: a plugin is native code.
     * NULL (or a 1.0 plugin): declares nothing; every service is served, as in 1.0. */
    const char* uses;
} dyad_plugin_entry;

#ifdef __cplusplus
}
#endif

#endif /* DYAD_PLUGIN_H */
