"""The workbench card of the reports app: the county's or township's dashboard on the home page of its users
(below the other cards), a branch's overview for branch users."""

from django.utils import timezone

from . import periods
from .tree import top_orgs


def home_card_context(request) -> dict | None:
    """The dashboard of the user's highest organisation, or None when the user reads no reports. Several
    organisations at the top (roles in two townships) are listed instead of one dashboard being picked."""
    tops = top_orgs(request.user)
    if not tops:
        return None
    if len(tops) > 1:
        return {"orgs": tops}
    from .views import board_context

    today = timezone.localdate()
    period = periods.parse(request.GET.get("period"), today)
    return board_context(user=request.user, org=tops[0], period=period, today=today)
