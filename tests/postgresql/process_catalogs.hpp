// @brief The catalogs the whole-process PostgreSQL tests run, shared by the test and its helper.
#pragma once

#include <migrations/catalog.hpp>

#include <string_view>

namespace migrations::testing {

/// "logging": 30 linear revisions logging their id (see logging_catalog);
/// "index": the same with a `transactional: false` CREATE INDEX CONCURRENTLY revision
/// ("idx", after r0014) and a CREATE INDEX CONCURRENTLY on a table the others write;
/// "slow": slow_catalog(). Throws std::invalid_argument for another name.
Catalog process_catalog(std::string_view scenario);

}  // namespace migrations::testing
