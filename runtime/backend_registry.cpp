// @brief The scheme -> backend table: SQLite built in, other backends registered at run time.
#include "backend_registry.hpp"

#include "sqlite/sqlite_backend.hpp"

#include <migrations/error.hpp>

#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace migrations::detail {

namespace {

struct Entry {
    std::string scheme;
    BackendOpener opener;
    /// For Access::read, when it differs from `opener`.
    BackendOpener read_opener = nullptr;
};

struct Registry {
    std::mutex mutex;
    std::vector<Entry> entries{{"sqlite", &SqliteBackend::open, &SqliteBackend::open_existing}};
};

Registry& registry() {
    static Registry instance;
    return instance;
}

}  // namespace

void register_backend(std::string_view scheme, BackendOpener opener) {
    Registry& r = registry();
    const std::lock_guard<std::mutex> lock(r.mutex);
    for (Entry& entry : r.entries) {
        if (entry.scheme == scheme) {
            entry.opener = opener;
            entry.read_opener = nullptr;
            return;
        }
    }
    r.entries.push_back({std::string(scheme), opener});
}

std::unique_ptr<Backend> open_backend(std::string_view url, const Options& options, Access access) {
    const DatabaseUrl parsed = parse_url(url);
    BackendOpener opener = nullptr;
    std::string served;
    {
        Registry& r = registry();
        const std::lock_guard<std::mutex> lock(r.mutex);
        for (const Entry& entry : r.entries) {
            if (entry.scheme == parsed.scheme)
                opener = access == Access::read && entry.read_opener != nullptr ? entry.read_opener : entry.opener;
            served += (served.empty() ? "" : ", ") + entry.scheme;
        }
    }
    if (opener == nullptr && (parsed.scheme == "postgresql" || parsed.scheme == "postgres")) {
        throw Error(ErrorKind::bad_url, "URL '" + parsed.redacted +
                                            "' needs the PostgreSQL backend, which this binary was built without; "
                                            "link it: find_package(Migrations COMPONENTS postgresql) or "
                                            "add_migrations(<target> ... DIALECTS sqlite postgresql)");
    }
    if (opener == nullptr) {
        throw Error(ErrorKind::bad_url, "no backend for scheme '" + parsed.scheme + "' in this build (URL '" +
                                            parsed.redacted + "'); this binary serves: " + served);
    }
    return opener(parsed, options);
}

}  // namespace migrations::detail
