// @brief The version table on a real server: absent, created in the current or a given
// schema, rows written, replaced, read and deleted.
#include "postgresql/version_table.hpp"

#include "postgresql/libpq_query.hpp"
#include "test_database.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace migrations::postgresql {
namespace {

using testing::raw;
using testing::scalar;
using testing::TestDatabase;

struct Row {
    std::string revision, checksum, state, applied_at;
    double duration_ms;
    bool operator==(const Row& other) const {
        return revision == other.revision && checksum == other.checksum && state == other.state &&
               applied_at == other.applied_at && duration_ms == other.duration_ms;
    }
};

std::vector<Row> rows(PGconn* connection, const VersionTable& table) {
    std::vector<Row> out;
    const bool exists = table.read(connection, [&](const VersionRow& row) {
        out.push_back(Row{std::string(row.revision), std::string(row.checksum), std::string(row.state),
                          std::string(row.applied_at), row.duration_ms});
    });
    if (!exists) out.push_back(Row{"<no table>", "", "", "", 0});
    return out;
}

class PostgresqlVersionTable : public ::testing::Test {
protected:
    TestDatabase database_;
    std::unique_ptr<pqxx::connection> connection_ = database_.connect();
    PGconn* pg_ = raw(*connection_);
};

TEST_F(PostgresqlVersionTable, ReadsAsAbsentBeforeItIsCreated) {
    EXPECT_EQ(rows(pg_, VersionTable("", "schema_revisions")), (std::vector<Row>{{"<no table>", "", "", "", 0}}));
    EXPECT_EQ(rows(pg_, VersionTable("nowhere", "schema_revisions")),
              (std::vector<Row>{{"<no table>", "", "", "", 0}}));
}

TEST_F(PostgresqlVersionTable, IsCreatedInTheCurrentSchema) {
    query(pg_, "CREATE SCHEMA app");
    query(pg_, "SET search_path = app, public");
    const VersionTable table("", "schema_revisions");
    table.create(pg_);
    table.create(pg_);  // idempotent
    EXPECT_EQ(table.resolved_schema(pg_), "app");
    EXPECT_EQ(scalar(*connection_, "SELECT to_regclass('app.schema_revisions') IS NOT NULL"), "t");
    EXPECT_EQ(rows(pg_, table), std::vector<Row>{});
}

TEST_F(PostgresqlVersionTable, ResolvesToTheSchemaWhereTheSearchPathFindsIt) {
    VersionTable(std::string(), "schema_revisions").create(pg_);  // in public
    query(pg_, "CREATE SCHEMA app");
    query(pg_, "SET search_path = app, public");
    VersionTable table("", "schema_revisions");
    EXPECT_EQ(table.qualified_name(), "\"schema_revisions\"");
    EXPECT_EQ(table.resolve(pg_), "public");
    EXPECT_EQ(table.qualified_name(), "\"public\".\"schema_revisions\"");
    // Resolved once: a later search_path change does not move it.
    query(pg_, "CREATE TABLE app.schema_revisions (revision text)");
    EXPECT_EQ(table.resolve(pg_), "public");
    table.write(pg_, VersionRow{"a1", "sum", "applied", "now", 0});
    EXPECT_EQ(scalar(*connection_, "SELECT count(*) FROM public.schema_revisions"), "1");
}

TEST_F(PostgresqlVersionTable, IsCreatedInAGivenSchemaWithCaseKept) {
    const VersionTable table("Ops", "Revisions");
    EXPECT_EQ(table.qualified_name(), "\"Ops\".\"Revisions\"");
    table.create(pg_);
    EXPECT_EQ(table.resolved_schema(pg_), "Ops");
    EXPECT_EQ(scalar(*connection_, "SELECT to_regclass('\"Ops\".\"Revisions\"') IS NOT NULL"), "t");
}

TEST_F(PostgresqlVersionTable, WritesReplacesReadsAndDeletesRows) {
    const VersionTable table("", "schema_revisions");
    table.create(pg_);
    table.write(pg_, VersionRow{"b2", "sum-b", "pending", "2026-11-23T09:15:02.120Z", 0});
    table.write(pg_, VersionRow{"a1", "sum-a", "applied", "2026-11-23T09:15:01.000Z", 12.5});
    table.write(pg_, VersionRow{"b2", "sum-b", "applied", "2026-11-23T09:15:03.000Z", 7.25});
    EXPECT_EQ(rows(pg_, table), (std::vector<Row>{{"a1", "sum-a", "applied", "2026-11-23T09:15:01.000Z", 12.5},
                                                  {"b2", "sum-b", "applied", "2026-11-23T09:15:03.000Z", 7.25}}));
    table.erase(pg_, "a1");
    table.erase(pg_, "zz");
    EXPECT_EQ(rows(pg_, table), (std::vector<Row>{{"b2", "sum-b", "applied", "2026-11-23T09:15:03.000Z", 7.25}}));
}

TEST_F(PostgresqlVersionTable, WritesManyRowsInBatches) {
    const VersionTable table("", "schema_revisions");
    table.create(pg_);
    std::vector<std::string> ids;
    std::vector<VersionRow> many;
    for (int i = 0; i < 2500; ++i) ids.push_back("r" + std::to_string(10000 + i));
    for (const std::string& id : ids) many.push_back(VersionRow{id, "sum", "pending", "t", 1.5});
    table.write(pg_, many);
    many[0].state = "applied";
    table.write(pg_, std::vector<VersionRow>{many[0]});
    EXPECT_EQ(scalar(*connection_, "SELECT count(*) FROM schema_revisions WHERE state = 'pending'"), "2499");
    EXPECT_EQ(scalar(*connection_, "SELECT state FROM schema_revisions WHERE revision = 'r10000'"), "applied");
}

TEST_F(PostgresqlVersionTable, RefusesAnUnknownState) {
    const VersionTable table("", "schema_revisions");
    table.create(pg_);
    try {
        table.write(pg_, VersionRow{"a1", "sum", "done", "now", 0});
        FAIL() << "accepted";
    } catch (const DatabaseError& error) {
        EXPECT_EQ(error.sqlstate(), "23514");
        EXPECT_EQ(std::string(error.what())
                      .rfind("new row for relation \"schema_revisions\" violates check constraint "
                             "\"schema_revisions_state_check\"",
                             0),
                  0U)
            << error.what();
    }
}

}  // namespace
}  // namespace migrations::postgresql
