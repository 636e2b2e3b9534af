/* What the mail plugin (dyad.mail) offers other plugins: the reminder state of an appointment,
 * for the schedule's Reminders column, through
 * dyad_host.plugin_extension(host, "dyad.mail", DYAD_MAIL_REMINDERS_EXTENSION) (SDK 1.1).
 * Answered only for a signed-in user who may read the schedule; otherwise DYAD_DENIED.
 * Thread: [main-thread]. Fields and functions are only ever appended (struct_size). */
#ifndef DYAD_MAIL_REMINDERS_H
#define DYAD_MAIL_REMINDERS_H

#include <dyad/plugin.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define DYAD_MAIL_REMINDERS_EXTENSION "dyad.mail.reminders/1"

typedef struct dyad_mail_reminders_v1 {
    uint32_t struct_size;
    void* self; /* The mail plugin's; pass it back. */
    /* The appointment's reminders in words ("may have been sent", "failed", "sending",
     * "retrying", "queued", "sent": the first that applies; "" when there is none), written
     * NUL-terminated into out (at most size bytes). DYAD_OK, DYAD_DENIED or DYAD_ERROR. */
    int (*appointment_state)(void* self, int64_t appointment_id, char* out, size_t size);
} dyad_mail_reminders_v1;

#ifdef __cplusplus
}
#endif

#endif
