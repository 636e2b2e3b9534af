// The words of each message (reminder, cancellation, reschedule, test, document), from the data
// file "mail/templates-<language>.json" a practice may copy into its own folder and edit. A
// template can only say what its placeholders give: the date, times, place, therapist, the
// recipient's own name and (with joint consent) who else comes; nothing clinical is ever offered to
// it, and any other {placeholder} refuses the file. No wx here. Thread: any.
#pragma once

#include <expected>
#include <map>
#include <string>
#include <vector>

namespace dyad::mail {

// The placeholders a template may use.
//   name           the recipient's preferred (else given) name
//   date, time     the session's local date ("Tuesday 8 December 2026") and start ("14:00")
//   end_time       its local end
//   previous_date, previous_time   (reschedule) the time it had before
//   therapist      the therapist's name as the account's sender name
//   place          "At <location>", "By video: <link>" or "" (nothing known)
//   with           " with Sam" when every partner agreed to joint reminders, else ""
//   practice       the practice's name
//   document       (document) its title, "Invoice INV-000012"
const std::vector<std::string>& placeholders();

struct Template {
    std::string subject;  // One line.
    std::string body;     // Plain text; lines end "\n".
};

struct TemplateSet {
    std::string language;  // "en".
    // "reminder", "cancellation", "reschedule", "test", "document".
    std::map<std::string, Template> kinds;
};

// Reads a templates file (source names it in problems): "FILE:LINE: path: what" for each
// problem (missing kind, blank subject, a subject over one line, an unknown placeholder, a
// brace that opens no placeholder).
std::expected<TemplateSet, std::vector<std::string>> parse_templates(const std::string& json,
                                                                     const std::string& source);

// The first readable "mail/templates-<language>.json" in folders (most specific first); a
// broken file is reported in problems and the next one is used.
std::expected<TemplateSet, std::string> load_templates(const std::vector<std::string>& folders,
                                                       const std::string& language,
                                                       std::vector<std::string>& problems);

// The template with each {placeholder} replaced by its value ("" for one not given).
Template render(const Template& text, const std::map<std::string, std::string>& values);

}  // namespace dyad::mail
