// @brief `migrations init [DIR]`: a new revisions directory with a README of the file format,
// and the CMake and C++ lines that build it and migrate at startup (Alembic's `init`).
#include <filesystem>
#include <fstream>
#include <ostream>

#include "commands/common.hpp"

namespace migrations::generator {
namespace {

constexpr const char* kReadme = R"(# Database revisions

One file per revision, applied in the order of the graph their `down_revision`s draw.
Create one with `migrations revision -m "what it does"`; it looks like this:

```sql
-- revision: 4c1d2e7f9a0b
-- down_revision: 9a8b7c6d5e4f
-- message: add deleted_at to todos
-- created: 2026-11-21 10:14:03+00:00

-- upgrade
ALTER TABLE todos ADD COLUMN deleted_at TIMESTAMP;

-- downgrade
ALTER TABLE todos DROP COLUMN deleted_at;
```

- `down_revision` is `none` for the first revision, several ids for a merge
  (`migrations merge -m "merge heads"`).
- `-- upgrade: sqlite` / `-- upgrade: postgresql` (and the same for downgrade) replace the
  generic section for one database; `-- downgrade: irreversible` marks a revision that
  cannot be undone.
- Optional keys: `depends_on`, `branch_labels`, `transactional: false`.
- The build checks every file and the graph (`migrations validate` does the same by hand), and
  compiles the revisions into the program.

The full reference is docs/format.md of the Migrations project.
)";

// The catalog function add_migrations(<target> ...) generates without NAME: CMake's
// string(MAKE_C_IDENTIFIER "<target>_migrations"), every character outside [A-Za-z0-9_]
// made '_' and a leading digit prefixed with '_'. The placeholder target stays as written.
std::string catalog_name(const std::string& target) {
    std::string name = target + "_migrations";
    if (target == "<target>") return name;
    for (char& c : name) {
        const bool identifier = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
        if (!identifier) c = '_';
    }
    if (name[0] >= '0' && name[0] <= '9') name.insert(0, "_");
    return name;
}

class InitCommand final : public Command {
public:
    explicit InitCommand(CLI::App& app) {
        command_ = app.add_subcommand(
            "init", "Create the revisions directory and print the CMake and C++ lines that build and run it");
        command_->add_option("dir", dir_, "Directory to create (default: $MIGRATIONS_DIR, else ./migrations)");
        command_->add_option("--dir", dir_, "The same as the positional DIR");
        command_->add_option("--target", target_, "The CMake target named in the printed add_migrations line");
    }

    const CLI::App& subcommand() const override { return *command_; }

    int run(CommandIo& io) override {
        namespace fs = std::filesystem;
        const std::string dir = revisions_dir(dir_);
        std::error_code error;
        if (fs::exists(dir, error)) {
            if (!fs::is_directory(dir, error)) {
                io.err << "migrations init: error: '" << dir << "' exists and is not a directory\n";
                return kExitDiagnostics;
            }
            if (!fs::is_empty(dir, error)) {
                io.err << "migrations init: error: '" << dir << "' exists and is not empty; "
                       << "give a new or empty directory\n";
                return kExitDiagnostics;
            }
        }
        fs::create_directories(dir, error);
        const fs::path readme = fs::path(dir) / "README.md";
        if (error || !(std::ofstream(readme, std::ios::binary) << kReadme)) {
            io.err << "migrations init: error: cannot create " << readme.string()
                   << (error ? ": " + error.message() : std::string()) << "\n";
            return kExitDiagnostics;
        }
        const std::string name = catalog_name(target_);
        io.out << "Created " << dir << "/ with a README.md of the revision file format.\n"
               << "Add to your CMakeLists.txt:\n\n"
               << "  find_package(Migrations REQUIRED)\n"
               << "  add_migrations(" << target_ << " DIR " << dir << ")\n\n"
               << "and to the program (the build generates " << name << ".hpp):\n\n"
               << "  #include \"" << name << ".hpp\"\n"
               << "  #include <migrations/migrations.hpp>\n\n"
               << "  migrations::upgrade(db, " << name << "());   // at startup: db is your sqlite3*, "
               << "pqxx::connection& or a URL\n"
               << "  return migrations::run_cli(argc, argv, " << name << "(), \"sqlite:///app.db\");   "
               << "// optional: the db verbs (upgrade, current, history, ...)\n\n"
               << "Then write the first revision: migrations revision -m \"create tables\" --dir " << dir << "\n";
        return kExitOk;
    }

private:
    CLI::App* command_ = nullptr;
    std::string dir_;
    std::string target_ = "<target>";
};

}  // namespace

std::unique_ptr<Command> make_init_command(CLI::App& app) { return std::make_unique<InitCommand>(app); }

}  // namespace migrations::generator
