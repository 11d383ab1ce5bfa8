// revision: b2
// down_revision: a1
// message: a C++ revision whose author forgot the upgrade

#include <migrations/revision.hpp>

MIGRATIONS_DOWNGRADE(session) { static_cast<void>(session); }
