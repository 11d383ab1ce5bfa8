// @brief A scratch database on the server of a connection, dropped on destruction.
#include "schema/postgresql_scratch.hpp"

#include "schema/sqlite_handle.hpp"

#include "postgresql/libpq_query.hpp"

#include <libpq-fe.h>

#include <unistd.h>
#include <atomic>
#include <random>
#include <vector>

namespace migrations::schema {
namespace {

std::string unique_name() {
    static std::atomic<unsigned> counter{0};
    std::random_device device;
    return "migrations_scratch_" + std::to_string(::getpid()) + "_" + std::to_string(counter++) + "_" +
           std::to_string(device() % 1000000);
}

/// A connection with `server`'s parameters but `dbname`.
PGconn* connect_to(PGconn* server, const std::string& dbname) {
    PQconninfoOption* options = PQconninfo(server);
    if (options == nullptr) throw SchemaError("cannot read the connection's parameters (out of memory)");
    std::vector<const char*> keys, values;
    for (PQconninfoOption* option = options; option->keyword != nullptr; ++option) {
        const std::string keyword = option->keyword;
        if (keyword == "dbname" || option->val == nullptr) continue;
        keys.push_back(option->keyword);
        values.push_back(option->val);
    }
    keys.push_back("dbname");
    values.push_back(dbname.c_str());
    keys.push_back(nullptr);
    values.push_back(nullptr);
    PGconn* connection = PQconnectdbParams(keys.data(), values.data(), 0);
    PQconninfoFree(options);
    if (PQstatus(connection) != CONNECTION_OK) {
        const std::string message = PQerrorMessage(connection);
        PQfinish(connection);
        throw SchemaError("cannot connect to the scratch database " + dbname + ": " + message);
    }
    return connection;
}

}  // namespace

ScratchDatabase::ScratchDatabase(PGconn* server) : server_(connect_to(server, PQdb(server))), name_(unique_name()) {
    // A connection of its own: CREATE DATABASE cannot run inside the caller's transaction.
    try {
        postgresql::query(server_, "CREATE DATABASE " + postgresql::quote_identifier(name_));
    } catch (const postgresql::DatabaseError& error) {
        PQfinish(server_);
        throw SchemaError("cannot create a scratch database on the PostgreSQL server: " + std::string(error.what()));
    }
    try {
        connection_ = connect_to(server_, name_);
    } catch (...) {
        PQclear(PQexec(server_, ("DROP DATABASE IF EXISTS " + postgresql::quote_identifier(name_)).c_str()));
        PQfinish(server_);
        throw;
    }
}

ScratchDatabase::~ScratchDatabase() {
    PQfinish(connection_);
    PQclear(
        PQexec(server_, ("DROP DATABASE IF EXISTS " + postgresql::quote_identifier(name_) + " WITH (FORCE)").c_str()));
    PQfinish(server_);
}

}  // namespace migrations::schema
