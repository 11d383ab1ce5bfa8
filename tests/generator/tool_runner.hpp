// @brief Running the real, built `migrations` executable (and sqlite3, psql) from tests, in a
// shell, capturing exit code, stdout and stderr.
#pragma once

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace migrations::generator::testing_support {

struct ToolRun {
    int code = -1;
    std::string out;
    std::string err;
};

/// `text` quoted for sh.
inline std::string shell_quote(const std::string& text) {
    std::string quoted = "'";
    for (char c : text) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return quoted + "'";
}

inline std::string slurp(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

/// Runs `command` with sh; stdout and stderr captured through files next to the test's
/// temporary directories.
inline ToolRun run_shell(const std::string& command) {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    std::string name = std::string("migrations-run-") + std::to_string(::getpid()) + "-" + info->test_suite_name() +
                       "-" + info->name();
    for (char& c : name) c = c == '/' ? '_' : c;
    const std::filesystem::path base = std::filesystem::temp_directory_path() / name;
    const std::string out = base.string() + ".out";
    const std::string err = base.string() + ".err";
    const int status = std::system((command + " >" + shell_quote(out) + " 2>" + shell_quote(err)).c_str());
    ToolRun run;
    run.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    run.out = slurp(out);
    run.err = slurp(err);
    std::filesystem::remove(out);
    std::filesystem::remove(err);
    return run;
}

/// Runs `migrations ARGS...` (the executable the build made), with `environment` (e.g.
/// "MIGRATIONS_DIR=x ") before it and DATABASE_URL and MIGRATIONS_DIR cleared otherwise.
inline ToolRun run_tool(const std::vector<std::string>& args, const std::string& environment = "") {
    std::string command = "env -u DATABASE_URL -u MIGRATIONS_DIR " + environment + " " + shell_quote(MIGRATIONS_TOOL);
    for (const std::string& arg : args) command += " " + shell_quote(arg);
    return run_shell(command);
}

/// The same, in the working directory `dir`.
inline ToolRun run_tool_in(const std::filesystem::path& dir, const std::vector<std::string>& args,
                           const std::string& environment = "") {
    std::string command = "cd " + shell_quote(dir.string()) + " && env -u DATABASE_URL -u MIGRATIONS_DIR " +
                          environment + " " + shell_quote(MIGRATIONS_TOOL);
    for (const std::string& arg : args) command += " " + shell_quote(arg);
    return run_shell(command);
}

/// The lines of `text`.
inline std::vector<std::string> lines(const std::string& text) {
    std::vector<std::string> result;
    std::size_t start = 0;
    while (start < text.size()) {
        const std::size_t end = text.find('\n', start);
        result.push_back(text.substr(start, end == std::string::npos ? std::string::npos : end - start));
        if (end == std::string::npos) break;
        start = end + 1;
    }
    return result;
}

/// Replaces the comment under `-- upgrade` of the revision file at `path` with `sql`, as a
/// developer fills a new revision in.
inline void fill_upgrade(const std::filesystem::path& path, const std::string& sql, const std::string& downgrade = "") {
    std::string text = slurp(path);
    const std::size_t up = text.find("-- upgrade\n");
    const std::size_t down = text.find("\n-- downgrade");
    ASSERT_NE(up, std::string::npos) << text;
    ASSERT_NE(down, std::string::npos) << text;
    std::string filled = text.substr(0, up) + "-- upgrade\n" + sql + "\n" + text.substr(down);
    if (!downgrade.empty())
        filled = filled.substr(0, filled.find("-- downgrade\n")) + "-- downgrade\n" + downgrade + "\n";
    std::ofstream(path, std::ios::binary) << filled;
}

/// The path `migrations revision`/`merge` printed (its stdout without the newline).
inline std::filesystem::path printed_path(const ToolRun& run) {
    std::string path = run.out;
    while (!path.empty() && path.back() == '\n') path.pop_back();
    return path;
}

}  // namespace migrations::generator::testing_support
