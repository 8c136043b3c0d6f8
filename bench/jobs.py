"""The background jobs the benchmark measures, each one line: an export job of `partywork.jobs` (as a worker
runs it) or a management command. Each runs in a fresh worker process of its own, so its peak memory (the
process's peak resident set size, VmHWM) is the job's, not the page runner's. `seconds` and `megabytes` are its targets
(issue 18)."""

import io
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class BenchJob:
    label: str
    run: Callable[[dict], int]  # does the work in the worker process; returns the rows it produced
    seconds: float | None = None
    megabytes: int | None = None


def export(label, persona, kind, *, org="county", params=lambda c: {}, **targets) -> BenchJob:
    """A job of `partywork.jobs` started by `persona` for `org` ("county", "township", "branch"); its rows are
    what the job reported as its progress (rows written, or the total it was working through)."""

    def run(county) -> int:
        from partywork.jobs import job_run
        from partywork.models import Job

        job = Job.objects.create(
            kind=kind, user=county["accounts"][persona], organization=county[org], params=params(county)
        )
        job_run(job_id=job.pk)
        job.refresh_from_db()
        if job.status != Job.Status.DONE:
            raise RuntimeError(f"{label}: {job.status} {job.message}")
        return max(job.progress, job.total) or _data_rows(job)

    return BenchJob(label, run, **targets)


def _data_rows(job) -> int:
    """Rows below the title and header lines, for a job that reported no progress (it reports every 100)."""
    from openpyxl import load_workbook

    with job.result.open("rb") as handle:
        book = load_workbook(handle, read_only=True)
        return sum(max(0, sum(1 for _row in sheet.iter_rows(values_only=True)) - 2) for sheet in book.worksheets)


def command(label, name, *args, counts: str, **targets) -> BenchJob:
    """A management command; its rows are how many `counts` (app_label.Model) rows it added."""

    def run(county) -> int:
        from django.apps import apps
        from django.core.management import call_command

        model = apps.get_model(counts)
        before = model.objects.count()
        call_command(name, *args, stdout=io.StringIO())
        return model.objects.count() - before

    return BenchJob(label, run, **targets)


def _year(county) -> dict:
    return {"year": county["today"].year}


def _last_year(county) -> dict:
    """The year-end files of the last whole year of the county's two years of activity."""
    return {"year": county["today"].year - 1, "today": county["today"].isoformat()}


def _rollup(county, what: str) -> dict:
    today = county["today"]
    return {"what": what, "year": today.year, "month": today.month, "today": today.isoformat()}


JOBS = [
    export(
        "花名册导出（乡镇）", "township_secretary", "members.roster_export", org="township", seconds=15, megabytes=300
    ),
    export("花名册导出（全县）", "county_admin", "members.roster_export", org="county", seconds=15, megabytes=300),
    export("发展党员台账（全县）", "county_admin", "recruitment.ledger", org="county"),
    export("会议台账（支部，全年）", "branch_secretary", "meetings.ledger", org="branch", params=_year),
    export(
        "党费公示表（支部，全年）",
        "branch_secretary",
        "dues.publication",
        org="branch",
        params=lambda c: {"org_id": c["branch"].pk, "year": c["today"].year},
    ),
    command("提醒任务 run_reminders（全县）", "run_reminders", counts="notices.Notification", seconds=60),
    # The reports app: the county dashboard's nightly figures, and the roll-ups (a sheet per branch).
    command("统计汇总 refresh_reports（全县）", "refresh_reports", counts="reports.Summary"),
    *[
        export(label, "county_admin", "reports.rollup", org="county", params=lambda c, what=what: _rollup(c, what))
        for label, what in (
            ("汇总会议台账（全县，全年）", "meeting_ledger"),
            ("汇总党费收缴登记表（全县，本月）", "dues_register"),
            ("汇总党费公示表（全县，全年）", "dues_publication"),
            ("汇总发展党员台账（全县）", "recruitment_ledger"),
        )
    ],
    # The year-end app: the 党内统计 workbook (its rows: the tables built, then the file) and the summary draft.
    export("党内统计年报（乡镇，上年）", "township_secretary", "yearend.workbook", org="township", params=_last_year),
    export(
        "党内统计年报（全县，上年）",
        "county_admin",
        "yearend.workbook",
        org="county",
        params=_last_year,
        seconds=15,
        megabytes=300,
    ),
    export("年度工作总结初稿（全县，上年）", "county_admin", "yearend.summary", org="county", params=_last_year),
]
