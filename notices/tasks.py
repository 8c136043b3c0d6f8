import datetime

from celery import shared_task
from django.utils import timezone

from .reminders import reminders_job_run, reminders_run
from .services import digest_email


def _day(today: str | None) -> datetime.date:
    return datetime.date.fromisoformat(today) if today else timezone.localdate()


@shared_task
def reminders_job_task(job: str, today: str | None = None) -> int:
    """Run one reminder job as beat starts it (its local day decides); `today` (YYYY-MM-DD) defaults to the
    worker's date. Returns how many items were new."""
    return reminders_job_run(job=job, today=_day(today), scheduled=True).created


@shared_task
def reminders_run_task(today: str | None = None) -> int:
    """Run every reminder job for `today` (YYYY-MM-DD), whatever their calendar; the worker's date by default."""
    return reminders_run(today=_day(today))


@shared_task
def digest_email_task(digest_id: int) -> bool:
    return digest_email(digest_id=digest_id)
