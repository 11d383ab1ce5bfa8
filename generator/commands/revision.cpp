// @brief `migrations revision -m MSG [--cpp]`: a new revision file (SQL, or C++) whose parent is
// the current head.
#include <ostream>

#include "commands/common.hpp"
#include "commands/new_revision.hpp"
#include "planner.hpp"

namespace migrations::generator {
namespace {

class RevisionCommand final : public Command {
public:
    explicit RevisionCommand(CLI::App& app) {
        command_ = app.add_subcommand("revision", "Create a new revision file on top of the current head");
        command_->add_option("-m,--message", message_, "What the revision does (one line)")->required();
        add_dir_option(*command_, dir_);
        command_->add_option("--head", head_,
                             "Branch from this revision (id, unique prefix or label) instead of the head");
        command_
            ->add_option("--empty-downgrade", empty_downgrade_,
                         "'irreversible' writes '-- downgrade: irreversible' instead of an empty downgrade")
            ->check(CLI::IsMember({"empty", "irreversible"}));
        command_->add_flag("--cpp", cpp_, "Write a revision in C++ (<id>_<slug>.cpp) instead of SQL");
    }

    const CLI::App& subcommand() const override { return *command_; }

    int run(CommandIo& io) override {
        if (const std::string problem = message_problem(message_); !problem.empty()) {
            return usage_error(io.err, "revision", problem);
        }
        const std::string dir = revisions_dir(dir_);
        const std::optional<LoadedDirectory> loaded = load_directory(dir, io.err);
        if (!loaded) return kExitDiagnostics;
        const RevisionSet& set = loaded->set;

        NewRevision revision;
        if (!head_.empty()) {
            const detail::Planner planner(loaded->catalog);
            const graph::IndexList base = planner.resolve(head_);
            if (base.size() != 1) {
                return usage_error(
                    io.err, "revision",
                    "--head '" + head_ + "' names " + std::to_string(base.size()) + " revisions; give one");
            }
            revision.parents.push_back(set.revisions[base.front()].id);
        } else if (set.heads.size() > 1) {
            std::string heads;
            for (std::uint32_t head : set.heads) heads += (heads.empty() ? "'" : ", '") + set.revisions[head].id + "'";
            io.err << "migrations revision: error: the revisions have " << set.heads.size() << " heads (" << heads
                   << "); run " << message::merge_command(dir_) << " to join them, or pick one with --head\n";
            return kExitDiagnostics;
        } else if (!set.heads.empty()) {
            revision.parents.push_back(set.revisions[set.heads.front()].id);
        }
        revision.id = fresh_revision_id(taken_ids(set.revisions));
        revision.message = message_;
        revision.created = created_now();
        revision.irreversible = empty_downgrade_ == "irreversible";
        revision.cpp = cpp_;
        return write_new_revision(dir, revision, io, "revision");
    }

private:
    CLI::App* command_ = nullptr;
    std::string message_;
    std::string dir_;
    std::string head_;
    std::string empty_downgrade_ = "empty";
    bool cpp_ = false;
};

}  // namespace

std::unique_ptr<Command> make_revision_command(CLI::App& app) { return std::make_unique<RevisionCommand>(app); }

}  // namespace migrations::generator
