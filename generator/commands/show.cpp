// @brief `migrations show REV`: one revision's details (the runtime's `show`), its children,
// where the runtime commits after it (and why), and its SQL sections as the file has them.
#include <ostream>

#include "cli/format.hpp"
#include "cli/json.hpp"
#include "commands/common.hpp"
#include "planner.hpp"

namespace migrations::generator {
namespace {

class ShowCommand final : public Command {
public:
    explicit ShowCommand(CLI::App& app) {
        command_ = app.add_subcommand("show", "Show one revision: parents, children, labels, path, message, SQL");
        command_->add_option("revision", revision_, "An id, unique id prefix, branch label, head or heads")->required();
        add_dir_option(*command_, dir_);
        add_format_option(*command_, format_);
    }

    const CLI::App& subcommand() const override { return *command_; }

    int run(CommandIo& io) override {
        const std::optional<LoadedDirectory> loaded = load_directory(revisions_dir(dir_), io.err);
        if (!loaded) return kExitDiagnostics;
        const Catalog& catalog = loaded->catalog;
        if (io.json) {
            io.out << cli::json_show(catalog, revision_);
            return kExitOk;
        }
        const detail::Planner planner(catalog);
        const graph::IndexList found = planner.resolve(revision_);
        for (std::size_t k = 0; k < found.size(); ++k) {
            const graph::Index index = found[k];
            const RevisionFile& file = loaded->set.revisions[index];
            io.out << (k == 0 ? "" : "\n") << cli::format_show(catalog, file.id);
            // Where the runtime commits after this revision, and the statement that needs it.
            for (const CommitBoundary& boundary : file.commit_boundaries) {
                io.out << "Commits after: " << dialect_name(boundary.dialect)
                       << (boundary.upgrade ? " upgrade (" : " downgrade (") << boundary.statement << " at "
                       << file.path << ":" << boundary.line << ")\n";
            }
            for (const auto* sections : {&file.upgrade, &file.downgrade}) {
                for (const SectionText& section : *sections) io.out << "\n" << section.marker << "\n" << section.sql;
            }
            if (file.cpp) {
                // A C++ revision: where its steps are, then its source after the header.
                io.out << "Written in: C++ (upgrade at " << file.path << ":" << file.cpp_upgrade_line;
                if (file.cpp_downgrade_line != 0)
                    io.out << ", downgrade at " << file.path << ":" << file.cpp_downgrade_line;
                io.out << ")\n\n" << file.cpp_source;
            } else if (file.irreversible) {
                io.out << "\n-- downgrade: irreversible\n";
            }
        }
        return kExitOk;
    }

private:
    CLI::App* command_ = nullptr;
    std::string revision_;
    std::string dir_;
    std::string format_;
};

}  // namespace

std::unique_ptr<Command> make_show_command(CLI::App& app) { return std::make_unique<ShowCommand>(app); }

}  // namespace migrations::generator
