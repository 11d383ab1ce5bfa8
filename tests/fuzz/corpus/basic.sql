-- revision: 4c1d2e7f9a0b
-- down_revision: 9a8b7c6d5e4f
-- message: add deleted_at to todos
-- created: 2026-11-21 10:14:03+00:00

-- upgrade
ALTER TABLE todos ADD COLUMN deleted_at TIMESTAMP;

-- downgrade
ALTER TABLE todos DROP COLUMN deleted_at;
