-- revision: a1
-- down_revision: none
-- message: a PostgreSQL-only typo

-- upgrade: sqlite
CREATE TABLE t_a1 (x INTEGER);

-- upgrade: postgresql
CREATE TABLE t_a1 (x integer);
CREATE INDEX t_a1_x ON t_a1 (x;

-- downgrade
DROP TABLE t_a1;
