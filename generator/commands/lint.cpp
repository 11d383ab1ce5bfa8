// @brief `migrations lint [DIR]`: the build's checks and the safety lint of the PostgreSQL
// upgrade sections (docs/lint.md), for shells and CI.
#include <ostream>

#include "commands/common.hpp"
#include "lint_report.hpp"

namespace migrations::generator {
namespace {

class LintCommand final : public Command {
public:
    explicit LintCommand(CLI::App& app) {
        command_ =
            app.add_subcommand("lint", "Check a revision directory and lint its PostgreSQL upgrades; exit 1 on errors");
        add_dir_options(*command_, dir_);
        flags_.add_to(*command_);
        lint_.add_to(*command_, "--level", "--since");
    }

    const CLI::App& subcommand() const override { return *command_; }

    int run(CommandIo& io) override {
        const auto validation = flags_.parse(io.err, "lint");
        if (!validation) return kExitUsage;
        const auto lint = lint_.parse(io.err, "lint");
        if (!lint) return kExitUsage;
        LoadOptions load;
        load.dir = revisions_dir(dir_);
        load.validation = *validation;
        if (!directory_exists_or_report(load.dir, io.err)) return kExitDiagnostics;
        const std::optional<RevisionSet> set = load_or_report(load, io.err);
        if (!set) return kExitDiagnostics;
        const std::optional<std::size_t> found = report_lint(*set, *lint, io.err, "lint");
        if (!found) return kExitUsage;
        return *found > 0 && lint->level == LintLevel::error ? kExitDiagnostics : kExitOk;
    }

private:
    CLI::App* command_ = nullptr;
    std::string dir_;
    ValidationFlags flags_;
    LintFlags lint_;
};

}  // namespace

std::unique_ptr<Command> make_lint_command(CLI::App& app) { return std::make_unique<LintCommand>(app); }

}  // namespace migrations::generator
