-- revision: b2
-- down_revision: a1
-- message: add email and its index

-- upgrade
ALTER TABLE users ADD COLUMN email TEXT;
CREATE UNIQUE INDEX users_email ON users (email);

-- downgrade
DROP INDEX users_email;
