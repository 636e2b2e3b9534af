/* Service "dyad.log/1": the host's log (Tools > Log window and the log file).
 * Never pass client data (names, notes, contact details) to it: logs are not protected health
 * information stores. Log ids and counts instead. */
#ifndef DYAD_LOG_H
#define DYAD_LOG_H

#include "plugin.h"

#ifdef __cplusplus
extern "C" {
#endif

#define DYAD_LOG_SERVICE "dyad.log/1"

enum { DYAD_LOG_DEBUG = 1, DYAD_LOG_INFO = 2, DYAD_LOG_WARNING = 3, DYAD_LOG_ERROR = 4 };

typedef struct dyad_log_v1 {
    uint32_t struct_size;
    /* [any-thread] Appends one line, prefixed by the host with the time and the plugin id. */
    void (*write)(const dyad_host* host, int level, const char* message);
} dyad_log_v1;

#ifdef __cplusplus
}
#endif

#endif
