// @brief The embeddable command line: Alembic's verbs inside the application's own binary.
#pragma once

#include <migrations/catalog.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace migrations {

/// What run_cli reads besides its arguments.
struct CliSettings {
    /// The environment variable that holds the database URL when `--database` is not given.
    /// An application with two catalogs (two databases) gives each its own; nullptr or ""
    /// reads none (the URL is then `--database` or `default_url`).
    const char* url_environment_variable = "DATABASE_URL";
    /// Options::drift_exclude for `status` (old name `check`): name patterns of objects no revision manages,
    /// left out of its drift comparison (an empty or schema-qualified pattern makes every
    /// database verb fail with exit 1, naming it).
    std::vector<std::string> drift_exclude{};
    /// Options the recovery commands that messages suggest carry after the verb, besides the
    /// `--database URL` given on the command line, which they always repeat: a program that
    /// passes run_cli options of its own (the `migrations` tool's ` --dir DIR`) names them here,
    /// each with a leading space, so that the suggested command runs as it is.
    std::string command_options{};
};

/// Runs one command and returns the process exit code: 0 on success, 1 on a migration error
/// (one line on stderr), 2 on a usage error (a misspelt verb is named with the closest one),
/// 3 when `status` finds the database not at head.
///
/// argv[0] is the program name and argv[1..] the verb and its arguments:
///   upgrade [TARGET]   downgrade TARGET   stamp TARGET   repair   current   history   heads
///   show REV           status (old name: check)          sql [FROM:]TO
/// `--format json` prints one JSON document on stdout instead of text, for every verb but
/// `sql`, and for a failure an error document (the exit code unchanged, the text still on
/// stderr); the schema is in docs/cli.md.
/// `--database URL` may come before or after the verb; without it the URL is the environment
/// variable DATABASE_URL (see CliSettings), else `default_url`. `-v/--verbose` prints each revision as it runs;
/// `--help` works on every verb. Output goes to stdout, errors to stderr; URLs are printed
/// redacted.
///
/// An application that nests these verbs under its own (`todo db upgrade`) passes
/// `argc - 1, argv + 1`: whatever is in argv[0] is used only as the program name in help.
/// Never throws: every error becomes a message and an exit code.
/// An SQLAlchemy URL (`postgresql+psycopg2://`, `sqlite+pysqlite://`) is accepted with one
/// note on stderr saying the driver is ignored; a libpq keyword string (`host=db dbname=app`)
/// is a PostgreSQL connection.
int run_cli(int argc, const char* const* argv, const Catalog& catalog, std::string_view default_url) noexcept;

/// The same, reading the URL from `settings.url_environment_variable` instead of DATABASE_URL.
int run_cli(int argc, const char* const* argv, const Catalog& catalog, std::string_view default_url,
            const CliSettings& settings) noexcept;

/// The same, for `int main(int argc, char** argv)`.
inline int run_cli(int argc, char** argv, const Catalog& catalog, std::string_view default_url) noexcept {
    return run_cli(argc, const_cast<const char* const*>(argv), catalog, default_url);
}

/// The same, for `int main(int argc, char** argv)`, with settings.
inline int run_cli(int argc, char** argv, const Catalog& catalog, std::string_view default_url,
                   const CliSettings& settings) noexcept {
    return run_cli(argc, const_cast<const char* const*>(argv), catalog, default_url, settings);
}

}  // namespace migrations
