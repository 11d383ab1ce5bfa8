// @brief VERIFY and autogenerate on PostgreSQL for the `migrations` tool built with the
// PostgreSQL backend: connects to the URL and runs schema::verify_postgresql_revisions() or
// schema::autogenerate_postgresql() in scratch databases on that server.
// Linked into the executable (not the generator library), it registers itself at start-up.
#include "schema_scripts.hpp"

#include "postgresql/conninfo.hpp"
#include "schema/postgresql_verify.hpp"
#include "schema/sqlite_handle.hpp"

#include <libpq-fe.h>

#include <memory>

namespace migrations::generator {
namespace {

std::vector<std::string> verify_on_server(const std::vector<schema::RevisionScript>& scripts, const std::string& url) {
    const std::string where = scripts.empty() ? std::string("migrations") : scripts.front().file;
    auto stopped = [&](const std::string& why) {
        return std::vector<std::string>{where + ":1: error: verification on PostgreSQL stopped: " + why};
    };
    postgresql::Conninfo conninfo;
    try {
        conninfo = postgresql::prepare_conninfo(url);
    } catch (const std::exception& error) {
        return stopped(error.what());
    }
    const std::unique_ptr<PGconn, void (*)(PGconn*)> connection(PQconnectdb(conninfo.libpq.c_str()), PQfinish);
    if (PQstatus(connection.get()) != CONNECTION_OK) {
        std::string message = PQerrorMessage(connection.get());
        while (!message.empty() && message.back() == '\n') message.pop_back();
        return stopped("cannot connect to " + conninfo.redacted + ": " + message);
    }
    try {
        return schema::verify_postgresql_revisions(connection.get(), scripts);
    } catch (const schema::SchemaError& error) {
        return stopped(error.what());
    }
}

schema::PostgresqlAutogenerateResult autogenerate_on_server(const std::vector<schema::RevisionScript>& scripts,
                                                            const std::string& desired_ddl,
                                                            const std::string& desired_file, const std::string& url) {
    postgresql::Conninfo conninfo;
    try {
        conninfo = postgresql::prepare_conninfo(url);
    } catch (const std::exception& error) {
        throw schema::SchemaError(error.what());
    }
    const std::unique_ptr<PGconn, void (*)(PGconn*)> connection(PQconnectdb(conninfo.libpq.c_str()), PQfinish);
    if (PQstatus(connection.get()) != CONNECTION_OK) {
        std::string message = PQerrorMessage(connection.get());
        while (!message.empty() && message.back() == '\n') message.pop_back();
        throw schema::SchemaError("cannot connect to the dev database " + conninfo.redacted + ": " + message);
    }
    return schema::autogenerate_postgresql(connection.get(), scripts, desired_ddl, desired_file);
}

const bool kRegistered =
    (postgresql_verifier() = &verify_on_server, postgresql_autogenerator() = &autogenerate_on_server, true);

}  // namespace
}  // namespace migrations::generator
