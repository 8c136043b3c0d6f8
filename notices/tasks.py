from celery import shared_task
from django.utils import timezone

from .reminders import reminders_run
from .services import notification_email


@shared_task
def reminders_run_task() -> int:
    return reminders_run(today=timezone.localdate())


@shared_task
def notification_email_task(notification_id: int) -> bool:
    return notification_email(notification_id=notification_id)
