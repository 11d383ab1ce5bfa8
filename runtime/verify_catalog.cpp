// @brief The main of a catalog's verify test (add_migrations(... VERIFY) with C++ revisions):
// the embedded catalog replayed upgrade -> downgrade -> upgrade on an in-memory SQLite, C++
// steps included, with the messages of `migrations verify`. The tool cannot run consumer
// code; this program, built from the consumer's own sources and run by CTest, can.
#include <exception>
#include <iostream>
#include <migrations/catalog.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "catalog_scripts.hpp"
#include "cli/format.hpp"
#include "schema/verify.hpp"

namespace migrations::detail {
namespace {

constexpr int kVerified = 0;
constexpr int kFailed = 1;
constexpr int kUsage = 2;

/// The usage on stdout for --help (`problem` empty), else the problem and the usage on stderr.
int usage(const char* program, const std::string& problem) {
    std::ostream& out = problem.empty() ? std::cout : std::cerr;
    if (!problem.empty()) out << program << ": " << problem << "\n";
    out << "usage: " << program << " [--source-root DIR]\n"
        << "Replays every revision of the catalog up, down and up on an in-memory SQLite, C++ revisions "
           "included; each downgrade must restore the schema its upgrade started from.\n"
        << "  --source-root DIR  name the revision files DIR/<file> (the catalog names them relative to "
           "the directory add_migrations() was called in)\n";
    return problem.empty() ? kVerified : kUsage;
}

}  // namespace

int verify_catalog(const Catalog& catalog, int argc, const char* const* argv) noexcept {
    const char* program = argc > 0 && argv[0] != nullptr ? argv[0] : "verify";
    try {
        std::string source_root;
        for (int i = 1; i < argc; ++i) {
            const std::string_view argument = argv[i];
            if (argument == "--help" || argument == "-h") return usage(program, "");
            if (argument == "--source-root") {
                if (i + 1 >= argc) return usage(program, "--source-root needs a directory");
                source_root = argv[++i];
            } else if (argument.substr(0, 14) == "--source-root=") {
                source_root = std::string(argument.substr(14));
            } else {
                return usage(program, "unexpected argument '" + std::string(argument) + "'");
            }
            if (source_root.empty()) return usage(program, "--source-root needs a directory");
        }
        if (!catalog.supports(Dialect::sqlite)) {
            std::cerr << program << ": error: catalog " << catalog.name()
                      << " was not generated for SQLite: VERIFY replays the SQLite sections\n";
            return kFailed;
        }
        std::size_t cpp = 0;
        for (std::size_t i = 0; i < catalog.size(); ++i) cpp += catalog[i].cpp ? 1 : 0;
        if (cpp != 0 && !catalog.has_cpp_steps()) {
            std::cerr << program << ": error: catalog " << catalog.name()
                      << " has C++ revisions but not their steps (a catalog the tool serialized, not the generated "
                         "one)\n";
            return kFailed;
        }
        std::vector<std::string> files;
        files.reserve(catalog.size());
        for (std::size_t i = 0; i < catalog.size(); ++i) {
            const std::string file = catalog[i].file;
            files.push_back(source_root.empty() || file.empty() || file.front() == '/' ? file
                                                                                       : source_root + "/" + file);
        }
        const std::vector<std::string> diagnostics =
            schema::verify_revisions(scripts_of(catalog, Dialect::sqlite, files));
        for (const std::string& line : diagnostics) std::cerr << line << "\n";
        if (!diagnostics.empty()) return kFailed;
        // The summary of `migrations verify`, the C++ revisions counted in (they ran here).
        std::cout << cli::verified(catalog.size(), "SQLite") << "; " << cpp
                  << (cpp == 1 ? " C++ revision" : " C++ revisions") << " among them, run with their steps\n";
        return kVerified;
    } catch (const std::exception& error) {  // SQLite itself failed (schema::SchemaError), or memory
        std::cerr << program << ": error: " << error.what() << "\n";
        return kFailed;
    }
}

}  // namespace migrations::detail
