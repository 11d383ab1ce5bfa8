// @brief migrations::Session, PreparedStatement, Rows and Row over a backend's SessionBackend, and
// running one C++ step with its failures reported at file:line.
#include <cerrno>
#include <cstdlib>
#include <exception>

#include "session_backend.hpp"

namespace migrations {

namespace detail {

std::string SessionBackend::where(unsigned line) const {
    return std::string(revision_.file) + ":" + std::to_string(line) + ": " + revision_.id +
           (direction_ == Direction::upgrade ? " upgrade" : " downgrade") + " failed: ";
}

void SessionBackend::fail(unsigned line, const std::string& message, int database_code, ErrorKind kind) const {
    throw Error(kind, where(line) + message, revision_.id, revision_.file, line, database_code);
}

RowsBuilder::RowsBuilder(const SessionBackend& session, unsigned line) {
    rows_.where_ = session.where(line);
    rows_.revision_ = session.revision().id;
    rows_.file_ = session.revision().file;
    rows_.line_ = line;
}

void RowsBuilder::columns(std::vector<std::string> names) {
    rows_.columns_ = names.size();
    rows_.names_ = std::move(names);
}

void RowsBuilder::null() { rows_.cells_.emplace_back(); }

void RowsBuilder::integer(std::int64_t value, std::string text) {
    Rows::Cell& cell = rows_.cells_.emplace_back();
    cell.type = ValueType::integer;
    cell.integer = value;
    cell.real = static_cast<double>(value);
    cell.bytes = std::move(text);
}

void RowsBuilder::real(double value, std::string text) {
    Rows::Cell& cell = rows_.cells_.emplace_back();
    cell.type = ValueType::real;
    cell.real = value;
    cell.bytes = std::move(text);
}

void RowsBuilder::text(std::string value) {
    Rows::Cell& cell = rows_.cells_.emplace_back();
    cell.type = ValueType::text;
    cell.bytes = std::move(value);
}

void RowsBuilder::blob(std::string bytes) {
    Rows::Cell& cell = rows_.cells_.emplace_back();
    cell.type = ValueType::blob;
    cell.bytes = std::move(bytes);
}

void run_cpp_step(SessionBackend& backend, const CppStep& step) {
    Session session(backend);
    try {
        step.run(session);
    } catch (const Error&) {
        throw;
    } catch (const std::exception& error) {
        backend.fail(step.line, error.what());
    } catch (...) {
        backend.fail(step.line, "it threw an exception that is not a std::exception");
    }
}

}  // namespace detail

namespace {

const char* type_name(ValueType type) {
    switch (type) {
        case ValueType::null:
            return "NULL";
        case ValueType::integer:
            return "an integer";
        case ValueType::real:
            return "a real";
        case ValueType::text:
            return "text";
        case ValueType::blob:
            return "a blob";
    }
    return "a value";
}

}  // namespace

// ---- Rows and Row ----------------------------------------------------------------------------

const Rows::Cell& Rows::cell(std::size_t row, std::size_t column) const {
    if (column >= columns_) {
        fail("column " + std::to_string(column) + " is out of range: the query returns " + std::to_string(columns_) +
             " column(s)");
    }
    return cells_[row * columns_ + column];
}

void Rows::fail(const std::string& problem) const {
    throw Error(ErrorKind::statement_failed, where_ + problem, revision_, file_, line_);
}

std::size_t Row::size() const noexcept { return rows_->columns(); }

bool Row::is_null(std::size_t column) const { return rows_->cell(index_, column).type == ValueType::null; }

ValueType Row::type(std::size_t column) const { return rows_->cell(index_, column).type; }

namespace {

std::string column_label(const Rows& rows, std::size_t column) {
    return "column " + std::to_string(column) + " ('" + rows.column_name(column) + "')";
}

}  // namespace

std::int64_t Row::integer(std::size_t column) const {
    const Rows::Cell& cell = rows_->cell(index_, column);
    if (cell.type == ValueType::integer) return cell.integer;
    if (cell.type == ValueType::text && !cell.bytes.empty()) {
        errno = 0;
        char* end = nullptr;
        const long long value = std::strtoll(cell.bytes.c_str(), &end, 10);
        if (errno == 0 && end == cell.bytes.c_str() + cell.bytes.size()) return value;
    }
    rows_->fail(column_label(*rows_, column) + " is " + type_name(cell.type) +
                (cell.type == ValueType::text ? " '" + cell.bytes + "'" : std::string()) + ", not an integer");
}

double Row::real(std::size_t column) const {
    const Rows::Cell& cell = rows_->cell(index_, column);
    if (cell.type == ValueType::real || cell.type == ValueType::integer) return cell.real;
    if (cell.type == ValueType::text && !cell.bytes.empty()) {
        errno = 0;
        char* end = nullptr;
        const double value = std::strtod(cell.bytes.c_str(), &end);
        if (errno == 0 && end == cell.bytes.c_str() + cell.bytes.size()) return value;
    }
    rows_->fail(column_label(*rows_, column) + " is " + type_name(cell.type) +
                (cell.type == ValueType::text ? " '" + cell.bytes + "'" : std::string()) + ", not a number");
}

std::string Row::text(std::size_t column) const {
    const Rows::Cell& cell = rows_->cell(index_, column);
    if (cell.type == ValueType::null || cell.type == ValueType::blob) {
        rows_->fail(column_label(*rows_, column) + " is " + type_name(cell.type) + ", not text" +
                    (cell.type == ValueType::blob ? " (read it with blob())" : " (test is_null() first)"));
    }
    return cell.bytes;
}

std::vector<unsigned char> Row::blob(std::size_t column) const {
    const Rows::Cell& cell = rows_->cell(index_, column);
    if (cell.type != ValueType::blob && cell.type != ValueType::text) {
        rows_->fail(column_label(*rows_, column) + " is " + type_name(cell.type) + ", not a blob");
    }
    return {cell.bytes.begin(), cell.bytes.end()};
}

// ---- PreparedStatement and Session -------------------------------------------------------------------

PreparedStatement::PreparedStatement(std::unique_ptr<detail::PreparedBackend> backend) noexcept
    : backend_(std::move(backend)) {}
PreparedStatement::PreparedStatement(PreparedStatement&&) noexcept = default;
PreparedStatement& PreparedStatement::operator=(PreparedStatement&&) noexcept = default;
PreparedStatement::~PreparedStatement() = default;

std::uint64_t PreparedStatement::execute(std::initializer_list<Param> params, unsigned line) {
    return backend_->execute(params.begin(), params.size(), line);
}

Rows PreparedStatement::query(std::initializer_list<Param> params, unsigned line) {
    return backend_->query(params.begin(), params.size(), line);
}

Dialect Session::dialect() const noexcept { return backend_.dialect(); }
const char* Session::revision() const noexcept { return backend_.revision().id; }
const char* Session::file() const noexcept { return backend_.revision().file; }
bool Session::upgrading() const noexcept { return backend_.direction() == Direction::upgrade; }

std::uint64_t Session::execute(std::string_view sql, std::initializer_list<Param> params, unsigned line) {
    return backend_.execute(sql, params.begin(), params.size(), line);
}

Rows Session::query(std::string_view sql, std::initializer_list<Param> params, unsigned line) {
    return backend_.query(sql, params.begin(), params.size(), line);
}

PreparedStatement Session::prepare(std::string_view sql, unsigned line) {
    return PreparedStatement(backend_.prepare(sql, line));
}

sqlite3* Session::sqlite_handle() const noexcept { return backend_.sqlite_handle(); }
pg_conn* Session::postgresql_handle() const noexcept { return backend_.postgresql_handle(); }

}  // namespace migrations
