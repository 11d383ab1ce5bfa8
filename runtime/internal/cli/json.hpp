// @brief Machine-readable output of the command lines (`--format json`): a small JSON writer
// and the one presenter of every verb's document, which run_cli and the `migrations` tool
// both print with. The schema is documented in docs/cli.md ("JSON output").
#pragma once

#include <migrations/catalog.hpp>
#include <migrations/error.hpp>
#include <migrations/results.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace migrations::cli {

/// The version of the documents' schema, in every document as "format_version". It grows
/// only when a field changes meaning or goes away; new fields may appear within a version.
inline constexpr int kJsonFormatVersion = 1;

/// True when the arguments ask for JSON (`--format json` or `--format=json`), known before
/// CLI11 parses them, so that even a usage error is reported as a JSON document.
bool json_requested(int argc, const char* const* argv);

/// `text` as a JSON string literal: quoted, `"` `\` and control characters escaped, bytes
/// that are not UTF-8 replaced by U+FFFD (so every document is valid JSON).
std::string json_quote(std::string_view text);

/// `["a","b"]`.
std::string json_strings(const std::vector<std::string>& items);

/// One JSON object, written member by member in the order given: `{"a":1,"b":"x"}`.
class JsonObject {
public:
    /// Members whose value is a string, a boolean, a number, null, or JSON already written
    /// (an object or an array). Each returns *this.
    JsonObject& text(std::string_view key, std::string_view value);
    JsonObject& boolean(std::string_view key, bool value);
    JsonObject& number(std::string_view key, double value);
    JsonObject& integer(std::string_view key, long long value);
    JsonObject& null(std::string_view key);
    JsonObject& raw(std::string_view key, std::string_view json);

    /// The object, `{...}`.
    std::string str() const { return body_ + "}"; }

private:
    JsonObject& key(std::string_view name);
    std::string body_ = "{";
};

/// The start of every document: {"format_version":1,"command":<command>, ...}.
JsonObject json_document(std::string_view command);

/// `heads` of both command lines: {"heads":[revision...]}, oldest first. Each revision is
/// the object docs/cli.md describes (id, parents, depends_on, branch_labels, children, head,
/// branchpoint, mergepoint, message, file, created, transactional, reversible).
std::string json_heads(const Catalog& catalog);

/// `history`: {"database":<url or null>,"revisions":[revision...]}, newest first, the ones
/// `selected` marks (all when empty). With `database` (history() over the same catalog), each
/// revision also has "current", "state" ("applied", "pending", "not_applied") and
/// "applied_at" (null when not applied).
std::string json_history(const Catalog& catalog, const std::vector<bool>& selected,
                         const std::vector<RevisionStatus>* database, const std::string& url);

/// `show TARGET`: {"revisions":[revision...]} for what `target` names (throws as the planner).
std::string json_show(const Catalog& catalog, const std::string& target);

/// `current`: {"database":url,"current":[{"revision","known","head","message","file",
/// "state","applied_at"}]}; an empty array at base.
std::string json_current(const Catalog& catalog, const std::string& url, const std::vector<std::string>& current,
                         const std::vector<RevisionStatus>& history);

/// `upgrade`, `downgrade`, `stamp`: {"database","from":[...],"to":[...],"revisions":[...],
/// "elapsed_ms","fast_path"}.
std::string json_result(std::string_view command, const std::string& url, const MigrationResult& result);

/// `status` (the database check): {"database","ok","problems":[...]}.
std::string json_status(const std::string& url, const CheckResult& result);

/// `repair`: {"database","repaired":[{"revision","file","old_checksum","new_checksum"}]}.
std::string json_repair(const std::string& url, const RepairResult& result);

/// The document of a failed command: {"error":{"message","exit_code", and for a migration
/// error "kind", "revision", "file", "line", "database_code"}}; `error` may be null.
std::string json_error(std::string_view command, std::string_view message, int exit_code, const Error* error);

}  // namespace migrations::cli
