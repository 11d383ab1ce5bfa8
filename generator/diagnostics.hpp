// @brief Compiler-style diagnostics (`path:LINE: error: message`) and, in one place, the
// wording of every message the generator can emit.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace migrations::generator {

/// One problem found in a revision file.
struct Diagnostic {
    std::string path;          ///< The file as the tool was given it (--dir joined with the name).
    std::uint32_t line;        ///< 1-based; 0 for a problem with the file itself (not a regular file).
    std::string message;       ///< Without the `error: ` prefix.
    std::uint32_t column = 0;  ///< 1-based, in characters; 0 when the problem names no column.

    friend bool operator==(const Diagnostic&, const Diagnostic&) = default;
};

/// `path:LINE: error: message` (`path:LINE:COLUMN: error: message` with a column), the form GCC uses, so IDEs link to
/// the place; `path: error: message` for line 0 (a problem with the file itself, not with a line of it). Control
/// characters in the path and message are escaped (escape_control), so text echoed from a
/// file can neither rewrite the terminal line (CR) nor send escape sequences.
std::string format(const Diagnostic& diagnostic);

/// `text` with every control character (bytes 0x00-0x1f and 0x7f) written as an escape:
/// `\r`, `\n`, `\t`, else `\xHH` (`\x1b` for ESC). Other bytes, UTF-8 included, are kept.
std::string escape_control(std::string_view text);

/// Collects every diagnostic of a run, so all of them are reported before the tool exits.
class Diagnostics {
public:
    void error(std::string_view path, std::uint32_t line, std::string message);
    /// The same at a column of the line (1-based, in characters).
    void error(std::string_view path, std::uint32_t line, std::uint32_t column, std::string message);
    /// Adds every diagnostic of `other` (collected on another thread, say).
    void append(const Diagnostics& other);

    bool empty() const noexcept { return items_.empty(); }
    std::size_t size() const noexcept { return items_.size(); }
    /// In the order they were reported.
    const std::vector<Diagnostic>& all() const noexcept { return items_; }
    /// Sorted by path, then line, then message: deterministic whatever the order of checks.
    std::vector<Diagnostic> sorted() const;

private:
    std::vector<Diagnostic> items_;
};

/// The wording of every message, so tests and docs can rely on one source.
namespace message {

std::string cannot_read(std::string_view reason);
std::string cannot_open_directory(std::string_view reason);
std::string not_a_regular_file();
std::string nul_byte();
std::string not_a_revision();
std::string sql_before_section();
std::string unknown_key(std::string_view key, std::string_view suggestion);
std::string duplicate_key(std::string_view key, std::uint32_t first_line);
std::string missing_key(std::string_view key);
std::string empty_value(std::string_view key);
std::string invalid_id(std::string_view id, std::string_view key);
std::string id_too_long(std::size_t length, std::size_t limit);
std::string invalid_label(std::string_view label);
std::string invalid_bool(std::string_view key, std::string_view value);
std::string duplicate_reference(std::string_view id, std::string_view key);
std::string marker_without_dialect(std::string_view marker);
std::string unknown_dialect(std::string_view marker, std::string_view dialect, std::string_view suggestion);
std::string duplicate_section(std::string_view marker, std::uint32_t first_line);
std::string missing_section(std::string_view kind);
std::string missing_dialect_section(std::string_view kind, std::string_view dialect);
std::string empty_upgrade(std::string_view marker);
std::string irreversible_with_downgrade(std::uint32_t downgrade_line);
std::string irreversible_not_empty();
std::string duplicate_id(std::string_view id, std::string_view other_path, std::uint32_t other_line);
std::string unknown_reference(std::string_view id, std::string_view key, std::string_view suggestion);
std::string own_parent(std::string_view id);
std::string own_dependency(std::string_view id);
std::string cycle(const std::vector<std::string>& members);
std::string multiple_roots(const std::vector<std::string>& roots);
/// "`migrations merge -m "merge heads" --dir DIR`", the --dir left out for ./migrations.
std::string merge_command(std::string_view dir);
/// `dir`: the revisions directory, for the merge command the message suggests.
std::string multiple_heads(const std::vector<std::string>& heads, std::string_view dir);
std::string label_clashes_with_id(std::string_view label, std::string_view path, std::uint32_t line);
std::string label_already_used(std::string_view label, std::string_view path, std::uint32_t line);
std::string not_a_cpp_revision();
std::string missing_cpp_upgrade();
std::string missing_cpp_downgrade();
std::string duplicate_step_macro(std::string_view macro, std::uint32_t first_line);
std::string cpp_irreversible_with_downgrade(std::uint32_t downgrade_line);

}  // namespace message

}  // namespace migrations::generator
