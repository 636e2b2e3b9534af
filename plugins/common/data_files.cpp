#include "data_files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <map>

#include <dyad/show.hpp>

namespace dyad::datafile {
namespace {

std::string megabytes(std::size_t bytes) {
    return std::to_string(bytes / (1024 * 1024)) + " MiB";
}

// errno after a failed write, in words for a person.
std::string write_problem(const std::string& path, int error) {
    switch (error) {
        case ENOSPC:
        case EDQUOT:
            return "cannot write " + path + ": the disk is full; free some space and try again";
        case EACCES:
        case EPERM:
            return "cannot write " + path + ": no permission to write in that folder";
        case EROFS:
            return "cannot write " + path + ": the disk is read-only";
        case ENOENT:
        case ENOTDIR:
            return "cannot write " + path + ": the folder does not exist";
        case EISDIR:
            return "cannot write " + path + ": it is a folder";
        default:
            return "cannot write " + path + ": " + std::strerror(error);
    }
}

struct Fd {
    int fd;
    explicit Fd(int value) : fd(value) {}
    ~Fd() {
        if (fd >= 0) {
            close(fd);
        }
    }
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
};

}  // namespace

std::string read_user_file(const std::string& path, std::size_t max_bytes, std::string& error) {
    error.clear();
    // O_NONBLOCK: a FIFO opens at once (and is refused below) instead of waiting for a writer.
    Fd file(open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK));
    if (file.fd < 0) {
        error = errno == ENOENT ? "there is no file " + path
                                : "cannot read " + path + ": " + std::strerror(errno);
        return {};
    }
    struct stat status {};
    if (fstat(file.fd, &status) != 0) {
        error = "cannot read " + path + ": " + std::strerror(errno);
        return {};
    }
    if (S_ISDIR(status.st_mode)) {
        error = path + " is a folder, not a file";
        return {};
    }
    if (!S_ISREG(status.st_mode)) {
        error = path +
                " is not a plain file (a pipe or a device such as /dev/zero); save the data "
                "to a file first";
        return {};
    }
    if (static_cast<std::uint64_t>(status.st_size) > max_bytes) {
        error = path + " is larger than " + megabytes(max_bytes) + ", the limit for this file";
        return {};
    }
    std::string text(static_cast<std::size_t>(status.st_size), '\0');
    std::size_t done = 0;
    while (done < text.size()) {
        ssize_t got = read(file.fd, text.data() + done, text.size() - done);
        if (got < 0 && errno == EINTR) {
            continue;
        }
        if (got < 0) {
            error = "cannot read " + path + ": " + std::strerror(errno);
            return {};
        }
        if (got == 0) {
            break;
        }
        done += static_cast<std::size_t>(got);
    }
    text.resize(done);
    return text;
}

std::optional<std::string> read_data_file(const std::string& path,
                                          std::vector<std::string>& problems) {
    std::error_code missing;
    if (!std::filesystem::exists(path, missing)) {
        return std::nullopt;
    }
    std::string error;
    std::string content = read_user_file(path, kMaxDataFileBytes, error);
    if (!error.empty()) {
        problems.push_back(error);
        return std::nullopt;
    }
    return content;
}

std::string localized(const std::string& folder, const std::string& relative) {
    const std::string& language = dyad::show::language();
    if (language != "en" && !language.empty()) {
        std::filesystem::path translated = std::filesystem::path(folder) / language / relative;
        std::error_code error;
        if (std::filesystem::exists(translated, error)) {
            return translated.string();
        }
    }
    return (std::filesystem::path(folder) / relative).string();
}

std::vector<std::string> localized_paths(const std::string& folder, const std::string& relative) {
    std::vector<std::string> paths;
    std::string translated = localized(folder, relative);
    std::string english = (std::filesystem::path(folder) / relative).string();
    if (translated != english) {
        paths.push_back(translated);
    }
    paths.push_back(english);
    return paths;
}

void for_each_data_file(
    const std::vector<std::string>& folders, const std::string& subfolder,
    const std::function<bool(const std::string& path, const std::string& content)>& read_file,
    const std::string& extension, std::vector<std::string>* problems) {
    const std::string& language = dyad::show::language();
    bool translated = language != "en" && !language.empty();
    for (const auto& folder : folders) {
        // By file name: the translation first when there is one, then the English file.
        std::map<std::string, std::vector<std::filesystem::path>> files;
        auto list = [&](const std::filesystem::path& directory) {
            std::error_code error;
            if (!std::filesystem::is_directory(directory, error)) {
                return;
            }
            for (std::filesystem::directory_iterator it(directory, error), end; !error && it != end;
                 it.increment(error)) {
                if (it->path().extension() == extension) {
                    files[it->path().filename().string()].push_back(it->path());
                }
            }
        };
        if (translated) {
            list(std::filesystem::path(folder) / language / subfolder);
        }
        list(std::filesystem::path(folder) / subfolder);
        for (const auto& [name, candidates] : files) {
            for (std::size_t i = 0; i < candidates.size(); ++i) {
                const std::string path = candidates[i].string();
                bool english_left = i + 1 < candidates.size();
                std::string problem;
                std::string content = read_user_file(path, kMaxDataFileBytes, problem);
                if (problem.empty() && read_file(path, content)) {
                    break;
                }
                if (problems == nullptr) {
                    continue;
                }
                if (!problem.empty()) {
                    problems->push_back(problem + (english_left
                                                       ? "; the English file is tried instead"
                                                       : "; it was skipped"));
                } else if (english_left) {  // read said what was wrong with it.
                    problems->push_back(path + " was not used; the English file is tried instead");
                }
            }
        }
    }
}

std::string write_file_atomically(const std::string& path, const std::string& text) {
    std::string partial = path + ".partial";
    int problem = 0;
    {
        Fd out(open(partial.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
        if (out.fd < 0) {
            return write_problem(path, errno);
        }
        std::size_t done = 0;
        while (done < text.size() && problem == 0) {
            ssize_t wrote = write(out.fd, text.data() + done, text.size() - done);
            if (wrote < 0 && errno == EINTR) {
                continue;
            }
            if (wrote <= 0) {
                problem = wrote < 0 ? errno : ENOSPC;
                break;
            }
            done += static_cast<std::size_t>(wrote);
        }
        if (problem == 0 && fsync(out.fd) != 0) {
            problem = errno;
        }
    }
    if (problem == 0 && std::rename(partial.c_str(), path.c_str()) != 0) {
        problem = errno;
    }
    if (problem != 0) {
        std::remove(partial.c_str());
        return write_problem(path, problem);
    }
    std::string folder = std::filesystem::path(path).parent_path().string();
    Fd directory(open(folder.empty() ? "." : folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (directory.fd >= 0) {
        (void)fsync(directory.fd);
    }
    return {};
}

}  // namespace dyad::datafile
