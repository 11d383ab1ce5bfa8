#!/bin/sh
# @brief Stands for a `migrations` tool of another release (catalog format 99), for the
# configure-time format check of add_migrations().
echo "migrations 9.9.0 (catalog format 99)"
