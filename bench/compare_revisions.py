#!/usr/bin/env python3
"""@brief Writes the same N revisions twice: as Migrations .sql files and as Alembic scripts.

usage: compare_revisions.py N OUT_DIR
  OUT_DIR/migrations/*.sql        revision files for add_migrations()
  OUT_DIR/alembic/versions/*.py   Alembic scripts that op.execute() the same statements
  OUT_DIR/alembic/env.py, OUT_DIR/alembic.ini
  OUT_DIR/all.sql                 every upgrade statement, in order, for the floor
Revision i creates table t_i and inserts a row into it: the same SQL on both sides, and
portable (the id is given, as PostgreSQL has no implicit rowid).
"""
import os
import sys

ENV_PY = '''from alembic import context
from sqlalchemy import engine_from_config, pool

config = context.config
engine = engine_from_config(config.get_section(config.config_ini_section), prefix="sqlalchemy.",
                            poolclass=pool.NullPool)
with engine.connect() as connection:
    context.configure(connection=connection, target_metadata=None, transactional_ddl=True)
    with context.begin_transaction():
        context.run_migrations()
'''

ALEMBIC_INI = '''[alembic]
script_location = {script_location}
sqlalchemy.url = sqlite:///bench.db
'''


def statements(i):
    return [f"CREATE TABLE t_{i} (id INTEGER PRIMARY KEY, name TEXT NOT NULL)",
            f"INSERT INTO t_{i} (id, name) VALUES (1, 'row of revision {i}')"]


def main():
    n, out = int(sys.argv[1]), sys.argv[2]
    ours = os.path.join(out, "migrations")
    versions = os.path.join(out, "alembic", "versions")
    os.makedirs(ours, exist_ok=True)
    os.makedirs(versions, exist_ok=True)
    ids = [f"{i:012x}" for i in range(1, n + 1)]
    everything = []
    for i, rev in enumerate(ids):
        parent = ids[i - 1] if i else None
        sql = statements(i)
        everything += sql
        with open(os.path.join(ours, f"{rev}_t{i}.sql"), "w") as f:
            f.write(f"-- revision: {rev}\n-- down_revision: {parent or 'none'}\n-- message: table {i}\n\n"
                    "-- upgrade\n" + "".join(s + ";\n" for s in sql) + f"\n-- downgrade\nDROP TABLE t_{i};\n")
        with open(os.path.join(versions, f"{rev}_t{i}.py"), "w") as f:
            f.write(f'"""table {i}"""\nfrom alembic import op\n\nrevision = "{rev}"\n'
                    f'down_revision = {repr(parent)}\nbranch_labels = None\ndepends_on = None\n\n\n'
                    "def upgrade():\n" + "".join(f"    op.execute({s!r})\n" for s in sql) +
                    f"\n\ndef downgrade():\n    op.execute('DROP TABLE t_{i}')\n")
    with open(os.path.join(out, "alembic", "env.py"), "w") as f:
        f.write(ENV_PY)
    with open(os.path.join(out, "alembic.ini"), "w") as f:
        f.write(ALEMBIC_INI.format(script_location=os.path.join(out, "alembic")))
    with open(os.path.join(out, "all.sql"), "w") as f:
        f.write("".join(s + ";\n" for s in everything))


if __name__ == "__main__":
    main()
