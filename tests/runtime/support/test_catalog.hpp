// @brief Test-only builder of owned catalogs from a compact description of revisions.
#pragma once

#include <migrations/catalog.hpp>
#include <migrations/options.hpp>

#include <string>
#include <utility>
#include <vector>

namespace migrations::testing {

/// One revision as tests describe it. Defaults: file "migrations/<id>.sql", SQL starting on
/// line 6, message "revision <id>", generic sections, the checksum the generator computes.
struct RevisionDef {
    std::string id;
    std::vector<std::string> parents;
    std::vector<std::string> depends_on;
    std::vector<std::string> labels;
    std::string upgrade;
    /// Upgrade sections of one dialect, after the generic one.
    std::vector<std::pair<Dialect, std::string>> dialect_upgrades;
    std::string downgrade;
    bool transactional = true;
    bool irreversible = false;
    std::uint32_t commit_after = 0;
    std::string file;
    unsigned first_line = 6;
    std::string message;
    std::string checksum;
    /// A C++ revision (file "migrations/<id>.cpp"): no sections, its source for the checksum.
    bool cpp = false;
    std::string cpp_source;
};

/// Builds revisions in the order added (parents must come first), fluently:
///   CatalogBuilder b; b.add("a").up("CREATE TABLE t(x);").down("DROP TABLE t;");
///   b.add("b", {"a"}).no_transaction(); Catalog c = b.build();
class CatalogBuilder {
public:
    CatalogBuilder& add(std::string id, std::vector<std::string> parents = {});
    CatalogBuilder& up(std::string sql);
    /// Adds an `-- upgrade: <dialect>` section to the last revision, after its generic one.
    CatalogBuilder& up(Dialect dialect, std::string sql);
    CatalogBuilder& down(std::string sql);
    CatalogBuilder& depends(std::vector<std::string> ids);
    CatalogBuilder& label(std::string label);
    CatalogBuilder& no_transaction();
    CatalogBuilder& irreversible();
    /// Marks the last revision's upgrade as needing a COMMIT before its effect can be used.
    CatalogBuilder& commit_after(Dialect dialect);
    CatalogBuilder& file(std::string path, unsigned first_line);
    CatalogBuilder& message(std::string text);
    CatalogBuilder& checksum(std::string hex);
    /// Makes the last revision a C++ one whose text after the header is `source` (what its
    /// checksum covers). Its steps are the build()'s catalog's with_cpp_steps() table: entries
    /// 2k and 2k+1 for the k-th C++ revision; mark it irreversible() for a null downgrade.
    CatalogBuilder& cpp(std::string source = "MIGRATIONS_UPGRADE(session) {}");

    /// The catalog; throws std::invalid_argument on an unknown or later parent.
    Catalog build(std::string name = "test_migrations") const;

private:
    std::vector<RevisionDef> defs_;
};

/// A catalog from the compact graph notation the Alembic comparisons use:
/// "a:;b:a;c:a#feat;m:b,c;e:b|d" = id ':' parents [ '|' depends_on ] [ '#' label ], each
/// revision creating table t_<id> and its downgrade dropping it.
Catalog graph_catalog(const std::string& notation);

}  // namespace migrations::testing

namespace migrations::testing {

/// `count` linear revisions r0000, r0001, ...; each creates table t_<id> and appends its id to
/// table `log` (made by the first), so tests can count how often each one ran.
/// With `vacuum_at` >= 0, revision r<vacuum_at> is a `transactional: false` VACUUM instead.
Catalog logging_catalog(int count, int vacuum_at = -1);

/// logging_catalog(count) where every third revision (r0002, r0005, ...) is a C++ revision
/// whose step logs its id through the Session (a parameter), on either database (no table of
/// its own: data only); its downgrade deletes the log row. count <= 300.
Catalog cpp_logging_catalog(int count);

/// Two revisions: "fast1" creates table knob(n); "slow2" inserts (SELECT n FROM knob) rows into
/// a new table big with a recursive CTE: as slow as the knob says, with the same checksum.
Catalog slow_catalog();

/// slow_catalog()'s "fast1", then "exclusive2", a `transactional: false` revision that holds
/// BEGIN EXCLUSIVE while it counts to (SELECT n FROM knob).
Catalog exclusive_catalog();

/// Options in every combination that could plausibly change what a start at head does
/// (schema check on/off, each transaction mode, events on/off, statement bounds set or not).
std::vector<Options> option_combinations();

}  // namespace migrations::testing
