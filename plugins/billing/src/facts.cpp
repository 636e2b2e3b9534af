#include "facts.h"

#include <dyad_records_diagnoses.h>

#include <algorithm>

namespace dyad::billing {

std::optional<ClientFacts> client_facts(const dyad::sdk::Host& host, std::int64_t client_id) {
    const auto* core = host.core();
    if (core == nullptr) {
        return std::nullopt;
    }
    std::optional<ClientFacts> found;
    int code = core->get_client(
        host.raw(), client_id,
        [](void* user, const dyad_client_info* info) {
            *static_cast<std::optional<ClientFacts>*>(user) = ClientFacts{
                info->id, info->given_name, info->family_name, info->date_of_birth, info->uuid};
        },
        &found);
    return code == DYAD_OK ? found : std::nullopt;
}

std::expected<std::vector<std::string>, std::string> diagnoses_on(const dyad::sdk::Host& host,
                                                                  std::int64_t client_id,
                                                                  const std::string& date) {
    const auto* records = host.plugin_extension<dyad_records_diagnoses_v1>(
        "dyad.records", DYAD_RECORDS_DIAGNOSES_EXTENSION);
    if (records == nullptr) {
        return std::unexpected(
            "diagnoses cannot be read (the Client Records plugin is not loaded)");
    }
    struct Seen {
        const std::string* date;
        std::vector<std::string> codes;
    } seen{&date, {}};
    int code = records->for_client(
        records->self, client_id,
        [](void* user, const dyad_records_diagnosis* diagnosis) {
            auto* out = static_cast<Seen*>(user);
            std::string onset = diagnosis->onset_date;
            if (std::string(diagnosis->status) == "active" && diagnosis->code[0] != 0 &&
                (onset.empty() || onset <= *out->date)) {
                out->codes.emplace_back(diagnosis->code);
            }
            return 0;
        },
        &seen);
    if (code != DYAD_OK) {
        return std::unexpected("diagnoses cannot be read (the signed-in user may not bill?)");
    }
    std::vector<std::string> ordered;
    for (bool z : {false, true}) {
        for (const auto& found : seen.codes) {
            bool is_z = found[0] == 'Z';
            if (is_z == z && std::find(ordered.begin(), ordered.end(), found) == ordered.end() &&
                ordered.size() < 12) {
                ordered.push_back(found);
            }
        }
    }
    return ordered;
}

PointedDiagnoses point_diagnoses(const std::vector<std::vector<std::string>>& per_line) {
    PointedDiagnoses pointed;
    for (const auto& line : per_line) {
        std::vector<int> pointers;
        for (const auto& code : line) {
            auto at = std::find(pointed.codes.begin(), pointed.codes.end(), code);
            if (at == pointed.codes.end() && pointed.codes.size() < 12) {
                at = pointed.codes.insert(pointed.codes.end(), code);
            }
            if (at != pointed.codes.end() && pointers.size() < 4) {
                pointers.push_back(static_cast<int>(at - pointed.codes.begin()) + 1);
            }
        }
        pointed.pointers.push_back(std::move(pointers));
    }
    return pointed;
}

}  // namespace dyad::billing
