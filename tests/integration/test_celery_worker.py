"""A real `celery worker` process, the real Redis broker and the real PostgreSQL database."""

import os
import subprocess
import sys
import uuid

import pytest
from celery import Celery
from celery.exceptions import TimeoutError as CeleryTimeoutError
from django.conf import settings
from django.db import connection
from django.utils import timezone

from notices.models import Notification
from notices.tasks import reminders_run_task
from tests.factories import RoleFactory, UserFactory, county_tree

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True), pytest.mark.dates]

REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/9")


@pytest.fixture
def worker():
    """Start a worker on a queue of its own, stop it afterwards. Yields a function that runs a task in that
    worker and returns its result (the first call also waits for the worker to start)."""
    db = connection.settings_dict
    database_url = f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    queue = f"test-{uuid.uuid4().hex[:8]}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "partywork.settings.local",
        "DATABASE_URL": database_url,
        "REDIS_URL": REDIS_URL,
        "CELERY_RESULT_BACKEND": REDIS_URL,
        "DEBUG": "0",
    }
    hostname = f"{queue}@localhost"
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "partywork",
            "worker",
            "--pool=solo",
            "-Q",
            queue,
            "-n",
            hostname,
            "-l",
            "WARNING",
        ],
        cwd=settings.BASE_DIR,
        env=env,
    )
    # The test talks to Redis through a client app of its own: the project app in this process is
    # configured for the eager, in-memory test settings.
    client = Celery("partywork-test-client", broker=REDIS_URL, backend=REDIS_URL)

    def run(task, **kwargs):
        """Send the task and wait for its result while the worker lives. Not `control.ping`: its messages
        expire by the sender's clock, which the test run has frozen, and the worker reads the real one."""
        result = client.send_task(task.name, kwargs=kwargs, queue=queue)
        for _attempt in range(120):
            if process.poll() is not None:
                pytest.fail(f"celery worker exited with {process.returncode}")
            try:
                return result.get(timeout=0.5)
            except CeleryTimeoutError:
                continue
        pytest.fail("celery worker gave no result within 60 seconds")

    try:
        yield run
    finally:
        process.terminate()
        process.wait(timeout=30)
        client.close()


def test_reminder_job_runs_in_a_real_worker(worker, require_postgres):
    tree = county_tree()
    secretary = UserFactory(username="worker_sec")
    RoleFactory(user=secretary, organization=tree["t1"], kind="township_secretary")
    RoleFactory(user=UserFactory(username="b1_sec"), organization=tree["b1"], kind="branch_secretary")

    # The worker has the real clock: the day is the test's, passed as the task's argument.
    today = timezone.localdate().isoformat()
    assert worker(reminders_run_task, today=today) >= 1

    notification = Notification.objects.get(recipient=secretary, kind="branch_without_account")
    assert notification.organization == tree["b2"]
    # A redelivered or doubled job changes nothing.
    count = Notification.objects.count()
    assert worker(reminders_run_task, today=today) == 0
    assert Notification.objects.count() == count
