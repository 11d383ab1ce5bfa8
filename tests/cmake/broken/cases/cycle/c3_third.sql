-- revision: c3
-- down_revision: b2
-- message: m

-- upgrade
CREATE TABLE t_c3 (x INTEGER);

-- downgrade
DROP TABLE t_c3;
