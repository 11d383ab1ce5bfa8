-- revision: a1
-- down_revision: none
-- message: create users

-- upgrade
CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL);

-- downgrade
DROP TABLE users;
