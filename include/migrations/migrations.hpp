// @brief The one include of the runtime's public API.
#pragma once

#include <migrations/catalog.hpp>
#include <migrations/cli.hpp>
#include <migrations/error.hpp>
#include <migrations/operations.hpp>
#include <migrations/options.hpp>
#include <migrations/results.hpp>
#include <migrations/url.hpp>
#include <migrations/version.hpp>
