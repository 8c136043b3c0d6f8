"""The demo county gets a year of meetings with gaps, and a second run adds nothing."""

import datetime
import io

import pytest
from django.utils import timezone

from branches import demo as branches_demo
from branches.models import Organization
from meetings import demo, selectors
from meetings.models import Meeting, RemoteSession
from meetings.rules import Status
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


def test_seed_builds_a_year_with_compliant_and_lagging_branches_and_is_idempotent():
    today = timezone.localdate()
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
    count = Meeting.objects.count()
    assert count > 100 and RemoteSession.objects.exists()
    demo.seed(context)
    assert Meeting.objects.count() == count
    branches = list(Organization.objects.filter(path__startswith=county.path, kind="branch").order_by("code"))
    _rules, results = selectors.compliance_results(
        branches=branches, start=datetime.date(today.year, 1, 1), end=datetime.date(today.year, 6, 30), today=today
    )
    overdue = {r.org_id for r in results if r.status == Status.OVERDUE and r.kind == "general"}
    assert overdue and len(overdue) < len(branches), "some branches keep the rules, some do not"


def test_seed_copes_with_no_members():
    context = {
        **branches_demo.seed(password="Demo-Password-2026"),
        "today": timezone.localdate(),
        "stdout": io.StringIO(),
    }
    demo.seed(context)
    assert Meeting.objects.count() == 0
