-- revision: u
-- down_revision: none
-- message: café ☃
-- upgrade
INSERT INTO t VALUES ('\xc3\xa9\xff\x01??=');
-- downgrade
DELETE FROM t;
