// @brief PostgreSQL's commit boundaries: an enum label added by one revision and used by the next
// must be committed in between, whatever the transaction mode.
#include "support/expect_error.hpp"
#include "support/test_catalog.hpp"
#include "test_database.hpp"

#include <migrations/migrations.hpp>
#include <migrations/postgresql.hpp>

#include <gtest/gtest.h>

#include <string>

namespace migrations {
namespace {

using testing::CatalogBuilder;
using testing::expect_error;
using testing::TestDatabase;

// The catalog: a type, a label added to it, a table that uses the label.
Catalog mood_catalog(bool marked) {
    CatalogBuilder b;
    b.add("a").up("CREATE TYPE mood AS ENUM ('ok');").down("DROP TYPE mood;");
    b.add("b", {"a"}).up("ALTER TYPE mood ADD VALUE 'sad';").irreversible();
    if (marked) b.commit_after(Dialect::postgresql);
    b.add("c", {"b"}).up("CREATE TABLE t (m mood NOT NULL DEFAULT 'sad');").down("DROP TABLE t;");
    return b.build();
}

TEST(PostgresqlCommitBoundary, AnEnumLabelAddedThenUsedUpgradesAFreshDatabase) {
    TestDatabase database;
    const auto connection = database.connect();
    const UpgradeResult result = upgrade(*connection, mood_catalog(/*marked=*/true));
    EXPECT_EQ(result.revisions, (std::vector<std::string>{"a", "b", "c"}));
    EXPECT_EQ(result.to, std::vector<std::string>{"c"});
}

TEST(PostgresqlCommitBoundary, WithoutTheMarkTheServerRefusesTheNewLabelAndNothingIsKept) {
    // Why the build marks ALTER TYPE ... ADD VALUE: in one transaction, PostgreSQL refuses it.
    TestDatabase database;
    const auto connection = database.connect();
    const Error error = expect_error([&] { (void)upgrade(*connection, mood_catalog(/*marked=*/false)); });
    EXPECT_EQ(error.kind(), ErrorKind::statement_failed);
    EXPECT_EQ(error.revision(), "c");
    EXPECT_NE(std::string(error.what()).find("unsafe use of new value \"sad\" of enum type mood"), std::string::npos)
        << error.what();
    EXPECT_EQ(current(*connection, mood_catalog(true)), std::vector<std::string>{});
}

TEST(PostgresqlCommitBoundary, OneTransactionPerRevisionNeedsNoMark) {
    TestDatabase database;
    const auto connection = database.connect();
    Options options;
    options.transaction = TransactionMode::per_revision;
    EXPECT_EQ(upgrade(*connection, mood_catalog(/*marked=*/false), "head", options).to, std::vector<std::string>{"c"});
}

}  // namespace
}  // namespace migrations
