#include "dyadctl.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Stringifier.h>

#include <filesystem>
#include <iostream>
#include <optional>
#include <sstream>

#include <dyad/text.hpp>

#include "crypto/practice_keys.h"
#include "db/maintenance.h"
#include "db/sealed_backup.h"
#include "dyadctl_keys.h"
#include "dyadctl_people.h"
#include "dyadctl_plugins.h"
#include "dyadctl_practice.h"
#include "dyadctl_search.h"
#include "dyadctl_units.h"
#include "json_out.h"
#include "options.h"
#include "plugins/abi.h"
#include "plugins/plugin_manager.h"
#include "plugins/schema_reset.h"
#include "practice.h"
#include "records/audit_chain.h"
#include "records/core_schema.h"
#include "records/generator.h"
#include "util/log.h"

#ifndef DYAD_VERSION
#define DYAD_VERSION "0.0.0"
#endif

namespace dyad::cli {
namespace {

constexpr const char* kUsage =
    "usage: dyadctl [--data-dir DIR] [--passphrase-fd N] [--recovery-key] COMMAND [ARGS] "
    "[--json]\n"
    "\n"
    "  --version                 print the versions of Dyad, its SDK and SQLite\n"
    "  --passphrase-fd N         read passphrases from file descriptor N, one line each,\n"
    "                            instead of asking on the terminal (never on the command line)\n"
    "  --recovery-key            unlock with the recovery key instead of the passphrase\n"
    "  --fast-kdf                new passphrases hashed at the minimum cost (tests, slow "
    "machines)\n"
    "  init [--name NAME] [--plain] [--development]\n"
    "                            create a new, empty practice, encrypted unless --plain;\n"
    "                            --development: for writing plugins (plugins reset-schema)\n"
    "  demo [--people-only] [--clients N] [--units K] [--notes M]\n"
    "                            create the demo practice: therapist, couples, months of\n"
    "                            sessions and every plugin's part (notes, plans, worksheets,\n"
    "                            dialogues, requests, billing); --people-only: the people, units\n"
    "                            and this week's appointments alone (a clean practice for\n"
    "                            testing a plugin); optionally with a generated caseload of N\n"
    "                            clients in K units and M progress notes (by the records plugin)\n"
    "  units list [--status S]   list client units (active, waitlist, discharged)\n"
    "  units members UNIT        a unit's members and their consent\n"
    "  units consent UNIT CLIENT [--contact yes|no] [--share yes|no]\n"
    "                            record a member's consent to be contacted and to share with\n"
    "                            their partner(s)\n"
    "  db check                  check the database's integrity and foreign keys\n"
    "  db backup FILE            copy the practice to FILE (safe while Dyad runs)\n"
    "  db restore FILE           replace the practice with the backup in FILE\n"
    "  db encrypt                encrypt a plain practice (keeps it until the copy is checked)\n"
    "  db passphrase             change the passphrase (--recovery-key when it is lost)\n"
    "  db rotate-key             re-encrypt under a new key and recovery key\n"
    "  db remember | db forget   keep the key in this computer's keyring, or stop\n"
    "  audit verify              check the audit trail's hash chain and its head\n"
    "  users list | users add NAME --role ROLE | users assign NAME UNIT_ID\n"
    "  users supervisor NAME SUPERVISOR|none | users passphrase NAME\n"
    "                            the practice's users (roles: owner, therapist, supervisor,\n"
    "                            biller, front_desk); once it has users, every command signs in\n"
    "                            with --user NAME (passphrase asked after the practice's)\n"
    "  plugins list              list plugins with their state and reason\n"
    "  plugins enable|disable ID enable or disable a plugin (from the next start)\n"
    "  plugins reset-schema ID [--yes]\n"
    "                            drop a plugin's tables so its migrations apply afresh\n"
    "                            (development practices only: demo, init --development)\n"
    "  search                    find the words read from standard input in what plugins\n"
    "                            keep (notes, exercises...)\n";

const std::vector<std::string> kBuiltins = {"init",    "demo", "units",   "db",    "audit",
                                            "plugins", "help", "version", "search"};

Result<Options> parse(const std::vector<std::string>& args) {
    Options options;
    options.data_dir = default_data_dir();
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        auto value = [&](const char* option) -> Result<std::string> {
            if (i + 1 >= args.size()) {
                return fail(ErrorCode::Invalid, std::string(option) + " needs a value");
            }
            return args[++i];
        };
        if (arg == "--data-dir") {
            auto dir = value("--data-dir");
            if (!dir) {
                return std::unexpected(dir.error());
            }
            options.data_dir = *dir;
        } else if (arg == "--json") {
            options.json = true;
        } else if (arg == "--passphrase-fd") {
            auto fd = value("--passphrase-fd");
            if (!fd) {
                return std::unexpected(fd.error());
            }
            auto number = sdk::parse_integer(*fd, "--passphrase-fd", 0, 1'000'000);
            if (!number) {
                return fail(ErrorCode::Invalid, number.error());
            }
            options.passphrase_fd = static_cast<int>(*number);
        } else if (arg == "--user") {
            auto user = value("--user");
            if (!user) {
                return std::unexpected(user.error());
            }
            options.user = *user;
        } else if (arg == "--role" && !options.words.empty() && options.words[0] == "users") {
            auto role = value("--role");
            if (!role) {
                return std::unexpected(role.error());
            }
            options.role = *role;
        } else if (arg == "--recovery-key") {
            options.recovery = true;
        } else if (arg == "--fast-kdf") {
            options.fast_kdf = true;
        } else if (arg == "--plain" && !options.words.empty() && options.words[0] == "init") {
            options.plain = true;
        } else if (arg == "--development" && !options.words.empty() && options.words[0] == "init") {
            options.development = true;
        } else if (arg == "--yes" && !options.words.empty() && options.words[0] == "plugins") {
            options.yes = true;
        } else if (arg == "--encrypt" && !options.words.empty() && options.words[0] == "demo") {
            options.encrypt = true;
        } else if (arg == "--people-only" && !options.words.empty() && options.words[0] == "demo") {
            options.people_only = true;
        } else if (arg == "--name" && (options.words.empty() || options.words[0] == "init")) {
            auto name = value("--name");
            if (!name) {
                return std::unexpected(name.error());
            }
            options.name = *name;
        } else if ((arg == "--clients" || arg == "--units" || arg == "--notes") &&
                   !options.words.empty() && options.words[0] == "demo") {
            auto number = value(arg.c_str());
            if (!number) {
                return std::unexpected(number.error());
            }
            // Whole numbers in a range a laptop can hold ("1e3" and 4000000000 are refused).
            auto count =
                sdk::parse_integer(*number, arg, 0, arg == "--notes" ? 10'000'000 : 1'000'000);
            if (!count) {
                return fail(ErrorCode::Invalid, count.error());
            }
            (arg == "--clients" ? options.clients
             : arg == "--units" ? options.units
                                : options.notes) = *count;
        } else if ((arg == "--contact" || arg == "--share") && !options.words.empty() &&
                   options.words[0] == "units") {
            auto answer = value(arg.c_str());
            if (!answer) {
                return std::unexpected(answer.error());
            }
            (arg == "--contact" ? options.contact : options.share) = *answer;
        } else if (arg == "--status" && !options.words.empty() && options.words[0] == "units") {
            auto status = value("--status");
            if (!status) {
                return std::unexpected(status.error());
            }
            options.status = *status;
        } else {
            options.words.push_back(arg);
        }
    }
    return options;
}

// Opens the practice; with plugins, tells what happened to them at this start on err.
// The practice's key when it is encrypted (null when plain): asked once per run, so a command
// that opens the practice twice (demo --notes) does not ask twice.
}  // namespace

Result<const crypto::PracticeKey*> unlocked_key(const Options& options) {
    static std::optional<crypto::PracticeKey> unlocked;
    static std::string unlocked_dir;
    if (unlocked && unlocked_dir == options.data_dir) {
        return &*unlocked;
    }
    SecretInput input(options.passphrase_fd);
    auto key = unlock_practice(options, input, practice_database_path(options.data_dir));
    if (!key) {
        return std::unexpected(key.error());
    }
    if (!*key) {
        return nullptr;
    }
    unlocked = std::move(*key);
    unlocked_dir = options.data_dir;
    return &*unlocked;
}

// An encrypted practice is unlocked first (keyring, passphrase or recovery key); new_key
// creates a new practice encrypted.
Result<std::unique_ptr<Practice>> open_practice(const Options& options,
                                                const std::string& executable_path,
                                                bool load_plugins, CreatePractice create,
                                                std::ostream* notices,
                                                const crypto::PracticeKey* new_key) {
    auto key =
        new_key != nullptr ? Result<const crypto::PracticeKey*>(new_key) : unlocked_key(options);
    if (!key) {
        return std::unexpected(key.error());
    }
    PracticeOptions practice;
    practice.key = *key;
    practice.data_dir = options.data_dir;
    practice.mode = HostMode::Cli;
    practice.load_plugins = load_plugins;
    practice.installed_plugin_dirs = installed_plugin_dirs(executable_path);
    practice.installed_resource_dirs = installed_resource_dirs(executable_path);
    practice.reserved_cli_names = kBuiltins;
    auto opened = Practice::open(practice, create);
    if (opened) {
        if (Status signed_in = sign_in(options, **opened); !signed_in) {
            return std::unexpected(signed_in.error());
        }
    }
    if (opened && notices != nullptr) {
        for (const auto& notice : (*opened)->plugins().start_notices()) {
            *notices << "dyadctl: note: " << notice << "\n";
        }
    }
    return opened;
}

int report(std::ostream& err, const Error& error) {
    err << "dyadctl: " << error.message << "\n";
    return 1;
}

namespace {

// The key file of a practice about to be created; a key file left by an earlier, interrupted
// creation (no database beside it) is moved aside, never overwritten silently.
Status write_new_key_file(const std::string& data_dir, const crypto::KeyFile& file) {
    std::error_code error;
    std::filesystem::create_directories(data_dir, error);
    std::string path = crypto::key_file_path(practice_database_path(data_dir));
    if (std::filesystem::exists(path, error)) {
        std::filesystem::rename(path, path + ".unused-" + std::to_string(std::time(nullptr)),
                                error);
        if (error) {
            return fail(ErrorCode::Io, "a key file without a practice is in the way: " + path);
        }
    }
    return crypto::write_key_file(path, file);
}

// A new practice's keys when `encrypt` (the passphrase asked, the recovery key shown, the key
// file written before the practice is created), nothing otherwise.
Result<std::optional<crypto::NewPracticeKeys>> encryption_for_new_practice(const Options& options,
                                                                           bool encrypt,
                                                                           std::ostream& out,
                                                                           std::ostream& err) {
    if (!encrypt) {
        return std::optional<crypto::NewPracticeKeys>();
    }
    SecretInput input(options.passphrase_fd);
    auto made = new_practice_keys(options, input, options.json ? err : out);
    if (!made) {
        return std::unexpected(made.error());
    }
    DYAD_TRY(write_new_key_file(options.data_dir, made->file));
    return std::optional<crypto::NewPracticeKeys>(std::move(*made));
}

int command_init(const Options& options, const std::string& exe, std::ostream& out,
                 std::ostream& err) {
    if (practice_present(options.data_dir)) {
        err << "dyadctl: a practice already exists in " << options.data_dir << "\n";
        return 1;
    }
    auto keys = encryption_for_new_practice(options, !options.plain, out, err);
    if (!keys) {
        return report(err, keys.error());
    }
    auto practice = open_practice(options, exe, false, CreatePractice::IfMissing, nullptr,
                                  *keys ? &(*keys)->key : nullptr);
    if (!practice) {
        return report(err, practice.error());
    }
    auto named =
        (*practice)->records().set_practice_name(options.name.value_or("My Practice"), "dyadctl");
    if (!named) {
        return report(err, named.error());
    }
    if (options.development) {
        if (auto marked = plugins::mark_development_practice((*practice)->connection(),
                                                             (*practice)->records(), "dyadctl");
            !marked) {
            return report(err, marked.error());
        }
    }
    if (options.json) {
        auto answer = json_object();
        answer->set("created", (*practice)->database_path());
        print_json(out, answer);
    } else {
        out << "created " << (*practice)->database_path() << "\n";
    }
    return 0;
}

int command_from_plugin(const std::vector<std::string>& args, const Options& options,
                        const std::string& exe, std::ostream& out, std::ostream& err);

int command_demo(const Options& options, const std::string& exe, std::ostream& out,
                 std::ostream& err) {
    // The demo's people are made up: plain unless asked (--encrypt), so it opens without a
    // passphrase; a real practice is `init`, encrypted by default.
    auto keys = encryption_for_new_practice(
        options, options.encrypt && !practice_present(options.data_dir), out, err);
    if (!keys) {
        return report(err, keys.error());
    }
    auto practice = open_practice(options, exe, !options.people_only, CreatePractice::IfMissing,
                                  &err, *keys ? &(*keys)->key : nullptr);
    if (!practice) {
        return report(err, practice.error());
    }
    // A demo whose plugins were interrupted (killed while filling) is finished, not refused.
    if (!options.people_only) {
        auto finished = finish_demo_practice(**practice);
        if (!finished) {
            return report(err, finished.error());
        }
        if (*finished) {
            for (const auto& problem : (*finished)->problems) {
                err << "dyadctl: note: " << problem << "\n";
            }
            out << "finished the plugins' part of the demo practice in "
                << (*practice)->database_path() << "\n";
            return 0;
        }
    }
    // The demo and its caseload in one transaction: a kill half-way leaves an empty practice
    // that `demo` fills again, not half a demo it refuses. The plugins fill theirs after it.
    auto filled = fill_demo_practice(**practice, !options.people_only, [&]() -> Status {
        // Made-up people: a plugin author may reset a plugin's tables here (plugins
        // reset-schema).
        DYAD_TRY(plugins::mark_development_practice((*practice)->connection(),
                                                    (*practice)->records(), "dyadctl"));
        if (options.clients || options.units) {
            records::CaseloadSize size;
            size.clients = options.clients.value_or(options.units.value_or(0) * 2);
            size.units = options.units.value_or(size.clients * 3 / 10);
            DYAD_TRY(records::generate_caseload((*practice)->records(), (*practice)->connection(),
                                                size));
        }
        return ok();
    });
    if (!filled) {
        return report(err, filled.error());
    }
    for (const auto& problem : filled->problems) {
        err << "dyadctl: note: " << problem << "\n";
    }
    std::string path = (*practice)->database_path();
    if (options.notes) {
        // Notes are the records plugin's; it writes them through its own command.
        practice->reset();
        Options forward = options;
        forward.words = {"records"};
        std::vector<std::string> args = {"records", "generate-notes", "--count",
                                         std::to_string(*options.notes)};
        std::ostringstream quiet;
        if (int code = command_from_plugin(args, forward, exe, quiet, err); code != 0) {
            err << "dyadctl: the notes were not generated (is the records plugin enabled?)\n";
            return code;
        }
    }
    if (options.json) {
        auto answer = json_object();
        answer->set("created", path);
        print_json(out, answer);
    } else {
        out << "created the demo practice in " << path << "\n";
    }
    return 0;
}

// Signs in to the practice (when it has users) and checks the permission, then closes it: for
// the commands that work on the practice's files rather than through an open practice.
Status authorize(const Options& options, const std::string& exe, people::Permission needed) {
    if (!practice_present(options.data_dir)) {
        return ok();
    }
    auto practice = open_practice(options, exe, false, CreatePractice::MustExist);
    if (!practice) {
        return std::unexpected(practice.error());
    }
    return require(**practice, needed);
}

int command_db(const Options& options, const std::string& exe, std::ostream& out,
               std::ostream& err) {
    std::string database = practice_database_path(options.data_dir);
    const auto& words = options.words;
    bool keys_verb = words.size() == 2 &&
                     (words[1] == "encrypt" || words[1] == "passphrase" ||
                      words[1] == "rotate-key" || words[1] == "remember" || words[1] == "forget");
    bool known = keys_verb || (words.size() == 2 && words[1] == "check") ||
                 (words.size() == 3 && (words[1] == "backup" || words[1] == "restore"));
    if (!known) {
        err << "usage: dyadctl db check | backup FILE | restore FILE | encrypt | passphrase | "
               "rotate-key | remember | forget\n";
        return 2;
    }
    bool checking = words[1] == "check";
    if (Status allowed = authorize(
            options, exe,
            checking ? people::Permission::ReadDemographics : people::Permission::BackupRestore);
        !allowed) {
        return report(err, allowed.error());
    }
    if (keys_verb) {
        return command_db_keys(options, out, err, [&] { return unlocked_key(options); });
    }
    auto key = unlocked_key(options);
    if (!key) {
        return report(err, key.error());
    }
    if (words.size() == 2 && words[1] == "check") {
        auto report_result = db::check_database(database, *key);
        if (!report_result) {
            return report(err, report_result.error());
        }
        for (const auto& note : report_result->notes) {
            err << "dyadctl: note: " << note << "\n";
        }
        if (options.json) {
            auto answer = json_object();
            answer->set("healthy", report_result->healthy);
            Poco::JSON::Array::Ptr problems = new Poco::JSON::Array;
            for (const auto& problem : report_result->problems) {
                problems->add(problem);
            }
            answer->set("problems", problems);
            print_json(out, answer);
        } else if (report_result->healthy) {
            out << "ok: " << database << " passed the integrity and foreign key checks\n";
        }
        if (!report_result->healthy) {
            const std::string& first = report_result->problems.front();
            err << "dyadctl: the database is damaged: " << first;
            if (report_result->problems.size() > 1) {
                err << " (and " << report_result->problems.size() - 1 << " more problem(s))";
            }
            if (first.find("restore a backup") == std::string::npos) {
                err << "; restore a backup with `dyadctl db restore FILE`";
            }
            err << "\n";
            return 1;
        }
        return 0;
    }
    if (words.size() == 3 && words[1] == "backup") {
        auto done = db::backup_database(database, words[2], {}, *key);
        if (!done) {
            return report(err, done.error());
        }
        if (options.json) {
            auto answer = json_object();
            answer->set("backup", words[2]);
            print_json(out, answer);
        } else {
            out << "backed up to " << words[2] << "\n";
        }
        return 0;
    }
    if (words.size() == 3 && words[1] == "restore") {
        db::BackupKeys keys;
        keys.current = *key;
        std::error_code ignored;  // A new computer: restore into a folder not made yet.
        std::filesystem::create_directories(options.data_dir, ignored);
        SecretInput input(options.passphrase_fd);
        if (auto kind = db::backup_kind(words[2]); kind && *kind == db::BackupKind::Sealed) {
            auto slots = db::sealed_backup_slots(words[2]);
            if (!slots) {
                return report(err, slots.error());
            }
            if (*key == nullptr || (*key)->salt != slots->slots.front().database_salt) {
                auto secret = input.read("Passphrase (or recovery key) of the backup: ");
                if (!secret) {
                    return report(err, secret.error());
                }
                keys.passphrase_or_recovery = std::move(*secret);
            }
        }
        auto kept = db::restore_database(words[2], database, records::core_schema_version(), keys);
        wipe(keys.passphrase_or_recovery);
        if (!kept) {
            return report(err, kept.error());
        }
        if (options.json) {
            auto answer = json_object();
            answer->set("restored", words[2]);
            answer->set("previous", *kept);
            print_json(out, answer);
        } else {
            out << "restored from " << words[2] << "; the previous database is kept as " << *kept
                << "\n";
        }
        return 0;
    }
    return 2;
}

int command_audit(const Options& options, const std::string& exe, std::ostream& out,
                  std::ostream& err) {
    if (options.words.size() != 2 || options.words[1] != "verify") {
        err << "usage: dyadctl audit verify [--json]\n";
        return 2;
    }
    auto practice = open_practice(options, exe, false, CreatePractice::MustExist);
    if (!practice) {
        return report(err, practice.error());
    }
    if (!(*practice)->may(people::Permission::ReadAudit)) {
        return report(err, Error{ErrorCode::Refused,
                                 "only an owner or a supervisor may read the "
                                 "audit trail"});
    }
    auto checked = records::verify_audit_chain(
        (*practice)->connection(), records::audit_head_path((*practice)->database_path()),
        (*practice)->key());
    if (!checked) {
        return report(err, checked.error());
    }
    for (const auto& note : checked->notes) {
        err << "dyadctl: note: " << note << "\n";
    }
    if (options.json) {
        auto answer = json_object();
        answer->set("intact", checked->intact);
        answer->set("entries", checked->entries);
        answer->set("problem", checked->problem);
        print_json(out, answer);
    } else if (checked->intact) {
        out << "ok: the audit trail's " << checked->entries
            << " entries form an unbroken chain up to its recorded head\n";
    }
    if (!checked->intact) {
        err << "dyadctl: the audit trail was tampered with: " << checked->problem << "\n";
        return 1;
    }
    return 0;
}

struct StreamPair {
    std::ostream* out;
    std::ostream* err;
};

void write_out(const dyad_cli_io* io, const char* text) {
    *static_cast<StreamPair*>(io->io_data)->out << (text != nullptr ? text : "");
}

void write_err(const dyad_cli_io* io, const char* text) {
    *static_cast<StreamPair*>(io->io_data)->err << (text != nullptr ? text : "");
}

int command_from_plugin(const std::vector<std::string>& args, const Options& options,
                        const std::string& exe, std::ostream& out, std::ostream& err) {
    auto practice = open_practice(options, exe, true, CreatePractice::MustExist, &err);
    if (!practice) {
        return report(err, practice.error());
    }
    const std::string& name = options.words[0];
    for (const auto& command : (*practice)->plugins().contributions().cli_commands) {
        if (command.name != name) {
            continue;
        }
        // The plugin sees its arguments as given, minus the global --data-dir option.
        std::vector<std::string> forwarded;
        bool seen_name = false;
        for (std::size_t i = 0; i < args.size(); ++i) {
            if (args[i] == "--data-dir") {
                ++i;
                continue;
            }
            if (!seen_name && args[i] == name) {
                seen_name = true;
            }
            if (seen_name) {
                forwarded.push_back(args[i]);
            }
        }
        // A --json given before the command's name is the command's too.
        if (options.json &&
            std::find(forwarded.begin(), forwarded.end(), "--json") == forwarded.end()) {
            forwarded.insert(forwarded.begin() + 1, "--json");  // Not an option's value.
        }
        std::vector<const char*> argv;
        for (const auto& arg : forwarded) {
            argv.push_back(arg.c_str());
        }
        StreamPair streams{&out, &err};
        dyad_cli_io io{sizeof(dyad_cli_io), &streams, &write_out, &write_err};
        int code = command.run(command.user, static_cast<int>(argv.size()), argv.data(), &io);
        // A transaction the plugin left open is rolled back, and the command did not succeed.
        auto abandoned = (*practice)->plugins().close_abandoned_transactions();
        for (const auto& warning : abandoned) {
            err << "dyadctl: " << warning << "\n";
        }
        return abandoned.empty() || code != 0 ? code : 1;
    }
    // Maybe a plugin that would provide it did not load (refused, quarantined, or its start
    // failed on a full disk): say which and why, not only "unknown".
    std::vector<const plugins::PluginRecord*> missing;
    for (const auto& plugin : (*practice)->plugins().plugins()) {
        if (plugin.state == plugins::PluginState::Refused ||
            plugin.state == plugins::PluginState::Quarantined) {
            missing.push_back(&plugin);
        }
    }
    err << "dyadctl: unknown command '" << name << "' (see dyadctl --help)";
    if (!missing.empty()) {
        err << "; " << missing.size() << (missing.size() == 1 ? " plugin" : " plugins")
            << " that may provide it did not load:";
        for (const auto* plugin : missing) {
            err << "\n  " << std::filesystem::path(plugin->path).filename().string() << ": "
                << plugin->reason;
        }
    }
    err << "\n";
    return 2;
}

// `dyadctl help`: the built-in commands, then the commands of this practice's plugins with
// their summaries; `dyadctl help NAME`: a plugin command's usage.
int command_help(const Options& options, const std::string& exe, std::ostream& out,
                 std::ostream& err) {
    bool one = options.words.size() == 2;
    if (!one ||
        std::find(kBuiltins.begin(), kBuiltins.end(), options.words[1]) != kBuiltins.end()) {
        out << kUsage;  // A built-in's usage is here; the practice is opened only to list plugins.
        if (one) {
            return 0;
        }
    }
    auto practice = open_practice(options, exe, true, CreatePractice::MustExist, &err);
    if (!practice) {
        if (one) {
            return report(err, practice.error());
        }
        out << "\nPlugin commands: none listed (" << practice.error().message << ")\n";
        return 0;
    }
    const auto& commands = (*practice)->plugins().contributions().cli_commands;
    if (one) {
        for (const auto& command : commands) {
            if (command.name == options.words[1]) {
                out << "usage: dyadctl " << command.usage << "\n";
                return 0;
            }
        }
        err << "dyadctl: no command '" << options.words[1] << "' (see dyadctl help)\n";
        return 2;
    }
    out << "\nPlugin commands in this practice (dyadctl help NAME for one's usage):\n";
    for (const auto& command : commands) {
        std::string name = command.name;
        name.resize(std::max<std::size_t>(name.size() + 1, 26), ' ');
        out << "  " << name << command.summary << "  [" << command.plugin_id << "]\n";
    }
    return 0;
}

}  // namespace

const std::vector<std::string>& builtin_command_names() {
    return kBuiltins;
}

int run(const std::vector<std::string>& args, const std::string& executable_path, std::ostream& out,
        std::ostream& err) {
    for (const auto& arg : args) {
        if (arg == "--version") {
            out << "dyadctl " << DYAD_VERSION << " (SDK " << DYAD_SDK_VERSION_MAJOR << "."
                << DYAD_SDK_VERSION_MINOR << ", SQLite " << sqlite3_libversion() << ")\n";
            return 0;
        }
        if (arg == "--help" || arg == "-h") {
            out << kUsage;
            return 0;
        }
    }
    auto options = parse(args);
    if (!options) {
        err << "dyadctl: " << options.error().message << "\n";
        return 2;
    }
    if (options->words.empty()) {
        err << kUsage;
        return 2;
    }
    const std::string& command = options->words[0];
    if (command == "init") {
        return command_init(*options, executable_path, out, err);
    }
    if (command == "demo") {
        return command_demo(*options, executable_path, out, err);
    }
    if (command == "units") {
        return command_units(*options, executable_path, out, err);
    }
    if (command == "db") {
        return command_db(*options, executable_path, out, err);
    }
    if (command == "plugins") {
        return command_plugins(*options, executable_path, out, err);
    }
    if (command == "users") {
        auto practice = open_practice(*options, executable_path, false, CreatePractice::MustExist);
        if (!practice) {
            return report(err, practice.error());
        }
        return command_users(*options, **practice, out, err);
    }
    if (command == "audit") {
        return command_audit(*options, executable_path, out, err);
    }
    if (command == "help") {
        return command_help(*options, executable_path, out, err);
    }
    if (command == "search") {
        return command_search(*options, executable_path, std::cin, out, err);
    }
    return command_from_plugin(args, *options, executable_path, out, err);
}

}  // namespace dyad::cli
