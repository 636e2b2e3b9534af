#include "secrets.h"

#include <fcntl.h>
#include <sodium.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace dyad::cli {
namespace {

constexpr std::size_t kLongest = 4096;

// Reads one line byte by byte, so the next question reads the next line.
Result<std::string> read_line(int fd, const char* source) {
    std::string line;
    while (true) {
        char c = 0;
        ssize_t n = ::read(fd, &c, 1);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            wipe(line);
            return fail(ErrorCode::Io,
                        std::string("cannot read from ") + source + ": " + std::strerror(errno));
        }
        if (n == 0) {
            if (line.empty()) {
                return fail(ErrorCode::Invalid,
                            std::string(source) + " ended before the passphrase was given");
            }
            break;
        }
        if (c == '\n') {
            break;
        }
        if (line.size() == kLongest) {
            wipe(line);
            return fail(ErrorCode::Invalid,
                        std::string("the line read from ") + source + " is longer than 4096 bytes");
        }
        line += c;
    }
    if (!line.empty() && line.back() == '\r') {
        line.pop_back();
    }
    return line;
}

}  // namespace

void wipe(std::string& secret) {
    if (!secret.empty()) {
        sodium_memzero(secret.data(), secret.size());
    }
    secret.clear();
    secret.shrink_to_fit();
}

Result<std::string> SecretInput::read(const std::string& prompt) {
    if (m_fd >= 0) {
        return read_line(m_fd, "the passphrase descriptor");
    }
    int tty = ::open("/dev/tty", O_RDWR | O_CLOEXEC | O_NOCTTY);
    if (tty < 0) {
        return fail(ErrorCode::Invalid,
                    "no terminal to ask on: give the passphrase on a file descriptor with "
                    "--passphrase-fd N (never on the command line)");
    }
    termios saved{};
    bool restore = ::tcgetattr(tty, &saved) == 0;
    if (restore) {
        termios quiet = saved;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        quiet.c_lflag |= ECHONL;
        ::tcsetattr(tty, TCSAFLUSH, &quiet);
    }
    (void)!::write(tty, prompt.data(), prompt.size());
    auto line = read_line(tty, "the terminal");
    if (restore) {
        ::tcsetattr(tty, TCSAFLUSH, &saved);
    }
    ::close(tty);
    return line;
}

}  // namespace dyad::cli
