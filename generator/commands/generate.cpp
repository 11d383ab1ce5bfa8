// @brief `migrations generate`: validate a revision directory and write the catalog's C++
// header and source (what add_migrations runs at build time).
#include <filesystem>
#include <ostream>

#include "codegen.hpp"
#include "commands/common.hpp"
#include "lint_report.hpp"
#include "loader.hpp"
#include "output_file.hpp"
#include "schema_scripts.hpp"

namespace migrations::generator {
namespace {

class GenerateCommand final : public Command {
public:
    explicit GenerateCommand(CLI::App& app) {
        command_ = app.add_subcommand("generate", "Validate a revision directory and emit the catalog's C++ code");
        command_->add_option("--dir", dir_, "Directory of the revision files")->required();
        command_->add_option("--name", name_, "C++ identifier of the catalog accessor")->required();
        command_->add_option("--source-root", source_root_, "Root that emitted file paths are relative to")->required();
        command_->add_option("--header", header_, "Header file to write")->required();
        command_->add_option("--source", source_, "Source file to write")->required();
        command_->add_option("--stamp", stamp_, "File touched after every successful run");
        command_->add_flag("--verify", verify_,
                           "Also run upgrade, downgrade, upgrade of every revision on an in-memory SQLite first");
        command_->add_option("--verify-database", verify_database_,
                             "Also run them on PostgreSQL, in a scratch database on this server: a URL, or the name "
                             "of an environment variable holding one (skipped, saying so, when it is unset)");
        flags_.add_to(*command_);
        lint_.add_to(*command_, "--lint", "--lint-since");
    }

    const CLI::App& subcommand() const override { return *command_; }

    int run(CommandIo& io) override {
        if (!is_cpp_identifier(name_)) {
            return usage_error(io.err, "generate", "--name '" + name_ + "' is not a C++ identifier");
        }
        const auto validation = flags_.parse(io.err, "generate");
        if (!validation) return kExitUsage;
        const auto lint = lint_.parse(io.err, "generate");
        if (!lint) return kExitUsage;
        if (verify_ && (validation->dialects & (1U << static_cast<unsigned>(Dialect::sqlite))) == 0) {
            return usage_error(io.err, "generate", "--verify needs sqlite in --dialects: verification runs on SQLite");
        }

        LoadOptions load;
        load.dir = dir_;
        load.source_root = source_root_;
        load.validation = *validation;
        const std::optional<RevisionSet> set = load_or_report(load, io.err);
        if (!set) return kExitDiagnostics;
        const std::optional<std::size_t> linted = report_lint(*set, *lint, io.err, "generate");
        if (!linted) return kExitUsage;
        if (*linted > 0 && lint->level == LintLevel::error) return kExitDiagnostics;
        // Before anything is written: a failed verification leaves the outputs and the stamp
        // as they were, so the next build runs it again.
        if (verify_ && report_lines(io.err, verify_sqlite(*set))) return kExitDiagnostics;
        if (!verify_database_.empty()) {
            const auto lines = verify_postgresql(*set, verify_database_, io.out);
            if (lines && report_lines(io.err, *lines)) return kExitDiagnostics;
        }

        CodegenOptions codegen;
        codegen.name = name_;
        codegen.header_name = std::filesystem::path(header_).filename().string();
        codegen.source_label = relative_to(dir_, source_root_);
        const GeneratedCode code = generate_code(*set, codegen);
        std::string error;
        if (write_if_changed(header_, code.header, error) == WriteResult::failed ||
            write_if_changed(source_, code.source, error) == WriteResult::failed ||
            (!stamp_.empty() && !touch(stamp_, error))) {
            io.err << "migrations generate: error: " << escape_control(error) << "\n";
            return kExitDiagnostics;
        }
        return kExitOk;
    }

private:
    CLI::App* command_ = nullptr;
    std::string dir_;
    std::string name_;
    std::string source_root_;
    std::string header_;
    std::string source_;
    std::string stamp_;
    bool verify_ = false;
    std::string verify_database_;
    ValidationFlags flags_;
    LintFlags lint_;
};

}  // namespace

std::unique_ptr<Command> make_generate_command(CLI::App& app) { return std::make_unique<GenerateCommand>(app); }

}  // namespace migrations::generator
