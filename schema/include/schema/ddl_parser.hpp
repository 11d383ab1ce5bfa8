// @brief What SQLite's pragmas do not report, read from the CREATE TABLE and CREATE INDEX
// text stored in sqlite_schema: CHECK constraints, column collations, AUTOINCREMENT, table
// options, and the expressions and WHERE clause of an index.
//
// Decision: parse with the tokenizer rather than compare whole normalised CREATE TABLE texts.
// Comparing texts would report a difference for every equivalent spelling (a column-level vs
// a table-level constraint, constraint order, ADD COLUMN appending text) and could not say
// *what* differs; the parser only has to find CHECK, CONSTRAINT, COLLATE and AUTOINCREMENT at
// the top level of each column or constraint item, which quotes and parentheses make reliable.
#pragma once

#include "schema/model.hpp"

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace migrations::schema {

/// The parts of a CREATE TABLE statement that come from its text alone.
struct TableText {
    /// Column-level and table-level CHECK constraints alike, in statement order.
    std::vector<CheckConstraint> checks;
    /// Lower-case column name -> lower-case collation, for columns with COLLATE.
    std::map<std::string, std::string> collations;
    /// Lower-case column name -> {expression, stored} for generated columns.
    std::map<std::string, std::pair<std::string, bool>> generated;
    /// Foreign keys declared DEFERRABLE INITIALLY DEFERRED: {lower-case columns, lower-case
    /// referenced table}.
    std::vector<std::pair<std::vector<std::string>, std::string>> deferred_keys;
    bool autoincrement = false;
    bool without_rowid = false;
    bool strict = false;
};

/// Parses a CREATE TABLE statement. A statement without a column list (CREATE TABLE ... AS
/// SELECT) yields an empty TableText.
TableText parse_create_table(std::string_view sql);

/// The parts of a CREATE INDEX statement.
struct IndexText {
    /// Each part canonical, without ASC (the default order): `(a ASC, b)` reads `(a, b)`.
    std::vector<std::string> parts;
    std::string where;
};

/// Parses a CREATE INDEX statement.
IndexText parse_create_index(std::string_view sql);

}  // namespace migrations::schema
