"""Reminders of organisational life (DOMAIN §2), from the same compliance evaluator as the pages:

- a minimum not yet met in a period that ends within the local number of days: the branch secretary and
  organiser, once per branch, kind and period ("due soon");
- a minimum not met in the period just ended: the branch and the township above, once per branch, kind
  and period ("overdue");
- a member who has not taken part in organisational life for 3 (warning) or 6 (escalation, Constitution art. 9)
  consecutive ended months without good reason: the branch, and at 6 the township, once per member and month.
"""

import datetime
from collections.abc import Iterable

from django.urls import reverse
from django.utils.translation import gettext as _

from branches.models import Organization
from branches.reminders import BRANCH_ROLES, TOWNSHIP_ROLES, Reminder, holders_over, role_holders
from partywork.dates import quarter_bounds, quarter_of

from . import rules, selectors


def _previous_period_end(period: str, today: datetime.date) -> datetime.date:
    """The last day of the period before the one containing `today`."""
    if period == rules.Period.MONTH:
        return today.replace(day=1) - datetime.timedelta(days=1)
    if period == rules.Period.QUARTER:
        return quarter_bounds(today.year, quarter_of(today))[0] - datetime.timedelta(days=1)
    return datetime.date(today.year - 1, 12, 31)


def due_reminders(*, today: datetime.date) -> Iterable[Reminder]:
    """The meetings app's reminder check: the minimums (`compliance_reminders`), then the members who have not
    taken part in organisational life (`lapse_reminders`)."""
    yield from compliance_reminders(today=today)
    yield from lapse_reminders(today=today)


def compliance_reminders(*, today: datetime.date) -> Iterable[Reminder]:
    """Overdue and due-soon minimums of every active branch; a fixed number of queries."""
    branches = list(Organization.objects.branches().active().order_by("path"))
    if not branches:
        return
    standard = selectors.standard_for_year(today.year)
    # From the start of the previous quarter: covers last month, last quarter and (in Q1) last year.
    start = quarter_bounds(today.year, quarter_of(today))[0] - datetime.timedelta(days=1)
    start = quarter_bounds(start.year, quarter_of(start))[0]
    if today.month <= 3:
        start = datetime.date(today.year - 1, 1, 1)
    _rules, results = selectors.compliance_results(branches=branches, start=start, end=today, today=today)
    by_pk = {b.pk: b for b in branches}
    branch_roles, township_roles = role_holders(BRANCH_ROLES), role_holders(TOWNSHIP_ROLES)
    grouped: dict[tuple, list[str]] = {}
    for r in results:
        grouped.setdefault((r.org_id, r.rule_key, r.period.key, r.status), []).append(r.reason)
    seen = set()
    for result in results:
        if result.status == rules.Status.OVERDUE:
            if result.period.end != _previous_period_end(result.period.kind, today):
                continue
            kind, recipients = "meetings_overdue", branch_roles + township_roles
        elif rules.due_soon(result, today=today, days=standard.due_soon_days):
            kind, recipients = "meetings_due_soon", branch_roles
        else:
            continue
        key = (kind, result.org_id, result.rule_key, result.period.key)
        if key in seen:  # a per-group rule: one reminder for the branch, naming every group
            continue
        seen.add(key)
        branch = by_pk[result.org_id]
        reasons = grouped[(*key[1:], result.status)]
        for user in {u.pk: u for u in holders_over(branch, recipients)}.values():
            yield Reminder(
                recipient=user,
                kind=kind,
                subject_key=f"org:{branch.pk}:{result.rule_key}",
                period=result.period.key,
                organization=branch,
                title=_("%(branch)s：%(reason)s") % {"branch": branch.display_name, "reason": reasons[0]},
                body="；".join(reasons),
                url=reverse("meetings:compliance_branch", kwargs={"org_pk": branch.pk}),
            )


def lapse_reminders(*, today: datetime.date) -> Iterable[Reminder]:
    """Constitution art. 9: members who have not taken part in organisational life without good reason for 3
    (warning: the branch) or 6 (escalation: the branch and the township) consecutive ended months; once per
    member, level and month. A fixed number of queries."""
    from members.models import Member

    from .rules import lapse

    branch_roles, township_roles = role_holders(BRANCH_ROLES), role_holders(TOWNSHIP_ROLES)
    if not branch_roles and not township_roles:
        return
    on_roll = Member.objects.active().filter(branch__is_active=True)
    period = f"{lapse.last_ended_month(today):%Y-%m}"
    # A subquery rather than a county's worth of ids; only the few members who lapsed are loaded.
    runs = selectors.attendance_lapse_runs(member_ids=on_roll.values("pk"), today=today)
    flagged = {pk: run for pk, run in runs.items() if lapse.lapse_level(run)}
    members = on_roll.select_related("branch").in_bulk(list(flagged))
    for pk, run in sorted(flagged.items()):
        level = lapse.lapse_level(run)
        member = members[pk]
        recipients = holders_over(member.branch, branch_roles)
        if level == "escalation":
            recipients += holders_over(member.branch, township_roles)
        for user in {u.pk: u for u in recipients}.values():
            yield Reminder(
                recipient=user,
                kind=f"meetings_lapse_{level}",
                subject_key=f"member:{pk}",
                period=period,
                organization=member.branch,
                title=lapse.lapse_text(member.name, run),
                url=reverse("members:member_detail", kwargs={"member_pk": pk}),
            )
