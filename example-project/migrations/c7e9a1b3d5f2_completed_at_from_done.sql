-- revision: c7e9a1b3d5f2
-- down_revision: 8b2d4e6f1a3c
-- message: replace the done flag with completed_at, keeping finished todos finished
-- created: 2026-11-22 16:40:00+00:00

-- upgrade
ALTER TABLE todos ADD COLUMN completed_at TEXT;
UPDATE todos SET completed_at = created_at WHERE done <> 0;
-- migrations: allow rename-or-drop (a data migration, rows carried over; this release no longer reads done)
ALTER TABLE todos DROP COLUMN done;

-- downgrade
ALTER TABLE todos ADD COLUMN done INTEGER NOT NULL DEFAULT 0;
UPDATE todos SET done = 1 WHERE completed_at IS NOT NULL;
ALTER TABLE todos DROP COLUMN completed_at;
