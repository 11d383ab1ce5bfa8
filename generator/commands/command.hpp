// @brief The interface of one `migrations` verb, and the list of verbs. A new verb is one
// file under commands/ defining its factory, plus its line in registry.cpp.
#pragma once

#include <CLI/CLI.hpp>
#include <iosfwd>
#include <memory>
#include <vector>

namespace migrations::generator {

/// Exit codes of the tool.
inline constexpr int kExitOk = 0;
inline constexpr int kExitDiagnostics = 1;
inline constexpr int kExitUsage = 2;

/// Where a verb writes: stdout for results, stderr for diagnostics and errors.
struct CommandIo {
    std::ostream& out;
    std::ostream& err;
};

/// One verb: it registers its subcommand and options on the app, and runs when chosen.
class Command {
public:
    virtual ~Command() = default;
    /// The subcommand this verb registered; the tool runs the verb whose subcommand parsed.
    virtual const CLI::App& subcommand() const = 0;
    /// Runs the verb after its options were parsed. Returns an exit code.
    virtual int run(CommandIo& io) = 0;
};

/// Adds a verb's subcommand to `app` and returns the verb.
using CommandFactory = std::unique_ptr<Command> (*)(CLI::App& app);

/// Every verb, in the order `--help` lists them.
const std::vector<CommandFactory>& command_factories();

std::unique_ptr<Command> make_generate_command(CLI::App& app);
std::unique_ptr<Command> make_check_command(CLI::App& app);
std::unique_ptr<Command> make_verify_command(CLI::App& app);
std::unique_ptr<Command> make_autogenerate_command(CLI::App& app);

}  // namespace migrations::generator
