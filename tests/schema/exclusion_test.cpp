// @brief Name patterns of Options::drift_exclude: glob matching, the name matched for each kind
// of object, and what a pattern removes from a schema.
#include "schema/exclusion.hpp"

#include <gtest/gtest.h>

#include <string>
#include <utility>

namespace migrations::schema {
namespace {

Table table(std::string name) {
    Table result;
    result.name = std::move(name);
    return result;
}

Index index(std::string name, std::string on) {
    Index result;
    result.name = std::move(name);
    result.table = std::move(on);
    return result;
}

Definition definition(std::string name, std::string on) {
    Definition result;
    result.name = std::move(name);
    result.table = std::move(on);
    return result;
}

TEST(DriftExclude, MatchesGlobsOverWholeNamesCaseInsensitively) {
    struct Case {
        const char* pattern;
        const char* name;
        bool matches;
    };
    const Case cases[] = {
        {"audit_*", "audit_log", true},
        {"audit_*", "audit_", true},
        {"audit_*", "my_audit_log", false},
        {"AUDIT_*", "audit_log", true},
        {"audit_*", "Audit_Log", true},
        {"*_tmp", "orders_tmp", true},
        {"*_tmp", "orders_tmp2", false},
        {"tmp_?", "tmp_1", true},
        {"tmp_?", "tmp_12", false},
        {"tmp_?", "tmp_", false},
        {"*", "", true},
        {"*", "anything", true},
        {"a*b*c", "aXXbYYc", true},
        {"a*b*c", "aXXbYY", false},
        {"a**", "a", true},
        {"pg_stat*", "pg_stat_statements", true},
        {"exact", "exact", true},
        {"exact", "exactly", false},
        {"*a*a*a*a*a*b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", false},
    };
    for (const Case& c : cases) EXPECT_EQ(matches_glob(c.pattern, c.name), c.matches) << c.pattern << " ~ " << c.name;
}

TEST(DriftExclude, MatchesFunctionsAndTriggersByNameAndCommentsByWhatTheyAreOn) {
    EXPECT_EQ(excludable_name({"function", "audit_touch(integer, text)", "", ""}), "audit_touch");
    EXPECT_EQ(excludable_name({"sequence", "audit_seq", "", ""}), "audit_seq");
    EXPECT_EQ(excludable_name({"trigger", "todos.audit_touch", "todos", ""}), "audit_touch");
    EXPECT_EQ(excludable_name({"index", "audit_todos_title", "todos", ""}), "audit_todos_title");
    EXPECT_EQ(excludable_name({"comment", "type public.audit_mood", "", ""}), "audit_mood");
    EXPECT_EQ(excludable_name({"comment", "function public.audit_touch(public.audit_mood)", "", ""}), "audit_touch");
    EXPECT_EQ(excludable_name({"comment", "materialized view public.audit_matview", "audit_matview", ""}),
              "audit_matview");
    EXPECT_EQ(excludable_name({"comment", "column public.todos.title", "todos", ""}), "todos");
    EXPECT_EQ(excludable_name({"comment", "schema audit", "", ""}), "audit");
}

TEST(DriftExclude, RemovesMatchingObjectsAndWhatBelongsToAMatchingTable) {
    Schema schema;
    schema.tables = {table("audit_log"), table("todos")};
    schema.indexes = {index("audit_log_at", "audit_log"), index("todos_title", "todos"), index("audit_todos", "todos")};
    schema.views = {definition("audit_view", ""), definition("open_todos", "")};
    schema.triggers = {definition("touch", "audit_log"), definition("stamp", "todos")};
    schema.objects = {Object{"comment", "column public.audit_log.at", "audit_log", ""},
                      Object{"function", "audit_touch()", "", ""}, Object{"sequence", "todos_seq", "", ""}};
    exclude_matching(schema, {"audit_*"});
    ASSERT_EQ(schema.tables.size(), 1U);
    EXPECT_EQ(schema.tables[0].name, "todos");
    ASSERT_EQ(schema.indexes.size(), 1U);
    EXPECT_EQ(schema.indexes[0].name, "todos_title");
    ASSERT_EQ(schema.views.size(), 1U);
    EXPECT_EQ(schema.views[0].name, "open_todos");
    ASSERT_EQ(schema.triggers.size(), 1U);
    EXPECT_EQ(schema.triggers[0].name, "stamp");
    ASSERT_EQ(schema.objects.size(), 1U);
    EXPECT_EQ(schema.objects[0].name, "todos_seq");
}

TEST(DriftExclude, RemovesNothingWithoutPatterns) {
    Schema schema;
    schema.tables = {table("audit_log")};
    exclude_matching(schema, {});
    EXPECT_EQ(schema.tables.size(), 1U);
}

}  // namespace
}  // namespace migrations::schema
