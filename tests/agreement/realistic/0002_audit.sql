-- revision: a1c0ffee0002
-- down_revision: a1c0ffee0001
-- message: audit log with triggers, and a final statement without a semicolon

-- upgrade: sqlite
CREATE TABLE audit (id INTEGER PRIMARY KEY, account_id INTEGER, action TEXT NOT NULL);
CREATE TRIGGER accounts_audit AFTER UPDATE ON accounts
BEGIN
    INSERT INTO audit (account_id, action) VALUES (NEW.id, 'update; of ' || NEW.email);
END;
UPDATE accounts SET display_name = 'Admin' WHERE id = 1

-- upgrade: postgresql
CREATE TABLE audit (id BIGSERIAL PRIMARY KEY, account_id INTEGER, action TEXT NOT NULL);
CREATE FUNCTION accounts_audit() RETURNS trigger LANGUAGE plpgsql AS $body$
BEGIN
    -- a semicolon; inside a dollar-quoted body
    INSERT INTO audit (account_id, action) VALUES (NEW.id, 'update; of ' || NEW.email);
    RETURN NEW;
END;
$body$;
CREATE TRIGGER accounts_audit AFTER UPDATE ON accounts
    FOR EACH ROW EXECUTE FUNCTION accounts_audit();
UPDATE accounts SET display_name = 'Admin' WHERE id = 1

-- downgrade: sqlite
DROP TRIGGER accounts_audit;
DROP TABLE audit;

-- downgrade: postgresql
DROP TRIGGER accounts_audit ON accounts;
DROP FUNCTION accounts_audit();
DROP TABLE audit
