// @brief Reaches libpqxx 6.4's private connection_base::raw_connection() (see the header).
#include "postgresql/raw_connection.hpp"

#include <pqxx/connection_base>
#include <pqxx/version>

static_assert(PQXX_VERSION_MAJOR == 6, "raw_connection.cpp reaches a libpqxx 6 private member; port it");

namespace migrations::postgresql {

namespace {

using RawConnectionMember = pqxx::internal::pq::PGconn* (pqxx::connection_base::*)() const;

// Defined by the friend in RawConnectionAccess, which only an explicit instantiation can name
// the private member in.
RawConnectionMember raw_connection_member() noexcept;

template <RawConnectionMember Member>
struct RawConnectionAccess {
    friend RawConnectionMember raw_connection_member() noexcept { return Member; }
};

template struct RawConnectionAccess<&pqxx::connection_base::raw_connection>;

}  // namespace

PGconn* raw_connection(pqxx::connection_base& connection) noexcept {
    return (connection.*raw_connection_member())();
}

}  // namespace migrations::postgresql
