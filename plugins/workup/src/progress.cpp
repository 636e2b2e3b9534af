#include "progress.h"

#include <algorithm>

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
        text += (text.empty() ? "" : "\n") + partner.name + ": ";
        if (partner.forms.empty()) {
            text += "no worksheet started";
            continue;
        }
        for (std::size_t i = 0; i < partner.forms.size(); ++i) {
            const auto& form = partner.forms[i];
            text += (i == 0 ? "" : ", ") + form.title + " " + std::to_string(form.complete) +
                    " of " + std::to_string(form.sections) + " sections";
        }
    }
    return text;
}

}  // namespace dyad::workup
