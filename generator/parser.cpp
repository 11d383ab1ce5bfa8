// @brief Parser of revision files: header lines, section markers, per-file checks.
#include "parser.hpp"

#include <algorithm>
#include <array>

#include "checks/lint.hpp"
#include "checks/postgresql_parse.hpp"
#include "checks/postgresql_statements.hpp"
#include "checks/transaction_control.hpp"
#include "cpp_steps.hpp"
#include "suggest.hpp"

namespace migrations::generator {
namespace {

constexpr std::array<std::string_view, 7> kKeys = {"revision",   "down_revision", "message",      "created",
                                                   "depends_on", "branch_labels", "transactional"};

bool is_space(char c) { return c == ' ' || c == '\t'; }
bool is_word_char(char c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
}

std::string_view trim(std::string_view text) {
    while (!text.empty() && (is_space(text.front()) || text.front() == '\r')) text.remove_prefix(1);
    while (!text.empty() && (is_space(text.back()) || text.back() == '\r')) text.remove_suffix(1);
    return text;
}

/// The rest of `line` after `prefix` (`--`, or `//` in a C++ revision) and blanks, or nullopt
/// when the line is not such a comment.
std::optional<std::string_view> comment_body(std::string_view line, std::string_view prefix = "--") {
    if (line.substr(0, 2) != prefix) return std::nullopt;
    line.remove_prefix(2);
    while (!line.empty() && is_space(line.front())) line.remove_prefix(1);
    return line;
}

/// Reads `word` then optional blanks then ':'; returns the word and the text after the colon.
std::optional<std::pair<std::string_view, std::string_view>> split_key(std::string_view body) {
    std::size_t end = 0;
    while (end < body.size() && is_word_char(body[end])) ++end;
    if (end == 0) return std::nullopt;
    std::size_t colon = end;
    while (colon < body.size() && is_space(body[colon])) ++colon;
    if (colon == body.size() || body[colon] != ':') return std::nullopt;
    return std::pair{body.substr(0, end), trim(body.substr(colon + 1))};
}

struct Marker {
    bool upgrade = false;
    bool has_colon = false;
    std::string_view dialect;
};

/// `-- upgrade`, `-- downgrade`, or either with `: word`; other comments are not markers.
std::optional<Marker> parse_marker(std::string_view line) {
    const auto body = comment_body(line);
    if (!body) return std::nullopt;
    std::string_view rest = trim(*body);
    Marker marker;
    if (rest.substr(0, 7) == "upgrade") {
        marker.upgrade = true;
        rest.remove_prefix(7);
    } else if (rest.substr(0, 9) == "downgrade") {
        rest.remove_prefix(9);
    } else {
        return std::nullopt;
    }
    rest = trim(rest);
    if (rest.empty()) return marker;
    if (rest.front() != ':') return std::nullopt;
    marker.has_colon = true;
    marker.dialect = trim(rest.substr(1));
    return marker;
}

std::optional<Dialect> dialect_from_name(std::string_view name) {
    if (name == "sqlite") return Dialect::sqlite;
    if (name == "postgresql") return Dialect::postgresql;
    return std::nullopt;
}

std::string normalise_line_endings(std::string_view text) {
    std::string result;
    result.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') continue;
        result += text[i];
    }
    return result;
}

class Parser {
public:
    Parser(std::string_view path, std::uint32_t dialects, EmptyUpgrade empty_upgrade, PostgresqlParse postgresql_parse,
           Diagnostics& diagnostics)
        : path_(path),
          dialects_(dialects),
          empty_upgrade_(empty_upgrade),
          postgresql_parse_(postgresql_parse),
          diagnostics_(diagnostics) {}

    RevisionFile run(std::string_view text);

private:
    /// A C++ revision (docs/format.md, "C++ revisions"): the `//` header, then the source,
    /// checked for its step macros.
    void run_cpp(std::string_view text);
    void check_cpp(std::string_view body, std::uint32_t first_line);
    /// Checks common to both kinds: a header at all, no SQL in it, the required keys.
    bool check_header();
    void error(std::uint32_t line, std::string message) { diagnostics_.error(path_, line, std::move(message)); }
    void header_line(std::string_view line, std::uint32_t number);
    void header_value(std::string_view key, std::string_view value, std::uint32_t number);
    std::vector<NamedRef> id_list(std::string_view key, std::string_view value, std::uint32_t number);
    void open_section(const Marker& marker, std::string_view line, std::uint32_t number, std::size_t start);
    void close_section(std::string_view text, std::size_t end);
    void check_sections();
    void check_statements();
    void check_postgresql(const ParsedSection& parsed, const SectionText& section, bool upgrade, bool report_syntax);
    void report(const std::vector<StatementFinding>& found);
    bool selected(Dialect dialect) const { return (dialects_ >> static_cast<unsigned>(dialect)) & 1U; }

    std::string_view path_;
    std::uint32_t dialects_;
    EmptyUpgrade empty_upgrade_;
    PostgresqlParse postgresql_parse_;
    Diagnostics& diagnostics_;
    RevisionFile file_;
    std::array<std::uint32_t, kKeys.size()> key_lines_{};
    bool in_header_ = true;
    std::uint32_t stray_sql_line_ = 0;
    std::vector<std::string_view> suggested_keys_;
    // The open section: where it goes, where its text starts, and (irreversible) its marker.
    std::vector<SectionText>* target_ = nullptr;
    SectionText open_;
    std::size_t open_start_ = 0;
    std::uint32_t irreversible_line_ = 0;
    std::array<std::uint32_t, 7> section_lines_{};  // upgrade x3, downgrade x3, irreversible
};

RevisionFile Parser::run(std::string_view text) {
    const std::size_t errors_before = diagnostics_.size();
    file_.path = std::string(path_);
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    if (path_.size() > 4 && path_.substr(path_.size() - 4) == ".cpp") {
        run_cpp(text);
        file_.well_formed = diagnostics_.size() == errors_before;
        return std::move(file_);
    }
    std::uint32_t number = 0;
    std::size_t pos = 0;
    while (pos < text.size()) {
        ++number;
        const std::size_t newline = text.find('\n', pos);
        const std::size_t end = newline == std::string_view::npos ? text.size() : newline;
        const std::size_t next = newline == std::string_view::npos ? text.size() : newline + 1;
        std::string_view line = text.substr(pos, end - pos);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (line.find('\0') != std::string_view::npos) error(number, message::nul_byte());
        if (const auto marker = parse_marker(line)) {
            close_section(text, pos);
            open_section(*marker, line, number, next);
        } else if (in_header_) {
            header_line(line, number);
        }
        pos = next;
    }
    close_section(text, text.size());
    check_sections();
    file_.well_formed = diagnostics_.size() == errors_before;
    return std::move(file_);
}

void Parser::run_cpp(std::string_view text) {
    file_.cpp = true;
    std::uint32_t number = 0;
    std::size_t pos = 0;
    std::size_t body = text.size();
    std::uint32_t body_line = 1;
    while (pos < text.size()) {
        ++number;
        const std::size_t newline = text.find('\n', pos);
        const std::size_t end = newline == std::string_view::npos ? text.size() : newline;
        std::string_view line = text.substr(pos, end - pos);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (line.find('\0') != std::string_view::npos) error(number, message::nul_byte());
        if (in_header_ && (trim(line).empty() || comment_body(line, "//"))) {
            header_line(line, number);
        } else if (in_header_) {
            in_header_ = false;
            body = pos;
            body_line = number;
        }
        pos = newline == std::string_view::npos ? text.size() : newline + 1;
    }
    if (!check_header()) return;
    check_cpp(text.substr(body), body_line);
}

void Parser::check_cpp(std::string_view body, std::uint32_t first_line) {
    file_.cpp_source = normalise_line_endings(body);
    std::uint32_t upgrade = 0;
    std::uint32_t downgrade = 0;
    std::uint32_t irreversible = 0;
    for (const CppStepMacro& macro : find_step_macros(file_.cpp_source, first_line)) {
        std::uint32_t& seen = macro.name == "MIGRATIONS_UPGRADE"     ? upgrade
                              : macro.name == "MIGRATIONS_DOWNGRADE" ? downgrade
                                                                     : irreversible;
        if (seen != 0) {
            error(macro.line, message::duplicate_step_macro(macro.name, seen));
            continue;
        }
        seen = macro.line;
    }
    if (upgrade == 0) error(1, message::missing_cpp_upgrade());
    if (irreversible != 0 && downgrade != 0) {
        error(irreversible, message::cpp_irreversible_with_downgrade(downgrade));
    } else if (irreversible == 0 && downgrade == 0) {
        error(1, message::missing_cpp_downgrade());
    }
    file_.irreversible = irreversible != 0;
    file_.cpp_upgrade_line = upgrade;
    file_.cpp_downgrade_line = downgrade;
}

void Parser::header_line(std::string_view line, std::uint32_t number) {
    if (trim(line).empty()) return;
    const auto body = comment_body(line, file_.cpp ? "//" : "--");
    if (!body) {
        if (stray_sql_line_ == 0) stray_sql_line_ = number;
        return;
    }
    const auto key_value = split_key(*body);
    if (!key_value) return;  // an ordinary comment
    const auto [key, value] = *key_value;
    for (std::size_t k = 0; k < kKeys.size(); ++k) {
        if (kKeys[k] != key) continue;
        if (key_lines_[k] != 0) return error(number, message::duplicate_key(key, key_lines_[k]));
        key_lines_[k] = number;
        return header_value(key, value, number);
    }
    const std::string suggestion = closest(key, {kKeys.begin(), kKeys.end()});
    if (!suggestion.empty()) suggested_keys_.push_back(*std::find(kKeys.begin(), kKeys.end(), suggestion));
    error(number, message::unknown_key(key, suggestion));
}

void Parser::header_value(std::string_view key, std::string_view value, std::uint32_t number) {
    const bool required = key == "revision" || key == "down_revision" || key == "message";
    if (value.empty() && required) return error(number, message::empty_value(key));
    if (key == "revision") {
        if (!is_valid_id(value)) return error(number, message::invalid_id(value, key));
        if (value.size() > kMaxIdLength) return error(number, message::id_too_long(value.size(), kMaxIdLength));
        file_.id = std::string(value);
        file_.id_line = number;
    } else if (key == "down_revision") {
        file_.parents_line = number;
        if (value != "none") file_.parents = id_list(key, value, number);
    } else if (key == "message") {
        file_.message = std::string(value);
    } else if (key == "created") {
        file_.created = std::string(value);
    } else if (key == "depends_on") {
        if (!value.empty() && value != "none") file_.depends_on = id_list(key, value, number);
    } else if (key == "branch_labels") {
        for (NamedRef& label : id_list(key, value, number)) file_.branch_labels.push_back(std::move(label));
    } else if (value == "true" || value == "false") {
        file_.transactional = value == "true";
    } else {
        error(number, message::invalid_bool(key, value));
    }
}

std::vector<NamedRef> Parser::id_list(std::string_view key, std::string_view value, std::uint32_t number) {
    std::vector<NamedRef> result;
    if (value.empty()) return result;
    std::size_t pos = 0;
    while (pos <= value.size()) {
        const std::size_t comma = std::min(value.find(',', pos), value.size());
        const std::string_view name = trim(value.substr(pos, comma - pos));
        pos = comma + 1;
        if (!is_valid_id(name)) {
            error(number, key == "branch_labels" ? message::invalid_label(name) : message::invalid_id(name, key));
            continue;
        }
        bool repeated = false;
        for (const NamedRef& earlier : result) repeated = repeated || earlier.name == name;
        if (repeated) {
            error(number, message::duplicate_reference(name, key));
            continue;
        }
        result.push_back({std::string(name), number});
    }
    return result;
}

void Parser::open_section(const Marker& marker, std::string_view line, std::uint32_t number, std::size_t start) {
    in_header_ = false;
    open_ = SectionText{};
    open_.marker = std::string(trim(line));
    open_.marker_line = number;
    open_.first_line = number + 1;
    open_start_ = start;
    target_ = marker.upgrade ? &file_.upgrade : &file_.downgrade;
    std::size_t slot = marker.upgrade ? 0 : 3;
    if (marker.has_colon) {
        if (marker.dialect.empty()) {
            target_ = nullptr;
            return error(number, message::marker_without_dialect(open_.marker));
        }
        if (!marker.upgrade && marker.dialect == "irreversible") {
            target_ = nullptr;
            slot = 6;
            irreversible_line_ = number;
            file_.irreversible = true;
        } else if (const auto dialect = dialect_from_name(marker.dialect)) {
            open_.dialect = dialect;
            slot += 1 + static_cast<std::size_t>(*dialect);
        } else {
            target_ = nullptr;
            std::vector<std::string_view> names = {"sqlite", "postgresql"};
            if (!marker.upgrade) names.push_back("irreversible");
            return error(number,
                         message::unknown_dialect(open_.marker, marker.dialect, closest(marker.dialect, names)));
        }
    }
    if (section_lines_[slot] != 0) {
        target_ = nullptr;
        if (slot == 6) irreversible_line_ = section_lines_[slot];
        return error(number, message::duplicate_section(open_.marker, section_lines_[slot]));
    }
    section_lines_[slot] = number;
}

void Parser::close_section(std::string_view text, std::size_t end) {
    if (in_header_) return;
    const std::string_view body = text.substr(open_start_, end - open_start_);
    if (open_.marker_line == irreversible_line_ && irreversible_line_ != 0) {
        if (!is_blank_sql(body)) error(irreversible_line_, message::irreversible_not_empty());
    } else if (target_ != nullptr) {
        open_.sql = normalise_line_endings(body);
        target_->push_back(std::move(open_));
    }
    target_ = nullptr;
    open_ = SectionText{};
}

bool Parser::check_header() {
    bool any_key = false;
    for (std::uint32_t line : key_lines_) any_key = any_key || line != 0;
    if (!any_key) {
        error(1, file_.cpp ? message::not_a_cpp_revision() : message::not_a_revision());
        return false;
    }
    if (stray_sql_line_ != 0) error(stray_sql_line_, message::sql_before_section());
    for (std::string_view key : {"revision", "down_revision", "message"}) {
        const std::size_t k = static_cast<std::size_t>(std::find(kKeys.begin(), kKeys.end(), key) - kKeys.begin());
        // A misspelt key was reported with its suggestion; do not report it missing as well.
        const bool suggested = std::find(suggested_keys_.begin(), suggested_keys_.end(), key) != suggested_keys_.end();
        if (key_lines_[k] == 0 && !suggested) error(1, message::missing_key(key));
    }
    return true;
}

void Parser::check_sections() {
    if (!check_header()) return;
    const Dialect all[] = {Dialect::sqlite, Dialect::postgresql};
    if (file_.upgrade.empty() && section_lines_[0] + section_lines_[1] + section_lines_[2] == 0) {
        error(1, message::missing_section("upgrade"));
    } else if (!file_.upgrade.empty()) {
        for (Dialect dialect : all) {
            if (selected(dialect) && effective_section(file_.upgrade, dialect) == nullptr) {
                error(file_.upgrade.front().marker_line,
                      message::missing_dialect_section("upgrade", dialect_name(dialect)));
            }
        }
        // A merge revision (two or more parents) joins branches and usually runs no SQL: its
        // upgrade may be empty (docs/DECISIONS.md, "Developer command").
        const bool may_be_empty = file_.parents.size() >= 2 || empty_upgrade_ == EmptyUpgrade::accepted;
        for (const SectionText& section : file_.upgrade) {
            if (may_be_empty || (section.dialect && !selected(*section.dialect))) continue;
            if (is_blank_sql(section.sql)) error(section.marker_line, message::empty_upgrade(section.marker));
        }
    }
    if (file_.irreversible) {
        if (!file_.downgrade.empty()) {
            error(irreversible_line_, message::irreversible_with_downgrade(file_.downgrade.front().marker_line));
        }
    } else if (file_.downgrade.empty() && section_lines_[3] + section_lines_[4] + section_lines_[5] == 0) {
        error(1, message::missing_section("downgrade"));
    } else if (!file_.downgrade.empty()) {
        for (Dialect dialect : all) {
            if (selected(dialect) && effective_section(file_.downgrade, dialect) == nullptr) {
                error(file_.downgrade.front().marker_line,
                      message::missing_dialect_section("downgrade", dialect_name(dialect)));
            }
        }
    }
    check_statements();
}

// The checks of the statements (checks/): each section is split into words once, and parsed by
// PostgreSQL's parser once when it runs on PostgreSQL, for every dialect that runs it.
void Parser::check_statements() {
    for (const bool upgrade : {true, false}) {
        std::vector<SectionText>& sections = upgrade ? file_.upgrade : file_.downgrade;
        for (SectionText& section : sections) {
            bool runs_on[kDialectCount] = {};
            bool runs = false;
            for (const Dialect dialect : {Dialect::sqlite, Dialect::postgresql}) {
                runs_on[static_cast<std::size_t>(dialect)] =
                    selected(dialect) && effective_section(sections, dialect) == &section;
                runs = runs || runs_on[static_cast<std::size_t>(dialect)];
            }
            if (!runs) continue;
            // SQLite's transaction control and psql's client-side text are found in the
            // statements' words; PostgreSQL's other checks read the section's one parse tree.
            const SplitSection split = split_section(section.sql);
            if (file_.transactional && runs_on[static_cast<std::size_t>(Dialect::sqlite)]) {
                report(find_transaction_control(section.sql, split, section.first_line));
            }
            if (!runs_on[static_cast<std::size_t>(Dialect::postgresql)]) continue;
            const std::vector<StatementFinding> client = find_client_commands(section.sql, split, section.first_line);
            report(client);
            // Parsed whatever postgresql_parse says: the statement split and the commit boundaries
            // go into the catalog (one parse per section).
            const ParsedSection parsed(section.sql, section.first_line);
            section.statements = parsed.ranges();
            if (postgresql_parse_ == PostgresqlParse::checked)
                check_postgresql(parsed, section, upgrade, client.empty());
            if (!file_.transactional) continue;
            report(find_transaction_control(parsed));
            report(find_non_transactional_statements(parsed));
            for (const StatementFinding& found : find_commit_boundaries(parsed)) {
                const unsigned bit =
                    static_cast<unsigned>(Dialect::postgresql) + (upgrade ? 0U : unsigned{kDialectCount});
                file_.commit_after |= 1U << bit;
                file_.commit_boundaries.push_back(
                    CommitBoundary{Dialect::postgresql, upgrade, found.line, found.statement});
            }
        }
    }
}

// PostgreSQL's parse of a section that runs on PostgreSQL: its syntax errors (a psql
// meta-command is one too, but find_client_commands says more: `report_syntax` is false
// then), and the lint of an upgrade.
void Parser::check_postgresql(const ParsedSection& parsed, const SectionText& section, bool upgrade,
                              bool report_syntax) {
    if (report_syntax) {
        for (const SyntaxError& syntax : parsed.errors())
            diagnostics_.error(path_, syntax.line, syntax.column, syntax.message);
    }
    if (!upgrade) return;
    RevisionLint lint(file_.transactional);
    lint.check(parsed, section.sql, section.first_line);
    file_.lint.insert(file_.lint.end(), lint.findings().begin(), lint.findings().end());
}

// Reports each finding once: a generic section is checked for both dialects.
void Parser::report(const std::vector<StatementFinding>& found) {
    for (const StatementFinding& finding : found) {
        bool reported = false;
        for (const Diagnostic& earlier : diagnostics_.all()) {
            reported = reported ||
                       (earlier.line == finding.line && earlier.message == finding.message && earlier.path == path_);
        }
        if (!reported) error(finding.line, finding.message);
    }
}

}  // namespace

RevisionFile parse_revision(std::string_view text, std::string_view path, std::uint32_t dialects,
                            Diagnostics& diagnostics, EmptyUpgrade empty_upgrade, PostgresqlParse postgresql_parse) {
    return Parser(path, dialects, empty_upgrade, postgresql_parse, diagnostics).run(text);
}

bool is_blank_sql(std::string_view sql) {
    std::size_t i = 0;
    while (i < sql.size()) {
        const char c = sql[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
            ++i;
        } else if (sql.substr(i, 2) == "--") {
            i = sql.find('\n', i);
            if (i == std::string_view::npos) return true;
        } else if (sql.substr(i, 2) == "/*") {
            i = sql.find("*/", i + 2);
            if (i == std::string_view::npos) return true;
            i += 2;
        } else {
            return false;
        }
    }
    return true;
}

bool is_valid_id(std::string_view id) {
    if (id.empty()) return false;
    for (char c : id) {
        if (!is_word_char(c)) return false;
    }
    return true;
}

}  // namespace migrations::generator
