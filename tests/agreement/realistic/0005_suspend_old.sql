-- revision: a1c0ffee0005
-- down_revision: a1c0ffee0004
-- message: suspend accounts without a session (uses the new value at once)

-- upgrade: sqlite
CREATE TABLE suspensions (account_id INTEGER PRIMARY KEY, reason TEXT NOT NULL DEFAULT 'idle');

-- upgrade: postgresql
CREATE TABLE suspensions (account_id INTEGER PRIMARY KEY, reason TEXT NOT NULL DEFAULT 'idle',
                          status account_status NOT NULL DEFAULT 'suspended');
UPDATE accounts SET status = 'suspended'
 WHERE id NOT IN (SELECT account_id FROM sessions);

-- downgrade
DROP TABLE suspensions;
