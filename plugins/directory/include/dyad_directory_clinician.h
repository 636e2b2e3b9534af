/* What the directory plugin (dyad.directory) offers other plugins: the therapist's professional
 * facts from the latest saved public profile (name, NPI, taxonomy, first licence, phone, first
 * office), through dyad_host.plugin_extension(host, "dyad.directory",
 * DYAD_DIRECTORY_CLINICIAN_EXTENSION) (SDK 1.1). The billing plugin fills its billing identity
 * from them so a fact is not typed twice. The profile is public by design and holds no client
 * data: no role is needed. Thread: [main-thread]. The same struct_size rules as the SDK: fields
 * and functions are only ever appended. */
#ifndef DYAD_DIRECTORY_CLINICIAN_H
#define DYAD_DIRECTORY_CLINICIAN_H

#include <dyad/plugin.h>

#ifdef __cplusplus
extern "C" {
#endif

#define DYAD_DIRECTORY_CLINICIAN_EXTENSION "dyad.directory.clinician/1"

typedef struct dyad_directory_clinician {
    uint32_t struct_size;
    const char* given_name;
    const char* family_name;
    const char* npi;            /* 10 digits, check digit valid (the profile is checked) */
    const char* taxonomy;       /* NUCC code, e.g. "106H00000X"; "" when none */
    const char* licence_kind;   /* "LMFT"...; "" when the profile lists no licence */
    const char* licence_number; /* as the profile has it, e.g. "LMFT 12345" */
    const char* licence_state;  /* two letters */
    const char* phone;          /* "" when none */
    const char* office;         /* "100 Main St, Suite 2, Oakland, CA 94612"; "" when none */
} dyad_directory_clinician;

typedef void (*dyad_directory_clinician_receiver)(void* user,
                                                  const dyad_directory_clinician* clinician);

typedef struct dyad_directory_clinician_v1 {
    uint32_t struct_size;
    void* self; /* The directory plugin's; pass it back. */
    /* The latest saved profile's facts, valid during the call. DYAD_OK, DYAD_NOT_FOUND (no
     * profile saved yet) or DYAD_ERROR. */
    int (*latest)(void* self, dyad_directory_clinician_receiver receive, void* user);
} dyad_directory_clinician_v1;

#ifdef __cplusplus
}
#endif

#endif
