// @brief The offline script of sql(): shape as `alembic upgrade --sql`, and it runs.
#include "support/temp_dir.hpp"
#include "support/test_catalog.hpp"

#include <migrations/migrations.hpp>

#include <gtest/gtest.h>
#include <sqlite3.h>

namespace migrations {
namespace {

using testing::CatalogBuilder;
using testing::Db;
using testing::TempDir;

TEST(SqlScript, PrintsTheOfflineUpgradeAsAlembicDoes) {
    CatalogBuilder b;
    b.add("a").up("CREATE TABLE t (x);\n").down("DROP TABLE t;").message("first");
    b.add("v", {"a"}).up("VACUUM;").down("VACUUM;").no_transaction().message("vacuum");
    const Catalog catalog = b.build();
    const std::string script = sql(catalog, "base", "head");
    EXPECT_NE(script.find("BEGIN;\n\nCREATE TABLE IF NOT EXISTS \"schema_revisions\""), std::string::npos) << script;
    EXPECT_NE(script.find("-- Running upgrade a: first (migrations/a.sql)\n\nCREATE TABLE t (x);\n\nINSERT INTO "
                          "\"schema_revisions\" (revision, checksum, state, applied_at, duration_ms) VALUES ('a', '" +
                          std::string(catalog[0].checksum[0]) + "', 'applied', "),
              std::string::npos)
        << script;
    EXPECT_NE(script.find("\nCOMMIT;\n\n-- Running upgrade v: vacuum (migrations/v.sql)\n\nVACUUM;\n\nINSERT"),
              std::string::npos)
        << script;
    EXPECT_EQ(script.find("COMMIT;", script.find("VACUUM;")), std::string::npos) << script;
    // The script runs: the same result as upgrade.
    TempDir dir;
    Db db(dir.file("app.db"));
    db.exec(script);
    EXPECT_EQ(current(db, catalog), std::vector<std::string>{"v"});
    const std::string down = sql(catalog, "v", "base");
    EXPECT_NE(down.find("DELETE FROM \"schema_revisions\" WHERE revision = 'a';"), std::string::npos) << down;
}

}  // namespace
}  // namespace migrations
