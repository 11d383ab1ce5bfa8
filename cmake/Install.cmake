# Install rules and the package files for find_package(Migrations).
