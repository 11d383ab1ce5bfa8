// @brief Reaches libpqxx's private raw_connection() member, libpqxx 6.4 or 7.x (see the header).
#include "postgresql/raw_connection.hpp"

#include <pqxx/connection>
#include <pqxx/version>

static_assert(PQXX_VERSION_MAJOR == 6 || PQXX_VERSION_MAJOR == 7,
              "raw_connection.cpp reaches a private member of libpqxx 6.4 and 7.x; check it for this libpqxx");
static_assert(PQXX_VERSION_MAJOR == MIGRATIONS_LIBPQXX_VERSION_MAJOR,
              "<migrations/postgresql_libpqxx.hpp> was generated for another libpqxx than <pqxx/version> is");

namespace migrations::postgresql {

namespace {

// libpqxx 6: a member of connection_base; libpqxx 7: of connection (connection_base being an
// alias of it). PqxxConnection names the right class for both.
using RawConnectionMember = pqxx::internal::pq::PGconn* (PqxxConnection::*)() const;

// Defined by the friend in RawConnectionAccess, which only an explicit instantiation can name
// the private member in.
RawConnectionMember raw_connection_member() noexcept;

template <RawConnectionMember Member>
struct RawConnectionAccess {
    friend RawConnectionMember raw_connection_member() noexcept { return Member; }
};

template struct RawConnectionAccess<&PqxxConnection::raw_connection>;

}  // namespace

PGconn* raw_connection(PqxxConnection& connection) noexcept { return (connection.*raw_connection_member())(); }

}  // namespace migrations::postgresql
