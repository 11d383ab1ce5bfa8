// @brief The PostgreSQL session: parameters in libpq's text format (bytea binary), results read
// by column type, failures at the Session call's line.
#include "postgresql/postgresql_session.hpp"

#include <atomic>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "backend.hpp"
#include "postgresql/libpq_query.hpp"
#include "postgresql/postgresql_backend.hpp"
#include "postgresql/section_runner.hpp"
#include "postgresql/sql_lexer.hpp"

namespace migrations::detail {

namespace {

// Type OIDs (PostgreSQL's pg_type.dat), for parameters and for reading columns.
constexpr Oid kBytea = 17;
constexpr Oid kInt8 = 20;
constexpr Oid kInt2 = 21;
constexpr Oid kInt4 = 23;
constexpr Oid kFloat4 = 700;
constexpr Oid kFloat8 = 701;

struct ResultGuard {
    PGresult* result;
    ~ResultGuard() { PQclear(result); }
};

// libpq's text form of a double: shortest exact digits, and PostgreSQL's words for the
// values that have no digits.
std::string real_text(double value) {
    if (std::isnan(value)) return "NaN";
    if (std::isinf(value)) return value > 0 ? "Infinity" : "-Infinity";
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.17g", value);
    return buffer;
}

// Parameters as libpq takes them: values in text format, bytea in binary; types left to the
// server (0) except bytea, so that a number binds to whatever column type it meets.
struct Bound {
    std::vector<std::string> texts;
    std::vector<const char*> values;
    std::vector<int> lengths;
    std::vector<int> formats;
    std::vector<Oid> types;
};

class PostgresqlPrepared final : public PreparedBackend {
public:
    PostgresqlPrepared(PostgresqlSession& session, std::string name) : session_(session), name_(std::move(name)) {}
    ~PostgresqlPrepared() override { session_.deallocate(name_); }
    PostgresqlPrepared(const PostgresqlPrepared&) = delete;
    PostgresqlPrepared& operator=(const PostgresqlPrepared&) = delete;

    std::uint64_t execute(const Param* params, std::size_t count, unsigned line) override {
        const ResultGuard result{session_.run(name_, {}, params, count, line)};
        return std::strtoull(PQcmdTuples(result.result), nullptr, 10);
    }
    Rows query(const Param* params, std::size_t count, unsigned line) override {
        return session_.rows(session_.run(name_, {}, params, count, line), line);
    }

private:
    PostgresqlSession& session_;
    std::string name_;
};

}  // namespace

namespace {

/// True for a statement that ends or starts a transaction: COMMIT, END, ABORT, ROLLBACK (not
/// ROLLBACK TO), BEGIN, START TRANSACTION, PREPARE TRANSACTION. The generator checks revision
/// files on the parse tree; a C++ step's SQL is only known when it runs, so it is checked here.
bool is_transaction_control(const postgresql::StatementWords& words) {
    if (words.starts_with({"rollback"})) return !words.is(1, "to") && !words.is(2, "to");
    return words.starts_with({"commit"}) || words.starts_with({"end"}) || words.starts_with({"abort"}) ||
           words.starts_with({"begin"}) || words.starts_with({"start", "transaction"}) ||
           words.starts_with({"prepare", "transaction"});
}

}  // namespace

void PostgresqlSession::refuse_transaction_control(std::string_view sql, unsigned line) const {
    if (PQtransactionStatus(connection_) != PQTRANS_INTRANS) return;
    const std::vector<postgresql::Token> tokens = postgresql::lex(sql);
    for (const postgresql::Statement& statement : postgresql::split_statements(sql, tokens)) {
        if (is_transaction_control(postgresql::StatementWords(sql, tokens, statement)))
            fail(line, postgresql::kTransactionControlMessage);
    }
}

PGresult* PostgresqlSession::checked(PGresult* result, bool was_in_transaction, unsigned line) {
    const ExecStatusType status = PQresultStatus(result);
    if (result != nullptr && (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY)) {
        if (was_in_transaction && PQtransactionStatus(connection_) == PQTRANS_IDLE) {
            PQclear(result);
            fail(line, postgresql::kTransactionControlMessage);
        }
        return result;
    }
    const std::string message =
        result != nullptr ? postgresql::server_message(result) : postgresql::one_line(PQerrorMessage(connection_));
    const std::string sqlstate = result != nullptr ? postgresql::error_field(result, PG_DIAG_SQLSTATE) : "";
    PQclear(result);
    if (sqlstate == "55P03") {
        // A lock wait over Options::statement_lock_timeout: the migrator runs the transaction again.
        throw StatementLockTimeout(ErrorKind::lock_timeout, where(line) + message, revision().id, revision().file, line,
                                   pack_sqlstate(sqlstate));
    }
    fail(line, message, pack_sqlstate(sqlstate));
}

PGresult* PostgresqlSession::run(const std::string& name, std::string_view sql, const Param* params, std::size_t count,
                                 unsigned line) {
    Bound bound;
    bound.texts.resize(count);
    for (std::size_t i = 0; i < count; ++i) {
        const Param& param = params[i];
        const char* value = nullptr;
        int length = 0;
        int format = 0;
        Oid type = 0;
        switch (param.type()) {
            case ValueType::null:
                break;
            case ValueType::integer:
                bound.texts[i] = std::to_string(param.integer());
                break;
            case ValueType::real:
                bound.texts[i] = real_text(param.real());
                break;
            case ValueType::text:
                if (param.bytes().find('\0') != std::string_view::npos) {
                    fail(line, "text parameter $" + std::to_string(i + 1) +
                                   " holds a NUL byte, which PostgreSQL text cannot store; bind it as a blob");
                }
                bound.texts[i] = std::string(param.bytes());
                break;
            case ValueType::blob:
                value = param.bytes().data() != nullptr ? param.bytes().data() : "";
                length = static_cast<int>(param.bytes().size());
                format = 1;
                type = kBytea;
                break;
        }
        if (param.type() == ValueType::integer || param.type() == ValueType::real || param.type() == ValueType::text) {
            value = bound.texts[i].c_str();
        }
        bound.values.push_back(value);
        bound.lengths.push_back(length);
        bound.formats.push_back(format);
        bound.types.push_back(type);
    }
    const bool was_in_transaction = PQtransactionStatus(connection_) == PQTRANS_INTRANS;
    const int n = static_cast<int>(count);
    PGresult* result = name.empty() ? PQexecParams(connection_, std::string(sql).c_str(), n, bound.types.data(),
                                                   bound.values.data(), bound.lengths.data(), bound.formats.data(), 0)
                                    : PQexecPrepared(connection_, name.c_str(), n, bound.values.data(),
                                                     bound.lengths.data(), bound.formats.data(), 0);
    return checked(result, was_in_transaction, line);
}

Rows PostgresqlSession::rows(PGresult* result, unsigned line) const {
    const ResultGuard guard{result};
    RowsBuilder rows(*this, line);
    const int columns = PQnfields(result);
    std::vector<std::string> names;
    names.reserve(static_cast<std::size_t>(columns));
    for (int c = 0; c < columns; ++c) names.emplace_back(PQfname(result, c));
    rows.columns(std::move(names));
    for (int r = 0; r < PQntuples(result); ++r) {
        for (int c = 0; c < columns; ++c) {
            if (PQgetisnull(result, r, c)) {
                rows.null();
                continue;
            }
            std::string text(PQgetvalue(result, r, c), static_cast<std::size_t>(PQgetlength(result, r, c)));
            switch (PQftype(result, c)) {
                case kInt2:
                case kInt4:
                case kInt8: {
                    const long long value = std::strtoll(text.c_str(), nullptr, 10);
                    rows.integer(value, std::move(text));
                    break;
                }
                case kFloat4:
                case kFloat8: {
                    const double value = std::strtod(text.c_str(), nullptr);
                    rows.real(value, std::move(text));
                    break;
                }
                case kBytea: {
                    std::size_t size = 0;
                    unsigned char* bytes = PQunescapeBytea(reinterpret_cast<const unsigned char*>(text.c_str()), &size);
                    rows.blob(std::string(reinterpret_cast<const char*>(bytes), size));
                    PQfreemem(bytes);
                    break;
                }
                default:
                    rows.text(std::move(text));
                    break;
            }
        }
    }
    return rows.finish();
}

std::uint64_t PostgresqlSession::execute(std::string_view sql, const Param* params, std::size_t count, unsigned line) {
    refuse_transaction_control(sql, line);
    if (count == 0) {
        // Several statements, as a section: one simple query.
        const bool was_in_transaction = PQtransactionStatus(connection_) == PQTRANS_INTRANS;
        const ResultGuard result{checked(PQexec(connection_, std::string(sql).c_str()), was_in_transaction, line)};
        return std::strtoull(PQcmdTuples(result.result), nullptr, 10);
    }
    const ResultGuard result{run({}, sql, params, count, line)};
    return std::strtoull(PQcmdTuples(result.result), nullptr, 10);
}

Rows PostgresqlSession::query(std::string_view sql, const Param* params, std::size_t count, unsigned line) {
    refuse_transaction_control(sql, line);
    return rows(run({}, sql, params, count, line), line);
}

std::unique_ptr<PreparedBackend> PostgresqlSession::prepare(std::string_view sql, unsigned line) {
    refuse_transaction_control(sql, line);
    static std::atomic<unsigned long> counter{0};
    std::string name = "migrations_session_" + std::to_string(++counter);
    const bool was_in_transaction = PQtransactionStatus(connection_) == PQTRANS_INTRANS;
    PQclear(
        checked(PQprepare(connection_, name.c_str(), std::string(sql).c_str(), 0, nullptr), was_in_transaction, line));
    return std::make_unique<PostgresqlPrepared>(*this, std::move(name));
}

void PostgresqlSession::deallocate(const std::string& name) noexcept {
    try {
        // A failed transaction refuses every statement until its ROLLBACK: the backend
        // deallocates after it. (A protocol-level Close needs libpq 17's PQclosePrepared.)
        if (PQtransactionStatus(connection_) == PQTRANS_INERROR) {
            stale_.push_back(name);
            return;
        }
        PQclear(PQexec(connection_, ("DEALLOCATE " + name).c_str()));
    } catch (...) {
        // Out of memory: the statement stays on the connection, harmless.
    }
}

}  // namespace migrations::detail
