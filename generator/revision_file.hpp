// @brief A revision file as parsed: header values and sections, each with its line, before
// the graph is checked.
#pragma once

#include <cstdint>
#include <migrations/catalog.hpp>
#include <optional>
#include <string>
#include <vector>

#include "checks/lint_finding.hpp"

namespace migrations::generator {

/// A name from a header list (`down_revision`, `depends_on`, `branch_labels`) and its line.
struct NamedRef {
    std::string name;
    std::uint32_t line = 0;
};

/// One `-- upgrade` or `-- downgrade` section.
struct SectionText {
    /// Empty for the generic section.
    std::optional<Dialect> dialect;
    /// The marker as written, trimmed (`-- upgrade: sqlite`), for messages.
    std::string marker;
    /// Line of the marker itself.
    std::uint32_t marker_line = 0;
    /// Line on which the SQL starts: the line after the marker.
    std::uint32_t first_line = 0;
    /// The SQL, byte for byte from first_line to the next marker or the end of the file,
    /// with CRLF line endings turned into LF.
    std::string sql;
    /// Where PostgreSQL's parser split `sql`, when the checks parsed it (a section that runs
    /// on PostgreSQL, whatever PostgresqlParse says, no syntax error); the catalog stores it.
    std::optional<std::vector<StatementRange>> statements;
};

/// A statement after which the revision needs a COMMIT before its effect can be used (found
/// by the checks, e.g. PostgreSQL `ALTER TYPE ... ADD VALUE`), for `migrations show`.
struct CommitBoundary {
    Dialect dialect;
    bool upgrade;
    /// Line of the statement in the file, and what it is ("ALTER TYPE ... ADD VALUE").
    std::uint32_t line;
    std::string statement;
};

/// What the checks make of an upgrade section without SQL.
enum class EmptyUpgrade { refused, accepted };

/// Whether the sections that run on PostgreSQL go through PostgreSQL's parser and the lint
/// (checks/postgresql_parse.hpp, checks/lint.hpp): the build and `migrations lint` check;
/// the developer verbs, which load every dialect whatever the project builds, skip it.
enum class PostgresqlParse { checked, skipped };

/// Everything the parser read from one file. Fields of keys that were missing or wrong are
/// left empty; the parser reported them already.
struct RevisionFile {
    /// The file as the tool was given it, used in diagnostics.
    std::string path;
    /// The file relative to the source root with '/' separators, emitted into the table.
    std::string relative_path;

    std::string id;
    std::uint32_t id_line = 1;
    std::vector<NamedRef> parents;
    std::uint32_t parents_line = 1;
    std::string message;
    std::string created;
    std::vector<NamedRef> depends_on;
    std::vector<NamedRef> branch_labels;
    bool transactional = true;
    bool irreversible = false;
    /// RevisionSpec::commit_after: set by the checks of the statements (checks/), not parsed.
    std::uint32_t commit_after = 0;
    /// Why commit_after is set: each statement that needs the commit, in file order.
    std::vector<CommitBoundary> commit_boundaries;

    std::vector<SectionText> upgrade;
    /// Without the `-- downgrade: irreversible` marker, which only sets `irreversible`.
    std::vector<SectionText> downgrade;

    /// What the safety lint (checks/lint.hpp) found in the PostgreSQL upgrade section, in
    /// file order; the verbs decide whether to report it (LINT, LINT_SINCE).
    std::vector<LintFinding> lint;

    /// True for a revision written in C++ (a `.cpp` file, docs/format.md "C++ revisions"): it
    /// has no sections; its steps are the functions its MIGRATIONS_UPGRADE and
    /// MIGRATIONS_DOWNGRADE define (lines below; 0 when absent, as for an irreversible one's
    /// downgrade), and its checksum covers `cpp_source`, the text after the header (LF endings).
    bool cpp = false;
    std::uint32_t cpp_upgrade_line = 0;
    std::uint32_t cpp_downgrade_line = 0;
    std::string cpp_source;

    /// True when the parser found no problem in this file.
    bool well_formed = false;
};

/// The section that runs on `dialect`: the dialect's own, else the generic one, else null.
const SectionText* effective_section(const std::vector<SectionText>& sections, Dialect dialect);

}  // namespace migrations::generator
