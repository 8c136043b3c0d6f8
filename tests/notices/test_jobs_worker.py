"""Reminder jobs against the real components (issue 13 item 4): PostgreSQL, Redis and real `celery worker`
processes. Two workers at once and a worker killed in the middle of a run send nobody anything twice."""

import os
import subprocess
import sys
import time
import uuid

import psycopg
import pytest
from celery import Celery
from django.conf import settings
from django.db import connection
from django.utils import timezone

from notices.models import Digest, JobState, Notification
from notices.tasks import reminders_job_task
from tests.factories import RoleFactory, UserFactory, county_tree

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True), pytest.mark.dates]

REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/9")


def _database_url():
    db = connection.settings_dict
    return f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


class Workers:
    """Real worker processes on a queue of this test's own; `send` returns the task's AsyncResult."""

    def __init__(self):
        self.queue = f"test-{uuid.uuid4().hex[:8]}"
        self.client = Celery("partywork-test-client", broker=REDIS_URL, backend=REDIS_URL)
        self.processes = []

    def start(self):
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "partywork.settings.local",
            "DATABASE_URL": _database_url(),
            "REDIS_URL": REDIS_URL,
            "CELERY_RESULT_BACKEND": REDIS_URL,
            "DEBUG": "0",
        }
        name = f"{self.queue}-{len(self.processes)}@localhost"
        command = [sys.executable, "-m", "celery", "-A", "partywork", "worker", "--pool=solo", "-Q", self.queue]
        process = subprocess.Popen([*command, "-n", name, "-l", "WARNING"], cwd=settings.BASE_DIR, env=env)
        self.processes.append(process)
        return process

    def send(self, task, **kwargs):
        return self.client.send_task(task.name, kwargs=kwargs, queue=self.queue)

    def result(self, async_result, seconds=90):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if async_result.ready():
                return async_result.get()
            time.sleep(0.2)
        pytest.fail("no result from the celery workers in time")

    def stop(self):
        for process in self.processes:
            if process.poll() is None:
                process.terminate()
                process.wait(timeout=30)
        self.client.close()


@pytest.fixture
def workers():
    pool = Workers()
    try:
        yield pool
    finally:
        pool.stop()


def _county():
    tree = county_tree()
    secretary = UserFactory(username="worker_sec")
    RoleFactory(user=secretary, organization=tree["t1"], kind="township_secretary")
    RoleFactory(user=UserFactory(username="t2_sec"), organization=tree["t2"], kind="township_secretary")
    return tree, secretary


def test_two_workers_running_the_same_job_at_once_send_it_once(workers, require_postgres):
    _tree, secretary = _county()
    today = timezone.localdate().isoformat()
    workers.start()
    workers.start()
    first, second = (
        workers.send(reminders_job_task, job="monthly", today=today),
        workers.send(reminders_job_task, job="monthly", today=today),
    )
    results = sorted([workers.result(first), workers.result(second)])
    assert results[0] == 0 and results[1] >= 2  # one ran; the other waited for its lock, then found it done
    assert Digest.objects.filter(recipient=secretary).count() == 1
    assert Notification.objects.filter(recipient=secretary, kind="branch_without_account").count() == 2  # b1, b2


def test_a_worker_killed_mid_run_loses_nothing_and_sends_nothing_twice(workers, require_postgres):
    _tree, secretary = _county()
    today = timezone.localdate()
    # Hold the worker in the middle of its run: another transaction has inserted (not committed) the
    # secretary's digest of this run, so the worker's insert waits on the unique index, its checks done.
    blocker = psycopg.connect(_database_url().replace("postgres://", "postgresql://"))
    blocker.execute(
        "INSERT INTO notices_digest (recipient_id, job, run_on, title, body, item_count, created_at)"
        " VALUES (%s, 'monthly', %s, 'x', '', 0, now())",
        (secretary.pk, today),
    )
    try:
        process = workers.start()
        workers.send(reminders_job_task, job="monthly", today=today.isoformat())
        # A connection of its own: inside a transaction pg_stat_activity is a snapshot that never changes.
        with psycopg.connect(_database_url().replace("postgres://", "postgresql://"), autocommit=True) as watcher:
            cursor = watcher.cursor()
            for _attempt in range(600):  # the worker starts, runs every check, then waits on the insert
                cursor.execute(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                    " AND pid <> pg_backend_pid() AND wait_event_type = 'Lock' AND query LIKE %s",
                    ('INSERT INTO "notices_digest"%',),
                )
                if cursor.fetchone()[0]:
                    break
                time.sleep(0.5)
            else:
                pytest.fail("the worker never reached the delivery")
        process.kill()  # SIGKILL: no cleanup; the run's transaction dies with its connection
        process.wait(timeout=30)
    finally:
        blocker.rollback()
        blocker.close()
    assert not Digest.objects.exists() and not Notification.objects.exists()
    assert JobState.objects.get(job="monthly").last_success_on is None

    # Restarted (beat's next start, or the operator by hand): the whole run, once.
    workers.start()
    assert workers.result(workers.send(reminders_job_task, job="monthly", today=today.isoformat())) >= 2
    assert Digest.objects.filter(recipient=secretary).count() == 1
    count = Notification.objects.count()
    assert workers.result(workers.send(reminders_job_task, job="monthly", today=today.isoformat())) == 0
    assert Notification.objects.count() == count and Digest.objects.count() == 2
