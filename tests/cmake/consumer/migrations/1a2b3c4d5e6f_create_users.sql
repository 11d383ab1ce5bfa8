-- revision: 1a2b3c4d5e6f
-- down_revision: none
-- message: create users
-- created: 2026-11-21 10:00:00+00:00

-- upgrade
CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL);

-- downgrade
DROP TABLE users;
