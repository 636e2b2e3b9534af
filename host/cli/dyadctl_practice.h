// Opening the practice the way every dyadctl command does, shared by its command files.
// Thread: main.
#pragma once

#include <iosfwd>
#include <memory>
#include <string>

#include "crypto/practice_keys.h"
#include "options.h"
#include "practice.h"
#include "util/error.h"

namespace dyad::cli {

// The practice's key when it is encrypted (null when plain): asked once per run, so a command
// that opens the practice twice (demo --notes) does not ask twice.
Result<const crypto::PracticeKey*> unlocked_key(const Options& options);

// Opens the practice in options.data_dir (unlocked first when encrypted, then signed in);
// with plugins, tells what happened to them at this start on *notices. new_key creates a new
// practice encrypted with it.
Result<std::unique_ptr<Practice>> open_practice(const Options& options,
                                                const std::string& executable_path,
                                                bool load_plugins, CreatePractice create,
                                                std::ostream* notices = nullptr,
                                                const crypto::PracticeKey* new_key = nullptr);

// "dyadctl: MESSAGE" on err; returns 1.
int report(std::ostream& err, const Error& error);

}  // namespace dyad::cli
