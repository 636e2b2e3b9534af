#include <filesystem>
#include <iostream>

#include "dyadctl.h"

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    std::error_code error;
    std::string executable = std::filesystem::read_symlink("/proc/self/exe", error).string();
    try {
        return dyad::cli::run(args, executable, std::cout, std::cerr);
    } catch (const std::exception& exception) {
        std::cerr << "dyadctl: unexpected error: " << exception.what() << "\n";
        return 1;
    }
}
