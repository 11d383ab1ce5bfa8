-- revision: a0
-- down_revision: none
-- message: create audit log

-- upgrade
CREATE TABLE audit_log (id INTEGER PRIMARY KEY, event TEXT NOT NULL);

-- downgrade
DROP TABLE audit_log;
