"""Delivery of reminders: items idempotent by their key, one digest per person and run, e-mailed once."""

import contextlib
import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from .digest import digest_groups, digest_text, digest_title
from .models import Digest, JobState, Notification


def notification_create(
    *, recipient, kind: str, subject_key: str, period: str, title: str, body: str = "", url: str = "", organization=None
) -> tuple[Notification, bool]:
    """Record one reminder item unless this exact one exists; returns (notification, created). It reaches the
    person through a digest (`digests_deliver`); this is for items recorded outside a job."""
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
    return notification, True


@contextlib.contextmanager
def job_lock(job: str):
    """A transaction holding the job's state row locked: a second worker running the same job waits, then
    finds it done. A crash rolls everything back, so a restarted run starts afresh."""
    with contextlib.suppress(IntegrityError):  # created by a worker starting at the same moment
        JobState.objects.get_or_create(job=job)
    with transaction.atomic():
        yield JobState.objects.select_for_update().get(job=job)


def job_succeeded(state: JobState, *, today: datetime.date, created: int) -> None:
    state.last_success_on = today
    state.last_finished_at = timezone.now()
    state.last_created = created
    state.save(update_fields=["last_success_on", "last_finished_at", "last_created"])


def _existing_keys(reminders) -> set[tuple]:
    """The keys among `reminders` already delivered, in one query per thousand recipients."""
    if not reminders:
        return set()
    recipients = sorted({r.recipient.pk for r in reminders})
    kinds = sorted({r.kind for r in reminders})
    keys: set[tuple] = set()
    for start in range(0, len(recipients), 1000):
        rows = Notification.objects.filter(
            Q(recipient__in=recipients[start : start + 1000]), kind__in=kinds
        ).values_list("recipient_id", "kind", "subject_key", "period")
        keys.update(rows)
    return keys


def digests_deliver(*, reminders: list, job: str, today: datetime.date, dry_run: bool = False) -> tuple[list, int]:
    """Record the reminders not delivered before and gather each person's into one digest; returns (the new
    reminders, digests created). Caller holds the job's lock (`job_lock`), so nothing races it for these keys.
    The e-mails go once the transaction commits."""
    existing = _existing_keys(reminders)
    new = [r for r in reminders if (r.recipient.pk, r.kind, r.subject_key, r.period) not in existing]
    if dry_run or not new:
        return new, len({r.recipient.pk for r in new})
    by_recipient: dict[int, list] = {}
    for reminder in new:
        by_recipient.setdefault(reminder.recipient.pk, []).append(reminder)
    digests = []
    for items in by_recipient.values():
        groups = digest_groups(items)
        digests.append(
            Digest(
                recipient=items[0].recipient,
                job=job,
                run_on=today,
                title=digest_title(run_on=today, count=len(items), orgs=len(groups)),
                body=digest_text(groups),
                item_count=len(items),
            )
        )
    Digest.objects.bulk_create(digests, batch_size=1000)
    digest_of = {digest.recipient.pk: digest for digest in digests}
    Notification.objects.bulk_create(
        [
            Notification(
                recipient=r.recipient,
                kind=r.kind,
                subject_key=r.subject_key,
                period=r.period,
                organization=r.organization,
                title=r.title[:200],
                body=r.body,
                url=r.url,
                digest=digest_of[r.recipient.pk],
            )
            for r in new
        ],
        batch_size=2000,
    )
    mailed = [digest.pk for digest in digests if digest.recipient.email]
    if mailed:
        transaction.on_commit(lambda: [_email_task().delay(pk) for pk in mailed])
    return new, len(digests)


def _email_task():
    from .tasks import digest_email_task

    return digest_email_task


@transaction.atomic
def digest_email(*, digest_id: int) -> bool:
    """Send the e-mail copy of one digest once; returns whether it was sent now."""
    digest = Digest.objects.select_for_update().select_related("recipient").get(pk=digest_id)
    if digest.emailed_at or not digest.recipient.email:
        return False
    link = reverse("notices:digest_detail", kwargs={"digest_pk": digest.pk})
    send_mail(
        subject=digest.title,
        message=f"{digest.body}\n\n{link}",
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[digest.recipient.email],
    )
    digest.emailed_at = timezone.now()
    digest.save(update_fields=["emailed_at"])
    return True


def digest_mark_read(*, user, digest_id: int) -> None:
    """Mark one of the user's own digests, and its items, as read."""
    now = timezone.now()
    Digest.objects.filter(recipient=user, pk=digest_id, read_at__isnull=True).update(read_at=now)
    Notification.objects.filter(recipient=user, digest_id=digest_id, read_at__isnull=True).update(read_at=now)
