-- revision: e
-- down_revison: none
-- mesage: typo
-- upgrade: sqlite3

-- upgrade
/* only a comment */
-- downgrade
-- downgrade:
SELECT $$ a ?? b \ "c" $$;
