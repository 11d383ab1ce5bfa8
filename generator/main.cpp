// @brief Entry point of the `migrations` host tool.
#include <exception>
#include <iostream>

#include "cli.hpp"

int main(int argc, char** argv) {
    try {
        return migrations::generator::run_cli(argc, argv, std::cout, std::cerr);
    } catch (const std::exception& error) {
        std::cerr << "migrations: error: " << error.what() << "\n";
        return 1;
    }
}
