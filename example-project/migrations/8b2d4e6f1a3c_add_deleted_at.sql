-- revision: 8b2d4e6f1a3c
-- down_revision: 3f1a9c2e7b10
-- message: add deleted_at to todos for soft delete
-- created: 2026-11-21 10:14:03+00:00

-- upgrade
-- A deleted todo keeps its row: `todo delete` sets it, `todo list` skips it, `todo restore` clears it.
ALTER TABLE todos ADD COLUMN deleted_at TEXT;
-- migrations: allow create-index-without-concurrently (a todo list is small: the lock is brief)
CREATE INDEX todos_deleted_at ON todos (deleted_at);

-- downgrade
-- Soft-deleted rows become ordinary rows again: nothing is lost by going back.
DROP INDEX todos_deleted_at;
ALTER TABLE todos DROP COLUMN deleted_at;
