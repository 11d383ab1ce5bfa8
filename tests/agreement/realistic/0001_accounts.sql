-- revision: a1c0ffee0001
-- down_revision: none
-- message: accounts and sessions
-- created: 2026-01-05 09:00:00+00:00

-- upgrade
CREATE TABLE accounts (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);
-- sessions expire; the index serves the reaper
CREATE TABLE sessions (
    token TEXT PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    expires_at TEXT NOT NULL
);
CREATE INDEX sessions_expires_at ON sessions (expires_at);
INSERT INTO accounts (id, email, display_name) VALUES (1, 'admin@example.com', 'It''s me; really');

-- downgrade
DROP TABLE sessions;
DROP TABLE accounts;
