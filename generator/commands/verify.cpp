// @brief `migrations verify [DIR]`: the validation `check` does, then every revision replayed
// upgrade -> downgrade -> upgrade on an in-memory SQLite, failing on an SQL error or on a
// downgrade that does not restore the schema (what add_migrations(... VERIFY) runs).
#include <ostream>

#include "cli/format.hpp"
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
        command_->add_option("--database", database_,
                             "Also verify the PostgreSQL sections in a scratch database created (and dropped) on "
                             "this server: a postgresql:// URL, or the name of an environment variable holding one");
        flags_.add_to(*command_);
    }

    const CLI::App& subcommand() const override { return *command_; }

    int run(CommandIo& io) override {
        const auto validation = flags_.parse(io.err, "verify");
        if (!validation) return kExitUsage;
        const bool sqlite = (validation->dialects & (1U << static_cast<unsigned>(Dialect::sqlite))) != 0;
        const bool postgresql = (validation->dialects & (1U << static_cast<unsigned>(Dialect::postgresql))) != 0;
        if (!sqlite && database_.empty()) {
            return usage_error(io.err, "verify", "--dialects must include sqlite: verification runs on SQLite");
        }
        if (!database_.empty() && !postgresql) {
            return usage_error(io.err, "verify", "--database needs postgresql in --dialects");
        }
        LoadOptions load;
        load.dir = revisions_dir(dir_);
        load.validation = *validation;
        if (!directory_exists_or_report(load.dir, io.err)) return kExitDiagnostics;
        const std::optional<RevisionSet> set = load_or_report(load, io.err);
        if (!set || (sqlite && report_lines(io.err, verify_sqlite(*set)))) return kExitDiagnostics;
        // C++ revisions run in the application, never in the tool: the replay takes them as
        // leaving the schema as it was, and names the test that runs them (add_migrations(...
        // VERIFY) builds it from the consumer's sources; docs/format.md, "C++ revisions").
        std::size_t cpp = 0;
        for (const RevisionFile& revision : set->revisions) cpp += revision.cpp ? 1 : 0;
        const std::size_t count = set->revisions.size() - cpp;
        const std::string skipped =
            cpp == 0 ? ""
                     : "; " + std::to_string(cpp) + (cpp == 1 ? " C++ revision" : " C++ revisions") +
                           " not run here, taken as leaving the schema as it was (the tool never runs consumer code; "
                           "add_migrations(... VERIFY) builds the test <NAME>_verify, which CTest runs, to verify C++ "
                           "revisions)";
        if (sqlite) {
            io.out << cli::verified(count, "SQLite") << skipped << "\n";
        }
        if (database_.empty()) return kExitOk;
        const auto lines = verify_postgresql(*set, database_, io.out);
        if (lines && report_lines(io.err, *lines)) return kExitDiagnostics;
        if (lines) io.out << cli::verified(count, "PostgreSQL") << skipped << "\n";
        return kExitOk;
    }

private:
    CLI::App* command_ = nullptr;
    std::string dir_;
    std::string database_;
    ValidationFlags flags_;
};

}  // namespace

std::unique_ptr<Command> make_verify_command(CLI::App& app) { return std::make_unique<VerifyCommand>(app); }

}  // namespace migrations::generator
