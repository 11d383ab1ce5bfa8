-- revision: a1
-- down_revision: none
-- message: users

-- upgrade
CREATE TABLE users (id integer PRIMARY KEY, email text);

-- downgrade
DROP TABLE users;
