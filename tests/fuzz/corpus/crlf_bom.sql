-- revision: crlf
-- down_revision: none
-- message: windows
-- upgrade
SELECT 1;
-- downgrade
SELECT 2;
