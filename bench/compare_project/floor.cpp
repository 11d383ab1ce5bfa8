// @brief The floors bench/compare measures against, with nothing but SQLite's API:
//   floor select DB        open DB and run one SELECT on a one-row table
//   floor exec DB FILE     open DB and run FILE's SQL in one transaction (sqlite3_exec)
#include <sqlite3.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: floor select DB | floor exec DB FILE\n");
        return 2;
    }
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(argv[2], &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) return 1;
    int rc = 0;
    if (std::strcmp(argv[1], "select") == 0) {
        sqlite3_stmt* statement = nullptr;
        rc = sqlite3_prepare_v2(db, "SELECT x FROM one_row", -1, &statement, nullptr);
        if (rc == SQLITE_OK) rc = sqlite3_step(statement) == SQLITE_ROW ? 0 : 1;
        sqlite3_finalize(statement);
    } else if (std::strcmp(argv[1], "exec") == 0 && argc == 4) {
        std::ifstream file(argv[3]);
        std::stringstream text;
        text << "BEGIN;\n" << file.rdbuf() << "COMMIT;\n";
        char* message = nullptr;
        rc = sqlite3_exec(db, text.str().c_str(), nullptr, nullptr, &message);
        if (rc != SQLITE_OK) std::fprintf(stderr, "floor: %s\n", message);
        sqlite3_free(message);
    } else {
        rc = 2;
    }
    sqlite3_close(db);
    return rc == 0 ? 0 : 1;
}
