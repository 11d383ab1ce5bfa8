// @brief `migrations verify [DIR]`: the validation `check` does, then every revision replayed
// upgrade -> downgrade -> upgrade on an in-memory SQLite, failing on an SQL error or on a
// downgrade that does not restore the schema (what add_migrations(... VERIFY) runs).
#include <ostream>

#include "commands/common.hpp"
#include "schema_scripts.hpp"

namespace migrations::generator {
namespace {

class VerifyCommand final : public Command {
public:
    explicit VerifyCommand(CLI::App& app) {
        command_ = app.add_subcommand(
            "verify", "Replay each revision up, down and up on SQLite; check each downgrade restores the schema");
        add_dir_options(*command_, dir_);
        flags_.add_to(*command_);
    }

    const CLI::App& subcommand() const override { return *command_; }

    int run(CommandIo& io) override {
        const auto validation = flags_.parse(io.err, "verify");
        if (!validation) return kExitUsage;
        if ((validation->dialects & (1U << static_cast<unsigned>(Dialect::sqlite))) == 0) {
            return usage_error(io.err, "verify", "--dialects must include sqlite: verification runs on SQLite");
        }
        LoadOptions load;
        load.dir = revisions_dir(dir_);
        load.validation = *validation;
        const std::optional<RevisionSet> set = load_or_report(load, io.err);
        if (!set || report_lines(io.err, verify_sqlite(*set))) return kExitDiagnostics;
        const std::size_t count = set->revisions.size();
        io.out << count << (count == 1 ? " revision" : " revisions")
               << " verified on SQLite: upgrade, downgrade and upgrade again each restore the schema\n";
        return kExitOk;
    }

private:
    CLI::App* command_ = nullptr;
    std::string dir_;
    ValidationFlags flags_;
};

}  // namespace

std::unique_ptr<Command> make_verify_command(CLI::App& app) {
    return std::make_unique<VerifyCommand>(app);
}

}  // namespace migrations::generator
