"""A real `celery worker` process, the real Redis broker and the real PostgreSQL database."""

import pytest
from celery.exceptions import TimeoutError as CeleryTimeoutError
from django.utils import timezone

from notices.models import Notification
from notices.tasks import reminders_run_task
from tests.factories import RoleFactory, UserFactory, county_tree

from .conftest import start_worker

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True), pytest.mark.dates]


@pytest.fixture
def worker():
    """Start a worker on a queue of its own, stop it afterwards. Yields a function that runs a task in that
    worker and returns its result (the first call also waits for the worker to start)."""
    started = start_worker()

    def run(task, **kwargs):
        """Send the task and wait for its result while the worker lives. Not `control.ping`: its messages
        expire by the sender's clock, which the test run has frozen, and the worker reads the real one."""
        result = started.send(task.name, **kwargs)
        for _attempt in range(120):
            if started.process.poll() is not None:
                pytest.fail(f"celery worker exited with {started.process.returncode}")
            try:
                return result.get(timeout=0.5)
            except CeleryTimeoutError:
                continue
        pytest.fail("celery worker gave no result within 60 seconds")

    try:
        yield run
    finally:
        started.stop()


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
