// @brief `migrations upgrade|downgrade|stamp|repair|current|status|sql`: the runtime's own verbs (run_cli),
// run on a Catalog built from the revisions directory instead of a compiled one. Nothing here
// migrates anything itself: it loads the directory and hands the arguments to the runtime.
#include <cstdlib>
#include <migrations/cli.hpp>
#include <ostream>

#include "cli/format.hpp"
#include "commands/common.hpp"

namespace migrations::generator {
namespace {

/// What one forwarded verb takes besides --dir.
struct VerbShape {
    const char* name;
    const char* description;
    /// Help of the positional argument; null when the verb takes none.
    const char* argument = nullptr;
    bool argument_required = false;
    bool database = true;
};

class RuntimeVerb final : public Command {
public:
    RuntimeVerb(CLI::App& app, const VerbShape& shape) : shape_(shape) {
        command_ = app.add_subcommand(shape.name, shape.description);
        if (shape.argument != nullptr) {
            command_->add_option(shape.database ? "target" : "range", argument_, shape.argument)
                ->required(shape.argument_required);
        }
        add_dir_option(*command_, dir_);
        if (shape.database) {
            command_->add_option("--database", database_, "Database URL (default: $DATABASE_URL)");
            command_->add_flag("-v,--verbose", verbose_,
                               "More detail: each revision's time, commits, notices; file names");
            command_->add_flag("-q,--quiet", quiet_, "Print nothing while migrating (results and errors still)");
            command_->add_flag("--transaction-per-revision", per_revision_,
                               "Commit after each revision instead of once for the whole run");
            add_format_option(*command_, format_);
        } else {
            command_->add_option("--dialect", dialect_, "sqlite or postgresql")
                ->check(CLI::IsMember({"sqlite", "postgresql"}))
                ->capture_default_str();
        }
    }

    const CLI::App& subcommand() const override { return *command_; }

    int run(CommandIo& io) override {
        std::vector<std::string> args = {"migrations", shape_.name};
        if (shape_.database) {
            const char* environment = std::getenv("DATABASE_URL");
            if (database_.empty() && (environment == nullptr || *environment == '\0')) {
                return usage_error(io.err, shape_.name, "no database: give --database URL or set DATABASE_URL");
            }
            if (!database_.empty()) args.insert(args.end(), {"--database", database_});
            if (verbose_) args.emplace_back("-v");
            if (quiet_) args.emplace_back("-q");
            if (per_revision_) args.emplace_back("--transaction-per-revision");
            if (!format_.empty()) args.insert(args.end(), {"--format", format_});
        } else {
            args.insert(args.end(), {"--dialect", dialect_});
        }
        if (!argument_.empty()) args.push_back(argument_);

        const std::optional<LoadedDirectory> loaded =
            load_directory(revisions_dir(dir_), io.err, EmptyUpgrade::refused);
        if (!loaded) return kExitDiagnostics;
        io.out.flush();
        io.json_written = io.json;  // run_cli prints its own documents, errors included
        std::vector<const char*> argv;
        argv.reserve(args.size());
        for (const std::string& arg : args) argv.push_back(arg.c_str());
        // A recovery command a message suggests reads the same directory.
        CliSettings settings;
        if (!dir_.empty()) settings.command_options = " --dir " + cli::shell_word(dir_);
        return migrations::run_cli(static_cast<int>(argv.size()), argv.data(), loaded->catalog, "", settings);
    }

private:
    VerbShape shape_;
    CLI::App* command_ = nullptr;
    std::string argument_;
    std::string dir_;
    std::string database_;
    std::string dialect_ = "sqlite";
    std::string format_;
    bool verbose_ = false;
    bool quiet_ = false;
    bool per_revision_ = false;
};

}  // namespace

std::unique_ptr<Command> make_upgrade_command(CLI::App& app) {
    return std::make_unique<RuntimeVerb>(
        app, VerbShape{"upgrade", "Apply the revisions up to TARGET (default head) to a database",
                       "head, heads, an id or unique prefix, a branch label, label@head, +N, <id>+N"});
}

std::unique_ptr<Command> make_downgrade_command(CLI::App& app) {
    return std::make_unique<RuntimeVerb>(app, VerbShape{"downgrade", "Revert the revisions above TARGET in a database",
                                                        "-N, <id>-N, base, an id or unique prefix", true});
}

std::unique_ptr<Command> make_stamp_command(CLI::App& app) {
    return std::make_unique<RuntimeVerb>(
        app, VerbShape{"stamp", "Set a database's version table to TARGET without running SQL",
                       "a revision, head, heads or base", true});
}

std::unique_ptr<Command> make_repair_command(CLI::App& app) {
    return std::make_unique<RuntimeVerb>(
        app, VerbShape{"repair", "Store the catalog's checksums for edited applied revisions in a database"});
}

std::unique_ptr<Command> make_current_command(CLI::App& app) {
    return std::make_unique<RuntimeVerb>(app, VerbShape{"current", "Show a database's current revision(s)"});
}

std::unique_ptr<Command> make_status_command(CLI::App& app) {
    return std::make_unique<RuntimeVerb>(
        app, VerbShape{"status",
                       "Exit 0 only when a database is at head with nothing modified (the application's "
                       "`db status`, old name `db check`)"});
}

std::unique_ptr<Command> make_sql_command(CLI::App& app) {
    return std::make_unique<RuntimeVerb>(
        app, VerbShape{"sql", "Print the offline SQL script of an upgrade or downgrade, for a DBA",
                       "[FROM:]TO, e.g. head, base:head, 4c1d:head, head:base", true, false});
}

}  // namespace migrations::generator
