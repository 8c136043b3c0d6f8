import datetime

from celery import shared_task
from django.utils import timezone

from .reminders import reminders_run
from .services import notification_email


@shared_task
def reminders_run_task(today: str | None = None) -> int:
    """Run every reminder check for `today` (YYYY-MM-DD); beat sends none, and the worker's date applies."""
    return reminders_run(today=datetime.date.fromisoformat(today) if today else timezone.localdate())


@shared_task
def notification_email_task(notification_id: int) -> bool:
    return notification_email(notification_id=notification_id)
