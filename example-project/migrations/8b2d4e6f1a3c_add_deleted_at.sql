-- revision: 8b2d4e6f1a3c
-- down_revision: 3f1a9c2e7b10
-- message: add deleted_at to todos for soft delete
-- created: 2026-11-21 10:14:03+00:00

-- upgrade
-- A deleted todo keeps its row: `todo delete` sets deleted_at, `todo restore` clears it,
-- and `todo list` shows only the rows where it is NULL.
ALTER TABLE todos ADD COLUMN deleted_at TEXT;
CREATE INDEX todos_deleted_at ON todos (deleted_at);

-- downgrade
-- Soft-deleted rows become ordinary rows again: nothing is lost by going back.
DROP INDEX todos_deleted_at;
ALTER TABLE todos DROP COLUMN deleted_at;
