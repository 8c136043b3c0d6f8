"""Steps coming due and overdue, to the branch secretary (and, when overdue, to the township)."""

import datetime
from collections.abc import Iterable

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext as _

from branches.reminders import TOWNSHIP_ROLES, Reminder, holders_over, role_holders
from branches.rules import RoleKind
from partywork.localrules import local_rules

from .models import Applicant, RuleSet, Step
from .selectors import file_status


def due_reminders(*, today: datetime.date) -> Iterable[Reminder]:
    """One reminder per file and deadline: within the local window before it (LocalRules
    recruitment_window_days, 14 by default) to the branch secretary, and once it has passed to the branch
    secretary and the township (recruitment_overdue)."""
    window = datetime.timedelta(days=local_rules(on=today).recruitment_window_days)
    rulesets = list(RuleSet.objects.all())
    secretaries = role_holders((RoleKind.BRANCH_SECRETARY,))
    township = role_holders(TOWNSHIP_ROLES)
    files = (
        Applicant.objects.filter(branch__is_active=True)
        .select_related("branch")
        .prefetch_related(Prefetch("steps", queryset=Step.objects.order_by("on", "number", "pk")))
        .order_by("branch__path", "pk")
    )
    for applicant in files:
        status = file_status(applicant, today=today, rulesets=rulesets)
        due = status.due
        if due is None or due.latest is None:
            continue
        url = reverse("recruitment:applicant_detail", kwargs={"applicant_pk": applicant.pk})
        values = {"name": applicant.name, "step": due.title, "latest": due.latest.isoformat()}
        period = f"step{due.number}:{due.latest.isoformat()}"
        if status.overdue:
            kind, recipients = "recruitment_overdue", holders_over(applicant.branch, secretaries + township)
            title = _("%(name)s的%(step)s已逾期（最晚 %(latest)s）") % values
        elif due.latest <= today + window:
            kind, recipients = "recruitment_due", holders_over(applicant.branch, secretaries)
            title = _("%(name)s的%(step)s将于 %(latest)s 到期") % values
        else:
            continue
        for user in dict.fromkeys(recipients):
            yield Reminder(
                recipient=user,
                kind=kind,
                subject_key=f"applicant:{applicant.pk}",
                period=period,
                title=title,
                body=_("请按期登记，或由乡镇党委登记例外及理由。"),
                url=url,
                organization=applicant.branch,
            )
