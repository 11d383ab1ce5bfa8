// @brief Running the backend's own parameterised queries through libpq.
#include "postgresql/libpq_query.hpp"

#include <algorithm>

namespace migrations::postgresql {

std::string error_field(const PGresult* result, int code) {
    const char* value = PQresultErrorField(result, code);
    return value != nullptr ? value : "";
}

std::string one_line(std::string_view text) {
    std::string out;
    for (std::size_t start = 0; start <= text.size();) {
        const std::size_t end = std::min(text.find_first_of("\r\n", start), text.size());
        std::string_view piece = text.substr(start, end - start);
        while (!piece.empty() && (piece.front() == ' ' || piece.front() == '\t')) piece.remove_prefix(1);
        while (!piece.empty() && (piece.back() == ' ' || piece.back() == '\t')) piece.remove_suffix(1);
        if (!piece.empty()) {
            if (!out.empty()) out += ' ';
            out += piece;
        }
        start = end + 1;
    }
    return out;
}

std::string server_message(const PGresult* result, bool with_context) {
    std::string message = one_line(error_field(result, PG_DIAG_MESSAGE_PRIMARY));
    if (message.empty()) return one_line(PQresultErrorMessage(result));
    if (const std::string detail = error_field(result, PG_DIAG_MESSAGE_DETAIL); !detail.empty()) {
        message += "\n  DETAIL: " + one_line(detail);
    }
    if (const std::string hint = error_field(result, PG_DIAG_MESSAGE_HINT); !hint.empty()) {
        message += "\n  HINT: " + one_line(hint);
    }
    if (std::string context = with_context ? error_field(result, PG_DIAG_CONTEXT) : ""; !context.empty()) {
        while (!context.empty() && context.back() == '\n') context.pop_back();
        std::string joined;
        for (std::size_t start = 0; start <= context.size();) {
            const std::size_t end = std::min(context.find('\n', start), context.size());
            if (!joined.empty()) joined += "; ";
            joined += one_line(std::string_view(context).substr(start, end - start));
            start = end + 1;
        }
        message += "\n  CONTEXT: " + joined;
    }
    return message;
}

QueryResult query(PGconn* connection, const std::string& sql, const std::vector<std::string>& parameters) {
    std::vector<const char*> values;
    values.reserve(parameters.size());
    for (const std::string& parameter : parameters) values.push_back(parameter.c_str());
    // Without parameters, the simple query protocol (which also takes several statements).
    PGresult* raw = values.empty() ? PQexec(connection, sql.c_str())
                                   : PQexecParams(connection, sql.c_str(), static_cast<int>(values.size()), nullptr,
                                                  values.data(), nullptr, nullptr, 0);
    QueryResult result(raw);
    if (raw == nullptr) throw DatabaseError(one_line(PQerrorMessage(connection)), "");
    const ExecStatusType status = PQresultStatus(raw);
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return result;
    throw DatabaseError(server_message(raw), error_field(raw, PG_DIAG_SQLSTATE));
}

std::string quote_identifier(std::string_view name) {
    std::string out = "\"";
    for (const char c : name) {
        out += c;
        if (c == '"') out += '"';
    }
    return out + "\"";
}

}  // namespace migrations::postgresql
