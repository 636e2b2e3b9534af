#include "cli_access.h"

#include <string_view>

namespace dyad::records_plugin {
namespace {

struct CommandRecords {
    std::string_view command;
    std::uint32_t kind;  // DYAD_RECORDS_*, 0: none (template and code lists).
    bool write;
};

constexpr CommandRecords kCommands[] = {
    {"templates", 0, false},
    {"codes", 0, false},
    {"units", DYAD_RECORDS_DEMOGRAPHICS, false},
    {"clients", DYAD_RECORDS_DEMOGRAPHICS, false},
    {"find-clients", DYAD_RECORDS_DEMOGRAPHICS, false},
    {"unit-new", DYAD_RECORDS_DEMOGRAPHICS, true},
    {"import", DYAD_RECORDS_DEMOGRAPHICS, true},
    {"book", DYAD_RECORDS_SCHEDULE, true},
    {"sessions", DYAD_RECORDS_SCHEDULE, false},
    {"session-status", DYAD_RECORDS_SCHEDULE, true},
    {"session-edit", DYAD_RECORDS_SCHEDULE, true},
    {"ics", DYAD_RECORDS_SCHEDULE, false},
    {"diagnoses", DYAD_RECORDS_CLINICAL, false},
    {"diagnosis-add", DYAD_RECORDS_CLINICAL, true},
    {"diagnosis-status", DYAD_RECORDS_CLINICAL, true},
    {"plans", DYAD_RECORDS_CLINICAL, false},
    {"plan-new", DYAD_RECORDS_CLINICAL, true},
    {"export", DYAD_RECORDS_CLINICAL, false},
    {"generate-notes", DYAD_RECORDS_CLINICAL, true},
    {"notes", DYAD_RECORDS_CLINICAL, false},
    {"note-new", DYAD_RECORDS_CLINICAL, true},
    {"note-set", DYAD_RECORDS_CLINICAL, true},
    {"note-sign", DYAD_RECORDS_CLINICAL, true},
    {"note-cosign", DYAD_RECORDS_CLINICAL, true},
    {"note-share", DYAD_RECORDS_CLINICAL, true},
    {"note-amend", DYAD_RECORDS_CLINICAL, true},
    {"note-show", DYAD_RECORDS_CLINICAL, false},
    {"search", DYAD_RECORDS_CLINICAL, false},
};

std::string_view kind_words(std::uint32_t kind) {
    switch (kind) {
        case DYAD_RECORDS_DEMOGRAPHICS:
            return "client details";
        case DYAD_RECORDS_SCHEDULE:
            return "the schedule";
        default:
            return "clinical records (notes, plans, diagnoses)";
    }
}

}  // namespace

std::string records_cli_refusal(const dyad::sdk::Host& host, const std::string& command,
                                std::int64_t unit_id) {
    for (const auto& entry : kCommands) {
        if (entry.command != command) {
            continue;
        }
        if (entry.kind == 0) {
            return {};
        }
        if (!host.may(entry.kind, entry.write)) {
            return "the signed-in user's role may not " +
                   std::string(entry.write ? "change " : "read ") +
                   std::string(kind_words(entry.kind));
        }
        if (entry.kind == DYAD_RECORDS_CLINICAL && unit_id != 0 && !host.may_see_unit(unit_id)) {
            return "client unit " + std::to_string(unit_id) +
                   " is not on the signed-in user's caseload";
        }
        return {};
    }
    return {};
}

}  // namespace dyad::records_plugin
