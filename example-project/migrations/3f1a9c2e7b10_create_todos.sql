-- revision: 3f1a9c2e7b10
-- down_revision: none
-- message: create todos
-- created: 2026-11-20 09:00:00+00:00

-- upgrade
CREATE TABLE todos (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    done INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now'))
);

-- downgrade
DROP TABLE todos;
