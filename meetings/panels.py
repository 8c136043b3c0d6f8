"""The member page's panel: meetings attended and missed this year, the rate, and appraisal grades."""

from django.utils import timezone

from branches.scoping import has_perm_on

from . import selectors
from .rules import lapse


def attendance_panel(request, member):
    """Hidden unless the user may see the member's branch's meetings; four queries (with the lapse run)."""
    if not has_perm_on(request.user, "meetings.view", member.branch):
        return None
    today = timezone.localdate()
    summary = selectors.member_attendance_summary(member=member, year=today.year)
    run = selectors.attendance_lapse_runs(member_ids=[member.pk], today=today).get(member.pk, 0)
    level = lapse.lapse_level(run)
    summary["lapse"] = {"run": run, "level": level, "text": lapse.lapse_text(member.name, run) if level else ""}
    return summary
