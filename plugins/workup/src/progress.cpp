#include "progress.h"

#include <algorithm>

#include <dyad/show.hpp>

namespace dyad::workup {

std::expected<std::vector<PartnerProgress>, std::string> unit_progress(
    ResponseStore& store, const FormLibrary& library, std::int64_t unit_id,
    const std::vector<std::pair<std::int64_t, std::string>>& members) {
    std::vector<PartnerProgress> partners;
    for (const auto& [client_id, name] : members) {
        PartnerProgress partner{client_id, name, {}};
        for (const auto& form : library.forms) {
            auto response = store.load(unit_id, client_id, form.id);
            if (!response) {
                return std::unexpected(response.error());
            }
            if (response->form_version == 0) {
                continue;  // Not started.
            }
            // Counted against the form as it is now: sections of an older version's answers
            // that the form still has.
            auto complete = sections_complete(form, response->answers);
            partner.forms.push_back(
                {form.title, static_cast<int>(std::count(complete.begin(), complete.end(), true)),
                 static_cast<int>(complete.size())});
        }
        partners.push_back(std::move(partner));
    }
    return partners;
}

std::string progress_text(const std::vector<PartnerProgress>& partners) {
    std::string text;
    for (const auto& partner : partners) {
        std::string forms;
        for (const auto& form : partner.forms) {
            std::string counted = dyad::show::fill(
                dyad::show::fill(
                    dyad::show::tr_n("{form} {complete} of {n} section",
                                     "{form} {complete} of {n} sections", form.sections),
                    "form", form.title),
                "complete", dyad::show::number(form.complete));
            forms += (forms.empty() ? "" : ", ") + counted;
        }
        if (forms.empty()) {
            forms = dyad::show::tr("no worksheet started");
        }
        text +=
            (text.empty() ? "" : "\n") +
            dyad::show::fill(dyad::show::fill(dyad::show::tr("{name}: {forms}"), "forms", forms),
                             "name", partner.name);
    }
    return text;
}

}  // namespace dyad::workup
