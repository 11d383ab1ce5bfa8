// @brief migrations::Error and the names of its kinds.
#include <migrations/error.hpp>

#include <utility>

namespace migrations {

const char* error_kind_name(ErrorKind kind) noexcept {
    switch (kind) {
        case ErrorKind::unknown_revision:
            return "unknown_revision";
        case ErrorKind::checksum_mismatch:
            return "checksum_mismatch";
        case ErrorKind::pending_revision:
            return "pending_revision";
        case ErrorKind::bad_target:
            return "bad_target";
        case ErrorKind::irreversible:
            return "irreversible";
        case ErrorKind::statement_failed:
            return "statement_failed";
        case ErrorKind::lock_timeout:
            return "lock_timeout";
        case ErrorKind::bad_url:
            return "bad_url";
        case ErrorKind::bad_option:
            return "bad_option";
        case ErrorKind::bad_catalog:
            return "bad_catalog";
        case ErrorKind::database:
            return "database";
    }
    return "unknown";
}

Error::Error(ErrorKind kind, const std::string& message, std::string revision, std::string file, unsigned line,
             int database_code)
    : std::runtime_error(message),
      kind_(kind),
      revision_(std::move(revision)),
      file_(std::move(file)),
      line_(line),
      database_code_(database_code) {}

}  // namespace migrations
