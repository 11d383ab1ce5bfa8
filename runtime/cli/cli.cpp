// @brief run_cli: Alembic's verbs (upgrade, downgrade, stamp, current, history, heads, show,
// sql), the database status check and Flyway's repair, over the catalog compiled into the
// application, parsed with CLI11; output for people or, with --format json, for programs.
#include "cli/event_printer.hpp"
#include "cli/format.hpp"
#include "cli/json.hpp"
#include "cli/redacting_stream.hpp"
#include "did_you_mean.hpp"

#include <migrations/cli.hpp>
#include <migrations/error.hpp>
#include <migrations/operations.hpp>
#include <migrations/url.hpp>
#include <migrations/version.hpp>

#include <CLI/CLI.hpp>

#include <algorithm>
#include <cstdlib>
#include <iostream>

namespace migrations {

namespace {

constexpr int kExitError = 1;
constexpr int kExitUsage = 2;
constexpr int kExitCheckFailed = 3;

std::string program_name(int argc, const char* const* argv) {
    std::string name = argc > 0 && argv[0] ? argv[0] : "db";
    const auto slash = name.rfind('/');
    return slash == std::string::npos ? name : name.substr(slash + 1);
}

struct Command {
    std::string database;
    bool verbose = false;
    bool quiet = false;
    bool transaction_per_revision = false;
    std::string target;
    std::string range;
    std::string dialect = "sqlite";
    std::string format = "text";
};

// The verbs, in the order help lists them; `check` is the old name of `status`.
constexpr const char* kVerbs[] = {"upgrade", "downgrade", "stamp", "repair", "current",
                                  "history", "heads",     "show",  "status", "sql"};

// The value of the application's URL variable, or nullptr when it has none or it is unset.
const char* environment_url(const CliSettings& settings) {
    const char* name = settings.url_environment_variable;
    if (name == nullptr || *name == '\0') return nullptr;
    return std::getenv(name);
}

std::string database_url(const Command& command, std::string_view default_url, const CliSettings& settings) {
    if (!command.database.empty()) return command.database;
    const char* env = environment_url(settings);
    if (env != nullptr && *env != '\0') return env;
    return std::string(default_url);
}

// One note for an SQLAlchemy URL: the driver it names is Python's, and is ignored. A URL that
// does not parse is left to the verb, which reports it.
void note_driver(const std::string& url, const std::string& program, std::ostream& err) {
    try {
        const DatabaseUrl parsed = parse_url(url);
        if (parsed.driver.empty()) return;
        err << program << ": note: ignoring the SQLAlchemy driver '" << parsed.driver << "' of '" << parsed.redacted
            << "'; migrations connects with " << (parsed.scheme == "sqlite" ? "SQLite" : "libpq") << "\n";
    } catch (const Error&) {
    }
}

// A database URL typed where a target was expected (`app upgrade postgresql://...`).
bool looks_like_url(const std::string& text) {
    return text.find("//") != std::string::npos || text.find(":/") != std::string::npos;
}

int run(CLI::App& app, const Command& command, const Catalog& catalog, std::string_view default_url,
        const CliSettings& settings, const std::string& program, std::ostream& err) {
    const std::string url = database_url(command, default_url, settings);
    const std::string shown = redact_url(url);
    Options options;
    options.command_name = program;
    if (!command.database.empty()) options.command_options = " --database " + cli::shell_word(shown);
    options.command_options += settings.command_options;
    options.drift_exclude = settings.drift_exclude;
    if (command.transaction_per_revision) options.transaction = TransactionMode::per_revision;
    options.on_event = cli::event_printer(err, program,
                                          command.quiet     ? cli::Verbosity::quiet
                                          : command.verbose ? cli::Verbosity::verbose
                                                            : cli::Verbosity::normal);
    const auto verb = app.get_subcommands().front()->get_name();
    const bool json = command.format == "json";
    if (looks_like_url(command.target) || looks_like_url(command.range)) {
        err << program << ": '" << redact_url(command.target + command.range) << "' is a database URL, not a "
            << (verb == "sql" ? "range" : "target") << "; give it with --database URL (see " << program << " --help)\n";
        return kExitUsage;
    }
    if (verb != "sql" && verb != "heads" && verb != "show") note_driver(url, program, err);
    if (json && verb == "sql") {
        err << program << ": sql prints a script; --format json applies to the other verbs (see " << program
            << " --help)\n";
        std::cout << cli::json_error(verb, "sql prints a script; --format json applies to the other verbs", kExitUsage,
                                     nullptr);
        return kExitUsage;
    }
    if (verb == "upgrade") {
        const auto result = upgrade(url, catalog, command.target, options);
        std::cout << (json ? cli::json_result(verb, shown, result)
                           : cli::describe_result(shown, "upgraded", "applied", result) + "\n");
    } else if (verb == "downgrade") {
        const auto result = downgrade(url, catalog, command.target, options);
        std::cout << (json ? cli::json_result(verb, shown, result)
                           : cli::describe_result(shown, "downgraded", "reverted", result) + "\n");
    } else if (verb == "stamp") {
        const auto result = stamp(url, catalog, command.target, options);
        std::cout << (json ? cli::json_result(verb, shown, result)
                           : shown + ": stamped, now at " + result.to_string() + "\n");
    } else if (verb == "repair") {
        const RepairResult result = repair(url, catalog, options);
        if (json) {
            std::cout << cli::json_repair(shown, result);
            return 0;
        }
        for (const RepairedChecksum& fixed : result.repaired) {
            std::cout << "  " << fixed.revision << " (" << fixed.file << "): checksum "
                      << fixed.old_checksum.substr(0, 12) << " -> " << fixed.new_checksum.substr(0, 12) << "\n";
        }
        if (result.repaired.empty()) {
            std::cout << shown << ": nothing to repair, every stored checksum matches\n";
        } else {
            std::cout << shown << ": repaired " << result.repaired.size()
                      << " checksum(s); no revision was run and nothing else changed\n";
        }
    } else if (verb == "current") {
        const std::vector<std::string> ids = current(url, catalog, options);
        const std::vector<RevisionStatus> statuses = history(url, catalog, options);
        std::cout << (json ? cli::json_current(catalog, shown, ids, statuses)
                           : cli::format_current(catalog, ids, statuses, command.verbose));
    } else if (verb == "history") {
        const std::vector<RevisionStatus> statuses = history(url, catalog, options);
        std::cout << (json ? cli::json_history(catalog, {}, &statuses, shown)
                           : cli::format_history(catalog, {}, &statuses, command.verbose));
    } else if (verb == "heads") {
        std::cout << (json ? cli::json_heads(catalog) : cli::format_heads(catalog, command.verbose));
    } else if (verb == "show") {
        std::cout << (json ? cli::json_show(catalog, command.target) : cli::format_show(catalog, command.target));
    } else if (verb == "status") {
        const CheckResult result = check(url, catalog, options);
        if (json) std::cout << cli::json_status(shown, result);
        if (!result.ok) {
            std::string text;
            for (const auto& problem : result.problems) text += (text.empty() ? "" : "; ") + problem;
            err << program << ": check failed for " << shown << ": " << text << "\n";
            return kExitCheckFailed;
        }
        if (!json) std::cout << shown << ": at head, nothing modified\n";
    } else if (verb == "sql") {
        const auto colon = command.range.find(':');
        const std::string from = colon == std::string::npos ? "base" : command.range.substr(0, colon);
        const std::string to = colon == std::string::npos ? command.range : command.range.substr(colon + 1);
        std::cout << sql(catalog, from, to, command.dialect == "postgresql" ? Dialect::postgresql : Dialect::sqlite,
                         options);
    }
    return 0;
}

}  // namespace

int run_cli(int argc, const char* const* argv, const Catalog& catalog, std::string_view default_url) noexcept {
    return run_cli(argc, argv, catalog, default_url, CliSettings{});
}

int run_cli(int argc, const char* const* argv, const Catalog& catalog, std::string_view default_url,
            const CliSettings& settings) noexcept {
    const std::string program = program_name(argc, argv);
    // Everything written to stderr may echo what the user typed: it goes through redaction,
    // and so does the JSON document of an error on stdout.
    cli::RedactingStream err(std::cerr);
    cli::RedactingStream json_out(std::cout);
    for (int i = 1; i < argc; ++i) {
        err.add_secrets_of(argv[i] != nullptr ? argv[i] : "");
        json_out.add_secrets_of(argv[i] != nullptr ? argv[i] : "");
    }
    if (const char* env = environment_url(settings); env != nullptr) {
        err.add_secrets_of(env);
        json_out.add_secrets_of(env);
    }
    err.add_secrets_of(default_url);
    json_out.add_secrets_of(default_url);
    const bool json = cli::json_requested(argc, argv);
    std::string verb;  // the verb's name once known, for the JSON document of an error
    // A failure: its usual line on stderr and, with --format json, its document on stdout.
    const auto fail = [&](int code, const std::string& line, const std::string& message, const Error* error) {
        err << program << ": " << line << "\n";
        if (json) json_out << cli::json_error(verb, message, code, error) << std::flush;
        return code;
    };
    try {
        Command command;
        CLI::App app("Database migrations of " + std::string(catalog.name()) + " (default database " +
                         redact_url(default_url) + ")",
                     program);
        app.fallthrough();
        app.require_subcommand(1, 1);
        const char* variable = settings.url_environment_variable;
        app.add_option("--database", command.database,
                       variable != nullptr && *variable != '\0'
                           ? "Database URL (default: $" + std::string(variable) + ", else the default)"
                           : std::string("Database URL (default: the application's)"));
        app.add_option("--format", command.format,
                       "text (for people, the default) or json (one JSON document on stdout, see docs/cli.md)")
            ->check(CLI::IsMember({"text", "json"}));
        app.set_version_flag("--version", "");
        app.add_flag("-v,--verbose", command.verbose,
                     "More detail: while migrating, each revision's time, each commit and server notices; in current, "
                     "history and heads, dates and files");
        app.add_flag("-q,--quiet", command.quiet, "Print nothing while migrating (results and errors still)");
        app.add_flag("--transaction-per-revision", command.transaction_per_revision,
                     "Commit after each revision instead of once for the whole run");

        auto* up = app.add_subcommand("upgrade", "Apply the revisions up to TARGET (default head)");
        up->add_option("target", command.target = "head",
                       "head, heads, an id or unique prefix, a branch label, label@head, +N, <id>+N");
        auto* down = app.add_subcommand("downgrade", "Revert the revisions above TARGET");
        down->add_option("target", command.target, "-N, <id>-N, base, an id or unique prefix")->required();
        auto* st = app.add_subcommand("stamp", "Set the version table to TARGET without running SQL");
        st->add_option("target", command.target, "a revision, head, heads or base")->required();
        app.add_subcommand("repair", "Store the catalog's checksums for edited applied revisions; nothing else");
        app.add_subcommand("current", "Show the database's current revision(s)");
        app.add_subcommand("history", "List every revision, newest first, with its state in the database");
        app.add_subcommand("heads", "List the heads of the catalog");
        auto* show = app.add_subcommand("show", "Show one revision of the catalog");
        show->add_option("revision", command.target, "an id, unique prefix, branch label or head")->required();
        app.add_subcommand("status", "Exit 0 only when the database is at head with nothing modified (old name: check)")
            ->alias("check");
        auto* script = app.add_subcommand("sql", "Print the SQL script of an upgrade or downgrade (offline)");
        script->add_option("range", command.range, "[FROM:]TO, e.g. head, base:head, 4c1d:head, head:base")->required();
        script->add_option("--dialect", command.dialect, "sqlite or postgresql")
            ->check(CLI::IsMember({"sqlite", "postgresql"}));
        for (auto* sub : app.get_subcommands({})) sub->fallthrough();

        // CLI11 would call an unknown verb "a subcommand is required": name it, and the verb
        // closest to it.
        for (int i = 1; i < argc; ++i) {
            const std::string arg = argv[i] != nullptr ? argv[i] : "";
            if (arg == "--database" || arg == "--format") {
                ++i;
            } else if (!arg.empty() && arg[0] != '-') {
                const auto subs = app.get_subcommands({});
                if (std::none_of(subs.begin(), subs.end(), [&](CLI::App* sub) { return sub->check_name(arg); })) {
                    std::string expected;
                    for (const char* name : kVerbs) expected += (expected.empty() ? "" : ", ") + std::string(name);
                    const std::string suggestion =
                        detail::closest(arg, std::vector<std::string_view>(std::begin(kVerbs), std::end(kVerbs)));
                    const std::string message =
                        "unknown command '" + redact_url(arg) + "'" +
                        (suggestion.empty() ? "" : " (did you mean '" + suggestion + "'?)") + "; expected one of " +
                        expected + (looks_like_url(arg) ? "; give a database URL with --database URL" : "");
                    return fail(kExitUsage, message + " (see " + program + " --help)", message, nullptr);
                }
                break;
            }
        }
        try {
            app.parse(argc, argv);
        } catch (const CLI::CallForHelp&) {
            std::cout << app.help();
            return 0;
        } catch (const CLI::CallForAllHelp&) {
            std::cout << app.help("", CLI::AppFormatMode::All);
            return 0;
        } catch (const CLI::CallForVersion&) {
            std::cout << "migrations " << runtime_version() << " (catalog format " << MIGRATIONS_CATALOG_FORMAT_VERSION
                      << ")\ncatalog " << catalog.name() << ": " << catalog.size() << " revisions\n";
            return 0;
        } catch (const CLI::ParseError& error) {
            std::string message = error.what();
            if (message.empty()) message = error.get_name();
            const auto parsed = app.get_subcommands();
            if (!parsed.empty()) verb = parsed.front()->get_name();
            return fail(kExitUsage, message + " (see " + program + " --help)", message, nullptr);
        }
        verb = app.get_subcommands().front()->get_name();
        return run(app, command, catalog, default_url, settings, program, err);
    } catch (const Error& error) {
        return fail(kExitError, std::string("error: ") + error.what(), error.what(), &error);
    } catch (const std::exception& error) {
        return fail(kExitError, std::string("error: ") + error.what(), error.what(), nullptr);
    } catch (...) {
        return fail(kExitError, "error: unexpected failure", "unexpected failure", nullptr);
    }
}

}  // namespace migrations
