// @brief A large PostgreSQL section (thousands of statements: dollar-quoted PL/pgSQL bodies,
// E'' strings with escaped quotes and semicolons, nested block comments), shared by the test
// that compares the runtime's statement split with PostgreSQL's parser and the test that
// applies it on the real server.
#pragma once

#include <string>

namespace migrations::testing {

/// The number of rows the section inserts into table `big` for `blocks`.
inline int large_revision_rows(int blocks) { return 2 * blocks; }

/// The section: `CREATE TABLE big`, then `blocks` blocks of five statements each.
inline std::string large_revision(int blocks) {
    std::string sql = "CREATE TABLE big (id int PRIMARY KEY, note text NOT NULL);\n";
    for (int i = 0; i < blocks; ++i) {
        const std::string n = std::to_string(i);
        sql += "/* block " + n + " /* a nested; comment */ still a comment; */\n";
        sql += "INSERT INTO big VALUES (" + std::to_string(2 * i) + ", E'it\\'s; a \\\\ test\\n'), (" +
               std::to_string(2 * i + 1) + ", 'plain ''quoted''; text');\n";
        sql += "CREATE FUNCTION f_" + n +
               "() RETURNS int AS $body$\nBEGIN\n  -- a comment; inside\n"
               "  RETURN (SELECT count(*) FROM big WHERE note <> ';');\nEND;\n$body$ LANGUAGE plpgsql;\n";
        sql += "-- a line comment; with a semicolon\n";
        sql += "DO $$ BEGIN PERFORM f_" + n + "(); END $$;\n";
        sql += "SELECT $tag$ $$ ; $tag$ AS x, \"odd;name\".y FROM (SELECT 1 AS y) AS \"odd;name\";\n";
        sql += "COMMENT ON FUNCTION f_" + n + "() IS U&'d\\0061t\\+000061; ok';\n";
    }
    return sql;
}

}  // namespace migrations::testing
