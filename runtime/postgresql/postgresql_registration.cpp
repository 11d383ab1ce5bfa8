// @brief Registers the PostgreSQL backend for postgresql:// and postgres:// URLs when the
// program starts.
//
// A static library's object is linked only when something refers to it, and a program that
// only calls the URL operations refers to nothing here; so Migrations::postgresql asks the
// linker (an INTERFACE link option, `-u migrations_postgresql_anchor`) to pull this object,
// whose static initializer then registers the backend.
#include "backend_registry.hpp"
#include "postgresql/postgresql_backend.hpp"

extern "C" void migrations_postgresql_anchor() {}

namespace migrations::detail {
namespace {

const bool kRegistered = [] {
    register_backend("postgresql", &PostgresqlBackend::open);
    register_backend("postgres", &PostgresqlBackend::open);
    return true;
}();

}  // namespace
}  // namespace migrations::detail
