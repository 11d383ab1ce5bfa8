-- revision: a1
-- down_revision: none
-- message: todos

-- upgrade
CREATE TABLE todos (id INTEGER PRIMARY KEY, title TEXT NOT NULL);
INSERT INTO todos (title) VALUES ('buy milk');

-- downgrade
DROP TABLE todos;
