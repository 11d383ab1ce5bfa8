// @brief Running the backend's own parameterised queries through libpq.
#include "postgresql/libpq_query.hpp"

namespace migrations::postgresql {

namespace {

std::string field(const PGresult* result, int code) {
    const char* value = PQresultErrorField(result, code);
    return value != nullptr ? value : "";
}

std::string trimmed(std::string text) {
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
    return text;
}

}  // namespace

QueryResult query(PGconn* connection, const std::string& sql, const std::vector<std::string>& parameters) {
    std::vector<const char*> values;
    values.reserve(parameters.size());
    for (const std::string& parameter : parameters) values.push_back(parameter.c_str());
    // Without parameters, the simple query protocol (which also takes several statements).
    PGresult* raw = values.empty() ? PQexec(connection, sql.c_str())
                                   : PQexecParams(connection, sql.c_str(), static_cast<int>(values.size()), nullptr,
                                                  values.data(), nullptr, nullptr, 0);
    QueryResult result(raw);
    if (raw == nullptr) throw DatabaseError(trimmed(PQerrorMessage(connection)), "");
    const ExecStatusType status = PQresultStatus(raw);
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return result;
    std::string message = field(raw, PG_DIAG_MESSAGE_PRIMARY);
    if (message.empty()) message = trimmed(PQresultErrorMessage(raw));
    if (const std::string detail = field(raw, PG_DIAG_MESSAGE_DETAIL); !detail.empty()) message += " (" + detail + ")";
    throw DatabaseError(message, field(raw, PG_DIAG_SQLSTATE));
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
