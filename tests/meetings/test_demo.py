"""The demo county gets a year of meetings with gaps whatever the day, and a second run adds nothing."""

import datetime
import io

import pytest
from django.utils import timezone

from branches import demo as branches_demo
from branches.models import Organization
from meetings import demo, selectors
from meetings.models import Meeting, MeetingStandard, RemoteSession
from meetings.rules import Status
from members.models import Member
from partywork.dates import add_months, quarter_bounds, quarter_of
from tests.factories import MemberFactory

pytestmark = [pytest.mark.django_db, pytest.mark.dates]


def _demo_county(today):
    context = {
        **branches_demo.seed(password="Demo-Password-2026"),
        "today": today,
        "stdout": io.StringIO(),
        "password": "x",
    }
    # The members demo's roll, reduced: its own test covers it; here each branch gets ten members.
    county = context["county"]
    for branch in Organization.objects.filter(path__startswith=county.path, kind="branch"):
        groups = list(Organization.objects.filter(path__startswith=branch.path, kind="group"))
        for n in range(10):
            MemberFactory(branch=branch, group=groups[n % len(groups)] if groups else None, is_mobile=n == 9)
    demo.seed(context)
    return context


def test_seed_builds_a_year_with_compliant_and_lagging_branches_and_is_idempotent():
    """Found by the date passes: the demo held meetings from 1 January of this year only, so early in a year
    (2024-02-29: 72 meetings) the county had almost no organisational life and last year none at all. It now
    covers the four quarters before this one and this one so far, whatever the day."""
    today = timezone.localdate()
    context = _demo_county(today)
    county = context["county"]
    count = Meeting.objects.count()
    assert count > 100 and RemoteSession.objects.exists()
    demo.seed(context)
    assert Meeting.objects.count() == count
    branches = list(Organization.objects.filter(path__startswith=county.path, kind="branch").order_by("code"))
    # The four quarters before this one: each of them is over, whatever the day.
    this_quarter = quarter_bounds(today.year, quarter_of(today))[0]
    _rules, results = selectors.compliance_results(
        branches=branches,
        start=add_months(this_quarter, -12),
        end=this_quarter - datetime.timedelta(days=1),
        today=today,
    )
    overdue = {r.org_id for r in results if r.status == Status.OVERDUE and r.kind == "general"}
    assert overdue and len(overdue) < len(branches), "some branches keep the rules, some do not"
    # Issue 10 item 7: one branch of 红岭乡 was founded in the middle of the window; before it, nothing is owed.
    founded = [b for b in branches if b.founded_on and b.founded_on > add_months(this_quarter, -12)]
    assert len(founded) == 1
    before = [r for r in results if r.org_id == founded[0].pk and r.period.end < founded[0].founded_on]
    assert before and {r.status for r in before} == {Status.NOT_APPLICABLE}
    assert not Meeting.objects.filter(organization=founded[0], held_on__lt=founded[0].founded_on.replace(day=1))
    # Issue 10 item 11: a lapse case by attendance (Constitution art. 9), six ended months or more.
    runs = selectors.attendance_lapse_runs(member_ids=list(Member.objects.values_list("pk", flat=True)), today=today)
    assert [run for run in runs.values() if run >= 6], "one member has taken part in nothing for six months"


def test_seed_copes_with_no_members():
    context = {
        **branches_demo.seed(password="Demo-Password-2026"),
        "today": timezone.localdate(),
        "stdout": io.StringIO(),
    }
    demo.seed(context)
    assert Meeting.objects.count() == 0


def test_seed_marks_late_only_meetings_entered_after_the_late_entry_window():
    """A meeting held days before the demo's today cannot have been entered 20 days after it: the demo never
    records an entry after its today, so nothing recent is marked as a late entry."""
    today = timezone.localdate()
    _demo_county(today)
    late_days = MeetingStandard.objects.get(applies_from=2018).late_entry_days
    late = list(Meeting.objects.filter(is_late_entry=True).values_list("held_on", flat=True))
    assert late and all((today - held_on).days > late_days for held_on in late)
