// revision: b2
// down_revision: a1
// message: upper-case titles (data only: the downgrade restores the schema by doing nothing to it)

#include <migrations/revision.hpp>

#include "titles.hpp"

MIGRATIONS_UPGRADE(session) { session.execute(titles::upper_case_sql()); }

MIGRATIONS_DOWNGRADE(session) { session.execute("UPDATE todos SET title = lower(title)"); }
