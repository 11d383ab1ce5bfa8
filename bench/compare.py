#!/usr/bin/env python3
"""@brief The measuring half of bench/compare (which installs and builds first).

For each backend (SQLite, PostgreSQL) and N revisions, times with hyperfine, in one run:
  startup at head   our app | `alembic upgrade head` | Alembic's command.upgrade in-process | floor
  fresh upgrade     our app | `alembic upgrade head` | floor (the same SQL in one transaction)
and the peak RSS of each process. Writes bench/results/compare.csv, compare.md and
startup.png. Medians with min-max spread; ratios are taken pair by pair.
"""
import argparse
import csv
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
INPROCESS = r'''
import statistics, sys, time
from alembic import command
from alembic.config import Config
cfg = Config(sys.argv[1])
runs = int(sys.argv[2])
samples = []
for _ in range(runs):
    start = time.perf_counter()
    command.upgrade(cfg, "head")
    samples.append(time.perf_counter() - start)
print(statistics.median(samples), min(samples), max(samples))
'''


def run(cmd, **kw):
    return subprocess.run(cmd, shell=isinstance(cmd, str), check=True, capture_output=True, text=True, **kw)


def hyperfine(command, runs, cwd, prepare=None):
    """Median, min and max wall time of `command` in seconds."""
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        args = ["hyperfine", "--style", "none", "--warmup", "2", "--runs", str(runs), "--export-json", out.name,
                "-N" if prepare is None else "--shell=sh"]
        if prepare:
            args += ["--prepare", prepare]
        run(args + [command], cwd=cwd)
        result = json.load(open(out.name))["results"][0]
    return result["median"], result["min"], result["max"]


def max_rss_kb(command, cwd, prepare=None):
    if prepare:
        run(prepare, cwd=cwd)
    out = run(f"/usr/bin/time -f %M {command} 2>&1 >/dev/null | tail -n 1", cwd=cwd)
    return int(out.stdout.strip().splitlines()[-1])


class Sqlite:
    name = "sqlite"

    def __init__(self, work):
        self.work = work

    def url(self, db):
        return f"sqlite:///{db}.db"

    def alembic_url(self, db):
        return f"sqlite:///{db}.db"

    def reset(self, db):
        return f"rm -f {db}.db"

    def floor_select(self, db):
        run(f"sqlite3 {db}.db 'CREATE TABLE IF NOT EXISTS one_row (x INTEGER); "
            f"DELETE FROM one_row; INSERT INTO one_row VALUES (1);'", cwd=self.work)
        return f"{self.work}/floor select {db}.db"

    def floor_exec(self, db, sql):
        return f"{self.work}/floor exec {db}.db {sql}"


class Postgresql:
    name = "postgresql"

    def __init__(self, work, server):
        self.work, self.server = work, server  # server: postgresql://postgres@127.0.0.1:PORT

    def url(self, db):
        return f"{self.server}/{db}"

    def alembic_url(self, db):
        return f"{self.server.replace('postgresql://', 'postgresql+psycopg2://')}/{db}"

    def reset(self, db):
        return (f"psql -q {self.server}/postgres -c 'DROP DATABASE IF EXISTS {db}' "
                f"-c 'CREATE DATABASE {db}' >/dev/null")

    def floor_select(self, db):
        run(f"psql -q {self.url(db)} -c 'CREATE TABLE IF NOT EXISTS one_row (x INTEGER)' "
            f"-c 'TRUNCATE one_row' -c 'INSERT INTO one_row VALUES (1)'", cwd=self.work)
        return f"{self.work}/floor pg-select {self.url(db)}"

    def floor_exec(self, db, sql):
        return f"{self.work}/floor pg-exec {self.url(db)} {sql}"


def measure(backend, n, build, runs, rows):
    work = os.path.join(build, f"{backend.name}-{n}")
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    run([sys.executable, os.path.join(HERE, "compare_revisions.py"), str(n), work])
    dialects = "sqlite" if backend.name == "sqlite" else "sqlite;postgresql"
    run(["cmake", "-S", os.path.join(HERE, "compare_project"), "-B", os.path.join(work, "build"), "-G", "Ninja",
         "-DCMAKE_BUILD_TYPE=Release", f"-DCMAKE_PREFIX_PATH={os.path.abspath(build)}/prefix",
         f"-DREVISIONS_DIR={work}/migrations", f"-DDIALECTS={dialects}"])
    run(["cmake", "--build", os.path.join(work, "build")])
    for exe in ("app", "floor"):
        shutil.copy(os.path.join(work, "build", exe), os.path.join(work, exe))
    app = f"{work}/app"

    def ini(db):
        path = os.path.join(work, f"{db}.ini")
        with open(path, "w") as f:
            f.write(f"[alembic]\nscript_location = {work}/alembic\nsqlalchemy.url = {backend.alembic_url(db)}\n")
        return path

    def record(scenario, tool, timing, rss=None):
        rows.append({"backend": backend.name, "n": n, "scenario": scenario, "tool": tool,
                     "median_ms": timing[0] * 1e3, "min_ms": timing[1] * 1e3, "max_ms": timing[2] * 1e3,
                     "max_rss_kb": rss if rss is not None else ""})
        print(f"  {backend.name:10} N={n:<5} {scenario:8} {tool:20} {timing[0] * 1e3:9.2f} ms", flush=True)

    # Startup at head: both databases brought to head first.
    for db in ("ours_head", "alembic_head"):
        run(backend.reset(db), cwd=work)
    run([app, backend.url("ours_head")], cwd=work)
    run(["alembic", "-c", ini("alembic_head"), "upgrade", "head"], cwd=work)
    record("startup", "migrations", hyperfine(f"{app} {backend.url('ours_head')}", runs, work),
           max_rss_kb(f"{app} {backend.url('ours_head')}", work))
    alembic_head = f"alembic -c {ini('alembic_head')} upgrade head"
    record("startup", "alembic", hyperfine(alembic_head, max(3, runs // 4), work), max_rss_kb(alembic_head, work))
    out = run([sys.executable, "-c", INPROCESS, ini("alembic_head"), str(runs)], cwd=work).stdout.split()
    record("startup", "alembic in-process", tuple(float(x) for x in out))
    floor = backend.floor_select("ours_head")
    record("startup", "floor", hyperfine(floor, runs, work), max_rss_kb(floor, work))

    # Fresh upgrade of all N revisions.
    fresh_runs = max(3, runs // 4)
    ours = f"{app} {backend.url('ours_fresh')}"
    record("upgrade", "migrations", hyperfine(ours, fresh_runs, work, backend.reset("ours_fresh")),
           max_rss_kb(ours, work, backend.reset("ours_fresh")))
    alembic_fresh = f"alembic -c {ini('alembic_fresh')} upgrade head"
    record("upgrade", "alembic", hyperfine(alembic_fresh, fresh_runs, work, backend.reset("alembic_fresh")),
           max_rss_kb(alembic_fresh, work, backend.reset("alembic_fresh")))
    floor = backend.floor_exec("floor_fresh", f"{work}/all.sql")
    record("upgrade", "floor", hyperfine(floor, fresh_runs, work, backend.reset("floor_fresh")),
           max_rss_kb(floor, work, backend.reset("floor_fresh")))

    if n == min(args.sizes):
        sizes[backend.name] = (os.path.getsize(app), os.path.getsize(f"{work}/floor"))
        for exe in (app, f"{work}/floor"):
            run(["strip", exe])
        sizes[backend.name] += (os.path.getsize(app), os.path.getsize(f"{work}/floor"))


def write_report(rows, out_dir):
    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(out_dir, "compare.csv"), "w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0].keys()))
        writer.writeheader()
        writer.writerows(rows)
    by = {(r["backend"], r["n"], r["scenario"], r["tool"]): r for r in rows}
    lines = ["| backend | N | scenario | Migrations | Alembic (CLI) | Alembic (in-process) | floor | "
             "Migrations / floor | Alembic / Migrations | max RSS: Migrations / Alembic |",
             "| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for backend in sorted({r["backend"] for r in rows}, reverse=True):
        for n in sorted({r["n"] for r in rows}):
            for scenario in ("startup", "upgrade"):
                get = lambda tool: by.get((backend, n, scenario, tool))
                ours, alembic, inproc, floor = get("migrations"), get("alembic"), get("alembic in-process"), get("floor")
                if not ours:
                    continue
                cell = lambda r: f"{r['median_ms']:.2f} ms ({r['min_ms']:.2f}-{r['max_ms']:.2f})" if r else "-"
                lines.append(
                    f"| {backend} | {n} | {scenario} | {cell(ours)} | {cell(alembic)} | {cell(inproc)} | {cell(floor)} | "
                    f"{ours['median_ms'] / floor['median_ms']:.2f}x | {alembic['median_ms'] / ours['median_ms']:.1f}x | "
                    f"{ours['max_rss_kb'] / 1024:.1f} / {alembic['max_rss_kb'] / 1024:.1f} MiB |")
    for backend, (app, floor, app_stripped, floor_stripped) in sizes.items():
        lines.append(f"\nBinary size ({backend}, N={min(args.sizes)}): app {app_stripped / 1024:.0f} KiB stripped "
                     f"vs floor {floor_stripped / 1024:.0f} KiB: the runtime and catalog add "
                     f"{(app_stripped - floor_stripped) / 1024:.0f} KiB.")
    with open(os.path.join(out_dir, "compare.md"), "w") as f:
        f.write("\n".join(lines) + "\n")
    print("\n".join(lines))
    plot(rows, out_dir)


def plot(rows, out_dir):
    data = os.path.join(out_dir, "startup.dat")
    tools = ["migrations", "alembic", "alembic in-process", "floor"]
    backends = sorted({r["backend"] for r in rows}, reverse=True)
    with open(data, "w") as f:
        for backend in backends:
            f.write(f"# {backend}: N " + " ".join(t.replace(' ', '_') for t in tools) + "\n")
            for n in sorted({r["n"] for r in rows}):
                values = [next((r["median_ms"] for r in rows if (r["backend"], r["n"], r["scenario"], r["tool"]) ==
                                (backend, n, "startup", t)), float("nan")) for t in tools]
                f.write(f"{n} " + " ".join(f"{v:.4f}" for v in values) + "\n")
            f.write("\n\n")
    colours = ["#1f77b4", "#d62728", "#ff7f0e", "#2ca02c"]
    script = (f"set terminal pngcairo size 1100,480\nset output '{out_dir}/startup.png'\n"
              "set logscale xy\nset xlabel 'revisions (N)'\nset ylabel 'startup at head, median wall time (ms)'\n"
              "set key top left\nset grid\nset xrange [7:1400]\nset yrange [1:50000]\n"
              f"set multiplot layout 1,{len(backends)} title 'Startup cost when the database is already at head'\n")
    for index, backend in enumerate(backends):
        plots = [f"'{data}' index {index} using 1:{column} with linespoints lw 2 lc rgb '{colours[column - 2]}' "
                 f"title '{tool}'" for column, tool in enumerate(tools, start=2)]
        script += f"set title '{backend}'\nplot {', '.join(plots)}\n"
    script += "unset multiplot\n"
    subprocess.run(["gnuplot"], input=script, text=True, check=True)


def start_postgresql(build):
    cluster = os.path.join("/tmp", f"migrations-bench-pg-{os.getpid()}")
    run([os.path.join(ROOT, "tests", "postgresql", "cluster.sh"), "start", cluster])
    url = open(os.path.join(cluster, "url")).read().strip()
    return cluster, url.rsplit("/", 1)[0]


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--build", required=True)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--sizes", type=lambda s: [int(x) for x in s.split()], default=[10, 100, 1000])
    parser.add_argument("--no-postgresql", action="store_true")
    args = parser.parse_args()
    rows, sizes = [], {}
    build = os.path.abspath(args.build)
    cluster = None
    try:
        backends = [Sqlite(None)]
        if not args.no_postgresql:
            cluster, server = start_postgresql(build)
            backends.append(Postgresql(None, server))
        for backend in backends:
            for n in args.sizes:
                backend.work = os.path.join(build, f"{backend.name}-{n}")
                measure(backend, n, build, args.runs, rows)
    finally:
        if cluster:
            run([os.path.join(ROOT, "tests", "postgresql", "cluster.sh"), "stop", cluster])
    write_report(rows, os.path.join(HERE, "results"))
