"""The member page's panel: the year's study hours against the minimum for the member's role."""

from django.utils import timezone

from branches.scoping import has_perm_on

from . import selectors


def hours_panel(request, member):
    """Hidden unless the user may see the branch's learning records; six queries."""
    if not has_perm_on(request.user, "learning.view", member.branch):
        return None
    return selectors.member_hours(member=member, year=timezone.localdate().year)
