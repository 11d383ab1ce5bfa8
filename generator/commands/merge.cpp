// @brief `migrations merge -m MSG [REVS...]`: a merge revision whose parents are every head,
// or the revisions given.
#include <algorithm>
#include <ostream>

#include "commands/common.hpp"
#include "commands/new_revision.hpp"
#include "planner.hpp"

namespace migrations::generator {
namespace {

class MergeCommand final : public Command {
public:
    explicit MergeCommand(CLI::App& app) {
        command_ = app.add_subcommand("merge", "Create a merge revision joining every head (or the revisions given)");
        command_->add_option("-m,--message", message_, "What the merge is (one line)")->required();
        command_->add_option("revisions", revisions_,
                             "Revisions to merge (ids, unique prefixes, labels); default: every head");
        add_dir_option(*command_, dir_);
    }

    const CLI::App& subcommand() const override { return *command_; }

    int run(CommandIo& io) override {
        if (const std::string problem = message_problem(message_); !problem.empty()) {
            return usage_error(io.err, "merge", problem);
        }
        const std::string dir = revisions_dir(dir_);
        const std::optional<LoadedDirectory> loaded = load_directory(dir, io.err);
        if (!loaded) return kExitDiagnostics;
        const RevisionSet& set = loaded->set;

        graph::IndexList parents;
        if (revisions_.empty()) {
            parents = set.heads;
        } else {
            const detail::Planner planner(loaded->catalog);
            for (const std::string& name : revisions_) {
                for (graph::Index index : planner.resolve(name)) {
                    if (std::find(parents.begin(), parents.end(), index) == parents.end()) parents.push_back(index);
                }
            }
        }
        if (parents.size() < 2) {
            io.err << "migrations merge: error: nothing to merge: "
                   << (revisions_.empty() ? "the revisions have " + std::to_string(parents.size()) + " head"
                                          : std::string("the revisions given name fewer than two revisions"))
                   << "\n";
            return kExitDiagnostics;
        }
        NewRevision revision;
        for (graph::Index index : parents) revision.parents.push_back(set.revisions[index].id);
        revision.id = fresh_revision_id(taken_ids(set.revisions));
        revision.message = message_;
        revision.created = created_now();
        return write_new_revision(dir, revision, io, "merge");
    }

private:
    CLI::App* command_ = nullptr;
    std::string message_;
    std::vector<std::string> revisions_;
    std::string dir_;
};

}  // namespace

std::unique_ptr<Command> make_merge_command(CLI::App& app) { return std::make_unique<MergeCommand>(app); }

}  // namespace migrations::generator
