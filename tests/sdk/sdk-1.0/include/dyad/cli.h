/* Service "dyad.cli/1": subcommands of dyadctl. A plugin that registers "appreciation" is run
 * as `dyadctl appreciation ARGS...`; argv[0] is the command name. A command prints data with
 * io->out (JSON when it was given --json), one-line errors with io->err, and returns the process
 * exit code (0 on success). The GUI host serves this too but never runs the commands.
 * Thread: [main-thread]. */
#ifndef DYAD_CLI_H
#define DYAD_CLI_H

#include "plugin.h"

#ifdef __cplusplus
extern "C" {
#endif

#define DYAD_CLI_SERVICE "dyad.cli/1"

typedef struct dyad_cli_io {
    uint32_t struct_size;
    void* io_data; /* Opaque to the plugin. */
    void (*out)(const struct dyad_cli_io* io, const char* text);
    void (*err)(const struct dyad_cli_io* io, const char* text);
} dyad_cli_io;

typedef struct dyad_cli_command_desc {
    uint32_t struct_size;
    const char* name;    /* Lowercase word; must not clash with dyadctl's own commands. */
    const char* summary; /* One line for `dyadctl --help`. */
    const char* usage;   /* e.g. "hello [--json] NAME" */
    int (*run)(void* user, int argc, const char* const* argv, const dyad_cli_io* io);
    void* user;
} dyad_cli_command_desc;

typedef struct dyad_cli_v1 {
    uint32_t struct_size;
    int (*add_command)(const dyad_host* host, const dyad_cli_command_desc* command);
} dyad_cli_v1;

#ifdef __cplusplus
}
#endif

#endif
