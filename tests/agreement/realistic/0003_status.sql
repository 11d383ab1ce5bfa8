-- revision: a1c0ffee0003
-- down_revision: a1c0ffee0002
-- message: account status as an enum (PostgreSQL) or a checked text (SQLite)

-- upgrade: sqlite
ALTER TABLE accounts ADD COLUMN status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'locked'));

-- upgrade: postgresql
CREATE TYPE account_status AS ENUM ('active', 'locked');
ALTER TABLE accounts ADD COLUMN status account_status NOT NULL DEFAULT 'active';
DO $$
DECLARE
    n integer;
BEGIN
    SELECT count(*) INTO n FROM accounts;
    IF n < 0 THEN
        RAISE EXCEPTION 'impossible count %', n;
    END IF;
END
$$;

-- downgrade: sqlite
ALTER TABLE accounts DROP COLUMN status;

-- downgrade: postgresql
ALTER TABLE accounts DROP COLUMN status;
DROP TYPE account_status;
