-- revision: b2
-- down_revision: none
-- message: m

-- upgrade
CREATE TABLE t_b2 (x INTEGER);

-- downgrade
DROP TABLE t_b2;
