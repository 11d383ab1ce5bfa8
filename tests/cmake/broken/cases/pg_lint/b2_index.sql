-- revision: b2
-- down_revision: a1
-- message: index on an existing table

-- upgrade
CREATE INDEX users_email ON users (email);

-- downgrade
DROP INDEX users_email;
