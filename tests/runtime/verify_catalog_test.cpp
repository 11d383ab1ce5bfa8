// @brief detail::verify_catalog, the main of the VERIFY test add_migrations() builds for C++
// revisions: the catalog replayed up, down and up on an in-memory SQLite with its C++ steps run,
// the diagnostics of `migrations verify`, and its exit codes.
#include <migrations/catalog.hpp>
#include <migrations/session.hpp>

#include "support/test_catalog.hpp"

#include <gtest/gtest.h>

#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace migrations {
namespace {

using testing::CatalogBuilder;

struct Outcome {
    int code;
    std::string out;
    std::string err;
};

/// verify_catalog(catalog, {"verify", args...}) with std::cout and std::cerr captured.
Outcome verify(const Catalog& catalog, const std::vector<std::string>& args = {}) {
    std::vector<const char*> argv{"todo_verify"};
    for (const std::string& arg : args) argv.push_back(arg.c_str());
    std::ostringstream out;
    std::ostringstream err;
    auto* old_out = std::cout.rdbuf(out.rdbuf());
    auto* old_err = std::cerr.rdbuf(err.rdbuf());
    const int code = detail::verify_catalog(catalog, static_cast<int>(argv.size()), argv.data());
    std::cout.rdbuf(old_out);
    std::cerr.rdbuf(old_err);
    return {code, out.str(), err.str()};
}

int upgrades = 0;
void upper_titles(Session& session) {
    ++upgrades;
    session.execute("UPDATE todos SET title = upper(title)");
}
void keep_titles(Session&) {}

// The line of the INSERT below, which the Session captures by its default argument.
constexpr unsigned kFailingLine = __LINE__ + 3;
void insert_nowhere(Session& session) {
    session.execute("UPDATE todos SET title = upper(title)");
    session.execute("INSERT INTO nowhere VALUES (1)");
}

void create_extra(Session& session) { session.execute("CREATE TABLE extra (x)"); }

/// a1 creates todos with a row; b2 is a C++ revision with the given steps (macros on lines 7 and 12).
Catalog todo_catalog(void (*upgrade)(Session&), void (*downgrade)(Session&)) {
    static std::vector<CppStep> steps;
    steps = {{upgrade, 7}, {downgrade, 12}};
    CatalogBuilder builder;
    builder.add("a1")
        .up("CREATE TABLE todos (id INTEGER PRIMARY KEY, title TEXT);\nINSERT INTO todos (title) VALUES ('milk');")
        .down("DROP TABLE todos;");
    builder.add("b2", {"a1"}).cpp();
    return builder.build("todo").with_cpp_steps(steps.data(), steps.size());
}

const char* const kVerified =
    "2 revisions verified on SQLite: upgrade, downgrade and upgrade again each restore the schema; 1 C++ revision "
    "among them, run with their steps\n";

TEST(VerifyCatalog, RunsTheCppStepsAndSucceedsWhenEveryRevisionVerifies) {
    upgrades = 0;
    const Outcome outcome = verify(todo_catalog(&upper_titles, &keep_titles));
    EXPECT_EQ(outcome.code, 0) << outcome.err;
    EXPECT_EQ(outcome.out, kVerified);
    EXPECT_EQ(outcome.err, "");
    EXPECT_EQ(upgrades, 2);  // upgrade, then again after the downgrade
}

TEST(VerifyCatalog, ReportsAFailingCppStepAtTheLineOfTheFailingCall) {
    const Outcome outcome = verify(todo_catalog(&insert_nowhere, &keep_titles));
    EXPECT_EQ(outcome.code, 1);
    EXPECT_EQ(outcome.out, "");
    EXPECT_EQ(outcome.err, "migrations/b2.cpp:" + std::to_string(kFailingLine) +
                               ": error: upgrade of b2 failed: no such table: nowhere\n");
}

TEST(VerifyCatalog, ReportsADowngradeThatDoesNotRestoreTheSchemaAtItsMacro) {
    const Outcome outcome = verify(todo_catalog(&create_extra, &keep_titles));
    EXPECT_EQ(outcome.code, 1);
    EXPECT_EQ(outcome.err,
              "migrations/b2.cpp:12: error: downgrade of b2 does not restore the schema: table 'extra' is still "
              "present\n");
}

TEST(VerifyCatalog, NamesTheFilesUnderTheSourceRootItIsGiven) {
    const Catalog catalog = todo_catalog(&insert_nowhere, &keep_titles);
    const std::string expected = "/src/app/migrations/b2.cpp:" + std::to_string(kFailingLine) +
                                 ": error: upgrade of b2 failed: no such table: nowhere\n";
    EXPECT_EQ(verify(catalog, {"--source-root", "/src/app"}).err, expected);
    EXPECT_EQ(verify(catalog, {"--source-root=/src/app"}).err, expected);
}

TEST(VerifyCatalog, ExitsWithTwoOnAUsageError) {
    const Catalog catalog = todo_catalog(&upper_titles, &keep_titles);
    const Outcome unknown = verify(catalog, {"--verbose"});
    EXPECT_EQ(unknown.code, 2);
    EXPECT_NE(unknown.err.find("todo_verify: unexpected argument '--verbose'\nusage: todo_verify [--source-root DIR]"),
              std::string::npos)
        << unknown.err;
    EXPECT_EQ(verify(catalog, {"--source-root"}).code, 2);
    EXPECT_EQ(verify(catalog, {"--source-root="}).code, 2);
    const Outcome help = verify(catalog, {"--help"});
    EXPECT_EQ(help.code, 0);
    EXPECT_EQ(help.out.rfind("usage: todo_verify [--source-root DIR]\n", 0), 0U) << help.out;
    EXPECT_EQ(help.err, "");
}

TEST(VerifyCatalog, RefusesACatalogWithCppRevisionsButNotTheirSteps) {
    CatalogBuilder builder;
    builder.add("a1").cpp();
    const Outcome outcome = verify(builder.build("todo"));
    EXPECT_EQ(outcome.code, 1);
    EXPECT_EQ(outcome.err,
              "todo_verify: error: catalog todo has C++ revisions but not their steps (a catalog the tool serialized, "
              "not the generated one)\n");
}

}  // namespace
}  // namespace migrations
