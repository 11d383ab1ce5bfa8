-- revision: a1
-- down_revision: none
-- message: m

-- upgrade
-- nothing here yet

-- downgrade
SELECT 1;
