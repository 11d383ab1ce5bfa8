// @brief The macros a C++ revision file (`migrations/<id>_<slug>.cpp`) defines its steps with
// (docs/format.md, "C++ revisions"). Include it in revision files only.
//
//   MIGRATIONS_UPGRADE(session) { ... }     the upgrade: required
//   MIGRATIONS_DOWNGRADE(session) { ... }   the downgrade, or:
//   MIGRATIONS_IRREVERSIBLE                 the revision cannot be undone
//
// add_migrations() compiles each revision file with MIGRATIONS_REVISION_KEY defined to a
// name unique in the program (the catalog's NAME and the file's name), so that the steps of
// every revision are distinct functions the generated catalog points at. The generator reads
// the file for these macros and fails the build, naming the file, when the upgrade is missing.
#pragma once

#include <migrations/session.hpp>

#ifndef MIGRATIONS_REVISION_KEY
#error \
    "migrations/revision.hpp is for C++ revision files, which add_migrations() compiles with MIGRATIONS_REVISION_KEY defined; do not add them to a target yourself"
#endif

#define MIGRATIONS_DETAIL_JOIN2(a, b) a##b
#define MIGRATIONS_DETAIL_JOIN(a, b) MIGRATIONS_DETAIL_JOIN2(a, b)
/// The name of this revision's function for `step` (upgrade or downgrade).
#define MIGRATIONS_DETAIL_STEP(step) MIGRATIONS_DETAIL_JOIN(MIGRATIONS_REVISION_KEY, _##step)

// The step macros' argument is the parameter's name, which parentheses would not be.
// NOLINTBEGIN(bugprone-macro-parentheses)
/// Defines the revision's upgrade: a function of a `migrations::Session&` named `session`
/// (any name), followed by its body. Runs in the revision's transaction.
#define MIGRATIONS_UPGRADE(session)                               \
    namespace migrations::revisions {                             \
    void MIGRATIONS_DETAIL_STEP(upgrade)(::migrations::Session&); \
    }                                                             \
    void migrations::revisions::MIGRATIONS_DETAIL_STEP(upgrade)(::migrations::Session & session)

/// Defines the revision's downgrade, as MIGRATIONS_UPGRADE.
#define MIGRATIONS_DOWNGRADE(session)                               \
    namespace migrations::revisions {                               \
    void MIGRATIONS_DETAIL_STEP(downgrade)(::migrations::Session&); \
    }                                                               \
    void migrations::revisions::MIGRATIONS_DETAIL_STEP(downgrade)(::migrations::Session & session)

// NOLINTEND(bugprone-macro-parentheses)

/// Marks the revision irreversible (no downgrade), in place of MIGRATIONS_DOWNGRADE. The
/// generator reads it; it compiles to nothing.
#define MIGRATIONS_IRREVERSIBLE static_assert(true, "irreversible revision")
