"""How the scope sweep finds an object for each URL keyword.

Every URL keyword that names an object must be listed here, with two builders: one returning an object
inside the county administrator's reach (the page must answer), one returning an object of the other
township (the branch secretary of township 1 must get 404 or 403). A URL with a keyword missing here
fails the sweep, so a new view cannot forget its scope test."""

from branches.models import Role
from notices.models import Notification


def _notification(user, world):
    notification, _ = Notification.objects.get_or_create(
        recipient=user, kind="test", subject_key=f"org:{world.b1.pk}", period="2026-01", defaults={"title": "测试提醒"}
    )
    return notification


# keyword -> (own object for the county admin, foreign object for the township-1 branch secretary)
REGISTRY = {
    "org_pk": (lambda p: p.world.b1.pk, lambda p: p.world.b3.pk),
    "user_pk": (lambda p: p.branch_secretary.pk, lambda p: p.outsider.pk),
    "role_pk": (
        lambda p: Role.objects.get(user=p.branch_secretary).pk,
        lambda p: Role.objects.get(user=p.outsider).pk,
    ),
    "notification_pk": (
        lambda p: _notification(p.county_admin, p.world).pk,
        lambda p: _notification(p.outsider, p.world).pk,
    ),
}
