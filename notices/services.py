"""Delivery of reminders. Idempotent by the notification key."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import Notification


def notification_create(
    *, recipient, kind: str, subject_key: str, period: str, title: str, body: str = "", url: str = "", organization=None
) -> tuple[Notification, bool]:
    """Create a reminder unless this exact one exists; returns (notification, created). Any caller may use it."""
    try:
        with transaction.atomic():
            notification = Notification.objects.create(
                recipient=recipient,
                kind=kind,
                subject_key=subject_key,
                period=period,
                title=title,
                body=body,
                url=url,
                organization=organization,
            )
    except IntegrityError:
        return Notification.objects.get(recipient=recipient, kind=kind, subject_key=subject_key, period=period), False
    if recipient.email:
        transaction.on_commit(lambda: _email_task().delay(notification.pk))
    return notification, True


def _email_task():
    from .tasks import notification_email_task

    return notification_email_task


@transaction.atomic
def notification_email(*, notification_id: int) -> bool:
    """Send the e-mail copy of one reminder once; returns whether it was sent now."""
    notification = Notification.objects.select_for_update().select_related("recipient").get(pk=notification_id)
    if notification.emailed_at or not notification.recipient.email:
        return False
    send_mail(
        subject=notification.title,
        message=notification.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[notification.recipient.email],
    )
    notification.emailed_at = timezone.now()
    notification.save(update_fields=["emailed_at"])
    return True


def notification_mark_read(*, user, notification_id: int) -> None:
    """Mark one of the user's own reminders as read."""
    Notification.objects.filter(recipient=user, pk=notification_id, read_at__isnull=True).update(read_at=timezone.now())
