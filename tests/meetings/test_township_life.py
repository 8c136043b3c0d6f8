"""The township committee's own organisational life (issue 10 item 10, DOMAIN §2): 党委会, 理论学习中心组学习 and
民主生活会 logged for the township with its committee members' attendance, shown on the township's pages."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from meetings import rules, selectors, services
from meetings.rules import Attendance, Status
from members.models import MemberPost, Post
from tests.clock import on_day
from tests.meetings import factories as f

D = datetime.date
# These tests build their own calendar (meetings of 2026), so they pin the suite's default day.
pytestmark = [pytest.mark.django_db, on_day(D(2026, 6, 17))]


@pytest.fixture
def committee(world):
    """Three committee members of 一号乡党委, members of its branches."""
    people = f.members(world.b1, 2) + f.members(world.b2, 1)
    for member, post in zip(people, (Post.SECRETARY, Post.DEPUTY, Post.COMMITTEE), strict=True):
        MemberPost.objects.create(member=member, organization=world.t1, post=post, started_on=D(2021, 1, 1))
    return people


def _log(world, by, people, kinds, held_on, **extra):
    return services.meeting_create(
        org=world.t1,
        by=by,
        kinds=kinds,
        topic="学习贯彻全会精神",
        held_on=held_on,
        starts_at=datetime.time(8, 30),
        ends_at=datetime.time(11),
        place="乡党委会议室",
        attendance={m.pk: (Attendance.PRESENT, "") for m in people},
        today=max(held_on, D(2026, 6, 17)),
        **extra,
    )


def test_only_a_township_holds_its_committee_meetings():
    assert rules.kinds_errors(("party_committee",), is_group=False, is_township=True) == []
    assert rules.kinds_errors(("general",), is_group=False, is_township=True) == [
        "乡镇党委自身的会议只能是党委会、理论学习中心组学习、民主生活会或其他；支部的会议请从党支部登记"
    ]
    assert rules.kinds_errors(("democratic_life",), is_group=False) == [
        "党委会、理论学习中心组学习和民主生活会请从乡镇党委登记"
    ]


def test_a_committee_meeting_is_attended_by_the_committee_members(world, committee, county_admin):
    assert list(selectors.should_attend(org=world.t1)) == sorted(committee, key=lambda m: (m.name_pinyin, m.pk))
    meeting = _log(world, county_admin, committee, ["centre_group"], D(2026, 6, 15), host=committee[0])
    assert meeting.organization == world.t1 and meeting.attendances.count() == 3
    outsider = f.members(world.b1, 1)[0]
    with pytest.raises(ValidationError, match="不属于一号乡党委"):
        _log(world, county_admin, [*committee, outsider], ["party_committee"], D(2026, 6, 15))
    with pytest.raises(ValidationError, match="不是本支部党员"):
        _log(world, county_admin, committee, ["party_committee"], D(2026, 6, 15), host=outsider)


@pytest.mark.parametrize(
    "held_on,today,status",
    [
        (None, D(2026, 12, 31), Status.DUE),
        (None, D(2027, 1, 1), Status.OVERDUE),
        (D(2026, 12, 31), D(2027, 1, 1), Status.DONE),
        (D(2027, 1, 1), D(2027, 1, 2), Status.OVERDUE),
    ],
)
def test_the_yearly_democratic_life_meeting(world, committee, county_admin, held_on, today, status):
    """DOMAIN §2: the committee's 民主生活会 once a year; 31 December counts for that year, 1 January the next."""
    if held_on:
        _log(world, county_admin, committee, ["democratic_life"], held_on)
    life = selectors.township_life(township=world.t1, year=2026, today=today)
    assert life.democratic_life.status == status


def test_township_pages_show_and_log_the_committee_life(world, committee, township_secretary, client_for):
    _log(world, township_secretary, committee, ["party_committee", "centre_group"], D(2026, 6, 8))
    client = client_for(township_secretary)
    page = client.get(reverse("meetings:compliance_township", kwargs={"org_pk": world.t1.pk})).content.decode()
    assert 'data-testid="township-life"' in page and "党委会 1" in page and "理论学习中心组学习 1" in page
    form = client.get(reverse("meetings:meeting_create", kwargs={"org_pk": world.t1.pk})).content.decode()
    assert 'value="democratic_life"' in form and 'value="general"' not in form
    listing = client.get(reverse("meetings:meeting_list", kwargs={"org_pk": world.t1.pk}))
    assert listing.status_code == 200 and "学习贯彻全会精神" in listing.content.decode()


def test_branch_users_cannot_reach_the_township_meetings(world, committee, county_admin, branch_secretary, client_for):
    meeting = _log(world, county_admin, committee, ["party_committee"], D(2026, 6, 8))
    client = client_for(branch_secretary)
    assert client.get(reverse("meetings:meeting_detail", kwargs={"meeting_pk": meeting.pk})).status_code == 404
    assert client.get(reverse("meetings:meeting_create", kwargs={"org_pk": world.t1.pk})).status_code in (403, 404)
