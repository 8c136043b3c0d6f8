"""Constitution art. 9 by attendance (issue 10 item 11): members expected at meetings who took part in none and
gave no good reason for three (warning) or six (lapse) consecutive ended months: on the member's page, the
branch and township lists, and as reminders."""

import datetime

import pytest
from django.urls import reverse

from branches.rules import RoleKind
from meetings import reminders, selectors
from meetings.rules import Attendance
from tests.clock import on_day
from tests.factories import MemberFactory, RoleFactory, UserFactory

D = datetime.date
# These tests build their own calendar (meetings of 2026), so they pin the suite's default day.
pytestmark = [pytest.mark.django_db, on_day(D(2026, 6, 17))]


@pytest.fixture
def branch_year(world, county_admin):
    """甲村: a theme day each month of 2026 from January to June. 懒 misses all without reason, 病 is on sick
    leave, 流 is a mobile member away, 勤 attends."""
    lazy, sick, mobile, keen = (
        MemberFactory(branch=world.b1, name=name, is_mobile=name == "流") for name in ("懒", "病", "流", "勤")
    )
    for month in range(1, 7):
        held_on = D(2026, month, 10)
        attendance = {lazy.pk: (Attendance.OTHER, "未请假"), sick.pk: (Attendance.SICK, "住院")}
        attendance[mobile.pk] = (Attendance.AWAY, "外出务工")
        attendance[keen.pk] = (Attendance.PRESENT, "")
        from meetings import services

        services.meeting_create(
            org=world.b1,
            by=county_admin,
            kinds=["theme_day"],
            topic="主题党日",
            held_on=held_on,
            starts_at=datetime.time(9),
            ends_at=datetime.time(10),
            place="村委会",
            attendance=attendance,
            today=max(held_on, D(2026, 6, 17)),
        )
    return {"lazy": lazy, "sick": sick, "mobile": mobile, "keen": keen}


@pytest.mark.parametrize("today,run", [(D(2026, 6, 30), 5), (D(2026, 7, 1), 6), (D(2026, 7, 2), 6)])
def test_runs_from_the_attendance_grid_with_good_reasons_excused(branch_year, today, run):
    """Constitution art. 9; good reasons: illness, approved leave, a mobile member away at the destination."""
    people = branch_year
    runs = selectors.attendance_lapse_runs(member_ids=[m.pk for m in people.values()], today=today)
    assert runs == {people["lazy"].pk: run, people["sick"].pk: 0, people["mobile"].pk: 0, people["keen"].pk: 0}


def test_lists_for_the_branch_and_township_are_scoped(world, branch_year, branch_secretary, client_for):
    rows = selectors.attendance_lapses(user=branch_secretary, org=world.t1, today=D(2026, 7, 1))
    assert [(r.member.name, r.run, r.level) for r in rows] == [("懒", 6, "escalation")]
    other = UserFactory(username="b3_sec")
    RoleFactory(user=other, organization=world.b3, kind=RoleKind.BRANCH_SECRETARY)
    assert selectors.attendance_lapses(user=other, org=world.county, today=D(2026, 7, 1)) == []


def test_lapse_page_and_member_panel_show_it(world, branch_year, branch_secretary, client_for):
    """Under the suite's day (17 June 2026) the run is 5 ended months (January–May): a warning."""
    client = client_for(branch_secretary)
    body = client.get(reverse("meetings:lapse_list", kwargs={"org_pk": world.b1.pk})).content.decode()
    assert 'data-member="懒"' in body and 'data-member="病"' not in body
    member_page = client.get(reverse("members:member_detail", kwargs={"member_pk": branch_year["lazy"].pk}))
    assert 'data-testid="member-lapse"' in member_page.content.decode()
    assert "无正当理由未参加组织生活" in member_page.content.decode()


def test_lapse_page_runs_a_bounded_number_of_queries(world, branch_year, township_secretary, client_for):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(township_secretary)
    url = reverse("meetings:lapse_list", kwargs={"org_pk": world.t1.pk})
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(10):
        MemberFactory(branch=world.b2)
    with CaptureQueriesContext(connection) as more:
        client.get(url)
    assert len(more) == len(few) <= 15


def test_reminders_warn_the_branch_at_three_and_the_township_at_six(world, branch_year):
    branch_user = UserFactory(username="b1_sec")
    RoleFactory(user=branch_user, organization=world.b1, kind=RoleKind.BRANCH_SECRETARY)
    township_user = UserFactory(username="t1_sec")
    RoleFactory(user=township_user, organization=world.t1, kind=RoleKind.TOWNSHIP_SECRETARY)
    june = list(reminders.lapse_reminders(today=D(2026, 6, 30)))
    assert {(r.recipient.username, r.kind, r.period) for r in june} == {("b1_sec", "meetings_lapse_warning", "2026-05")}
    july = list(reminders.lapse_reminders(today=D(2026, 7, 1)))
    assert {(r.recipient.username, r.kind, r.period) for r in july} == {
        ("b1_sec", "meetings_lapse_escalation", "2026-06"),
        ("t1_sec", "meetings_lapse_escalation", "2026-06"),
    }
    assert july[0].subject_key == f"member:{branch_year['lazy'].pk}" and "党章第九条" in july[0].title
