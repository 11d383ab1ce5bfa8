// @brief The large revision (large_revision.hpp: thousands of statements, dollar-quoted
// bodies, E'' strings, nested comments) applied by the runtime's section runner on the real
// server, sent whole and one statement at a time: split by PostgreSQL's parser as the build
// stores it in the catalog, and by the runtime's lexer (for sections without that split),
// which tests/generator/checks/postgresql_split_test.cpp checks against the parser.
#include "large_revision.hpp"

#include <gtest/gtest.h>

#include "checks/postgresql_parse.hpp"
#include "postgresql/section_runner.hpp"
#include "test_database.hpp"

namespace migrations::postgresql {
namespace {

using migrations::testing::large_revision;
using migrations::testing::large_revision_rows;

constexpr SectionSource kSource{"migrations/big.sql", "big", "upgrade", 5};
constexpr int kBlocks = 600;

class PostgresqlLargeRevision : public ::testing::TestWithParam<Submission> {
protected:
    testing::TestDatabase database_;
    std::unique_ptr<pqxx::connection> connection_ = database_.connect();
};

TEST_P(PostgresqlLargeRevision, RunsEveryStatementWithItsStringsIntact) {
    run_section(testing::raw(*connection_), large_revision(kBlocks), kSource, GetParam());
    EXPECT_EQ(testing::scalar(*connection_, "SELECT count(*) FROM big"), std::to_string(large_revision_rows(kBlocks)));
    EXPECT_EQ(testing::scalar(*connection_, "SELECT note FROM big WHERE id = 2"), "it's; a \\ test\n");
    EXPECT_EQ(testing::scalar(*connection_, "SELECT note FROM big WHERE id = 3"), "plain 'quoted'; text");
    EXPECT_EQ(testing::scalar(*connection_, "SELECT f_599()"), std::to_string(large_revision_rows(kBlocks)));
    EXPECT_EQ(testing::scalar(*connection_, "SELECT obj_description('f_7'::regproc)"), "data; ok");
}

TEST_F(PostgresqlLargeRevision, RunsOneStatementAtATimeWherePostgresqlsParserSplitIt) {
    const std::string sql = large_revision(kBlocks);
    const auto statements = generator::statement_ranges(sql);
    ASSERT_TRUE(statements.has_value());
    SectionSource source = kSource;
    source.statements = &*statements;
    run_section(testing::raw(*connection_), sql, source, Submission::one_statement_at_a_time);
    EXPECT_EQ(testing::scalar(*connection_, "SELECT count(*) FROM big"), std::to_string(large_revision_rows(kBlocks)));
    EXPECT_EQ(testing::scalar(*connection_, "SELECT note FROM big WHERE id = 2"), "it's; a \\ test\n");
    EXPECT_EQ(testing::scalar(*connection_, "SELECT f_599()"), std::to_string(large_revision_rows(kBlocks)));
}

INSTANTIATE_TEST_SUITE_P(Submissions, PostgresqlLargeRevision,
                         ::testing::Values(Submission::whole, Submission::one_statement_at_a_time),
                         [](const ::testing::TestParamInfo<Submission>& info) {
                             return info.param == Submission::whole ? "Whole" : "OneStatementAtATime";
                         });

}  // namespace
}  // namespace migrations::postgresql
