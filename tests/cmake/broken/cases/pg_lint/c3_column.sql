-- revision: c3
-- down_revision: b2
-- message: a column

-- upgrade
ALTER TABLE users ADD COLUMN name text;

-- downgrade
-- migrations: allow rename-or-drop
ALTER TABLE users DROP COLUMN name;
