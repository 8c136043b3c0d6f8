import io

import pytest
from django.utils import timezone

from branches import demo as branches_demo
from branches.models import Organization
from recruitment import demo, rules
from recruitment.models import Applicant, RuleSet
from recruitment.selectors import file_status
from tests.factories import MemberFactory

pytestmark = pytest.mark.dates


def test_demo_files_at_every_stage_one_overdue_one_too_early_idempotent(db):
    today = timezone.localdate()
    result = branches_demo.seed(password="Demo-Password-2026")
    context = {**result, "password": "Demo-Password-2026", "today": today, "stdout": io.StringIO()}
    # The members demo's roll, reduced to what recruitment needs: full members to sponsor and vote in the
    # demo branches (kept independent of members.demo, which has its own test).
    for code in ("QS0101", "QS0102", "QS0103", "QS0105", "QS0201", "QS0301"):
        for _ in range(3):
            MemberFactory(branch=Organization.objects.get(code=code))
    demo.seed(context)
    count = Applicant.objects.count()
    assert count == len(demo.PROFILES)
    rulesets = list(RuleSet.objects.all())
    statuses = [file_status(a, today=today, rulesets=rulesets) for a in Applicant.objects.prefetch_related("steps")]
    assert {s.stage for s in statuses} >= {1, 2, 3, 4, 5, rules.DONE_STAGE}, context["stdout"].getvalue()
    assert any(s.overdue for s in statuses)
    assert any(s.too_early and s.due.number == rules.LISTING_STEP for s in statuses)
    assert Applicant.objects.filter(member__status="full").exists()
    demo.seed(context)
    assert Applicant.objects.count() == count
