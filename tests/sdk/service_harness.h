// The host side of the SDK services without a plugin library in between: a practice database,
// core records and contexts bound like the plugin manager binds them. Shared by the services'
// tests.
#pragma once

#include <gtest/gtest.h>

#include "plugins/plugin_context.h"
#include "records/core_schema.h"
#include "test_support.h"

namespace dyad::test {

struct Harness {
    test::TempDir dir;
    db::Connection main;
    EventBus events;
    std::unique_ptr<records::CoreRecords> records;
    plugins::Contributions contributions;
    std::vector<std::string> reserved = {"db", "plugins"};
    std::vector<std::string> folders = {"/data/resources", "/clinic", "/usr/share/dyad"};

    Harness() {
        main = std::move(*db::Connection::open(dir.file("s.db"), db::OpenMode::CreateIfMissing));
        EXPECT_TRUE(records::migrate_core(main));
        records = std::make_unique<records::CoreRecords>(main, &events);
    }

    std::unique_ptr<plugins::PluginContext> plugin(const std::string& id) {
        auto context = std::make_unique<plugins::PluginContext>();
        context->plugin_id = id;
        context->main = &main;
        context->records = records.get();
        context->events = &events;
        context->contributions = &contributions;
        context->reserved_cli_names = &reserved;
        context->resource_folders = &folders;
        context->data_folder = dir.path();
        plugins::bind_host(*context);
        return context;
    }
};

template <class Service>
const Service* service(const plugins::PluginContext& context, const char* id) {
    return static_cast<const Service*>(context.host.get_service(&context.host, id));
}

inline dyad_new_client person(const char* given, const char* family) {
    dyad_new_client client{};
    client.struct_size = sizeof client;
    client.given_name = given;
    client.family_name = family;
    return client;
}

}  // namespace dyad::test
