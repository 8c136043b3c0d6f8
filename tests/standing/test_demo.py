"""The standing demo: built through the services on top of the members demo, idempotent."""

import io

import pytest
from django.utils import timezone

from branches import demo as branches_demo
from branches.models import Organization
from members import demo as members_demo
from standing import demo, rules
from standing.models import Assessment, AssessmentStatus, CommitteeTerm, Rectification, TermStatus
from standing.selectors import branch_standings

pytestmark = pytest.mark.dates


@pytest.fixture
def context(db):
    result = branches_demo.seed(password="Demo-Password-2026")
    context = {**result, "today": timezone.localdate(), "password": "x", "stdout": io.StringIO()}
    members_demo.seed(context)
    return context


def test_demo_has_approved_terms_one_ending_soon_and_runs_twice(context):
    demo.seed(context)
    count = CommitteeTerm.objects.count()
    assert count >= 5
    assert not CommitteeTerm.objects.exclude(status=TermStatus.APPROVED).exists()
    demo.seed(context)
    assert CommitteeTerm.objects.count() == count
    admin = context["county"].roles.get(kind="county_admin").user
    rows = {r.branch.code: r for r in branch_standings(user=admin, org=context["county"], today=context["today"])}
    assert rows[demo.ENDING_SOON].stage == "3m"
    assert [code for code, row in rows.items() if row.stage] == [demo.ENDING_SOON]
    assert rows["QS0203"].vacancy_flagged
    assert Organization.objects.get(code=demo.ENDING_SOON).posts.filter(ended_on__isnull=True).count() >= 3


def test_demo_grades_the_last_assessable_year(context):
    demo.seed(context)
    year = rules.latest_assessable_year(context["today"])
    graded = Assessment.objects.filter(year=year)
    assert graded.count() == Organization.objects.filter(kind="branch").count()
    pending = graded.filter(status=AssessmentStatus.PROPOSED)
    assert pending.exists()
    assert all(a.branch.code.startswith(demo.UNCONFIRMED_TOWNSHIP) for a in pending.select_related("branch"))
    assert graded.filter(status=AssessmentStatus.CONFIRMED).exists()
    assert graded.get(branch__code="QS0104").grade.rank == 5
    demo.seed(context)
    assert Assessment.objects.filter(year=year).count() == graded.count()


def test_demo_has_one_branch_under_rectification_with_plan_and_progress(context):
    demo.seed(context)
    rectification = Rectification.objects.get()
    assert rectification.branch.code == demo.RECTIFIED and rectification.status == "open"
    assert rectification.plan and rectification.leader_name and rectification.first_secretary
    assert rectification.progress_notes.count() >= 2
    today = context["today"]
    milestones = list(rectification.milestones.all())
    assert sum(1 for m in milestones if m.done_on) == 2
    assert sum(1 for m in milestones if not m.done_on and m.due_on < today) == 1
    demo.seed(context)
    assert Rectification.objects.count() == 1
