"""A real `celery worker` process, the real Redis broker and the real PostgreSQL database."""

import os
import subprocess
import sys
import uuid

import pytest
from celery import Celery
from django.conf import settings
from django.db import connection

from notices.models import Notification
from notices.tasks import reminders_run_task
from tests.factories import RoleFactory, UserFactory, county_tree

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/9")


@pytest.fixture
def worker():
    """Start a worker on a queue of its own, wait until it answers a ping, stop it afterwards.
    Yields a function that runs a task in that worker and returns its result."""
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
    try:
        for _attempt in range(60):
            if process.poll() is not None:
                pytest.fail(f"celery worker exited with {process.returncode}")
            if client.control.ping(destination=[hostname], timeout=0.5):
                break
        else:
            pytest.fail("celery worker did not answer a ping within 30 seconds")

        def run(task):
            return client.send_task(task.name, queue=queue).get(timeout=60)

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

    assert worker(reminders_run_task) >= 1

    notification = Notification.objects.get(recipient=secretary, kind="branch_without_account")
    assert notification.organization == tree["b2"]
    # A redelivered or doubled job changes nothing.
    count = Notification.objects.count()
    assert worker(reminders_run_task) == 0
    assert Notification.objects.count() == count
