-- revision: c3
-- down_revision: a1
-- message: m

-- upgrade
CREATE TABLE t_c3 (x INTEGER);

-- downgrade
DROP TABLE t_c3;
