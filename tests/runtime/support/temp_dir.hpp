// @brief Test helpers around real SQLite files: a temporary directory and small query helpers.
#pragma once

#include <string>
#include <vector>

struct sqlite3;

namespace migrations::testing {

/// A fresh directory under $TMPDIR (or /tmp), removed with its contents on destruction.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::string& path() const noexcept { return path_; }
    /// path() + "/" + name.
    std::string file(const std::string& name) const { return path_ + "/" + name; }

private:
    std::string path_;
};

/// An open SQLite connection closed on destruction.
class Db {
public:
    explicit Db(const std::string& path);
    ~Db();
    Db(const Db&) = delete;
    Db& operator=(const Db&) = delete;

    sqlite3* get() const noexcept { return db_; }
    operator sqlite3*() const noexcept { return db_; }

    /// Runs `sql` (several statements allowed); throws std::runtime_error on failure.
    void exec(const std::string& sql) const;
    /// The rows of `sql`, each row's columns joined by '|' (NULL as "NULL").
    std::vector<std::string> rows(const std::string& sql) const;
    /// The first column of the first row of `sql`, or "" when there is none.
    std::string value(const std::string& sql) const;

private:
    sqlite3* db_ = nullptr;
};

/// Names of the tables of the database, sorted, without sqlite_ internals.
std::vector<std::string> table_names(const Db& db);

}  // namespace migrations::testing
