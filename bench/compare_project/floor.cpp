// @brief The floors bench/compare measures against, with nothing but the databases' own C APIs:
//   floor select DB          open the SQLite file DB and run one SELECT on a one-row table
//   floor exec DB FILE       open DB and run FILE's SQL in one transaction (sqlite3_exec)
//   floor pg-select URL      connect with libpq and run one SELECT on a one-row table
//   floor pg-exec URL FILE   connect and run FILE's SQL in one transaction (one PQexec)
#include <sqlite3.h>

#ifdef FLOOR_WITH_LIBPQ
#include <libpq-fe.h>
#endif

#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>

namespace {

std::string transaction_of(const char* path) {
    std::ifstream file(path);
    std::stringstream text;
    text << "BEGIN;\n" << file.rdbuf() << "COMMIT;\n";
    return text.str();
}

int sqlite_floor(const char* mode, const char* path, const char* file) {
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) return 1;
    int rc = 0;
    if (std::strcmp(mode, "select") == 0) {
        sqlite3_stmt* statement = nullptr;
        rc = sqlite3_prepare_v2(db, "SELECT x FROM one_row", -1, &statement, nullptr);
        if (rc == SQLITE_OK) rc = sqlite3_step(statement) == SQLITE_ROW ? 0 : 1;
        sqlite3_finalize(statement);
    } else {
        char* message = nullptr;
        rc = sqlite3_exec(db, transaction_of(file).c_str(), nullptr, nullptr, &message);
        if (rc != SQLITE_OK) std::fprintf(stderr, "floor: %s\n", message);
        sqlite3_free(message);
    }
    sqlite3_close(db);
    return rc == 0 ? 0 : 1;
}

#ifdef FLOOR_WITH_LIBPQ
int postgresql_floor(const char* mode, const char* url, const char* file) {
    PGconn* connection = PQconnectdb(url);
    int rc = PQstatus(connection) == CONNECTION_OK ? 0 : 1;
    if (rc == 0) {
        const bool select = std::strcmp(mode, "pg-select") == 0;
        PGresult* result = PQexec(connection, select ? "SELECT x FROM one_row" : transaction_of(file).c_str());
        const ExecStatusType status = PQresultStatus(result);
        rc = (select ? status == PGRES_TUPLES_OK && PQntuples(result) == 1 : status == PGRES_COMMAND_OK) ? 0 : 1;
        PQclear(result);
    }
    if (rc != 0) std::fprintf(stderr, "floor: %s", PQerrorMessage(connection));
    PQfinish(connection);
    return rc;
}
#endif

}  // namespace

int main(int argc, char** argv) {
    const bool exec = argc == 4 && (std::strcmp(argv[1], "exec") == 0 || std::strcmp(argv[1], "pg-exec") == 0);
    const bool select = argc == 3 && (std::strcmp(argv[1], "select") == 0 || std::strcmp(argv[1], "pg-select") == 0);
    if (!exec && !select) {
        std::fprintf(stderr, "usage: floor select|pg-select DB | floor exec|pg-exec DB FILE\n");
        return 2;
    }
    if (std::strncmp(argv[1], "pg-", 3) != 0) return sqlite_floor(argv[1], argv[2], exec ? argv[3] : nullptr);
#ifdef FLOOR_WITH_LIBPQ
    return postgresql_floor(argv[1], argv[2], exec ? argv[3] : nullptr);
#else
    std::fprintf(stderr, "floor: built without libpq\n");
    return 2;
#endif
}
