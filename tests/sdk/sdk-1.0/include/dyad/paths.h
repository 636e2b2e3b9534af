/* Service "dyad.paths/1": where a plugin finds data files (templates, forms, scripts) and keeps
 * files of its own. Data files are looked up in several folders so a clinic or a user can add
 * or reword files without rebuilding anything: the user's folder first, then the clinic's, then
 * the ones installed with Dyad.
 * Thread: [main-thread]. Strings passed to callbacks are valid during the call only. */
#ifndef DYAD_PATHS_H
#define DYAD_PATHS_H

#include "plugin.h"

#ifdef __cplusplus
extern "C" {
#endif

#define DYAD_PATHS_SERVICE "dyad.paths/1"

typedef int (*dyad_path_visitor)(void* user, const char* folder);

typedef struct dyad_paths_v1 {
    uint32_t struct_size;
    /* Calls visit for each data folder, most specific first: "<data>/resources" (the user's),
     * $DYAD_CLINIC_RESOURCES if set (the clinic's), then the installed resources. A plugin
     * looks for "<folder>/<its subfolder>/..." in each; the first file of a name wins. Folders
     * may not exist. Return non-zero from visit to stop. */
    void (*resource_folders)(const dyad_host* host, dyad_path_visitor visit, void* user);
    /* The practice's data folder (holds practice.db); the plugin may keep files in
     * "<folder>/<plugin id>/". Never write client data there in plain text. */
    const char* (*data_folder)(const dyad_host* host);
} dyad_paths_v1;

#ifdef __cplusplus
}
#endif

#endif
