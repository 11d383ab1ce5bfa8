// @brief Objects left out of a schema by name pattern (Options::drift_exclude): glob matching,
// and the removal of every object a pattern names, with what belongs to a table it names.
#pragma once

#include "schema/model.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace migrations::schema {

/// True when `name` matches the glob `pattern` as a whole: `*` stands for any run of
/// characters (none included), `?` for one character, anything else for itself, ASCII letters
/// compared case-insensitively (as SQLite and unquoted PostgreSQL names compare).
bool matches_glob(std::string_view pattern, std::string_view name) noexcept;

/// The name a pattern is matched against for `object`: its own name, a function's without
/// its argument list ("add" for "add(integer, integer)"), a trigger's without its table
/// ("touch" for "todos.touch"), a comment's the unqualified name of what it comments on
/// ("mood" for "type public.mood").
std::string excludable_name(const Object& object);

/// Removes from `schema` every table, view, index, trigger and PostgreSQL object whose name
/// (excludable_name) matches one of `patterns`, and every index, trigger and object (comment)
/// of a table whose name matches. A table's constraints go with it.
void exclude_matching(Schema& schema, const std::vector<std::string>& patterns);

}  // namespace migrations::schema
