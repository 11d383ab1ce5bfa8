-- revision: 2b3c4d5e6f70
-- down_revision: 1a2b3c4d5e6f
-- message: add email to users

-- upgrade
ALTER TABLE users ADD COLUMN email TEXT;

-- downgrade
ALTER TABLE users DROP COLUMN email;
