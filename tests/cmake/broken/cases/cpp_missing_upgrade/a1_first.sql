-- revision: a1
-- down_revision: none
-- message: m

-- upgrade
CREATE TABLE t_a1 (x INTEGER);

-- downgrade
DROP TABLE t_a1;
