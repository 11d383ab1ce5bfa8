// @brief C++ revisions on every backend: the step's Session runs in the run's transaction on
// existing rows, binds and reads every parameter type, and a failure anywhere rolls back the
// whole run, reported at the file and line of the failing call.
#include <migrations/migrations.hpp>
#include <migrations/session.hpp>

#include "backends.hpp"
#include "support/expect_error.hpp"
#include "support/test_catalog.hpp"
#if defined(MIGRATIONS_TEST_POSTGRESQL)
#include <libpq-fe.h>

#include <migrations/postgresql.hpp>
#endif
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cctype>
#include <stdexcept>
#include <string>
#include <vector>

namespace migrations {
namespace {

using testing::BackendName;
using testing::Backends;
using testing::CatalogBuilder;
using testing::expect_error;

template <typename Backend>
class CppRevision : public ::testing::Test {
protected:
    std::vector<std::string> version_rows() const { return testing::version_rows(db_); }
    bool has_table(const std::string& name) const {
        for (const std::string& table : db_.tables()) {
            if (table == name) return true;
        }
        return false;
    }

    Backend db_;
};

TYPED_TEST_SUITE(CppRevision, Backends, BackendName);

// a: items with two rows; b: a C++ revision (steps from the test's table).
Catalog items_then_cpp(const CppStep* steps, std::size_t count, bool transactional = true) {
    CatalogBuilder b;
    b.add("a")
        .up("CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL);\n"
            "INSERT INTO items (id, name) VALUES (1, 'apple'), (2, 'pear');")
        .down("DROP TABLE items;");
    b.add("b", {"a"}).cpp();
    if (!transactional) b.no_transaction();
    return b.build().with_cpp_steps(steps, count);
}

std::string changed_case(std::string text, bool upper) {
    for (char& c : text)
        c = static_cast<char>(upper ? std::toupper(static_cast<unsigned char>(c))
                                    : std::tolower(static_cast<unsigned char>(c)));
    return text;
}

void rename_items(Session& session) {
    auto rename = session.prepare("UPDATE items SET name = $1 WHERE id = $2");
    for (const Row& row : session.query("SELECT id, name FROM items ORDER BY id")) {
        rename.execute({changed_case(row.text(1), session.upgrading()), row.integer(0)});
    }
}

TYPED_TEST(CppRevision, RewritesExistingRowsAndItsDowngradeRunsOnTheWayBack) {
    const auto& db = this->db_;
    static const CppStep steps[] = {{&rename_items, 10}, {&rename_items, 20}};
    const Catalog catalog = items_then_cpp(steps, 2);
    EXPECT_EQ(upgrade(db.connection(), catalog).revisions, (std::vector<std::string>{"a", "b"}));
    EXPECT_EQ(db.rows("SELECT name FROM items ORDER BY id"), (std::vector<std::string>{"APPLE", "PEAR"}));
    EXPECT_EQ(this->version_rows(), (std::vector<std::string>{"a|applied", "b|applied"}));
    (void)downgrade(db.connection(), catalog, "-1");
    EXPECT_EQ(db.rows("SELECT name FROM items ORDER BY id"), (std::vector<std::string>{"apple", "pear"}));
    EXPECT_EQ(this->version_rows(), (std::vector<std::string>{"a|applied"}));
}

unsigned failing_line = 0;

void insert_then_fail(Session& session) {
    session.execute("INSERT INTO items (id, name) VALUES ($1, $2)", {3, "plum"});
    failing_line = __LINE__ + 1;  // the call below
    session.execute("INSERT INTO missing VALUES (1)");
}

TYPED_TEST(CppRevision, AFailingCallRollsBackTheWholeRunAndNamesItsFileAndLine) {
    const auto& db = this->db_;
    static const CppStep steps[] = {{&insert_then_fail, 10}, {nullptr, 0}};
    const Catalog catalog = items_then_cpp(steps, 2);
    const Error error = expect_error([&] { (void)upgrade(db.connection(), catalog); });
    EXPECT_EQ(error.kind(), ErrorKind::statement_failed);
    EXPECT_EQ(error.revision(), "b");
    EXPECT_EQ(error.file(), "migrations/b.cpp");
    EXPECT_EQ(error.line(), failing_line);
    const std::string expected =
        "migrations/b.cpp:" + std::to_string(failing_line) + ": b upgrade failed: " + TypeParam::kMissingTable;
    EXPECT_EQ(std::string(error.what()).substr(0, expected.size()), expected) << error.what();
    EXPECT_FALSE(this->has_table("items")) << "revision a, run in the same transaction, must be rolled back too";
}

void throw_from_step(Session&) { throw std::runtime_error("row 7 has no owner"); }

TYPED_TEST(CppRevision, AnExceptionOfTheStepIsReportedAtTheLineOfItsMacro) {
    const auto& db = this->db_;
    static const CppStep steps[] = {{&throw_from_step, 12}, {nullptr, 0}};
    const Catalog catalog = items_then_cpp(steps, 2);
    const Error error = expect_error([&] { (void)upgrade(db.connection(), catalog); });
    EXPECT_EQ(error.kind(), ErrorKind::statement_failed);
    EXPECT_STREQ(error.what(), "migrations/b.cpp:12: b upgrade failed: row 7 has no owner");
    EXPECT_EQ(error.line(), 12U);
    EXPECT_FALSE(this->has_table("items"));
}

unsigned commit_line = 0;

void commit_in_step(Session& session) {
    commit_line = __LINE__ + 1;  // the call below
    session.execute("COMMIT");
}

TYPED_TEST(CppRevision, RefusesTransactionControlInATransactionalRevisionAtItsLine) {
    const auto& db = this->db_;
    static const CppStep steps[] = {{&commit_in_step, 10}, {nullptr, 0}};
    const Catalog catalog = items_then_cpp(steps, 2);
    const Error error = expect_error([&] { (void)upgrade(db.connection(), catalog); });
    EXPECT_EQ(error.line(), commit_line);
    EXPECT_NE(std::string(error.what()).find("b upgrade failed: "), std::string::npos) << error.what();
    EXPECT_NE(std::string(error.what()).find("transaction control is not allowed in a transactional revision"),
              std::string::npos)
        << error.what();
    EXPECT_FALSE(this->has_table("items"));
}

unsigned prepared_line = 0;

void prepare_then_fail(Session& session) {
    auto insert = session.prepare("INSERT INTO items (id, name) VALUES ($1, $2)");
    insert.execute({3, "plum"});
    prepared_line = __LINE__ + 1;       // the call below
    insert.execute({3, "plum again"});  // the same primary key
}

TYPED_TEST(CppRevision, AFailingPreparedStatementNamesItsCallsLineAndLeavesNoStatementBehind) {
    const auto& db = this->db_;
    static const CppStep steps[] = {{&prepare_then_fail, 10}, {nullptr, 0}};
    const Catalog catalog = items_then_cpp(steps, 2);
    const Error error = expect_error([&] { (void)upgrade(db.connection(), catalog); });
    EXPECT_EQ(error.line(), prepared_line);
    const std::string prefix = "migrations/b.cpp:" + std::to_string(prepared_line) + ": b upgrade failed: ";
    EXPECT_EQ(std::string(error.what()).substr(0, prefix.size()), prefix) << error.what();
    EXPECT_FALSE(this->has_table("items"));
#if defined(MIGRATIONS_TEST_POSTGRESQL)
    // Prepared in the failed transaction: deallocated after its ROLLBACK, on the application's connection.
    EXPECT_EQ(db.rows("SELECT count(*) FROM pg_prepared_statements"), (std::vector<std::string>{"0"}));
#else
    EXPECT_EQ(sqlite3_next_stmt(db.connection(), nullptr), nullptr);
#endif
}

bool ran_outside = false;

void vacuum_outside_a_transaction(Session& session) {
#if defined(MIGRATIONS_TEST_POSTGRESQL)
    EXPECT_EQ(PQtransactionStatus(session.postgresql_handle()), PQTRANS_IDLE);
    EXPECT_EQ(session.sqlite_handle(), nullptr);
#else
    EXPECT_NE(sqlite3_get_autocommit(session.sqlite_handle()), 0);
    EXPECT_EQ(session.postgresql_handle(), nullptr);
#endif
    session.execute("VACUUM");  // refused inside a transaction on both databases
    ran_outside = true;
}

TYPED_TEST(CppRevision, RunsOutsideATransactionWhenNotTransactional) {
    const auto& db = this->db_;
    static const CppStep steps[] = {{&vacuum_outside_a_transaction, 10}, {&vacuum_outside_a_transaction, 20}};
    const Catalog catalog = items_then_cpp(steps, 2, /*transactional=*/false);
    ran_outside = false;
    EXPECT_EQ(upgrade(db.connection(), catalog).revisions, (std::vector<std::string>{"a", "b"}));
    EXPECT_TRUE(ran_outside);
    EXPECT_EQ(this->version_rows(), (std::vector<std::string>{"a|applied", "b|applied"}));
}

bool bound = false;

void bind_every_type(Session& session) {
    const bool postgresql = session.dialect() == Dialect::postgresql;
    session.execute(postgresql ? "CREATE TABLE v (i BIGINT, r DOUBLE PRECISION, t TEXT, b BYTEA, n TEXT)"
                               : "CREATE TABLE v (i INTEGER, r REAL, t TEXT, b BLOB, n TEXT)");
    const std::vector<unsigned char> bytes = {0, 1, 0x27, 0x5c, 0xff, 0};
    const std::string text = "na\xc3\xafve 'quoted' \\ $1 ?";
    EXPECT_EQ(session.execute("INSERT INTO v VALUES ($1, $2, $3, $4, $5)",
                              {std::int64_t{9007199254740993}, 2.5, text, bytes, nullptr}),
              1U);
    auto insert = session.prepare("INSERT INTO v (i, r, t, b, n) VALUES ($1, $2, $3, $4, $5)");
    EXPECT_EQ(insert.execute({-7, -0.125, "", BlobView{nullptr, 0}, nullptr}), 1U);
    const Rows rows = session.query("SELECT i, r, t, b, n FROM v ORDER BY i DESC");
    ASSERT_EQ(rows.size(), 2U);
    ASSERT_EQ(rows.columns(), 5U);
    EXPECT_EQ(rows.column_name(3), "b");
    const Row first = rows[0];
    EXPECT_EQ(first.type(0), ValueType::integer);
    EXPECT_EQ(first.integer(0), 9007199254740993);
    EXPECT_EQ(first.type(1), ValueType::real);
    EXPECT_EQ(first.real(1), 2.5);
    EXPECT_EQ(first.type(2), ValueType::text);
    EXPECT_EQ(first.text(2), text);
    EXPECT_EQ(first.type(3), ValueType::blob);
    EXPECT_EQ(first.blob(3), bytes);
    EXPECT_TRUE(first.is_null(4));
    const Row second = rows[1];
    EXPECT_EQ(second.integer(0), -7);
    EXPECT_EQ(second.real(1), -0.125);
    EXPECT_EQ(second.text(2), "");
    EXPECT_EQ(second.blob(3), std::vector<unsigned char>{});
    EXPECT_TRUE(second.is_null(4));
    // Parameters in a query and a prepared query, by number in any order.
    const Rows found = session.query("SELECT t FROM v WHERE r = $2 AND i = $1", {-7, -0.125});
    ASSERT_EQ(found.size(), 1U);
    EXPECT_EQ(found[0].text(0), "");
    auto by_id = session.prepare("SELECT COUNT(*) FROM v WHERE i > $1");
    EXPECT_EQ(by_id.query({0})[0].integer(0), 1);
    EXPECT_EQ(by_id.query({-100})[0].integer(0), 2);
    bound = true;
}

TYPED_TEST(CppRevision, BindsAndReadsEveryParameterType) {
    const auto& db = this->db_;
    static const CppStep steps[] = {{&bind_every_type, 10}, {nullptr, 0}};
    const Catalog catalog = items_then_cpp(steps, 2);
    bound = false;
    (void)upgrade(db.connection(), catalog);
    EXPECT_TRUE(bound);
}

unsigned query_line = 0;

void read_text_as_integer(Session& session) {
    query_line = __LINE__ + 1;  // the call below
    const Rows rows = session.query("SELECT name FROM items WHERE id = $1", {1});
    (void)rows[0].integer(0);
}

TYPED_TEST(CppRevision, AReadOfTheWrongTypeNamesTheColumnAndTheQuerysLine) {
    const auto& db = this->db_;
    static const CppStep steps[] = {{&read_text_as_integer, 10}, {nullptr, 0}};
    const Catalog catalog = items_then_cpp(steps, 2);
    const Error error = expect_error([&] { (void)upgrade(db.connection(), catalog); });
    EXPECT_EQ(std::string(error.what()), "migrations/b.cpp:" + std::to_string(query_line) +
                                             ": b upgrade failed: column 0 ('name') is text 'apple', not an integer");
}

void wrong_parameter_count(Session& session) { session.execute("UPDATE items SET name = $1 WHERE id = $2", {"x"}); }

TYPED_TEST(CppRevision, AMissingParameterIsAnError) {
    const auto& db = this->db_;
    static const CppStep steps[] = {{&wrong_parameter_count, 10}, {nullptr, 0}};
    const Error error = expect_error([&] { (void)upgrade(db.connection(), items_then_cpp(steps, 2)); });
    EXPECT_EQ(error.kind(), ErrorKind::statement_failed);
    EXPECT_NE(std::string(error.what()).find("migrations/b.cpp:"), std::string::npos) << error.what();
}

TYPED_TEST(CppRevision, AnIrreversibleOneRefusesTheDowngradeBeforeAnythingRuns) {
    const auto& db = this->db_;
    static const CppStep steps[] = {{&rename_items, 10}, {nullptr, 0}};
    CatalogBuilder b;
    b.add("a").up("CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL);").down("DROP TABLE items;");
    b.add("b", {"a"}).cpp().irreversible();
    const Catalog catalog = b.build().with_cpp_steps(steps, 2);
    (void)upgrade(db.connection(), catalog);
    const Error error = expect_error([&] { (void)downgrade(db.connection(), catalog, "base"); });
    EXPECT_EQ(error.kind(), ErrorKind::irreversible);
    EXPECT_EQ(this->version_rows(), (std::vector<std::string>{"a|applied", "b|applied"}));
}

TYPED_TEST(CppRevision, AnEditedOneIsReportedAsChangedNamingItsFile) {
    const auto& db = this->db_;
    static const CppStep steps[] = {{&rename_items, 10}, {&rename_items, 20}};
    CatalogBuilder before;
    before.add("a").up("CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL);").down("DROP TABLE items;");
    before.add("b", {"a"}).cpp("MIGRATIONS_UPGRADE(s) { rename(s); }");
    (void)upgrade(db.connection(), before.build().with_cpp_steps(steps, 2));
    CatalogBuilder after;
    after.add("a").up("CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL);").down("DROP TABLE items;");
    after.add("b", {"a"}).cpp("MIGRATIONS_UPGRADE(s) { rename(s, true); }");
    const Error error = expect_error([&] { (void)upgrade(db.connection(), after.build().with_cpp_steps(steps, 2)); });
    EXPECT_EQ(error.kind(), ErrorKind::checksum_mismatch);
    EXPECT_NE(std::string(error.what()).find("migrations/b.cpp"), std::string::npos) << error.what();
}

TYPED_TEST(CppRevision, ACatalogWithoutItsFunctionsRefusesToRunIt) {
    const auto& db = this->db_;
    CatalogBuilder b;
    b.add("a").up("CREATE TABLE items (id INTEGER);").down("DROP TABLE items;");
    b.add("b", {"a"}).cpp();
    const Error error = expect_error([&] { (void)upgrade(db.connection(), b.build()); });
    EXPECT_EQ(error.kind(), ErrorKind::bad_catalog);
    EXPECT_STREQ(error.what(),
                 "revision b (migrations/b.cpp) is written in C++, and this catalog holds no function for it: only the "
                 "catalog add_migrations() compiles into the program can run it (not one the migrations tool reads)");
    EXPECT_FALSE(this->has_table("items"));
}

}  // namespace
}  // namespace migrations
