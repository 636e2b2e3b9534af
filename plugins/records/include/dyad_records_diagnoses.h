/* What the records plugin (dyad.records) offers other plugins: a client's diagnoses, through
 * dyad_host.plugin_extension(host, "dyad.records", DYAD_RECORDS_DIAGNOSES_EXTENSION) (SDK 1.1).
 * The billing plugin reads them for the identified patient's non-Z check and a superbill's
 * codes. Answered only for a signed-in user who may read clinical records or bill (billing
 * needs the codes, never the notes); otherwise DYAD_DENIED. Thread: [main-thread]. The same
 * struct_size rules as the SDK: fields and functions are only ever appended. */
#ifndef DYAD_RECORDS_DIAGNOSES_H
#define DYAD_RECORDS_DIAGNOSES_H

#include <dyad/plugin.h>

#ifdef __cplusplus
extern "C" {
#endif

#define DYAD_RECORDS_DIAGNOSES_EXTENSION "dyad.records.diagnoses/1"

typedef struct dyad_records_diagnosis {
    uint32_t struct_size;
    const char* code;       /* ICD-10-CM, e.g. "F43.23" or "Z63.0" */
    const char* status;     /* "active", "resolved" or "entered_in_error" */
    const char* onset_date; /* "YYYY-MM-DD" or "" */
    int64_t unit_id;        /* the unit whose chart holds it */
} dyad_records_diagnosis;

/* Return 0 to go on, non-zero to stop. The diagnosis is valid during the call. */
typedef int (*dyad_records_diagnosis_visitor)(void* user, const dyad_records_diagnosis* diagnosis);

typedef struct dyad_records_diagnoses_v1 {
    uint32_t struct_size;
    void* self; /* The records plugin's; pass it back. */
    /* Every diagnosis recorded for the client in any unit, active first. DYAD_OK,
     * DYAD_DENIED (the user may neither read clinical records nor bill) or DYAD_ERROR. */
    int (*for_client)(void* self, int64_t client_id, dyad_records_diagnosis_visitor visit,
                      void* user);
} dyad_records_diagnoses_v1;

#ifdef __cplusplus
}
#endif

#endif
