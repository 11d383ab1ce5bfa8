// @brief How a run groups revisions into transactions, on every backend: one per run or one per
// revision, commit boundaries the build marked, non-transactional revisions recorded as soon as
// they finish, and the events that report it all.
#include "backends.hpp"
#include "support/expect_error.hpp"
#include "support/test_catalog.hpp"

#include <migrations/migrations.hpp>
#if defined(MIGRATIONS_TEST_POSTGRESQL)
#include <migrations/postgresql.hpp>
#endif

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace migrations {
namespace {

using testing::BackendName;
using testing::Backends;
using testing::CatalogBuilder;
using testing::expect_error;

template <typename Backend>
class Transactions : public ::testing::Test {
protected:
    std::vector<std::string> version_rows() const { return testing::version_rows(db_); }
    /// The dialect whose sections and checksums run here.
    static Dialect dialect() { return Backend::kChecksum == 0 ? Dialect::sqlite : Dialect::postgresql; }

    Backend db_;
};

TYPED_TEST_SUITE(Transactions, Backends, BackendName);

// a, a non-transactional b (VACUUM refuses to run inside a transaction on both databases), and
// c, whose last statement fails.
Catalog with_vacuum_then_failure() {
    CatalogBuilder b;
    b.add("a").up("CREATE TABLE t (id INTEGER);").down("DROP TABLE t;");
    b.add("b", {"a"}).up("VACUUM;").down("VACUUM;").no_transaction();
    b.add("c", {"b"}).up("CREATE TABLE u (x INTEGER);\nINSERT INTO missing VALUES (1);").down("DROP TABLE u;");
    return b.build();
}

TYPED_TEST(Transactions, AFinishedNonTransactionalRevisionStaysAppliedWhenALaterOneFails) {
    const auto& db = this->db_;
    const Catalog catalog = with_vacuum_then_failure();
    const Error error = expect_error([&] { (void)upgrade(db.connection(), catalog); });
    EXPECT_EQ(error.revision(), "c");
    EXPECT_NE(std::string(error.what())
                  .find("committed before the failure and kept: 2 revision(s), the database is now at b"),
              std::string::npos)
        << error.what();
    EXPECT_EQ(this->version_rows(), (std::vector<std::string>{"a|applied", "b|applied"}));
    // The next start is not told that b "was interrupted": it runs c again (and fails the same way).
    const Error again = expect_error([&] { (void)upgrade(db.connection(), catalog); });
    EXPECT_EQ(again.kind(), ErrorKind::statement_failed);
    EXPECT_EQ(again.revision(), "c");
}

TYPED_TEST(Transactions, ADowngradeThroughANonTransactionalRevisionKeepsWhatItReverted) {
    const auto& db = this->db_;
    CatalogBuilder b;
    b.add("a").up("CREATE TABLE t (id INTEGER);").down("INSERT INTO missing VALUES (1);");
    b.add("b", {"a"}).up("VACUUM;").down("VACUUM;").no_transaction();
    b.add("c", {"b"}).up("CREATE TABLE u (x INTEGER);").down("DROP TABLE u;");
    const Catalog catalog = b.build();
    (void)upgrade(db.connection(), catalog);
    const Error error = expect_error([&] { (void)downgrade(db.connection(), catalog, "base"); });
    EXPECT_EQ(error.revision(), "a");
    // c was reverted and committed before b ran alone; b's row went as soon as b finished.
    EXPECT_EQ(this->version_rows(), std::vector<std::string>{"a|applied"});
    EXPECT_EQ(current(db.connection(), catalog), std::vector<std::string>{"a"});
}

TYPED_TEST(Transactions, OneTransactionPerRunKeepsNothingOfAFailedRun) {
    const auto& db = this->db_;
    CatalogBuilder b;
    b.add("a").up("CREATE TABLE t (id INTEGER);").down("DROP TABLE t;");
    b.add("b", {"a"}).up("CREATE TABLE u (id INTEGER);").down("DROP TABLE u;");
    b.add("c", {"b"}).up("INSERT INTO missing VALUES (1);").down("SELECT 1;");
    const Error error = expect_error([&] { (void)upgrade(db.connection(), b.build()); });
    EXPECT_EQ(error.kind(), ErrorKind::statement_failed);
    EXPECT_EQ(std::string(error.what()).find("kept"), std::string::npos) << error.what();
    EXPECT_EQ(db.tables(), std::vector<std::string>{});
}

TYPED_TEST(Transactions, OneTransactionPerRevisionKeepsTheRevisionsBeforeAFailure) {
    const auto& db = this->db_;
    CatalogBuilder b;
    b.add("a").up("CREATE TABLE t (id INTEGER);").down("DROP TABLE t;");
    b.add("b", {"a"}).up("CREATE TABLE u (id INTEGER);").down("DROP TABLE u;");
    b.add("c", {"b"}).up("CREATE TABLE v (id INTEGER);\nINSERT INTO missing VALUES (1);").down("DROP TABLE v;");
    const Catalog catalog = b.build();
    Options options;
    options.transaction = TransactionMode::per_revision;
    const Error error = expect_error([&] { (void)upgrade(db.connection(), catalog, "head", options); });
    EXPECT_EQ(error.revision(), "c");
    EXPECT_NE(std::string(error.what()).find("kept: 2 revision(s), the database is now at b"), std::string::npos)
        << error.what();
    EXPECT_EQ(this->version_rows(), (std::vector<std::string>{"a|applied", "b|applied"}));
    EXPECT_EQ(current(db.connection(), catalog), std::vector<std::string>{"b"});
}

TYPED_TEST(Transactions, CommitsAfterARevisionTheBuildMarkedEvenInOneTransactionPerRun) {
    const auto& db = this->db_;
    CatalogBuilder b;
    b.add("a").up("CREATE TABLE t (id INTEGER);").down("DROP TABLE t;").commit_after(this->dialect());
    b.add("b", {"a"}).up("CREATE TABLE u (id INTEGER);").down("DROP TABLE u;");
    b.add("c", {"b"}).up("INSERT INTO missing VALUES (1);").down("SELECT 1;");
    const Error error = expect_error([&] { (void)upgrade(db.connection(), b.build()); });
    EXPECT_EQ(error.revision(), "c");
    // a ended its transaction; b and c shared the next one, which rolled back.
    EXPECT_EQ(this->version_rows(), std::vector<std::string>{"a|applied"});
}

TYPED_TEST(Transactions, ReportsTheRunEachRevisionBeforeAndAfterItAndEachCommit) {
    const auto& db = this->db_;
    CatalogBuilder b;
    b.add("a").up("CREATE TABLE t (id INTEGER);").down("DROP TABLE t;").message("create t");
    b.add("b", {"a"}).up("VACUUM;").down("VACUUM;").no_transaction().message("vacuum");
    b.add("c", {"b"}).up("CREATE TABLE u (id INTEGER);").down("DROP TABLE u;").message("create u");
    const Catalog catalog = b.build();
    std::vector<std::string> events;
    Options options;
    options.on_event = [&](const Event& event) {
        std::string line = event_kind_name(event.kind);
        if (!event.revision.empty()) line += " " + std::string(event.revision);
        if (event.kind == EventKind::revision_starting) line += " (" + std::string(event.message) + ")";
        if (event.count != 0) line += " " + std::to_string(event.index) + "/" + std::to_string(event.count);
        events.push_back(line);
    };
    (void)upgrade(db.connection(), catalog, "head", options);
    EXPECT_EQ(events, (std::vector<std::string>{
                          "run_started 0/3",
                          "revision_starting a (create t) 1/3",
                          "revision_finished a 1/3",
                          "committed a 1/3",
                          "revision_starting b (vacuum) 2/3",
                          "revision_finished b 2/3",
                          "committed b 2/3",
                          "revision_starting c (create u) 3/3",
                          "revision_finished c 3/3",
                          "committed c 3/3",
                      }));
    events.clear();
    (void)upgrade(db.connection(), catalog, "head", options);
    EXPECT_EQ(events, std::vector<std::string>{}) << "the fast path reports nothing";
}

}  // namespace
}  // namespace migrations
