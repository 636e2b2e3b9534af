/* Service "dyad.settings/1": the plugin's own key/value settings, stored in the practice
 * database (so a backup carries them). Keys are the plugin's alone; no other plugin sees them.
 * Thread: [main-thread]. */
#ifndef DYAD_SETTINGS_H
#define DYAD_SETTINGS_H

#include "plugin.h"

#ifdef __cplusplus
extern "C" {
#endif

#define DYAD_SETTINGS_SERVICE "dyad.settings/1"

typedef void (*dyad_value_receiver)(void* user, const char* value);

typedef struct dyad_settings_v1 {
    uint32_t struct_size;
    /* DYAD_OK and one call of receive (value valid during the call), or DYAD_NOT_FOUND. */
    int (*get)(const dyad_host* host, const char* key, dyad_value_receiver receive, void* user);
    int (*set)(const dyad_host* host, const char* key, const char* value);
    int (*remove)(const dyad_host* host, const char* key);
} dyad_settings_v1;

#ifdef __cplusplus
}
#endif

#endif
