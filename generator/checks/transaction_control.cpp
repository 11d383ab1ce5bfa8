// @brief Finding transaction control statements in transactional sections.
#include "checks/transaction_control.hpp"

namespace migrations::generator {

namespace {

// What the statement is when it starts, ends or abandons a transaction on `dialect`, else "".
std::string_view classify(const Words& words, Dialect dialect) {
    if (words.starts_with({"begin"})) return "BEGIN";
    if (words.starts_with({"start", "transaction"})) return "START TRANSACTION";
    if (words.starts_with({"commit"})) return "COMMIT";
    if (words.starts_with({"end"})) return "END";
    if (words.starts_with({"rollback"})) {
        // ROLLBACK [WORK | TRANSACTION] TO [SAVEPOINT] name stays inside the transaction.
        const std::size_t to = words.is(1, "work") || words.is(1, "transaction") ? 2 : 1;
        return words.is(to, "to") ? std::string_view() : "ROLLBACK";
    }
    if (dialect == Dialect::postgresql) {
        if (words.starts_with({"abort"})) return "ABORT";
        if (words.starts_with({"prepare", "transaction"})) return "PREPARE TRANSACTION";
    }
    return {};
}

}  // namespace

std::vector<StatementFinding> find_transaction_control(std::string_view sql, std::uint32_t first_line,
                                                       Dialect dialect) {
    return find_transaction_control(sql, split_section(sql), first_line, dialect);
}

std::vector<StatementFinding> find_transaction_control(std::string_view sql, const SplitSection& split,
                                                       std::uint32_t first_line, Dialect dialect) {
    std::vector<StatementFinding> found;
    for (const postgresql::Statement& statement : split.statements) {
        const std::string_view what = classify(Words(sql, split.tokens, statement), dialect);
        if (what.empty()) continue;
        std::string message(what);
        message +=
            " in a transactional revision ends the migration's transaction: the statements after it would "
            "run outside it and a failure could no longer be rolled back; drop it (the runtime begins and "
            "commits the transaction), or add `-- transactional: false` to the header of this revision to "
            "run it on its own";
        found.push_back(StatementFinding{first_line + statement.line, std::string(what), std::move(message)});
    }
    return found;
}

}  // namespace migrations::generator
