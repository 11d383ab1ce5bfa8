// @brief run_cli in the test's own process, with std::cout and std::cerr captured.
#pragma once

#include <migrations/cli.hpp>

#include <iostream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace migrations::testing {

/// What one run_cli call returned and printed.
struct CliOutcome {
    int code;
    std::string out;
    std::string err;
};

/// run_cli(args, catalog, default_url, settings); `args` starts with the program name.
inline CliOutcome run_cli_captured(const Catalog& catalog, std::string_view default_url,
                                   const std::vector<std::string>& args, const CliSettings& settings = {}) {
    std::vector<const char*> argv;
    for (const auto& arg : args) argv.push_back(arg.c_str());
    std::ostringstream out;
    std::ostringstream err;
    auto* old_out = std::cout.rdbuf(out.rdbuf());
    auto* old_err = std::cerr.rdbuf(err.rdbuf());
    const int code = run_cli(static_cast<int>(argv.size()), argv.data(), catalog, default_url, settings);
    std::cout.rdbuf(old_out);
    std::cerr.rdbuf(old_err);
    return {code, out.str(), err.str()};
}

}  // namespace migrations::testing
