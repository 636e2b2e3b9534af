// dyad-directory-server --db FILE [--port N] [--host ADDRESS] [--fault MODE[:COUNT]]
//                       [--token-env VARIABLE]
// Serves the open directory API (openapi.yaml) until interrupted (Ctrl+C or SIGTERM).
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "directory_server.h"

int main(int argc, char** argv) {
    std::string db;
    std::string host = "127.0.0.1";
    int port = 8080;
    dyad::directory::Fault fault;
    std::string token;
    for (int i = 1; i + 1 < argc; i += 2) {
        std::string option = argv[i];
        std::string value = argv[i + 1];
        if (option == "--db") {
            db = value;
        } else if (option == "--port") {
            port = std::stoi(value);
        } else if (option == "--host") {
            host = value;
        } else if (option == "--token-env") {
            // From the environment, not the command line, so it is not in `ps` for all to see.
            const char* value_of = std::getenv(value.c_str());
            token = value_of != nullptr ? value_of : "";
            if (token.empty()) {
                std::fprintf(stderr, "dyad-directory-server: %s is not set\n", value.c_str());
                return 2;
            }
        } else if (option == "--fault") {
            fault.mode = value.substr(0, value.find(':'));
            if (value.find(':') != std::string::npos) {
                fault.count = std::stoi(value.substr(value.find(':') + 1));
            }
        }
    }
    if (db.empty()) {
        std::fprintf(stderr,
                     "usage: dyad-directory-server --db FILE [--port N] [--host ADDRESS] "
                     "[--fault delay|500|429|drop[:COUNT]] [--token-env VARIABLE]\n");
        return 2;
    }
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, nullptr);  // Before the server's threads start.
    auto server = dyad::directory::DirectoryServer::start(db, port, host);
    if (!server) {
        std::fprintf(stderr, "dyad-directory-server: %s\n", server.error().c_str());
        return 1;
    }
    (*server)->set_fault(fault);
    (*server)->set_token(token);
    std::printf("listening on %s:%d\n", host.c_str(), (*server)->port());
    std::fflush(stdout);
    int signal = 0;
    sigwait(&stop, &signal);
    return 0;
}
