// @brief The safety lint of PostgreSQL upgrade sections (docs/lint.md): statements that lock
// or rewrite a table people are using, or that break the binary still running during a
// deploy, each reported with a rule id, the reason and the safe alternative.
//
// The rules read PostgreSQL's parse tree (checks/postgresql_parse.hpp), so strings, comments
// and bodies never match. They look at one revision at a time: a table the same revision
// created is new, nobody uses it yet, and no rule fires on it.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "checks/lint_finding.hpp"
#include "checks/postgresql_parse.hpp"

namespace migrations::generator {

/// One rule of the lint: its id (as written in `-- migrations: allow <id>`), why the statement
/// is unsafe and what to write instead, in one line each.
struct LintRule {
    std::string_view id;
    std::string_view reason;
    std::string_view alternative;
};

/// Every rule, in the order docs/lint.md lists them.
const std::vector<LintRule>& lint_rules();

/// The lint of one revision: feed it the revision's PostgreSQL upgrade section, then read
/// findings(). Never throws except std::bad_alloc.
class RevisionLint {
public:
    /// `transactional` is the revision's header value. `sql` and `first_line` are the
    /// section's (for the allow comments); `parsed` is its parse.
    explicit RevisionLint(bool transactional) : transactional_(transactional) {}
    void check(const ParsedSection& parsed, std::string_view sql, std::uint32_t first_line);

    const std::vector<LintFinding>& findings() const noexcept { return findings_; }

private:
    void statement(const ParsedSection& parsed, const ParsedStatement& statement);
    void alter_table(const PgQuery__AlterTableStmt& alter, std::uint32_t line);
    void report(std::uint32_t line, std::string_view rule, std::string_view what);

    bool transactional_;
    std::string_view sql_;
    std::uint32_t first_line_ = 0;
    std::vector<LintFinding> findings_;
    /// Tables this revision created (new: no rule fires on them).
    std::set<std::string> created_;
    /// NOT VALID `CHECK (column IS NOT NULL)` constraints added: name -> (table, column).
    std::vector<std::pair<std::string, std::pair<std::string, std::string>>> not_null_checks_;
    /// (table, column) with such a constraint validated.
    std::set<std::pair<std::string, std::string>> proven_not_null_;
    /// Enum labels added by ALTER TYPE ... ADD VALUE in this (transactional) revision.
    std::vector<std::string> new_labels_;
};

/// True when the line before `line` (1-based, of a section starting at `first_line` holding
/// `sql`) is a `-- migrations: allow <rule-id>` comment naming `rule` (several ids may be
/// listed, separated by commas or spaces).
bool allowed(std::string_view sql, std::uint32_t first_line, std::uint32_t line, std::string_view rule);

}  // namespace migrations::generator
