"""Scope-sweep builders for the notices app's URL keywords: a digest is only ever its recipient's."""

import datetime

from notices.models import Digest, Notification


def _digest(user, world):
    digest, _ = Digest.objects.get_or_create(
        recipient=user, job="monthly", run_on=datetime.date(2026, 1, 1), defaults={"title": "测试提醒", "item_count": 1}
    )
    Notification.objects.get_or_create(
        recipient=user,
        kind="test",
        subject_key=f"org:{world.b1.pk}",
        period="2026-01",
        defaults={"title": "测试提醒", "organization": world.b1, "digest": digest},
    )
    return digest


REGISTRY = {
    "digest_pk": (lambda p: _digest(p.county_admin, p.world).pk, lambda p: _digest(p.outsider, p.world).pk),
}
