-- revision: a1c0ffee0004
-- down_revision: a1c0ffee0003
-- message: a new status value, used by the next revision

-- upgrade: sqlite
SELECT 1;

-- upgrade: postgresql
ALTER TYPE account_status ADD VALUE IF NOT EXISTS 'suspended';

-- downgrade: irreversible
