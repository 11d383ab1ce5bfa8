// @brief Argument parsing with CLI11 and dispatch to the registered verbs.
#include "cli.hpp"

#include <algorithm>
#include <migrations/error.hpp>
#include <ostream>
#include <string_view>

#include "commands/command.hpp"

namespace migrations::generator {
namespace {

bool is_negative_number(std::string_view arg) {
    return arg.size() > 1 && arg[0] == '-' &&
           std::all_of(arg.begin() + 1, arg.end(), [](char c) { return c >= '0' && c <= '9'; });
}

/// CLI11 reads "-1" as an unknown option; a relative target (`downgrade -1`) is moved behind a
/// "--", where it is a positional argument, unless the command line already has one.
std::vector<const char*> relative_targets_last(int argc, const char* const* argv) {
    std::vector<const char*> args(argv, argv + argc);
    if (std::any_of(args.begin(), args.end(), [](const char* arg) { return std::string_view(arg) == "--"; })) {
        return args;
    }
    const auto moved = std::stable_partition(args.begin() + (argc > 0 ? 1 : 0), args.end(),
                                             [](const char* arg) { return !is_negative_number(arg); });
    if (moved != args.end()) args.insert(moved, "--");
    return args;
}

}  // namespace

int run_cli(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
    CLI::App app("Alembic-style schema migrations for C++: the build-time and developer tool", "migrations");
    app.require_subcommand(1);
    std::vector<std::unique_ptr<Command>> commands;
    for (CommandFactory factory : command_factories()) commands.push_back(factory(app));
    try {
        const std::vector<const char*> args = relative_targets_last(argc, argv);
        app.parse(static_cast<int>(args.size()), args.data());
    } catch (const CLI::ParseError& error) {
        const int code = app.exit(error, out, err);
        return code == 0 ? kExitOk : kExitUsage;
    }
    CommandIo io{out, err};
    for (const auto& command : commands) {
        if (!command->subcommand().parsed()) continue;
        try {
            return command->run(io);
        } catch (const Error& error) {
            // A revision argument the runtime's planner cannot resolve, and the like.
            err << "migrations " << command->subcommand().get_name() << ": error: " << error.what() << "\n";
            return kExitDiagnostics;
        }
    }
    return kExitUsage;  // unreachable: require_subcommand(1)
}

}  // namespace migrations::generator
