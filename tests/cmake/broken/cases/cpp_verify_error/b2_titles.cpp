// revision: b2
// down_revision: a1
// message: a C++ revision whose downgrade fails: the build cannot run it, its VERIFY test does

#include <migrations/revision.hpp>

MIGRATIONS_UPGRADE(session) {
    session.execute("ALTER TABLE todos ADD COLUMN done INTEGER NOT NULL DEFAULT 0");
    session.execute("UPDATE todos SET title = upper(title)");
}

MIGRATIONS_DOWNGRADE(session) {
    session.execute("UPDATE todos SET title = lower(title)");
    session.execute("ALTER TABLE todos DROP COLUMN finished");
}
