"""软弱涣散 rectification (issue 16 item 2): listed with the county's criteria, a plan and a contact leader,
milestones with deadlines, quarterly progress, closed by the township's acceptance; all audited."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from partywork.dates import add_months, quarter_of
from standing import reminders, rules, services
from standing.models import Rectification, RectificationStatus, WeaknessCriterion
from tests.factories import OrganizationFactory

from .builders import listed

pytestmark = pytest.mark.dates
D = datetime.date


def _today():
    return timezone.localdate()


def test_a_milestone_is_overdue_from_the_day_after_its_deadline():
    assert not rules.milestone_overdue(due_on=D(2026, 6, 17), done_on=None, today=D(2026, 6, 17))
    assert rules.milestone_overdue(due_on=D(2026, 6, 17), done_on=None, today=D(2026, 6, 18))
    assert not rules.milestone_overdue(due_on=D(2026, 6, 17), done_on=D(2026, 6, 20), today=D(2026, 6, 30))


def test_the_criteria_are_the_countys_data(db):
    assert WeaknessCriterion.objects.filter(name="党员管理失之于宽松软").exists()
    assert WeaknessCriterion.objects.count() >= 6


def test_only_the_township_lists_a_branch_and_only_once_at_a_time(world, branch_secretary, township_secretary):
    with pytest.raises(PermissionDenied):
        listed(by=branch_secretary, branch=world.b1, listed_on=_today())
    first = listed(by=township_secretary, branch=world.b1, listed_on=_today())
    assert first.history.first().history_user == township_secretary
    assert first.reasons.count() == 2
    with pytest.raises(ValidationError) as error:
        listed(by=township_secretary, branch=world.b1, listed_on=_today())
    assert "已在整顿名单中" in error.value.message_dict["branch"][0]


def test_listing_needs_a_reason_and_milestones_not_before_it(world, township_secretary):
    with pytest.raises(ValidationError) as error:
        services.rectification_open(
            by=township_secretary, branch=world.b1, listed_on=_today(), reasons=[], plan="方案", leader_name="王"
        )
    assert "reasons" in error.value.message_dict
    with pytest.raises(ValidationError):
        listed(
            by=township_secretary,
            branch=world.b1,
            listed_on=_today(),
            milestones=[("调整班子", _today() - datetime.timedelta(days=1))],
        )
    assert not Rectification.objects.exists()


def test_overdue_milestones_are_reminded_from_the_day_after_the_deadline(world, township_secretary, branch_secretary):
    today = _today()
    rectification = listed(
        by=township_secretary,
        branch=world.b1,
        listed_on=add_months(today, -2),
        milestones=[("调整班子", today - datetime.timedelta(days=1)), ("轮训", today)],
    )
    found = sorted((r.recipient.username, r.kind, r.subject_key) for r in reminders.due_reminders(today=today))
    late = rectification.milestones.get(title="调整班子")
    assert found == [
        ("branch_secretary", "rectification_milestone_overdue", f"milestone:{late.pk}"),
        ("township_secretary", "rectification_milestone_overdue", f"milestone:{late.pk}"),
    ]
    services.milestone_done(by=township_secretary, milestone=late, done_on=today)
    assert not list(reminders.due_reminders(today=today))


def test_progress_once_per_quarter_not_ahead_and_not_before_the_listing(world, township_secretary):
    today = _today()
    rectification = listed(by=township_secretary, branch=world.b1, listed_on=today)
    year, quarter = today.year, quarter_of(today)
    services.progress_record(by=township_secretary, rectification=rectification, year=year, quarter=quarter, text="甲")
    services.progress_record(by=township_secretary, rectification=rectification, year=year, quarter=quarter, text="乙")
    note = rectification.progress_notes.get()
    assert note.text == "乙" and note.history.count() == 2
    ahead = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
    with pytest.raises(ValidationError, match="尚未开始"):
        services.progress_record(
            by=township_secretary, rectification=rectification, year=ahead[0], quarter=ahead[1], text="丙"
        )
    with pytest.raises(ValidationError, match="早于列入"):
        services.progress_record(
            by=township_secretary, rectification=rectification, year=year - 1, quarter=4, text="丁"
        )


def test_closing_needs_every_milestone_done_and_progress_recorded(world, township_secretary):
    today = _today()
    rectification = listed(
        by=township_secretary, branch=world.b1, listed_on=add_months(today, -3), milestones=[("调整班子", today)]
    )
    with pytest.raises(ValidationError) as error:
        services.rectification_close(
            by=township_secretary, rectification=rectification, closed_on=today, decision="合格"
        )
    assert any("调整班子" in m for m in error.value.messages) and any("季度" in m for m in error.value.messages)
    services.milestone_done(by=township_secretary, milestone=rectification.milestones.get(), done_on=today)
    services.progress_record(
        by=township_secretary, rectification=rectification, year=today.year, quarter=quarter_of(today), text="已整改"
    )
    closed = services.rectification_close(
        by=township_secretary, rectification=rectification, closed_on=today, decision="经验收，整顿合格，予以销号"
    )
    assert closed.status == RectificationStatus.CLOSED and closed.closed_by == township_secretary
    with pytest.raises(ValidationError, match="已验收销号"):
        services.milestone_add(by=township_secretary, rectification=closed, title="再整顿", due_on=today)
    # Closed, the branch may be listed again.
    assert listed(by=township_secretary, branch=world.b1, listed_on=today).status == RectificationStatus.OPEN


def test_the_township_lists_through_the_page_and_the_form_keeps_what_was_typed(
    world, township_secretary, branch_secretary, client_for
):
    url = reverse("standing:rectification_open", kwargs={"org_pk": world.t1.pk})
    assert client_for(branch_secretary).get(url).status_code == 404
    reason = WeaknessCriterion.objects.order_by("order").first()
    data = {
        "branch": world.b1.pk,
        "listed_on": (_today() + datetime.timedelta(days=1)).isoformat(),
        "reasons": [reason.pk],
        "plan": "规范组织生活",
        "leader_name": "王建军",
        "milestones-TOTAL_FORMS": "4",
        "milestones-INITIAL_FORMS": "0",
        "milestones-0-title": "调整班子",
        "milestones-0-due_on": add_months(_today(), 1).isoformat(),
    }
    client = client_for(township_secretary)
    refused = client.post(url, data)
    html = refused.content.decode()
    assert refused.status_code == 200 and "列入日期不能晚于今天" in html and "王建军" in html and "调整班子" in html
    assert not Rectification.objects.exists()
    data["listed_on"] = _today().isoformat()
    response = client.post(url, data)
    rectification = Rectification.objects.get()
    assert response.url == reverse("standing:rectification_detail", kwargs={"rectification_pk": rectification.pk})
    assert rectification.milestones.get().title == "调整班子"
    # The branch secretary reads it, but may not record progress.
    detail = reverse("standing:rectification_detail", kwargs={"rectification_pk": rectification.pk})
    assert client_for(branch_secretary).get(detail).status_code == 200
    progress = reverse("standing:progress_record", kwargs={"rectification_pk": rectification.pk})
    note = {"year": _today().year, "quarter": quarter_of(_today()), "text": "本季度已召开支委会3次"}
    assert client_for(branch_secretary).post(progress, note).status_code == 404
    assert client_for(township_secretary).post(progress, note).status_code == 302
    assert rectification.progress_notes.get().text == "本季度已召开支委会3次"


def test_the_list_is_bounded_in_queries(world, township_secretary, client_for, django_assert_max_num_queries):
    today = _today()
    for i in range(6):
        branch = OrganizationFactory(parent=world.t1, name=f"整{i}村党支部", code=f"C01{70 + i}")
        listed(by=township_secretary, branch=branch, listed_on=today, milestones=[("任务", today)])
    listed(
        by=township_secretary,
        branch=world.b1,
        listed_on=add_months(today, -1),
        milestones=[("甲", today - datetime.timedelta(days=1)), ("乙", today - datetime.timedelta(days=2))],
    )
    client = client_for(township_secretary)
    client.get("/")
    with django_assert_max_num_queries(12):
        response = client.get(reverse("standing:rectification_list", kwargs={"org_pk": world.t1.pk}))
    rows = {r.branch.code: r for r in response.context["rows"]}
    assert len(rows) == 7 and rows["C0101"].overdue == 2 and rows["C0170"].overdue == 0
