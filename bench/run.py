"""County-scale benchmark: `make bench`.

1. Creates a fresh database (BENCH_DATABASE_URL; default a new local PostgreSQL database `partywork_bench`,
   dropped again at the end unless BENCH_KEEP_DB=1; `sqlite:///path` works too) and migrates it.
2. Builds the county of bench/county (BENCH_TOWNSHIPS=25, BENCH_BRANCHES=500, BENCH_MEMBERS_PER_BRANCH=50,
   BENCH_SEED=7) with two years of activity, and checks it is valid (bench/county/checks.py).
3. Requests each page of bench/pages.py as its persona: one warm-up request, then up to BENCH_REPEAT (20)
   measured ones (at least 5, then stopping after BENCH_PAGE_SECONDS=60 s): queries, median and p95 server
   time (in-process, Django's test client, DEBUG off), the time of the page's own SQL (summed around each
   query's execution), page ÷ SQL, response bytes.
4. Runs each job of bench/jobs.py in a fresh worker process: time, peak memory (the process's peak RSS),
   rows and rows per second, queries.
5. Marks what breaks the targets of issue 18 and writes bench/results/latest.json and latest.md.

Timings are for comparing runs on the same machine; query counts are the contract. Exit status 1 when a page
does not answer 200, a job fails or the county is not valid."""

import datetime
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/partywork_bench"
URL = os.environ.get("BENCH_DATABASE_URL") or DEFAULT_URL
TOWNSHIPS = int(os.environ.get("BENCH_TOWNSHIPS", 25))
BRANCHES = int(os.environ.get("BENCH_BRANCHES", 500))
MEMBERS_PER_BRANCH = int(os.environ.get("BENCH_MEMBERS_PER_BRANCH", 50))
SEED = int(os.environ.get("BENCH_SEED", 7))
REPEAT = int(os.environ.get("BENCH_REPEAT", 20))
PAGE_SECONDS = float(os.environ.get("BENCH_PAGE_SECONDS", 60))
KEEP_DB = os.environ.get("BENCH_KEEP_DB") == "1"
PASSWORD = "Bench-Only-2026"
# Issue 18's targets for every key page.
MAX_QUERIES, MAX_P95_MS, MAX_SQL_RATIO = 15, 150, 3

sys.path.insert(0, str(ROOT))
RESULTS.mkdir(parents=True, exist_ok=True)
os.environ["DJANGO_SETTINGS_MODULE"] = "partywork.settings.local"
os.environ["DEBUG"] = "0"
os.environ["DATABASE_URL"] = URL
os.environ["MEDIA_ROOT"] = str(RESULTS / "media")  # the jobs' files, not the worktree's media/
os.environ.pop("REDIS_URL", None)  # jobs and e-mail tasks run in-process, as in the embedded default
os.environ.setdefault("LOG_LEVEL", "WARNING")
# WhiteNoise looks for collectstatic's output, which the in-process measurement does not need.
warnings.filterwarnings("ignore", message="No directory at")


def _postgres(url: str) -> dict | None:
    import dj_database_url

    config = dj_database_url.parse(url)
    return config if config["ENGINE"].endswith("postgresql") else None


def _maintenance(config: dict):
    import psycopg

    return psycopg.connect(
        dbname="postgres",
        user=config["USER"],
        password=config["PASSWORD"] or None,
        host=config["HOST"] or None,
        port=config["PORT"] or None,
        autocommit=True,
    )


def prepare_database() -> None:
    """A fresh database: PostgreSQL is dropped and created again (only one whose name says it is a bench
    database), SQLite's file removed."""
    config = _postgres(URL)
    if config is None:
        path = URL.removeprefix("sqlite:///")
        Path(path).unlink(missing_ok=True)
        return
    name = config["NAME"]
    if "bench" not in name:
        sys.exit(f"BENCH_DATABASE_URL must name a database for the benchmark (with 'bench' in it), not {name!r}")
    with _maintenance(config) as maintenance:
        maintenance.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        maintenance.execute(f'CREATE DATABASE "{name}"')


def drop_database() -> None:
    config = _postgres(URL)
    if config is None or KEEP_DB or URL != DEFAULT_URL:
        return
    from django.db import connections

    connections.close_all()
    with _maintenance(config) as maintenance:
        maintenance.execute(f'DROP DATABASE IF EXISTS "{config["NAME"]}" WITH (FORCE)')


def setup() -> None:
    import django

    django.setup()


class Sql:
    """Counts the queries of a block and sums the time spent executing them (`connection.execute_wrapper`)."""

    def __init__(self):
        self.count, self.seconds = 0, 0.0

    def __call__(self, execute, sql, params, many, context):
        begin = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - begin
            self.count += 1


def p95(values: list[float]) -> float:
    """Nearest-rank 95th percentile."""
    ordered = sorted(values)
    return ordered[max(0, -(-len(ordered) * 95 // 100) - 1)]


def county_refs(today) -> dict:
    """What pages and jobs need of the bench county, found by its codes and usernames."""
    from branches.models import Organization, User

    users = {
        u.username: u for u in User.objects.filter(username__in=["bench_county", "bench_township", "bench_branch"])
    }
    return {
        "county": Organization.objects.get(code="BENCH"),
        "township": Organization.objects.get(code="B01"),
        "branch": Organization.objects.get(code="B0101"),
        "accounts": {
            "county_admin": users["bench_county"],
            "township_secretary": users["bench_township"],
            "branch_secretary": users["bench_branch"],
        },
        "today": today,
    }


def measure_pages(county: dict) -> list[dict]:
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import override_settings
    from django.urls import NoReverseMatch, reverse
    from django.utils.http import urlencode

    from bench.pages import PAGES

    static = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    rows = []
    # Pages are measured without collectstatic: plain static storage, as in the test settings.
    with override_settings(ALLOWED_HOSTS=["testserver"], STORAGES={**settings.STORAGES, "staticfiles": static}):
        for label, persona, name, kwargs, *query in PAGES:
            try:
                url = reverse(name, kwargs=kwargs(county))
            except NoReverseMatch:
                rows.append({"page": label, "persona": persona, "url": name, "skipped": "no such URL yet"})
                continue
            if query:
                url += "?" + urlencode(query[0](county))
            client = Client()
            client.force_login(county["accounts"][persona], backend="django.contrib.auth.backends.ModelBackend")
            client.get(url)  # warm-up: template compilation, first-use caches
            totals, sqls, queries, status, size = [], [], 0, None, 0
            started = time.perf_counter()
            while len(totals) < REPEAT and (len(totals) < 5 or time.perf_counter() - started < PAGE_SECONDS):
                sql = Sql()
                with connection.execute_wrapper(sql):
                    begin = time.perf_counter()
                    response = client.get(url)
                    body = b"".join(response.streaming_content) if response.streaming else response.content
                    totals.append((time.perf_counter() - begin) * 1000)
                sqls.append(sql.seconds * 1000)
                queries, status, size = max(queries, sql.count), response.status_code, len(body)
            median, median_sql = statistics.median(totals), statistics.median(sqls)
            row = {
                "page": label,
                "persona": persona,
                "url": url,
                "status": status,
                "requests": len(totals),
                "queries": queries,
                "median_ms": round(median, 1),
                "p95_ms": round(p95(totals), 1),
                "sql_ms": round(median_sql, 1),
                "page_per_sql": round(median / median_sql, 1) if median_sql else None,
                "bytes": size,
            }
            row["breaks"] = page_breaks(row)
            rows.append(row)
            print(f"  {label}: {queries} queries, median {row['median_ms']} ms, p95 {row['p95_ms']} ms", flush=True)
    return rows


def measure_pages_apart(today) -> list[dict]:
    """The pages in a fresh process, like a web worker's: nothing of the build (its objects, the collector's
    work on them) weighs on the requests."""
    out = RESULTS / "pages.json"
    out.unlink(missing_ok=True)
    env = {**os.environ, "BENCH_TODAY": today.isoformat()}
    done = subprocess.run([sys.executable, __file__, "--pages"], env=env, check=False)
    if done.returncode != 0 or not out.exists():
        raise RuntimeError("measuring the pages failed (see above)")
    return json.loads(out.read_text())


def page_breaks(row: dict) -> list[str]:
    """Issue 18: every key page ≤ 15 queries and p95 ≤ 150 ms, with page ÷ SQL ≤ 3."""
    broken = []
    if row["status"] != 200:
        broken.append(f"HTTP {row['status']}")
    if row["queries"] > MAX_QUERIES:
        broken.append("queries")
    if row["p95_ms"] > MAX_P95_MS:
        broken.append("p95")
    if row["page_per_sql"] is not None and row["page_per_sql"] > MAX_SQL_RATIO:
        broken.append("page÷SQL")
    return broken


def peak_rss_kb() -> int:
    """The process's peak resident set size: VmHWM of /proc (its own memory since it started), else
    ru_maxrss. ru_maxrss alone would not do on Linux: a process started from the big runner inherits the
    runner's high-water mark across fork and exec."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def run_job(index: int) -> None:
    """In a worker process of its own: run one job of bench/jobs.py and print what it cost as JSON."""
    from django.db import connection

    from bench.jobs import JOBS

    job = JOBS[index]
    county = county_refs(datetime.date.fromisoformat(os.environ["BENCH_TODAY"]))
    baseline = peak_rss_kb()
    sql = Sql()
    with connection.execute_wrapper(sql):
        begin = time.perf_counter()
        rows = job.run(county)
        seconds = time.perf_counter() - begin
    peak = peak_rss_kb()
    print(
        json.dumps({"rows": rows, "seconds": seconds, "queries": sql.count, "peak_kb": peak, "baseline_kb": baseline})
    )


def measure_jobs(today) -> list[dict]:
    from bench.jobs import JOBS

    results = []
    for index, job in enumerate(JOBS):
        env = {**os.environ, "BENCH_TODAY": today.isoformat()}
        done = subprocess.run(
            [sys.executable, __file__, "--job", str(index)], env=env, capture_output=True, text=True, check=False
        )
        row = {"job": job.label, "target_seconds": job.seconds, "target_mb": job.megabytes}
        if done.returncode != 0:
            row.update(failed=done.stderr.strip().splitlines()[-1:] or ["failed"], breaks=["failed"])
            results.append(row)
            print(f"  {job.label}: FAILED {row['failed']}", flush=True)
            continue
        measured = json.loads(done.stdout.strip().splitlines()[-1])
        row.update(
            rows=measured["rows"],
            seconds=round(measured["seconds"], 1),
            rows_per_second=round(measured["rows"] / measured["seconds"]) if measured["seconds"] else None,
            peak_mb=round(measured["peak_kb"] / 1024),
            baseline_mb=round(measured["baseline_kb"] / 1024),
            queries=measured["queries"],
        )
        row["breaks"] = [
            name
            for name, broken in (
                ("time", job.seconds is not None and row["seconds"] > job.seconds),
                ("memory", job.megabytes is not None and row["peak_mb"] > job.megabytes),
            )
            if broken
        ]
        results.append(row)
        print(f"  {job.label}: {row['rows']} rows in {row['seconds']} s, peak {row['peak_mb']} MB", flush=True)
    return results


def machine(load_at_start) -> dict:
    """What the numbers were measured on (the cores are shared with whatever else runs)."""
    from django.db import connection

    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if "model name" in line
        ),
        platform.processor(),
    )
    memory = next(
        (
            int(line.split()[1]) // 1024 // 1024
            for line in Path("/proc/meminfo").read_text().splitlines()
            if "MemTotal" in line
        ),
        None,
    )
    database = connection.vendor
    if database == "postgresql":
        version = connection.pg_version
        database = f"PostgreSQL {version // 10000}.{version % 10000}"
    else:
        import sqlite3

        database = f"SQLite {sqlite3.sqlite_version}"
    import django

    return {
        "cores": os.cpu_count(),
        "cpu": model,
        "memory_gb": memory,
        "system": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "django": django.get_version(),
        "database": database,
        "load_average_start": [round(x, 2) for x in load_at_start],
        "load_average_end": [round(x, 2) for x in os.getloadavg()],
    }


COUNTED = [
    ("meetings", "meetings"),
    ("attendance", "attendance rows"),
    ("dues_receipts", "receipts"),
    ("dues_entries", "ledger entries"),
    ("applicants", "recruitment files"),
    ("steps", "recorded steps"),
    ("transfers", "transfers"),
    ("mobile_records", "mobile members"),
    ("notifications", "earlier reminders"),
]
PERSONAS = {"county_admin": "县委组织部", "township_secretary": "乡镇党委书记", "branch_secretary": "支部书记"}


def _mark(value, broken: bool) -> str:
    return f"**{value}** ✗" if broken else f"{value}"


def markdown(result: dict) -> str:
    """The results as the Markdown table the README quotes. Long because it is one table, row by row."""
    m, scale, counts = result["machine"], result["scale"], result["counts"]
    checks = result["checks"]
    failed = {name: problems for name, problems in checks["results"].items() if problems}
    lines = [
        f"Measured {result['date']} on {m['cores']} CPU cores ({m['cpu']}), {m['memory_gb']} GB RAM, {m['system']}, "
        f"Python {m['python']}, Django {m['django']}, {m['database']}; the cores are shared with other work "
        f"(1-minute load average {m['load_average_start'][0]} at the start, {m['load_average_end'][0]} at the end).",
        "",
        f"County: {scale['townships']} townships, {scale['branches']} branches, {counts['members']:,} members on file, "
        f"two years of activity to {result['today']} (seed {scale['seed']}): "
        + ", ".join(f"{counts[key]:,} {what}" for key, what in COUNTED)
        + f". Built in {result['build_seconds']:.0f} s; "
        + ("checks passed" if not failed else f"**checks failed**: {', '.join(failed)}")
        + f" ({checks['scope']}, {checks['seconds']:.0f} s).",
        "",
        f"Pages: server time in-process (Django test client, DEBUG off), one warm-up then up to {REPEAT} requests. "
        f"SQL = time spent executing the page's queries; ✗ = breaks a target (≤ {MAX_QUERIES} queries, "
        f"p95 ≤ {MAX_P95_MS} ms, page ÷ SQL ≤ {MAX_SQL_RATIO}).",
        "",
        "| page | persona | queries | median ms | p95 ms | SQL ms | page ÷ SQL | KB | n | breaks |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for row in result["pages"]:
        if "skipped" in row:
            lines.append(f"| {row['page']} | {PERSONAS[row['persona']]} | skipped: {row['skipped']} |||||||")
            continue
        broken = row["breaks"]
        lines.append(
            f"| {row['page']} | {PERSONAS[row['persona']]} | {_mark(row['queries'], 'queries' in broken)} "
            f"| {row['median_ms']} | {_mark(row['p95_ms'], 'p95' in broken)} | {row['sql_ms']} "
            f"| {_mark(row['page_per_sql'], 'page÷SQL' in broken)} | {row['bytes'] / 1024:,.0f} | {row['requests']} "
            f"| {', '.join(broken)} |"
        )
    lines += [
        "",
        "Jobs: each in a fresh worker process; peak MB = that process's peak resident set size (VmHWM; the "
        "baseline MB is the process before the job: Django with every app loaded).",
        "",
        "| job | rows | seconds | rows/s | peak MB | baseline MB | queries | target | breaks |",
        "|---|---:|---:|---:|---:|---:|---:|---|---|",
    ]
    for row in result["jobs"]:
        target = " ".join(
            filter(
                None,
                [
                    f"≤ {row['target_seconds']:g} s" if row["target_seconds"] else "",
                    f"≤ {row['target_mb']} MB" if row["target_mb"] else "",
                ],
            )
        )
        if "failed" in row:
            lines.append(f"| {row['job']} | failed: {' '.join(row['failed'])} |||||| {target} | failed |")
            continue
        lines.append(
            f"| {row['job']} | {row['rows']:,} | {_mark(row['seconds'], 'time' in row['breaks'])} "
            f"| {row['rows_per_second'] or ''} | {_mark(row['peak_mb'], 'memory' in row['breaks'])} "
            f"| {row['baseline_mb']} | {row['queries']:,} | {target} | {', '.join(row['breaks'])} |"
        )
    return "\n".join(lines) + "\n"


def main() -> int:
    """`make bench`: build the county, measure each page and job, write results. Long because it is the
    script's one sequence of steps, each timed in order."""
    started, load = time.perf_counter(), os.getloadavg()
    shutil.rmtree(RESULTS / "media", ignore_errors=True)
    prepare_database()
    setup()
    from django.core.management import call_command
    from django.utils import timezone

    from bench.county import build
    from bench.county.checks import run_checks

    try:
        call_command("migrate", verbosity=0)
        print(
            f"building {TOWNSHIPS} townships, {BRANCHES} branches, ~{BRANCHES * MEMBERS_PER_BRANCH:,} members",
            flush=True,
        )
        begin = time.perf_counter()
        built = build(
            townships=TOWNSHIPS,
            branches=BRANCHES,
            members_per_branch=MEMBERS_PER_BRANCH,
            password=PASSWORD,
            seed=SEED,
            log=lambda text: print(text, flush=True),
        )
        build_seconds = time.perf_counter() - begin
        print(f"built in {build_seconds:.0f} s: {built['counts']}", flush=True)
        today = built["today"]
        begin = time.perf_counter()
        from branches.models import Organization

        checked = Organization.objects.filter(path__startswith=built["township"].path, kind="branch")
        results = run_checks(county=built["county"], today=today, branches=checked)
        checks = {
            "scope": f"every record of {built['township'].name}, the ledger and letters of the county",
            "seconds": time.perf_counter() - begin,
            "results": results,
        }
        for name, problems in results.items():
            print(f"check {name}: {'ok' if not problems else problems[:5]}", flush=True)
        print("pages", flush=True)
        pages = measure_pages_apart(today)
        print("jobs", flush=True)
        jobs = measure_jobs(today)
        result = {
            "date": timezone.localdate().isoformat(),
            "today": today.isoformat(),
            "machine": machine(load),
            "scale": {
                "townships": TOWNSHIPS,
                "branches": BRANCHES,
                "members_per_branch": MEMBERS_PER_BRANCH,
                "seed": SEED,
            },
            "counts": built["counts"],
            "build_seconds": round(build_seconds, 1),
            "build_parts": built["timings"],
            "checks": checks,
            "targets": {"page_queries": MAX_QUERIES, "page_p95_ms": MAX_P95_MS, "page_per_sql": MAX_SQL_RATIO},
            "pages": pages,
            "jobs": jobs,
            "total_seconds": round(time.perf_counter() - started, 1),
        }
        (RESULTS / "latest.json").write_text(json.dumps(result, ensure_ascii=False, indent=2, default=str))
        table = markdown(result)
        (RESULTS / "latest.md").write_text(table)
        print(table)
    finally:
        drop_database()
    failed = any(problems for problems in checks["results"].values())
    failed |= any(row.get("status", 200) != 200 for row in pages) or any("failed" in row for row in jobs)
    return 1 if failed else 0


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--job":
        setup()
        run_job(int(sys.argv[2]))
        sys.exit(0)
    if sys.argv[1:] == ["--pages"]:
        setup()
        day = datetime.date.fromisoformat(os.environ["BENCH_TODAY"])
        (RESULTS / "pages.json").write_text(json.dumps(measure_pages(county_refs(day)), ensure_ascii=False))
        sys.exit(0)
    sys.exit(main())
