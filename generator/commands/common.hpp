// @brief Options and output shared by the verbs: --dialects, --allow-multiple-heads, the
// revisions directory, loading it, and printing diagnostics.
#pragma once

#include <migrations/catalog.hpp>
#include <optional>
#include <string>
#include <vector>

#include "commands/command.hpp"
#include "diagnostics.hpp"
#include "loader.hpp"
#include "validator.hpp"

namespace migrations::generator {

/// The validation options every verb that reads a directory accepts.
struct ValidationFlags {
    std::string dialects = "sqlite,postgresql";
    bool allow_multiple_heads = false;

    /// Adds --dialects and --allow-multiple-heads to `command`.
    void add_to(CLI::App& command);
    /// The options, or nothing after printing a usage error to `err`.
    std::optional<ValidationOptions> parse(std::ostream& err, std::string_view verb) const;
};

/// "sqlite,postgresql" as a Dialect bit mask; nothing for an unknown or empty list.
std::optional<std::uint32_t> parse_dialects(std::string_view list, std::string& error);

/// Prints `migrations <verb>: error: <message>` to `err` (control characters of the message
/// escaped) and returns kExitUsage.
int usage_error(std::ostream& err, std::string_view verb, std::string_view message);

/// Prints every diagnostic, sorted, one per line, to `err`.
void print_diagnostics(std::ostream& err, const Diagnostics& diagnostics);

/// The revisions directory: `given` when not empty, else $MIGRATIONS_DIR when set and not
/// empty, else "migrations".
std::string revisions_dir(const std::string& given);

/// Adds --dir, the revisions directory, filling `dir`.
void add_dir_option(CLI::App& command, std::string& dir);

/// Adds --format text|json, filling `format` (the tool reads the choice before parsing, for
/// its error documents; see CommandIo::json).
void add_format_option(CLI::App& command, std::string& format);

/// False after printing, when `dir` (as revisions_dir resolved it) does not exist, that there
/// is no revisions directory, and how to make one (`migrations init`) or name another
/// (--dir, $MIGRATIONS_DIR).
bool directory_exists_or_report(const std::string& dir, std::ostream& err);

/// Adds the revisions directory as a positional DIR and as --dir, the way `validate` and `verify`
/// accept it, both filling `dir`.
void add_dir_options(CLI::App& command, std::string& dir);

/// Loads and validates the revisions as `load` says; returns nothing after printing the
/// diagnostics to `err`.
std::optional<RevisionSet> load_or_report(const LoadOptions& load, std::ostream& err);

/// Prints each line of `lines` to `err`, control characters escaped (escape_control), and
/// says whether there was any.
bool report_lines(std::ostream& err, const std::vector<std::string>& lines);

/// A directory loaded for the developer verbs: its validated revisions and the run-time
/// Catalog over them (same order: catalog index i is set.revisions[i]).
struct LoadedDirectory {
    RevisionSet set;
    Catalog catalog;
};

/// Loads `dir` as the developer verbs read it: every dialect, several heads accepted (so that
/// `heads`, `merge` and the runtime's `heads` target work on a branched graph), and, for the
/// verbs that only read the graph, an upgrade still empty (a revision being written; the
/// verbs that run SQL refuse it as the build does). Returns nothing after printing the
/// diagnostics to `err`.
std::optional<LoadedDirectory> load_directory(const std::string& dir, std::ostream& err,
                                              EmptyUpgrade empty_upgrade = EmptyUpgrade::accepted);

}  // namespace migrations::generator
