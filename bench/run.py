"""County-scale benchmark: `make bench`.

Builds a county of about 25 townships, 500 branches and 25,000 members in a database of its own
(BENCH_DATABASE_URL, default a fresh SQLite file under bench/results/), then requests each page of
bench/pages.py several times as the persona that would open it, and reports queries per request and
response times. Query counts are the contract (bounded whatever the size); times are for comparing runs
on the same machine. Results go to bench/results/latest.json."""

import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
sys.path.insert(0, str(ROOT))
RESULTS.mkdir(parents=True, exist_ok=True)
os.environ["DJANGO_SETTINGS_MODULE"] = "partywork.settings.local"
os.environ["DEBUG"] = "0"
os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{RESULTS / 'bench.sqlite3'}")
os.environ.pop("REDIS_URL", None)
os.environ.setdefault("LOG_LEVEL", "WARNING")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, connections  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402
from django.urls import NoReverseMatch, reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench.county import build  # noqa: E402
from bench.pages import PAGES  # noqa: E402

TOWNSHIPS = int(os.environ.get("BENCH_TOWNSHIPS", 25))
BRANCHES = int(os.environ.get("BENCH_BRANCHES", 500))
MEMBERS_PER_BRANCH = int(os.environ.get("BENCH_MEMBERS_PER_BRANCH", 50))
REPEAT = int(os.environ.get("BENCH_REPEAT", 5))


def fresh_database():
    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3"):
        connections.close_all()
        Path(db["NAME"]).unlink(missing_ok=True)
    else:
        with connection.cursor() as cursor:
            cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
    call_command("migrate", verbosity=0)


def _measure_exports(county):
    """The roster export job of a township and of the whole county, run in-process as a worker would."""
    from partywork.jobs import job_run
    from partywork.models import Job

    results = []
    for label, org in (("花名册（乡镇）", county["township"]), ("花名册（全县）", county["county"])):
        job = Job.objects.create(
            kind="members.roster_export", user=county["accounts"]["county_admin"], organization=org
        )
        with CaptureQueriesContext(connection) as captured:
            begin = time.perf_counter()
            job_run(job_id=job.pk)
            seconds = time.perf_counter() - begin
        job.refresh_from_db()
        results.append(
            {
                "export": label,
                "status": job.status,
                "rows": job.progress,
                "seconds": round(seconds, 1),
                "queries": len(captured),
                "bytes": job.result.size if job.result else 0,
            }
        )
    return results


@override_settings(
    ALLOWED_HOSTS=["testserver"],
    # Pages are measured without collectstatic: plain static storage, as in the test settings.
    STORAGES={**settings.STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}},
)
def main():
    started = time.perf_counter()
    fresh_database()
    county = build(
        townships=TOWNSHIPS, branches=BRANCHES, members_per_branch=MEMBERS_PER_BRANCH, password="Bench-Only-2026"
    )
    built = time.perf_counter() - started
    print(f"built {TOWNSHIPS} townships, {BRANCHES} branches, {BRANCHES * MEMBERS_PER_BRANCH} members in {built:.1f}s")
    county["today"] = timezone.localdate()
    rows, failures = [], 0
    for label, persona, name, kwargs in PAGES:
        try:
            url = reverse(name, kwargs=kwargs(county))
        except NoReverseMatch:
            rows.append({"page": label, "url": name, "skipped": "no such URL yet"})
            continue
        client = Client()
        client.force_login(county["accounts"][persona], backend="django.contrib.auth.backends.ModelBackend")
        timings, queries, status = [], 0, None
        for _ in range(REPEAT):
            with CaptureQueriesContext(connection) as captured:
                begin = time.perf_counter()
                response = client.get(url)
                timings.append((time.perf_counter() - begin) * 1000)
            queries, status = len(captured), response.status_code
        failures += status != 200
        rows.append(
            {
                "page": label,
                "url": url,
                "status": status,
                "queries": queries,
                "median_ms": round(statistics.median(timings), 1),
                "max_ms": round(max(timings), 1),
            }
        )
    exports = _measure_exports(county)
    print(f"{'page':<24}{'status':>7}{'queries':>9}{'median ms':>11}{'max ms':>9}")
    for row in rows:
        if "skipped" in row:
            print(f"{row['page']:<24}  skipped ({row['url']}: {row['skipped']})")
        else:
            print(f"{row['page']:<24}{row['status']:>7}{row['queries']:>9}{row['median_ms']:>11}{row['max_ms']:>9}")
    for row in exports:
        print(
            f"export {row['export']}: {row['rows']} rows, {row['seconds']}s, "
            f"{row['queries']} queries, {row['bytes']} bytes"
        )
    result = {
        "scale": {"townships": TOWNSHIPS, "branches": BRANCHES, "members": BRANCHES * MEMBERS_PER_BRANCH},
        "database": settings.DATABASES["default"]["ENGINE"],
        "build_seconds": round(built, 1),
        "pages": rows,
        "exports": exports,
    }
    (RESULTS / "latest.json").write_text(json.dumps(result, ensure_ascii=False, indent=2))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
