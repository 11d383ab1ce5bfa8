-- revision: a1
-- down_revision: none

-- upgrade
CREATE TABLE t (x INTEGER);

-- downgrade
DROP TABLE t;
