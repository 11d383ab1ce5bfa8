// revision: e4f6a8b0c2d4
// down_revision: c7e9a1b3d5f2
// message: normalise todo titles: no blanks around them, single spaces inside
// created: 2026-11-23 09:30:00+00:00
//
// A data migration written in C++: it reads every title, rewrites the ones that change, in
// the same transaction as the other revisions of the run, on SQLite and PostgreSQL alike.

#include <migrations/revision.hpp>
#include <string>

namespace {

// "  buy   milk " -> "buy milk": runs of blanks become one space, none at either end.
std::string normalised(const std::string& title) {
    std::string result;
    bool blank = false;
    for (char c : title) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            blank = !result.empty();
            continue;
        }
        if (blank) result += ' ';
        blank = false;
        result += c;
    }
    return result;
}

}  // namespace

MIGRATIONS_UPGRADE(session) {
    auto rename = session.prepare("UPDATE todos SET title = $1 WHERE id = $2");
    for (const migrations::Row& row : session.query("SELECT id, title FROM todos ORDER BY id")) {
        const std::string title = row.text(1);
        const std::string wanted = normalised(title);
        if (wanted != title) rename.execute({wanted, row.integer(0)});
    }
}

MIGRATIONS_DOWNGRADE(session) {
    // The old spacing was noise and is not kept: the titles stay as they are.
    static_cast<void>(session);
}
