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
/// The database verbs forwarded to the runtime return its codes: 0, 1, 2, and 3 when `status`
/// finds the database not at head (see include/migrations/cli.hpp).

/// Where a verb writes: stdout for results, stderr for diagnostics and errors.
struct CommandIo {
    std::ostream& out;
    std::ostream& err;
    /// `--format json` was given: results are JSON documents (runtime/cli/json.hpp). On a
    /// failure, the tool prints the error document unless the verb already wrote one
    /// (`json_written`: the database verbs, whose run_cli prints its own).
    bool json = false;
    bool json_written = false;
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
std::unique_ptr<Command> make_lint_command(CLI::App& app);
std::unique_ptr<Command> make_validate_command(CLI::App& app);
std::unique_ptr<Command> make_status_command(CLI::App& app);
std::unique_ptr<Command> make_init_command(CLI::App& app);
std::unique_ptr<Command> make_revision_command(CLI::App& app);
std::unique_ptr<Command> make_merge_command(CLI::App& app);
std::unique_ptr<Command> make_heads_command(CLI::App& app);
std::unique_ptr<Command> make_branches_command(CLI::App& app);
std::unique_ptr<Command> make_history_command(CLI::App& app);
std::unique_ptr<Command> make_show_command(CLI::App& app);
std::unique_ptr<Command> make_upgrade_command(CLI::App& app);
std::unique_ptr<Command> make_downgrade_command(CLI::App& app);
std::unique_ptr<Command> make_stamp_command(CLI::App& app);
std::unique_ptr<Command> make_repair_command(CLI::App& app);
std::unique_ptr<Command> make_current_command(CLI::App& app);
std::unique_ptr<Command> make_sql_command(CLI::App& app);
std::unique_ptr<Command> make_verify_command(CLI::App& app);
std::unique_ptr<Command> make_autogenerate_command(CLI::App& app);

}  // namespace migrations::generator
