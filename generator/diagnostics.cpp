// @brief Diagnostic formatting, collection, and the wording of every generator message.
#include "diagnostics.hpp"

#include <algorithm>
#include <tuple>

#include "cli/format.hpp"

namespace migrations::generator {

std::string format(const Diagnostic& diagnostic) {
    std::string text = escape_control(diagnostic.path);
    if (diagnostic.line != 0) text += ":" + std::to_string(diagnostic.line);
    if (diagnostic.line != 0 && diagnostic.column != 0) text += ":" + std::to_string(diagnostic.column);
    return text + ": error: " + escape_control(diagnostic.message);
}

std::string escape_control(std::string_view text) {
    std::string result;
    result.reserve(text.size());
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte >= 0x20 && byte != 0x7f) {
            result += c;
        } else if (c == '\r') {
            result += "\\r";
        } else if (c == '\n') {
            result += "\\n";
        } else if (c == '\t') {
            result += "\\t";
        } else {
            constexpr char kHex[] = "0123456789abcdef";
            result += "\\x";
            result += kHex[byte >> 4];
            result += kHex[byte & 0xf];
        }
    }
    return result;
}

void Diagnostics::error(std::string_view path, std::uint32_t line, std::string message) {
    error(path, line, 0, std::move(message));
}

void Diagnostics::error(std::string_view path, std::uint32_t line, std::uint32_t column, std::string message) {
    Diagnostic diagnostic{std::string(path), line, std::move(message)};
    diagnostic.column = column;
    items_.push_back(std::move(diagnostic));
}

void Diagnostics::append(const Diagnostics& other) {
    items_.insert(items_.end(), other.items_.begin(), other.items_.end());
}

std::vector<Diagnostic> Diagnostics::sorted() const {
    std::vector<Diagnostic> result = items_;
    std::stable_sort(result.begin(), result.end(), [](const Diagnostic& a, const Diagnostic& b) {
        return std::tie(a.path, a.line, a.column, a.message) < std::tie(b.path, b.line, b.column, b.message);
    });
    return result;
}

namespace message {
namespace {

std::string quoted(std::string_view text) {
    // Built by appending: GCC 12 at -O2 warns falsely (-Wrestrict) on "'" + std::string(...).
    std::string result;
    result.reserve(text.size() + 2);
    result += '\'';
    result += text;
    result += '\'';
    return result;
}

std::string did_you_mean(std::string_view suggestion) {
    return suggestion.empty() ? std::string() : "; did you mean " + quoted(suggestion) + "?";
}

std::string joined(const std::vector<std::string>& items, std::string_view separator) {
    std::string result;
    for (const std::string& item : items) {
        if (!result.empty()) result += separator;
        result += item;
    }
    return result;
}

}  // namespace

std::string cannot_read(std::string_view reason) { return "cannot read file: " + std::string(reason); }

std::string cannot_open_directory(std::string_view reason) { return "cannot open directory: " + std::string(reason); }

std::string not_a_regular_file() {
    return "not a regular file (a revision must be a regular file or a symbolic link to one)";
}

std::string nul_byte() { return "file contains a NUL byte"; }

std::string not_a_revision() {
    return "not a revision file: no '-- revision: <id>' header (every .sql file in the directory must be a "
           "revision)";
}

std::string sql_before_section() { return "SQL before the first section; put it under '-- upgrade' or '-- downgrade'"; }

std::string unknown_key(std::string_view key, std::string_view suggestion) {
    if (!suggestion.empty()) return "unknown header key " + quoted(key) + did_you_mean(suggestion);
    return "unknown header key " + quoted(key) +
           " (known keys: revision, down_revision, message, created, depends_on, branch_labels, transactional)";
}

std::string duplicate_key(std::string_view key, std::uint32_t first_line) {
    return "duplicate header key " + quoted(key) + " (first given on line " + std::to_string(first_line) + ")";
}

std::string missing_key(std::string_view key) { return "missing required header " + quoted(key); }

std::string empty_value(std::string_view key) { return "empty value for header " + quoted(key); }

std::string invalid_id(std::string_view id, std::string_view key) {
    return "invalid revision id " + quoted(id) + " in " + quoted(key) + ": use only letters, digits and '_'";
}

std::string invalid_label(std::string_view label) {
    return "invalid branch label " + quoted(label) + ": use only letters, digits and '_'";
}

std::string id_too_long(std::size_t length, std::size_t limit) {
    return "revision id of " + std::to_string(length) + " characters is too long: at most " + std::to_string(limit) +
           " (the version table stores and indexes it; the `revision` command makes 12)";
}

std::string invalid_bool(std::string_view key, std::string_view value) {
    return "invalid value " + quoted(value) + " for " + quoted(key) + ": expected true or false";
}

std::string duplicate_reference(std::string_view id, std::string_view key) {
    return "revision " + quoted(id) + " is listed twice in " + quoted(key);
}

std::string marker_without_dialect(std::string_view marker) {
    return "section marker " + quoted(marker) + " names no dialect (expected sqlite or postgresql)";
}

std::string unknown_dialect(std::string_view marker, std::string_view dialect, std::string_view suggestion) {
    const std::string expected = marker.find("downgrade") != std::string_view::npos
                                     ? " (expected sqlite, postgresql or irreversible)"
                                     : " (expected sqlite or postgresql)";
    return "unknown dialect " + quoted(dialect) + " in section marker " + quoted(marker) +
           (suggestion.empty() ? expected : did_you_mean(suggestion));
}

std::string duplicate_section(std::string_view marker, std::uint32_t first_line) {
    return "duplicate section " + quoted(marker) + " (first on line " + std::to_string(first_line) + ")";
}

std::string missing_section(std::string_view kind) {
    if (kind == "downgrade") {
        return "missing '-- downgrade' section (write '-- downgrade: irreversible' for a revision that cannot "
               "be undone)";
    }
    return "missing '-- " + std::string(kind) + "' section";
}

std::string missing_dialect_section(std::string_view kind, std::string_view dialect) {
    return "no " + std::string(kind) + " section for " + std::string(dialect) + " (add '-- " + std::string(kind) +
           "' or '-- " + std::string(kind) + ": " + std::string(dialect) + "')";
}

std::string empty_upgrade(std::string_view marker) {
    return "section " + quoted(marker) + " is empty: an upgrade must contain SQL";
}

std::string irreversible_with_downgrade(std::uint32_t downgrade_line) {
    return "'-- downgrade: irreversible' conflicts with the downgrade section on line " +
           std::to_string(downgrade_line);
}

std::string irreversible_not_empty() { return "'-- downgrade: irreversible' must not be followed by SQL"; }

std::string duplicate_id(std::string_view id, std::string_view other_path, std::uint32_t other_line) {
    return "duplicate revision id " + quoted(id) + " (also defined in " + std::string(other_path) + ":" +
           std::to_string(other_line) + ")";
}

std::string unknown_reference(std::string_view id, std::string_view key, std::string_view suggestion) {
    return "unknown revision " + quoted(id) + " in " + quoted(key) + did_you_mean(suggestion);
}

std::string own_parent(std::string_view id) { return "revision " + quoted(id) + " is its own parent"; }

std::string own_dependency(std::string_view id) { return "revision " + quoted(id) + " depends on itself"; }

std::string cycle(const std::vector<std::string>& members) {
    return "cycle in the revision graph: " + joined(members, " -> ");
}

std::string multiple_roots(const std::vector<std::string>& roots) {
    return "more than one root revision (down_revision: none): " + joined(roots, ", ");
}

std::string merge_command(std::string_view dir) {
    const bool default_dir = dir.empty() || dir == "migrations" || dir == "migrations/";
    return "`migrations merge -m \"merge heads\"" + (default_dir ? std::string() : " --dir " + cli::shell_word(dir)) +
           "`";
}

std::string multiple_heads(const std::vector<std::string>& heads, std::string_view dir) {
    return "more than one head: " + joined(heads, ", ") + "; run " + merge_command(dir) + " to join them";
}

std::string label_clashes_with_id(std::string_view label, std::string_view path, std::uint32_t line) {
    return "branch label " + quoted(label) + " clashes with the revision id defined in " + std::string(path) + ":" +
           std::to_string(line);
}

std::string label_already_used(std::string_view label, std::string_view path, std::uint32_t line) {
    return "branch label " + quoted(label) + " is already used in " + std::string(path) + ":" + std::to_string(line);
}

std::string not_a_cpp_revision() {
    return "not a revision file: no '// revision: <id>' header (every .cpp file in the directory must be a "
           "revision)";
}

std::string missing_cpp_upgrade() {
    return "missing MIGRATIONS_UPGRADE(session) { ... }: a C++ revision defines its upgrade with it "
           "(#include <migrations/revision.hpp>)";
}

std::string missing_cpp_downgrade() {
    return "missing MIGRATIONS_DOWNGRADE(session) { ... } (write MIGRATIONS_IRREVERSIBLE; for a revision that "
           "cannot be undone)";
}

std::string duplicate_step_macro(std::string_view macro, std::uint32_t first_line) {
    return "duplicate " + std::string(macro) + " (first on line " + std::to_string(first_line) + ")";
}

std::string cpp_irreversible_with_downgrade(std::uint32_t downgrade_line) {
    return "MIGRATIONS_IRREVERSIBLE conflicts with the MIGRATIONS_DOWNGRADE on line " + std::to_string(downgrade_line);
}

}  // namespace message
}  // namespace migrations::generator
