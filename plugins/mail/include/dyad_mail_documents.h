/* What the mail plugin (dyad.mail) offers other plugins for a document the therapist chose to
 * send (an invoice, a statement, a superbill), through
 * dyad_host.plugin_extension(host, "dyad.mail", DYAD_MAIL_DOCUMENTS_EXTENSION) (SDK 1.1).
 * Only on the therapist's explicit action: the caller asks first, naming the recipient and the
 * address that address_of gives. Only to a client who agreed to documents by e-mail. Answered
 * only for a signed-in user who may change the schedule and contact details; otherwise
 * DYAD_DENIED.
 * Thread: [main-thread] (send waits for the mail server, at most the account's timeout).
 * Fields and functions are only ever appended (struct_size). */
#ifndef DYAD_MAIL_DOCUMENTS_H
#define DYAD_MAIL_DOCUMENTS_H

#include <dyad/plugin.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define DYAD_MAIL_DOCUMENTS_EXTENSION "dyad.mail.documents/1"

typedef struct dyad_mail_documents_v1 {
    uint32_t struct_size;
    void* self; /* The mail plugin's; pass it back. */
    /* The address a document for the client goes to, NUL-terminated into out (at most size
     * bytes). DYAD_OK; DYAD_NOT_FOUND (no consent to documents by e-mail, or no mail account: out
     * says why);
     * DYAD_DENIED. */
    int (*address_of)(void* self, int64_t client_id, char* out, size_t size);
    /* Sends the PDF (bytes copied; "%PDF-", at most 10 MiB) to the client now, with its title
     * ("Invoice INV-000012", one line) and file name ("INV-000012.pdf"). What happened, in
     * words, into out. DYAD_OK when the server took it; DYAD_ERROR (out says why: refused,
     * failed, will be retried, or may have been sent); DYAD_DENIED. */
    int (*send)(void* self, int64_t client_id, const char* title, const char* file_name,
                const void* pdf, int64_t size, char* out, size_t out_size);
} dyad_mail_documents_v1;

#ifdef __cplusplus
}
#endif

#endif
