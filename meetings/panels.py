"""The member page's panel: meetings attended and missed this year, the rate, and appraisal grades."""

from django.utils import timezone

from branches.scoping import has_perm_on

from . import selectors


def attendance_panel(request, member):
    """Hidden unless the user may see the member's branch's meetings; three queries."""
    if not has_perm_on(request.user, "meetings.view", member.branch):
        return None
    return selectors.member_attendance_summary(member=member, year=timezone.localdate().year)
