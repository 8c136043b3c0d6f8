"""A real `celery worker` process on the real Redis broker and the real PostgreSQL test database."""

import os
import subprocess
import sys
import uuid
from dataclasses import dataclass

from celery import Celery
from django.conf import settings
from django.db import connection

REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/9")


@dataclass
class Worker:
    process: subprocess.Popen
    queue: str
    client: Celery  # a client app of the test's own: the project app here runs tasks eagerly

    def send(self, task_name: str, **kwargs):
        return self.client.send_task(task_name, kwargs=kwargs, queue=self.queue)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)
        self.client.close()


def start_worker() -> Worker:
    """Start a worker (solo pool) on a queue of its own, against the test database."""
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
    command = [sys.executable, "-m", "celery", "-A", "partywork", "worker", "--pool=solo", "-Q", queue]
    process = subprocess.Popen([*command, "-n", f"{queue}@localhost", "-l", "WARNING"], cwd=settings.BASE_DIR, env=env)
    # Not the current app: shared tasks in this process must keep using the project app (eager here).
    client = Celery("partywork-test-client", broker=REDIS_URL, backend=REDIS_URL, set_as_current=False)
    return Worker(process, queue, client)
