// @brief A scratch database on a PostgreSQL server (the "dev database" of the PostgreSQL
// engines): created with a unique name next to the connection's database, dropped after.
#pragma once

#include <string>

typedef struct pg_conn PGconn;

namespace migrations::schema {

/// CREATE DATABASE migrations_scratch_<pid>_<n>_<random> on `server`'s server (through a
/// connection of its own to `server`'s database, so `server` may be inside a transaction; its
/// role needs CREATEDB), and a connection to it made with `server`'s connection parameters (host, user, password,
/// options, ...) but that database's name. The destructor closes the connection and drops the database (WITH (FORCE));
/// errors there are ignored.
class ScratchDatabase {
public:
    /// Throws SchemaError when the database cannot be created or connected to.
    explicit ScratchDatabase(PGconn* server);
    ~ScratchDatabase();
    ScratchDatabase(const ScratchDatabase&) = delete;
    ScratchDatabase& operator=(const ScratchDatabase&) = delete;

    PGconn* get() const noexcept { return connection_; }
    const std::string& name() const noexcept { return name_; }

private:
    PGconn* server_;  // owned: the connection that creates and drops the database
    std::string name_;
    PGconn* connection_ = nullptr;
};

}  // namespace migrations::schema
