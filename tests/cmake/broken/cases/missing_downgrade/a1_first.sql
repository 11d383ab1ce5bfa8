-- revision: a1
-- down_revision: none
-- message: m

-- upgrade
CREATE TABLE t (x INTEGER);
