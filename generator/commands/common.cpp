// @brief Shared option parsing and diagnostic printing for the verbs.
#include "commands/common.hpp"

#include <cstdlib>
#include <filesystem>
#include <ostream>

#include "catalog_builder.hpp"
#include "loader.hpp"

namespace migrations::generator {

void ValidationFlags::add_to(CLI::App& command) {
    command.add_option("--dialects", dialects, "Comma-separated dialects to check and emit")->capture_default_str();
    command.add_flag("--allow-multiple-heads", allow_multiple_heads, "Accept more than one head");
}

std::optional<ValidationOptions> ValidationFlags::parse(std::ostream& err, std::string_view verb) const {
    std::string error;
    const auto mask = parse_dialects(dialects, error);
    if (!mask) {
        usage_error(err, verb, error);
        return std::nullopt;
    }
    ValidationOptions options;
    options.dialects = *mask;
    options.allow_multiple_heads = allow_multiple_heads;
    return options;
}

std::optional<std::uint32_t> parse_dialects(std::string_view list, std::string& error) {
    std::uint32_t mask = 0;
    std::size_t pos = 0;
    while (pos <= list.size()) {
        const std::size_t comma = std::min(list.find(',', pos), list.size());
        const std::string_view name = list.substr(pos, comma - pos);
        pos = comma + 1;
        if (name == "sqlite") {
            mask |= 1U << static_cast<unsigned>(Dialect::sqlite);
        } else if (name == "postgresql") {
            mask |= 1U << static_cast<unsigned>(Dialect::postgresql);
        } else {
            error = "unknown dialect '" + std::string(name) + "' in --dialects (expected sqlite, postgresql)";
            return std::nullopt;
        }
    }
    return mask;
}

int usage_error(std::ostream& err, std::string_view verb, std::string_view message) {
    err << "migrations " << verb << ": error: " << escape_control(message) << "\n";
    return kExitUsage;
}

void print_diagnostics(std::ostream& err, const Diagnostics& diagnostics) {
    std::string text;
    for (const Diagnostic& diagnostic : diagnostics.sorted()) text += format(diagnostic) + "\n";
    err << text;
}

std::string revisions_dir(const std::string& given) {
    if (!given.empty()) return given;
    const char* from_environment = std::getenv("MIGRATIONS_DIR");
    return from_environment != nullptr && *from_environment != '\0' ? from_environment : "migrations";
}

void add_dir_option(CLI::App& command, std::string& dir) {
    command.add_option("--dir", dir, "Directory of the revision files (default: $MIGRATIONS_DIR, else ./migrations)");
}

void add_dir_options(CLI::App& command, std::string& dir) {
    command.add_option("dir", dir, "Directory of the revision files (default: $MIGRATIONS_DIR, else ./migrations)");
    command.add_option("--dir", dir, "The same as the positional DIR, as the other verbs spell it");
}

void add_format_option(CLI::App& command, std::string& format) {
    command.add_option("--format", format, "text (for people, the default) or json (one JSON document on stdout)")
        ->check(CLI::IsMember({"text", "json"}));
}

bool directory_exists_or_report(const std::string& dir, std::ostream& err) {
    std::error_code error;
    if (std::filesystem::exists(dir, error) || error) return true;  // other problems: the loader's message
    std::error_code ignored;
    const std::string here = std::filesystem::current_path(ignored).string();
    const bool defaulted = dir == "migrations" && std::getenv("MIGRATIONS_DIR") == nullptr;
    err << "migrations: error: "
        << (defaulted ? "no migrations/ directory in " + escape_control(here) + "; run `migrations init` to create one"
                      : "no directory '" + escape_control(dir) + "'; run `migrations init " + escape_control(dir) +
                            "` to create it")
        << ", or give the revisions directory with --dir DIR (or $MIGRATIONS_DIR)\n";
    return false;
}

std::optional<RevisionSet> load_or_report(const LoadOptions& load, std::ostream& err) {
    Diagnostics diagnostics;
    std::optional<RevisionSet> set = load_revisions(load, diagnostics);
    if (!set) print_diagnostics(err, diagnostics);
    return set;
}

bool report_lines(std::ostream& err, const std::vector<std::string>& lines) {
    std::string text;
    for (const std::string& line : lines) text += escape_control(line) + "\n";
    err << text;
    return !lines.empty();
}

std::optional<LoadedDirectory> load_directory(const std::string& dir, std::ostream& err, EmptyUpgrade empty_upgrade) {
    if (!directory_exists_or_report(dir, err)) return std::nullopt;
    LoadOptions load;
    load.dir = dir;
    load.validation.allow_multiple_heads = true;
    load.validation.empty_upgrade = empty_upgrade;
    // Every dialect is loaded here, whatever the project builds: a generic section written
    // for SQLite only must not meet PostgreSQL's parser (the build and `lint` run it).
    load.validation.postgresql_parse = PostgresqlParse::skipped;
    std::optional<RevisionSet> set = load_or_report(load, err);
    if (!set) return std::nullopt;
    Catalog catalog = make_catalog(*set, "migrations");
    return LoadedDirectory{std::move(*set), std::move(catalog)};
}

}  // namespace migrations::generator
