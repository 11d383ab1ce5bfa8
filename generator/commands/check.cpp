// @brief `migrations check [DIR]`: the validation `generate` does, without output files, for
// CI and pre-commit hooks.
#include <ostream>

#include "commands/common.hpp"

namespace migrations::generator {
namespace {

class CheckCommand final : public Command {
public:
    explicit CheckCommand(CLI::App& app) {
        command_ = app.add_subcommand("check", "Validate a revision directory; print a summary or every error");
        add_dir_options(*command_, dir_);
        flags_.add_to(*command_);
    }

    const CLI::App& subcommand() const override { return *command_; }

    int run(CommandIo& io) override {
        const auto validation = flags_.parse(io.err, "check");
        if (!validation) return kExitUsage;
        LoadOptions load;
        load.dir = revisions_dir(dir_);
        load.validation = *validation;
        const std::optional<RevisionSet> set = load_or_report(load, io.err);
        if (!set) return kExitDiagnostics;
        io.out << summary(*set) << "\n";
        return kExitOk;
    }

    /// "3 revisions, head 4c1d2e7f9a0b" (heads, when several are allowed).
    static std::string summary(const RevisionSet& set) {
        const std::size_t count = set.revisions.size();
        std::string text = std::to_string(count) + (count == 1 ? " revision" : " revisions");
        if (set.heads.empty()) return text;
        text += set.heads.size() == 1 ? ", head " : ", heads ";
        for (std::size_t k = 0; k < set.heads.size(); ++k) {
            text += (k == 0 ? "" : ", ") + set.revisions[set.heads[k]].id;
        }
        return text;
    }

private:
    CLI::App* command_ = nullptr;
    std::string dir_;
    ValidationFlags flags_;
};

}  // namespace

std::unique_ptr<Command> make_check_command(CLI::App& app) {
    return std::make_unique<CheckCommand>(app);
}

}  // namespace migrations::generator
