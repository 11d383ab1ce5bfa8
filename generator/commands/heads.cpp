// @brief `migrations heads`: the revisions no other names as parent, printed by the runtime's
// presenter as the application's `db heads` prints them.
#include <ostream>

#include "cli/format.hpp"
#include "cli/json.hpp"
#include "commands/common.hpp"

namespace migrations::generator {
namespace {

class HeadsCommand final : public Command {
public:
    explicit HeadsCommand(CLI::App& app) {
        command_ = app.add_subcommand("heads", "List the heads of the revision graph");
        add_dir_option(*command_, dir_);
        command_->add_flag("-v,--verbose", verbose_, "Print each head in the long form of history --verbose");
        add_format_option(*command_, format_);
    }

    const CLI::App& subcommand() const override { return *command_; }

    int run(CommandIo& io) override {
        const std::optional<LoadedDirectory> loaded = load_directory(revisions_dir(dir_), io.err);
        if (!loaded) return kExitDiagnostics;
        io.out << (io.json ? cli::json_heads(loaded->catalog) : cli::format_heads(loaded->catalog, verbose_));
        return kExitOk;
    }

private:
    CLI::App* command_ = nullptr;
    std::string dir_;
    std::string format_;
    bool verbose_ = false;
};

}  // namespace

std::unique_ptr<Command> make_heads_command(CLI::App& app) { return std::make_unique<HeadsCommand>(app); }

}  // namespace migrations::generator
