"""A job whose worker dies mid-run (issue 15 §3): a real `celery worker` process, killed with SIGKILL while it
writes a roster export, leaves the job visibly unfinished; the watchdog turns it into one finished file."""

import datetime
import io
import os
import signal
import time

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from partywork import jobs
from partywork.models import Job
from tests.factories import MemberFactory, RoleFactory, UserFactory, county_tree

from .conftest import start_worker

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def _status_after_start(job: Job, *, timeout: float = 90.0) -> str:
    """Wait for the worker to pick the job up (its start-up takes seconds); return the first status seen."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        status = Job.objects.filter(pk=job.pk).values_list("status", flat=True).get()
        if status != Job.Status.PENDING:
            return status
        time.sleep(0.005)
    pytest.fail("the worker did not start the job within 90 seconds")


def test_a_worker_killed_mid_job_leaves_it_running_then_the_watchdog_finishes_it_once(require_postgres, client):
    tree = county_tree()
    secretary = UserFactory(username="kill_sec")
    RoleFactory(user=secretary, organization=tree["b1"], kind="branch_secretary")
    MemberFactory.create_batch(300, branch=tree["b1"])
    job = Job.objects.create(user=secretary, kind="members.roster_export", organization=tree["b1"])

    worker = start_worker()
    try:
        worker.send("partywork.tasks.job_run_task", job_id=job.pk)
        assert _status_after_start(job) == Job.Status.RUNNING
        os.kill(worker.process.pid, signal.SIGKILL)  # mid-job: no chance to mark anything
        worker.process.wait(timeout=30)
    finally:
        worker.stop()

    job.refresh_from_db()
    assert job.status == Job.Status.RUNNING and not job.result and job.attempts == 1
    client.force_login(secretary)
    page = client.get(reverse("job_detail", args=[job.pk])).content.decode()
    assert "进行中" in page and "下载" not in page  # visibly unfinished, nothing to download

    # Five minutes without a heartbeat: the watchdog (beat, every minute) marks it 中断 and sends it once more.
    # The worker has the real clock and the test a frozen one: measure from the worker's last heartbeat.
    later = job.heartbeat_at + jobs.STALE_AFTER + datetime.timedelta(seconds=1)
    assert jobs.jobs_watchdog(now=later) == {"retried": 1, "failed": 0}
    job.refresh_from_db()
    assert job.status == Job.Status.DONE and job.attempts == 2 and job.total == 300
    book = load_workbook(io.BytesIO(jobs.job_file(job=job)), read_only=True)
    ids = [row[5] for row in book.active.iter_rows(min_row=2, values_only=True) if row[5]]
    assert len(ids) == len(set(ids)) == 300  # one file, every member once
    assert jobs.jobs_watchdog(now=later) == {"retried": 0, "failed": 0}  # nothing left to recover
