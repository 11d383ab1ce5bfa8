// @brief Tests of reading a revision directory: listing, unreadable files, paths.
#include "loader.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "test_files.hpp"

namespace migrations::generator {
namespace {

using testing_support::revision_text;
using testing_support::TempDir;

std::vector<std::string> formatted(const Diagnostics& diagnostics) {
    std::vector<std::string> lines;
    for (const Diagnostic& d : diagnostics.sorted()) lines.push_back(format(d));
    return lines;
}

TEST(Loader, ListsOnlySqlFilesDirectlyInTheDirectorySortedByName) {
    TempDir dir;
    dir.write("b.sql", "");
    dir.write("a.sql", "");
    dir.write("README.md", "");
    dir.write("sub/c.sql", "");
    dir.write("d.sql.orig", "");
    Diagnostics diagnostics;
    EXPECT_EQ(list_revision_files(dir.str(), diagnostics), (std::vector<std::string>{"a.sql", "b.sql"}));
    EXPECT_TRUE(diagnostics.empty());
}

TEST(Loader, ReportsAMissingDirectory) {
    Diagnostics diagnostics;
    EXPECT_TRUE(list_revision_files("/nonexistent/migrations", diagnostics).empty());
    EXPECT_EQ(formatted(diagnostics),
              (std::vector<std::string>{"/nonexistent/migrations:1: error: cannot open directory: No such file or "
                                        "directory"}));
}

TEST(Loader, ReportsAnUnreadableFile) {
    // A dangling symbolic link cannot be read, even by root (chmod would not stop root).
    TempDir dir;
    dir.write("a.sql", revision_text("a", "none"));
    std::filesystem::create_symlink(dir.path() / "gone.sql", dir.path() / "b.sql");
    LoadOptions options;
    options.dir = dir.str();
    Diagnostics diagnostics;
    EXPECT_FALSE(load_revisions(options, diagnostics).has_value());
    EXPECT_EQ(formatted(diagnostics),
              (std::vector<std::string>{dir.str() + "/b.sql:1: error: cannot read file: No such file or directory"}));
}

TEST(Loader, RefusesAFifoAndASymlinkToADeviceWithoutReadingThem) {
    // Before: the FIFO blocked the build forever and /dev/zero filled memory.
    TempDir dir;
    dir.write("a.sql", revision_text("a", "none"));
    ASSERT_EQ(::mkfifo((dir.path() / "b.sql").c_str(), 0600), 0);
    std::filesystem::create_symlink("/dev/zero", dir.path() / "c.sql");
    LoadOptions options;
    options.dir = dir.str();
    Diagnostics diagnostics;
    EXPECT_FALSE(load_revisions(options, diagnostics).has_value());
    const std::string reason =
        ": error: not a regular file (a revision must be a regular file or a symbolic link to one)";
    EXPECT_EQ(formatted(diagnostics),
              (std::vector<std::string>{dir.str() + "/b.sql" + reason, dir.str() + "/c.sql" + reason}));
}

TEST(Loader, FollowsASymlinkToARegularFile) {
    TempDir dir;
    dir.write("elsewhere/a.txt", revision_text("a", "none"));
    std::filesystem::create_symlink(dir.path() / "elsewhere/a.txt", dir.path() / "a.sql");
    LoadOptions options;
    options.dir = dir.str();
    Diagnostics diagnostics;
    const auto set = load_revisions(options, diagnostics);
    ASSERT_TRUE(set.has_value()) << format(diagnostics.all().front());
    EXPECT_EQ(set->revisions[0].id, "a");
}

TEST(Loader, ReportsAFileThatIsNotARevision) {
    TempDir dir;
    dir.write("a.sql", revision_text("a", "none"));
    dir.write("seed.sql", "INSERT INTO t VALUES (1);\n");
    LoadOptions options;
    options.dir = dir.str() + "/";
    Diagnostics diagnostics;
    EXPECT_FALSE(load_revisions(options, diagnostics).has_value());
    EXPECT_EQ(
        formatted(diagnostics),
        (std::vector<std::string>{dir.str() + "/seed.sql:1: error: not a revision file: no '-- revision: <id>' header "
                                              "(every .sql file in the directory must be a revision)"}));
}

TEST(Loader, NamesFilesRelativeToTheSourceRoot) {
    TempDir dir;
    dir.write("app/migrations/a.sql", revision_text("a", "none"));
    LoadOptions options;
    options.dir = dir.str() + "/app/./migrations";
    options.source_root = dir.str() + "/app";
    Diagnostics diagnostics;
    const auto set = load_revisions(options, diagnostics);
    ASSERT_TRUE(set.has_value());
    EXPECT_EQ(set->revisions[0].relative_path, "migrations/a.sql");
    EXPECT_EQ(set->revisions[0].path, dir.str() + "/app/./migrations/a.sql");
    EXPECT_EQ(relative_to(dir.str() + "/app", dir.str() + "/app"), ".");
    EXPECT_EQ(relative_to(dir.str() + "/other/m", dir.str() + "/app"), "../other/m");
}

TEST(Loader, LoadsALargeDirectoryInOrderWithTheErrorsOfEveryPart) {
    TempDir dir;
    constexpr int kCount = 1200;  // enough for the two-thread path
    const auto id = [](int i) { return "r" + std::to_string(10000 + i); };
    for (int i = 0; i < kCount; ++i) {
        dir.write(id(i) + ".sql", revision_text(id(i), i == 0 ? "none" : id(i - 1)));
    }
    LoadOptions options;
    options.dir = dir.str();
    Diagnostics diagnostics;
    const auto set = load_revisions(options, diagnostics);
    ASSERT_TRUE(set.has_value());
    ASSERT_EQ(set->revisions.size(), static_cast<std::size_t>(kCount));
    for (int i = 0; i < kCount; ++i) EXPECT_EQ(set->revisions[static_cast<std::size_t>(i)].id, id(i));

    dir.write(id(5) + ".sql", revision_text(id(5), "nowhere", ""));
    dir.write(id(1100) + ".sql", revision_text(id(1100), id(1099), "\n"));
    Diagnostics broken;
    EXPECT_FALSE(load_revisions(options, broken).has_value());
    EXPECT_EQ(formatted(broken),
              (std::vector<std::string>{
                  dir.str() + "/r10005.sql:2: error: unknown revision 'nowhere' in 'down_revision'",
                  dir.str() + "/r10005.sql:4: error: section '-- upgrade' is empty: an upgrade must contain SQL",
                  dir.str() + "/r11100.sql:4: error: section '-- upgrade' is empty: an upgrade must contain SQL"}));
}

TEST(Loader, JoinsTheDirectoryAndTheNameAsGiven) {
    EXPECT_EQ(display_path("migrations", "a.sql"), "migrations/a.sql");
    EXPECT_EQ(display_path("migrations/", "a.sql"), "migrations/a.sql");
    EXPECT_EQ(display_path("", "a.sql"), "a.sql");
}

}  // namespace
}  // namespace migrations::generator
