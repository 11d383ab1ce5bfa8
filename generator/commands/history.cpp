// @brief `migrations history [--verbose] [--database URL] [FROM:TO]`: the revisions newest
// first, as `alembic history` prints them; with a database, each one's state in it, in the very
// lines `history` of run_cli prints (both use the runtime's presenter, cli/format.hpp).
#include <migrations/operations.hpp>
#include <migrations/url.hpp>
#include <ostream>

#include "cli/format.hpp"
#include "cli/json.hpp"
#include "commands/common.hpp"
#include "planner.hpp"

namespace migrations::generator {
namespace {

class HistoryCommand final : public Command {
public:
    explicit HistoryCommand(CLI::App& app) {
        command_ = app.add_subcommand("history", "List the revisions, newest first");
        command_->add_option("range", range_,
                             "FROM:TO, either side optional (base:head, a1b2:, :c3d4): the revisions from FROM up "
                             "to TO, both included");
        add_dir_option(*command_, dir_);
        command_->add_flag("-v,--verbose", verbose_, "Print parents, children, path, created time and message");
        command_->add_option("--database", database_,
                             "Also show each revision's state in this database (read only), as the application's "
                             "`history` does");
        add_format_option(*command_, format_);
    }

    const CLI::App& subcommand() const override { return *command_; }

    int run(CommandIo& io) override {
        const auto colon = range_.find(':');
        if (!range_.empty() && colon == std::string::npos) {
            return usage_error(io.err, "history", "RANGE '" + range_ + "' must be FROM:TO (either side may be empty)");
        }
        const std::optional<LoadedDirectory> loaded = load_directory(revisions_dir(dir_), io.err);
        if (!loaded) return kExitDiagnostics;
        const Catalog& catalog = loaded->catalog;
        const detail::Planner planner(catalog);
        const graph::RevisionGraph& graph = planner.graph();

        // FROM and its descendants, intersected with TO and its ancestors; "base" or nothing
        // on either side leaves that side open.
        std::vector<bool> selected(catalog.size(), true);
        if (!range_.empty()) {
            const std::string from = range_.substr(0, colon);
            const std::string to = range_.substr(colon + 1);
            if (!from.empty() && from != "base") selected = graph.descendants(planner.resolve(from));
            if (!to.empty() && to != "heads") {
                const std::vector<bool> below =
                    to == "base" ? std::vector<bool>(catalog.size(), false) : graph.ancestors(planner.resolve(to));
                for (std::size_t k = 0; k < selected.size(); ++k) selected[k] = selected[k] && below[k];
            }
        }
        std::vector<RevisionStatus> statuses;
        if (!database_.empty()) {
            Options options;
            options.command_name = "migrations history";
            statuses = history(database_, catalog, options);
        }
        const std::vector<RevisionStatus>* database = database_.empty() ? nullptr : &statuses;
        io.out << (io.json ? cli::json_history(catalog, selected, database, redact_url(database_))
                           : cli::format_history(catalog, selected, database, verbose_));
        return kExitOk;
    }

private:
    CLI::App* command_ = nullptr;
    std::string range_;
    std::string dir_;
    std::string database_;
    std::string format_;
    bool verbose_ = false;
};

}  // namespace

std::unique_ptr<Command> make_history_command(CLI::App& app) { return std::make_unique<HistoryCommand>(app); }

}  // namespace migrations::generator
