-- revision: m
-- down_revision: a, b
-- message: merge
-- depends_on: c
-- branch_labels: x, y
-- transactional: false
-- upgrade: sqlite
VACUUM;
-- upgrade: postgresql
CREATE INDEX CONCURRENTLY i ON t (x);
-- downgrade: irreversible
