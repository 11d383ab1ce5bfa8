// @brief Build-time check of PostgreSQL sections for client-side text a revision cannot run:
// `COPY ... FROM STDIN` and psql's backslash meta-commands.
//
// Only psql understands them; the server would get no rows for the COPY and a syntax error
// for the backslash, so the generator reports them at build time, with the fix. They stay a
// textual check (checks/statement_words.hpp: string literals, comments, dollar-quoted bodies
// and quoted identifiers never match) because neither is SQL: the rows after `COPY ... FROM
// STDIN` and a meta-command make PostgreSQL's parser reject the whole section, so no parse
// tree exists to read them from (docs/lint.md). The transaction checks read the parse tree
// (checks/transaction_control.hpp).
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "checks/statement_words.hpp"

namespace migrations::generator {

/// `COPY ... FROM STDIN` statements and psql meta-commands (a backslash outside quotes and
/// comments: `\i`, `\set`, `\copy`, ...) in `sql`, which only psql understands: the server
/// gets no data for the COPY and a syntax error for the backslash. Each message says why and
/// what to write instead. Backslashes after a COPY ... FROM STDIN (its data) are not reported
/// again. Never throws except std::bad_alloc.
std::vector<StatementFinding> find_client_commands(std::string_view sql, std::uint32_t first_line);
/// The same on a section already split (split_section(sql)).
std::vector<StatementFinding> find_client_commands(std::string_view sql, const SplitSection& split,
                                                   std::uint32_t first_line);

}  // namespace migrations::generator
