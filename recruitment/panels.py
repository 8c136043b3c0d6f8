"""The recruitment record on the member's page (members.panels)."""

from django.utils import timezone

from branches.scoping import has_perm_on

from .models import RuleSet
from .selectors import file_status, member_record


def member_panel_context(request, member):
    """The whole recruitment record of the member, if there is one and the user may see it (4 queries)."""
    user = request.user
    if not has_perm_on(user, "recruitment.view", member.branch):
        return None
    applicant = member_record(user=user, member=member)
    if applicant is None:
        return None
    status = file_status(applicant, today=timezone.localdate(), rulesets=list(RuleSet.objects.all()))
    return {"applicant": applicant, "status": status, "exceptions": list(applicant.rule_exceptions.all())}
