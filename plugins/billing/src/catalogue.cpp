#include "catalogue.h"

#include <json_root.h>

#include <Poco/JSON/Array.h>
#include <algorithm>
#include <set>

#include "money.h"

namespace dyad::billing {
namespace {

const std::set<std::string> kKinds = {"evaluation", "psychotherapy", "family",
                                      "crisis",     "group",         "addon",
                                      "no_show",    "late_cancel",   "other"};

bool valid_code(const std::string& code) {
    if (code.empty() || code.size() > 16) {
        return false;
    }
    return std::all_of(code.begin(), code.end(), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || c == '-';
    });
}

std::optional<bool> flag(const Poco::JSON::Object::Ptr& object, const std::string& key,
                         datafile::JsonChecker& checker, const std::string& path) {
    if (!object->has(key)) {
        return std::nullopt;
    }
    if (!object->get(key).isBoolean()) {
        checker.problem(path + "." + key, "must be true or false");
        return std::nullopt;
    }
    return object->getValue<bool>(key);
}

std::optional<int> minutes(const Poco::JSON::Object::Ptr& object, const std::string& key,
                           datafile::JsonChecker& checker, const std::string& path) {
    if (!object->has(key)) {
        return std::nullopt;
    }
    auto value = datafile::int_value(object, key);
    if (!value || *value < 0 || *value > 24 * 60) {
        checker.problem(path + "." + key, "must be whole minutes from 0 to 1440");
        return std::nullopt;
    }
    return value;
}

}  // namespace

const Service* Catalogue::find(const std::string& code) const {
    for (const auto& service : services) {
        if (service.code == code) {
            return &service;
        }
    }
    return nullptr;
}

const SlidingTier* Catalogue::tier(const std::string& id) const {
    for (const auto& each : sliding_scale) {
        if (each.id == id) {
            return &each;
        }
    }
    return nullptr;
}

const Service* Catalogue::suggest(const std::string& kind, int session_minutes) const {
    const Service* chosen = nullptr;
    for (const auto& service : services) {
        bool fits = service.kind == kind && session_minutes >= service.min_minutes &&
                    (!service.max_minutes || session_minutes <= *service.max_minutes);
        if (fits && (chosen == nullptr || (service.preferred && !chosen->preferred))) {
            chosen = &service;
        }
    }
    return chosen;
}

std::string Catalogue::check_pairing(const std::string& addon, const std::string& primary) const {
    const Service* extra = find(addon);
    if (extra == nullptr) {
        return addon + " is not in the service catalogue";
    }
    if (extra->kind != "addon") {
        return addon + " is not an add-on code";
    }
    if (std::find(extra->with.begin(), extra->with.end(), primary) == extra->with.end()) {
        std::string allowed;
        for (const auto& code : extra->with) {
            allowed += (allowed.empty() ? "" : ", ") + code;
        }
        return "+" + addon + " cannot be billed with " + primary + " (only with " + allowed + ")";
    }
    return {};
}

std::string service_kind_for(const std::string& session_type) {
    if (session_type == "couple" || session_type == "family") {
        return "family";
    }
    if (session_type == "intake") {
        return "evaluation";
    }
    if (session_type == "group") {
        return "group";
    }
    return "psychotherapy";
}

std::expected<Catalogue, std::vector<std::string>> parse_catalogue(const std::string& json,
                                                                   const std::string& source) {
    auto root = datafile::parse_data_file_root(json, source);
    if (!root) {
        return std::unexpected(std::vector<std::string>{root.error()});
    }
    datafile::JsonChecker checker(json, source);
    Catalogue catalogue;
    auto version = datafile::int_value(*root, "version");
    if (!version || *version != 1) {
        checker.problem("version", "must be 1");
    }
    catalogue.version = version.value_or(0);
    auto list = (*root)->getArray("services");
    if (list.isNull() || list->size() == 0) {
        checker.problem("services", "must be a list of at least one service");
        return std::unexpected(std::move(checker).take());
    }
    if (list->size() > 500) {
        checker.problem("services", "holds more than 500 services");
        return std::unexpected(std::move(checker).take());
    }
    std::set<std::string> codes;
    for (std::size_t i = 0; i < list->size(); ++i) {
        std::string path = "services[" + std::to_string(i) + "]";
        auto item = list->getObject(static_cast<unsigned>(i));
        if (item.isNull()) {
            checker.problem(path, "must be an object");
            continue;
        }
        Service service;
        service.code = checker.text(item, "code", path, true);
        if (!service.code.empty() && !valid_code(service.code)) {
            checker.problem(path + ".code", "must be 1 to 16 capital letters, digits or '-'");
        } else if (!service.code.empty() && !codes.insert(service.code).second) {
            checker.problem(path + ".code", "repeats " + service.code);
        }
        service.label = checker.text(item, "label", path, true);
        if (service.label.size() > 80) {
            checker.problem(path + ".label", "is longer than 80 characters");
        }
        service.kind = checker.text(item, "kind", path, true);
        if (!service.kind.empty() && kKinds.count(service.kind) == 0) {
            checker.problem(path + ".kind",
                            "must be one of evaluation, psychotherapy, family, "
                            "crisis, group, addon, no_show, late_cancel, other");
        }
        service.min_minutes = minutes(item, "min_minutes", checker, path).value_or(0);
        service.max_minutes = minutes(item, "max_minutes", checker, path);
        if (service.max_minutes && *service.max_minutes < service.min_minutes) {
            checker.problem(path + ".max_minutes", "is below min_minutes");
        }
        service.preferred = flag(item, "preferred", checker, path).value_or(false);
        service.needs_ip = flag(item, "needs_ip", checker, path).value_or(false);
        bool fee_only = service.kind == "no_show" || service.kind == "late_cancel";
        service.insurance = flag(item, "insurance", checker, path).value_or(!fee_only);
        if (fee_only && service.insurance) {
            checker.problem(path + ".insurance",
                            "a no-show or late-cancel fee never goes to "
                            "insurance");
        }
        service.with = checker.texts(item, "with", path, service.kind == "addon");
        std::string fee = checker.text(item, "fee", path, true);
        if (!fee.empty()) {
            auto cents = parse_cents(fee, "the fee");
            if (!cents) {
                checker.problem(path + ".fee", cents.error());
            }
            service.fee_cents = cents.value_or(0);
        }
        catalogue.services.push_back(std::move(service));
    }
    for (std::size_t i = 0; i < catalogue.services.size(); ++i) {
        const Service& service = catalogue.services[i];
        std::string path = "services[" + std::to_string(i) + "]";
        if (service.kind != "addon" && !service.with.empty()) {
            checker.problem(path + ".with", "only an add-on names the codes it goes with");
        }
        if ((service.kind == "no_show" || service.kind == "late_cancel") &&
            service.min_minutes > 0) {
            checker.problem(path + ".min_minutes", "a fee for a missed session has no minutes");
        }
        for (const auto& primary : service.with) {
            const Service* named = catalogue.find(primary);
            if (named == nullptr) {
                checker.problem(path + ".with",
                                "names " + primary + ", which is not in the catalogue");
            } else if (named->kind == "addon" || named->kind == "no_show" ||
                       named->kind == "late_cancel") {
                checker.problem(path + ".with",
                                "names " + primary + ", which is not a session code");
            }
        }
    }
    auto tiers = (*root)->getArray("sliding_scale");
    if (!tiers.isNull()) {
        if (tiers->size() > 20) {
            checker.problem("sliding_scale", "holds more than 20 tiers");
        }
        std::set<std::string> ids;
        for (std::size_t i = 0; i < tiers->size() && i < 20; ++i) {
            std::string path = "sliding_scale[" + std::to_string(i) + "]";
            auto item = tiers->getObject(static_cast<unsigned>(i));
            if (item.isNull()) {
                checker.problem(path, "must be an object");
                continue;
            }
            SlidingTier tier;
            tier.id = checker.text(item, "id", path, true);
            if (!tier.id.empty() && !valid_code(tier.id)) {
                checker.problem(path + ".id", "must be 1 to 16 capital letters, digits or '-'");
            } else if (!tier.id.empty() && !ids.insert(tier.id).second) {
                checker.problem(path + ".id", "repeats " + tier.id);
            }
            tier.label = checker.text(item, "label", path, true);
            if (tier.label.size() > 80) {
                checker.problem(path + ".label", "is longer than 80 characters");
            }
            auto percent = datafile::int_value(item, "percent");
            if (!percent || *percent < 1 || *percent > 100) {
                checker.problem(path + ".percent", "must be a whole number from 1 to 100");
            }
            tier.percent = percent.value_or(100);
            catalogue.sliding_scale.push_back(std::move(tier));
        }
    }
    if (!checker.clean()) {
        return std::unexpected(std::move(checker).take());
    }
    return catalogue;
}

}  // namespace dyad::billing
