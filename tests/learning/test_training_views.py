"""The training pages: who may see and record, bad input kept, bounded queries, the member page's panel."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from learning import services
from learning.models import TrainingSession
from learning.rules import TrainingKind
from members.models import MemberPost
from tests.clock import on_day
from tests.factories import MemberFactory, OrganizationFactory

# Built on dates of 2025-2026 and posted as such: the module keeps the suite's default day whatever --today says.
pytestmark = [pytest.mark.django_db, on_day(datetime.date(2026, 6, 17))]


def _form(members, **extra):
    return {
        "kind": TrainingKind.CENTRAL,
        "held_on": "2026-06-01",
        "hours": "3.5",
        "content": "学习党章",
        "members": [m.pk for m in members],
        "outside_attendees": "",
        **extra,
    }


def test_branch_secretary_records_a_session_and_the_hours_change(world, branch_secretary, client_for):
    roll = [MemberFactory(branch=world.b1, name=f"党员{n}") for n in range(3)]
    client = client_for(branch_secretary)
    held_on = timezone.localdate().isoformat()
    response = client.post(
        reverse("learning:session_create", kwargs={"org_pk": world.b1.pk}), _form(roll[:2], held_on=held_on)
    )
    assert response.status_code == 302
    page = client.get(reverse("learning:hours_branch", kwargs={"org_pk": world.b1.pk})).content.decode()
    assert page.count("3.5 / 32") == 2 and "0.0 / 32" in page
    assert "0 / 3 名党员已达标" in page


def test_bad_input_keeps_what_was_typed_and_saves_nothing(world, branch_secretary, client_for):
    roll = [MemberFactory(branch=world.b1, name="甲")]
    client = client_for(branch_secretary)
    response = client.post(
        reverse("learning:session_create", kwargs={"org_pk": world.b1.pk}),
        _form(roll, held_on="2099-01-01", content="学习新党章", outside_attendees="王五 123"),
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "学习新党章" in body and "王五 123" in body
    assert "第1行（王五）" in body
    assert not TrainingSession.objects.exists()
    response = client.post(
        reverse("learning:session_create", kwargs={"org_pk": world.b1.pk}), _form(roll, held_on="2099-01-01")
    )
    assert "培训日期不能晚于今天" in response.content.decode()
    assert not TrainingSession.objects.exists()


def test_member_of_another_branch_cannot_be_ticked(world, branch_secretary, client_for):
    stranger = MemberFactory(branch=world.b2, name="乙村党员")
    response = client_for(branch_secretary).post(
        reverse("learning:session_create", kwargs={"org_pk": world.b1.pk}), _form([stranger])
    )
    assert response.status_code == 200 and not TrainingSession.objects.exists()


def test_reviewer_reads_but_cannot_record(world, reviewer, client_for):
    client = client_for(reviewer)
    assert client.get(reverse("learning:hours_branch", kwargs={"org_pk": world.b1.pk})).status_code == 200
    assert client.get(reverse("learning:session_create", kwargs={"org_pk": world.b1.pk})).status_code == 404


def test_branch_secretary_does_not_see_the_neighbouring_branch_or_the_township(
    world, branch_secretary, county_admin, client_for
):
    member = MemberFactory(branch=world.b2)
    session = services.session_create(
        org=world.b2,
        by=county_admin,
        kind=TrainingKind.CENTRAL,
        held_on=datetime.date(2026, 1, 5),
        hours=Decimal("2"),
        content="乙村学习",
        members=[member],
        today=datetime.date(2026, 6, 17),
    )
    client = client_for(branch_secretary)
    for url in (
        reverse("learning:hours_branch", kwargs={"org_pk": world.b2.pk}),
        reverse("learning:hours_township", kwargs={"org_pk": world.t1.pk}),
        reverse("learning:session_create", kwargs={"org_pk": world.b2.pk}),
        reverse("learning:session_detail", kwargs={"session_pk": session.pk}),
    ):
        assert client.get(url).status_code == 404, url


def test_township_page_for_20_branches_runs_a_bounded_number_of_queries(
    world, township_secretary, county_admin, client_for, django_assert_max_num_queries
):
    for n in range(18):
        OrganizationFactory(parent=world.t1, name=f"村{n}党支部", code=f"C01{n + 10:02d}")
    from branches.models import Organization

    members = []
    for branch in Organization.objects.filter(path__startswith=world.t1.path, kind="branch"):
        members += [MemberFactory(branch=branch) for _ in range(3)]
    MemberPost.objects.create(
        member=members[0], organization=members[0].branch, post="secretary", started_on=datetime.date(2020, 1, 1)
    )
    services.session_create(
        org=world.t1,
        by=county_admin,
        kind=TrainingKind.WINTER,
        held_on=datetime.date(2026, 1, 12),
        hours=Decimal("40"),
        content="冬季轮训",
        members=members[::2],
        today=datetime.date(2026, 6, 17),
    )
    client = client_for(township_secretary)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("learning:hours_township", kwargs={"org_pk": world.t1.pk}) + "?year=2026")
    body = response.content.decode()
    assert body.count('<tr data-branch="') == 20
    # Every second member has 40 hours; the secretary among them still lacks 16.
    assert "40.0 / 56.0" not in body and "40.0 / 56" in body


def test_branch_page_queries_do_not_grow_with_members(
    world, branch_secretary, county_admin, client_for, django_assert_max_num_queries
):
    members = [MemberFactory(branch=world.b1) for _ in range(30)]
    for day in (5, 6, 7):
        services.session_create(
            org=world.b1,
            by=county_admin,
            kind=TrainingKind.CENTRAL,
            held_on=datetime.date(2026, 3, day),
            hours=Decimal("2"),
            content="学习",
            members=members,
            today=datetime.date(2026, 6, 17),
        )
    client = client_for(branch_secretary)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("learning:hours_branch", kwargs={"org_pk": world.b1.pk}) + "?year=2026")
    assert response.content.decode().count("6.0 / 32") == 30


def test_session_page_lists_attendees_and_member_page_shows_the_panel(
    world, branch_secretary, county_admin, client_for
):
    member = MemberFactory(branch=world.b1, name="甲")
    session = services.session_create(
        org=world.b1,
        by=county_admin,
        kind=TrainingKind.ONLINE,
        held_on=timezone.localdate(),
        hours=Decimal("1.5"),
        content="网上学习",
        members=[member],
    )
    client = client_for(branch_secretary)
    body = client.get(reverse("learning:session_detail", kwargs={"session_pk": session.pk})).content.decode()
    assert "网上学习" in body and "甲" in body
    body = client.get(reverse("members:member_detail", kwargs={"member_pk": member.pk})).content.decode()
    assert 'data-testid="member-hours-panel"' in body and "1.5 / 32" in body
