// @brief `migrations branches`: every branch point with the revisions it branches into.
#include <ostream>

#include "cli/format.hpp"
#include "commands/common.hpp"

namespace migrations::generator {
namespace {

class BranchesCommand final : public Command {
public:
    explicit BranchesCommand(CLI::App& app) {
        command_ = app.add_subcommand("branches", "List the branch points, newest first, with their children");
        add_dir_option(*command_, dir_);
    }

    const CLI::App& subcommand() const override { return *command_; }

    int run(CommandIo& io) override {
        const std::optional<LoadedDirectory> loaded = load_directory(revisions_dir(dir_), io.err);
        if (!loaded) return kExitDiagnostics;
        const Catalog& catalog = loaded->catalog;
        const graph::RevisionGraph graph(catalog);
        for (std::size_t k = catalog.size(); k-- > 0;) {
            const auto index = static_cast<graph::Index>(k);
            if (graph.children(index).size() < 2) continue;
            io.out << cli::revision_line(catalog, graph, index, false) << "\n";
            const std::string indent(std::string(catalog[index].id).size(), ' ');
            for (graph::Index child : graph.children(index)) {
                io.out << indent << " -> " << cli::revision_line(catalog, graph, child, false) << "\n";
            }
        }
        return kExitOk;
    }

private:
    CLI::App* command_ = nullptr;
    std::string dir_;
};

}  // namespace

std::unique_ptr<Command> make_branches_command(CLI::App& app) { return std::make_unique<BranchesCommand>(app); }

}  // namespace migrations::generator
