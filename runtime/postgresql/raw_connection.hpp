// @brief The libpq handle (PGconn*) under a libpqxx 6 or 7 connection: the one place the
// libpqxx adapter (pqxx_operations.cpp) and the tests get it from.
//
// Why not libpqxx's own API: libpqxx runs a query with PQexec, which keeps only the last
// result (after a failure in a multi-statement section there is no telling how many statements
// succeeded), and pqxx::sql_error does not expose the server's error position; running a
// section therefore needs libpq's PQsendQuery/PQgetResult on the same connection. libpqxx 6.4
// and 7.x both keep the PGconn* private, in a member of the same signature
// (`internal::pq::PGconn* raw_connection() const`, reachable only through libpqxx's own "call
// gates"); libpqxx 7's public release_raw_connection()/seize_raw_connection() hand the handle
// over for good (the pqxx::connection is closed, its error and notice handlers lost), so they
// cannot lend it for one call. raw_connection.cpp reaches the member through the C++ rule that
// explicit template instantiations are exempt from access checking ([temp.spec]/6 in C++17):
// well-defined, and checked at compile time against the member's exact signature, so a
// libpqxx that changes it fails to build rather than misbehaving.
#pragma once

#include <migrations/postgresql.hpp>

#include <libpq-fe.h>

namespace migrations::postgresql {

/// The libpq connection of `connection` (null when it is closed). The caller must leave it as
/// it found it: no pending results, and a transaction state that the libpqxx transaction
/// objects (if any) still expect.
PGconn* raw_connection(PqxxConnection& connection) noexcept;

}  // namespace migrations::postgresql
