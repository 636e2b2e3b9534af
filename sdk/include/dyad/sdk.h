/* Everything in the Dyad plugin SDK v1 (1.1), for C and C++ plugins alike. */
#ifndef DYAD_SDK_H
#define DYAD_SDK_H

#include "cli.h"
#include "core.h"
#include "db.h"
#include "demo.h"
#include "events.h"
#include "log.h"
#include "paths.h"
#include "people.h"
#include "plugin.h"
#include "schema.h"
#include "search.h"
#include "settings.h"
#include "ui.h"

#endif
