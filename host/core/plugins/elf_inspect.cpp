#include "plugins/elf_inspect.h"

#include <elf.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <string_view>

#include "dyad/show.hpp"

namespace dyad::plugins {
namespace {

// A read-only mapping of a whole file, unmapped on destruction.
class MappedFile {
  public:
    explicit MappedFile(const std::string& path) {
        int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            return;
        }
        struct stat info {};
        if (fstat(fd, &info) == 0 && info.st_size > 0) {
            m_size = static_cast<std::size_t>(info.st_size);
            void* data = mmap(nullptr, m_size, PROT_READ, MAP_PRIVATE, fd, 0);
            m_data = data == MAP_FAILED ? nullptr : static_cast<const unsigned char*>(data);
        }
        close(fd);
    }
    ~MappedFile() {
        if (m_data != nullptr) {
            munmap(const_cast<unsigned char*>(m_data), m_size);
        }
    }
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;

    bool ok() const { return m_data != nullptr; }
    std::size_t size() const { return m_size; }
    bool contains(std::uint64_t offset, std::uint64_t length) const {
        return offset <= m_size && length <= m_size - offset;
    }
    template <class T>
    const T* at(std::uint64_t offset) const {
        return contains(offset, sizeof(T)) ? reinterpret_cast<const T*>(m_data + offset) : nullptr;
    }
    std::string_view bytes(std::uint64_t offset, std::uint64_t length) const {
        return contains(offset, length)
                   ? std::string_view(reinterpret_cast<const char*>(m_data + offset), length)
                   : std::string_view();
    }

  private:
    const unsigned char* m_data = nullptr;
    std::size_t m_size = 0;
};

const std::string_view kSqliteMagic("SQLite format 3\0", 16);

}  // namespace

Result<ElfInfo> inspect_elf(const std::string& path) {
    MappedFile file(path);
    if (!file.ok()) {
        return fail(ErrorCode::Io, show::marked("plugin reason", "it cannot be read"));
    }
    const auto* header = file.at<Elf64_Ehdr>(0);
    if (header == nullptr || std::memcmp(header->e_ident, ELFMAG, SELFMAG) != 0 ||
        header->e_ident[EI_CLASS] != ELFCLASS64 || header->e_type != ET_DYN ||
        header->e_shentsize != sizeof(Elf64_Shdr)) {
        return fail(ErrorCode::Invalid,
                    show::marked("plugin reason", "it is not a 64-bit shared library"));
    }
    if (!file.contains(header->e_shoff,
                       static_cast<std::uint64_t>(header->e_shnum) * sizeof(Elf64_Shdr))) {
        return fail(ErrorCode::Corrupt,
                    show::marked("plugin reason", "it is truncated or damaged (section table)"));
    }
    auto section = [&](std::size_t index) {
        return file.at<Elf64_Shdr>(header->e_shoff + index * sizeof(Elf64_Shdr));
    };
    ElfInfo info;
    for (std::size_t i = 0; i < header->e_shnum; ++i) {
        const Elf64_Shdr* current = section(i);
        if (current->sh_type == SHT_PROGBITS && (current->sh_flags & SHF_ALLOC) != 0 &&
            (current->sh_flags & SHF_EXECINSTR) == 0 && (current->sh_flags & SHF_WRITE) == 0) {
            std::string_view data = file.bytes(current->sh_offset, current->sh_size);
            if (data.find(kSqliteMagic) != std::string_view::npos) {
                info.embeds_sqlite = true;
            }
        }
        if (current->sh_type != SHT_DYNAMIC || current->sh_link >= header->e_shnum) {
            continue;
        }
        const Elf64_Shdr* strings = section(current->sh_link);
        std::uint64_t count = current->sh_size / sizeof(Elf64_Dyn);
        for (std::uint64_t n = 0; n < count; ++n) {
            const auto* entry = file.at<Elf64_Dyn>(current->sh_offset + n * sizeof(Elf64_Dyn));
            if (entry == nullptr) {
                return fail(
                    ErrorCode::Corrupt,
                    show::marked("plugin reason", "it is truncated or damaged (dynamic section)"));
            }
            if (entry->d_tag == DT_NULL) {
                break;
            }
            if (entry->d_tag == DT_RPATH || entry->d_tag == DT_RUNPATH) {
                info.own_search_path = true;
            }
            if (entry->d_tag != DT_NEEDED || entry->d_un.d_val >= strings->sh_size) {
                continue;
            }
            std::string_view rest = file.bytes(strings->sh_offset + entry->d_un.d_val,
                                               strings->sh_size - entry->d_un.d_val);
            info.needed.emplace_back(rest.substr(0, rest.find('\0')));
        }
    }
    return info;
}

Reason second_sqlite_reason(const ElfInfo& info) {
    if (info.embeds_sqlite) {
        return Reason(show::marked("plugin reason",
                                   "it contains its own copy of SQLite; two copies in one process "
                                   "corrupt databases (link the system libsqlite3 or none)"));
    }
    for (const auto& library : info.needed) {
        bool sqlite_like = library.find("sqlite") != std::string::npos ||
                           library.find("sqlcipher") != std::string::npos;
        if (sqlite_like && library != "libsqlite3.so.0") {
            return Reason(show::marked("plugin reason",
                                       "it links its own copy of SQLite ({library}); two copies "
                                       "in one process corrupt databases"))
                .with("library", library);
        }
    }
    return {};
}

std::vector<std::string> preloadable_needed(const ElfInfo& info) {
    if (info.own_search_path || !second_sqlite_reason(info).empty()) {
        return {};
    }
    return info.needed;
}

std::vector<std::string> plugin_files(const std::string& folder) {
    std::vector<std::string> paths;
    std::error_code error;
    if (folder.empty() || !std::filesystem::is_directory(folder, error)) {
        return paths;
    }
    for (std::filesystem::directory_iterator it(folder, error), end; !error && it != end;
         it.increment(error)) {
        std::error_code kind;
        if (it->path().extension() == ".so" && it->is_regular_file(kind)) {
            paths.push_back(std::filesystem::canonical(it->path(), kind).string());
        }
    }
    std::sort(paths.begin(), paths.end());
    return paths;
}

}  // namespace dyad::plugins
