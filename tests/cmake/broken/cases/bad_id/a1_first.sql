-- revision: a-1
-- down_revision: none
-- message: m

-- upgrade
CREATE TABLE t_a-1 (x INTEGER);

-- downgrade
DROP TABLE t_a-1;
