// @brief The runtime library's own version, compiled in from the generated version.hpp.
#include <migrations/version.hpp>

namespace migrations {

const char* runtime_version() noexcept { return MIGRATIONS_VERSION_STRING; }

}  // namespace migrations
