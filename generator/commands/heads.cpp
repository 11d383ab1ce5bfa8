// @brief `migrations heads`: the revisions no other names as parent.
#include <ostream>

#include "cli/format.hpp"
#include "commands/common.hpp"

namespace migrations::generator {
namespace {

class HeadsCommand final : public Command {
public:
    explicit HeadsCommand(CLI::App& app) {
        command_ = app.add_subcommand("heads", "List the heads of the revision graph");
        add_dir_option(*command_, dir_);
        command_->add_flag("-v,--verbose", verbose_, "Print each head in the long form of history --verbose");
    }

    const CLI::App& subcommand() const override { return *command_; }

    int run(CommandIo& io) override {
        const std::optional<LoadedDirectory> loaded = load_directory(revisions_dir(dir_), io.err);
        if (!loaded) return kExitDiagnostics;
        const graph::RevisionGraph graph(loaded->catalog);
        for (graph::Index head : graph.heads()) {
            io.out << (verbose_ ? cli::revision_block(loaded->catalog, graph, head)
                                : cli::revision_line(loaded->catalog, graph, head, false) + "\n");
        }
        return kExitOk;
    }

private:
    CLI::App* command_ = nullptr;
    std::string dir_;
    bool verbose_ = false;
};

}  // namespace

std::unique_ptr<Command> make_heads_command(CLI::App& app) {
    return std::make_unique<HeadsCommand>(app);
}

}  // namespace migrations::generator
