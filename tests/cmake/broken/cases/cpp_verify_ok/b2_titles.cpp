// revision: b2
// down_revision: a1
// message: upper-case titles (data only: the downgrade restores the schema by doing nothing to it)

#include <migrations/revision.hpp>

MIGRATIONS_UPGRADE(session) { session.execute("UPDATE todos SET title = upper(title)"); }

MIGRATIONS_DOWNGRADE(session) { session.execute("UPDATE todos SET title = lower(title)"); }
