-- revision: a1c0ffee0006
-- down_revision: a1c0ffee0005
-- message: case-insensitive email lookups, built without blocking writes
-- transactional: false

-- upgrade: sqlite
CREATE INDEX accounts_email_lower ON accounts (lower(email));

-- upgrade: postgresql
CREATE INDEX CONCURRENTLY IF NOT EXISTS accounts_email_lower ON accounts (lower(email));

-- downgrade: sqlite
DROP INDEX accounts_email_lower;

-- downgrade: postgresql
DROP INDEX CONCURRENTLY IF EXISTS accounts_email_lower;
