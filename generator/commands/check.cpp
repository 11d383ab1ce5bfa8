// @brief `migrations validate [DIR]` (old name: `check`): the validation `generate` does,
// without output files, for CI and pre-commit hooks.
#include <ostream>

#include "cli/json.hpp"
#include "commands/common.hpp"

namespace migrations::generator {
namespace {

class CheckCommand final : public Command {
public:
    explicit CheckCommand(CLI::App& app) {
        command_ = app.add_subcommand(
            "validate",
            "Validate a revision directory as the build does; print a summary or every error (old name: check)");
        command_->alias("check");
        add_dir_options(*command_, dir_);
        flags_.add_to(*command_);
        add_format_option(*command_, format_);
    }

    const CLI::App& subcommand() const override { return *command_; }

    int run(CommandIo& io) override {
        const auto validation = flags_.parse(io.err, "validate");
        if (!validation) return kExitUsage;
        LoadOptions load;
        load.dir = revisions_dir(dir_);
        load.validation = *validation;
        if (!directory_exists_or_report(load.dir, io.err)) return kExitDiagnostics;
        const std::optional<RevisionSet> set = load_or_report(load, io.err);
        if (!set) return kExitDiagnostics;
        if (io.json) {
            std::vector<std::string> heads;
            for (const std::size_t head : set->heads) heads.push_back(set->revisions[head].id);
            io.out << cli::json_document("validate")
                          .text("directory", load.dir)
                          .integer("revisions", static_cast<long long>(set->revisions.size()))
                          .raw("heads", cli::json_strings(heads))
                          .str()
                   << "\n";
        } else {
            io.out << summary(*set) << "\n";
        }
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
    std::string format_;
    ValidationFlags flags_;
};

}  // namespace

std::unique_ptr<Command> make_validate_command(CLI::App& app) { return std::make_unique<CheckCommand>(app); }

}  // namespace migrations::generator
