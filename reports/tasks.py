from celery import shared_task
from django.utils import timezone


@shared_task
def summaries_refresh_task(org_id: int | None = None, period: str | None = None, user_id: int | None = None) -> int:
    """Refresh the stored dashboard figures: one organisation and period (on demand, as the user who asked), or
    every summary the nightly run keeps. Re-checks that the user may still read the organisation."""
    from branches.models import Organization, User
    from branches.scoping import has_perm_on

    from . import periods
    from .summaries import summaries_refresh_all, summary_refresh
    from .tree import PERMISSION

    today = timezone.localdate()
    if org_id is None:
        return summaries_refresh_all(today=today)
    org = Organization.objects.get(pk=org_id)
    user = User.objects.filter(pk=user_id, is_active=True).first() if user_id else None
    if user is not None and not has_perm_on(user, PERMISSION, org):
        return 0
    summary_refresh(org=org, period=periods.parse(period, today), today=today, by=user)
    return 1
