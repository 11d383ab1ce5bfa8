// @brief The libpq handle (PGconn*) under a libpqxx 6.4 connection.
//
// libpqxx 6.4 runs a query with PQexec, which keeps only the last result: after a failure in
// a multi-statement section there is no telling how many statements succeeded, and
// pqxx::sql_error does not expose the server's error position. Running a section therefore
// needs libpq's PQsendQuery/PQgetResult on the same connection, and libpqxx 6.4 keeps its
// PGconn* private (pqxx::connection_base::raw_connection(), reachable only by its own
// "call gates"). This file is the one place that reaches it, through the C++ rule that
// explicit template instantiations are exempt from access checking ([temp.spec]/6 in
// C++17): well-defined, and checked at compile time against the member's exact signature.
#pragma once

#include <libpq-fe.h>

namespace pqxx {
class connection_base;
}

namespace migrations::postgresql {

/// The libpq connection of `connection`. The caller must leave it as it found it: no
/// pending results, and a transaction state that the libpqxx transaction objects (if any)
/// still expect.
PGconn* raw_connection(pqxx::connection_base& connection) noexcept;

}  // namespace migrations::postgresql
