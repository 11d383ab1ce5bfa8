// @brief Argument parsing with CLI11 and dispatch to the registered verbs.
#include "cli.hpp"

#include <cstdlib>
#include <migrations/error.hpp>
#include <migrations/version.hpp>
#include <ostream>
#include <string>

#include "cli/redacting_stream.hpp"
#include "commands/command.hpp"

namespace migrations::generator {

int run_cli(int argc, const char* const* argv, std::ostream& out, std::ostream& raw_err) {
    // Every message may echo what the user typed (CLI11's "arguments were not expected", a
    // revision argument, a database URL): stderr goes through the runtime's redaction.
    cli::RedactingStream err(raw_err);
    for (int i = 1; i < argc; ++i) err.add_secrets_of(argv[i] != nullptr ? argv[i] : "");
    if (const char* env = std::getenv("DATABASE_URL"); env != nullptr) err.add_secrets_of(env);
    CLI::App app("Alembic-style schema migrations for C++: the build-time and developer tool", "migrations");
    app.require_subcommand(1);
    app.set_version_flag("--version", "migrations " MIGRATIONS_VERSION_STRING " (catalog format " +
                                          std::to_string(MIGRATIONS_CATALOG_FORMAT_VERSION) + ")");
    std::vector<std::unique_ptr<Command>> commands;
    for (CommandFactory factory : command_factories()) commands.push_back(factory(app));
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& error) {
        const int code = app.exit(error, out, err);
        return code == 0 ? kExitOk : kExitUsage;
    }
    CommandIo io{out, err};
    for (const auto& command : commands) {
        if (!command->subcommand().parsed()) continue;
        try {
            return command->run(io);
        } catch (const std::exception& error) {
            // A revision argument the runtime's planner cannot resolve (Error), and the like.
            err << "migrations " << command->subcommand().get_name() << ": error: " << error.what() << "\n";
            return kExitDiagnostics;
        }
    }
    return kExitUsage;  // unreachable: require_subcommand(1)
}

}  // namespace migrations::generator
