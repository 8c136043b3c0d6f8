"""Training sessions, attendance and each member's hours of the year against the minimum for their role."""

import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError

from learning import selectors, services
from learning.models import TrainingAttendance, TrainingSession
from learning.rules import TrainingKind
from meetings.models import RemoteSession, RemoteSite
from members import crypto
from members.models import Member, MemberPost
from tests.clock import on_day
from tests.factories import MemberFactory, id_number_for

# Built on dates of 2025-2026 and posted as such: the module keeps the suite's default day whatever --today says.
pytestmark = [pytest.mark.django_db, on_day(datetime.date(2026, 6, 17))]

NEW_YEAR = datetime.date(2026, 1, 1)


def _session(org, by, held_on, hours, members, kind=TrainingKind.CENTRAL, **extra):
    return services.session_create(
        org=org,
        by=by,
        kind=kind,
        held_on=held_on,
        hours=Decimal(hours),
        content="学习党章",
        members=members,
        today=datetime.date(2026, 6, 17),
        **extra,
    )


def _standings(branch, year):
    return {s.name: s for s in selectors.hours_standings(members=Member.objects.filter(branch=branch), year=year)}


@pytest.mark.parametrize(
    "day,year_of_credit",
    [
        (NEW_YEAR - datetime.timedelta(days=1), 2025),  # 31 December counts for the year ending
        (NEW_YEAR, 2026),  # 1 January opens the new year
        (NEW_YEAR + datetime.timedelta(days=1), 2026),
    ],
)
def test_hours_count_in_the_calendar_year_of_the_session(world, county_admin, day, year_of_credit):
    member = MemberFactory(branch=world.b1, name="甲")
    _session(world.b1, county_admin, day, "3.5", [member])
    other = 2025 if year_of_credit == 2026 else 2026
    assert _standings(world.b1, year_of_credit)["甲"].training == Decimal("3.5")
    assert _standings(world.b1, other)["甲"].training == Decimal("0.0")


@pytest.mark.parametrize(
    "post_start,post_end,year,required",
    [
        # DOMAIN §2 [national]: secretaries and committee members at least 56 hours a year, members 32.
        (datetime.date(2020, 3, 1), datetime.date(2025, 12, 31), 2025, Decimal("56")),  # left on 31 Dec
        (datetime.date(2020, 3, 1), datetime.date(2025, 12, 31), 2026, Decimal("32")),  # ...a member in 2026
        (datetime.date(2026, 1, 1), None, 2025, Decimal("32")),  # elected on 1 January: a member the year before
        (datetime.date(2026, 1, 1), None, 2026, Decimal("56")),
        (datetime.date(2026, 1, 2), None, 2026, Decimal("56")),  # any part of the year counts
    ],
)
def test_member_regs_minimum_follows_the_post_held_in_the_year(world, post_start, post_end, year, required):
    member = MemberFactory(branch=world.b1, name="书记")
    MemberPost.objects.create(
        member=member, organization=world.b1, post="secretary", started_on=post_start, ended_on=post_end
    )
    assert _standings(world.b1, year)["书记"].required == required


def test_a_party_group_leader_needs_only_the_members_minimum(world):
    member = MemberFactory(branch=world.b1, name="组长")
    MemberPost.objects.create(member=member, organization=world.g1, post="group_leader", started_on=NEW_YEAR)
    assert _standings(world.b1, 2026)["组长"].required == Decimal("32")


def test_minimum_met_at_32_hours_across_the_year_boundary(world, county_admin):
    member = MemberFactory(branch=world.b1, name="甲")
    _session(world.b1, county_admin, datetime.date(2025, 12, 31), "8", [member])
    _session(world.b1, county_admin, datetime.date(2026, 1, 1), "24", [member])
    _session(world.b1, county_admin, datetime.date(2026, 1, 2), "7.5", [member])
    standing = _standings(world.b1, 2026)["甲"]
    assert standing.total == Decimal("31.5") and not standing.met and standing.shortfall == Decimal("0.5")
    _session(world.b1, county_admin, datetime.date(2026, 6, 1), "0.5", [member])
    assert _standings(world.b1, 2026)["甲"].met


def test_remote_education_viewing_counts_as_study_hours(world, county_admin):
    member = MemberFactory(branch=world.b1, name="甲")
    site = RemoteSite.objects.create(township=world.t1, branch=world.b1, name="甲村播放点")
    for day, minutes in ((datetime.date(2025, 12, 31), 60), (datetime.date(2026, 1, 1), 90)):
        session = RemoteSession.objects.create(
            site=site, held_on=day, minutes=minutes, content="党员教育", entered_by=county_admin
        )
        session.viewers.set([member])
    assert _standings(world.b1, 2025)["甲"].remote == Decimal("1.0")
    assert _standings(world.b1, 2026)["甲"].remote == Decimal("1.5")
    # The same viewing is not entered a second time as a remote-education session.
    with pytest.raises(ValidationError) as error:
        _session(world.b1, county_admin, datetime.date(2026, 1, 1), "1.5", [member], kind=TrainingKind.REMOTE)
    assert "已在远程教育播放点登记收看" in str(error.value)
    assert not TrainingSession.objects.exists()


def test_session_refuses_bad_input_and_writes_nothing(world, county_admin):
    stranger = MemberFactory(branch=world.b3, name="外乡")
    with pytest.raises(ValidationError) as error:
        services.session_create(
            org=world.b1,
            by=county_admin,
            kind=TrainingKind.CENTRAL,
            held_on=datetime.date(2026, 6, 18),
            hours=Decimal("0"),
            content=" ",
            members=[stranger],
            today=datetime.date(2026, 6, 17),
        )
    fields = error.value.message_dict
    assert {"held_on", "hours", "content", "members"} <= set(fields)
    assert "外乡 不是甲村党支部的党员" in fields["members"][0]
    assert not TrainingSession.objects.exists() and not TrainingAttendance.objects.exists()


def test_township_session_credits_members_of_its_branches_and_is_audited(world, county_admin):
    a, b = MemberFactory(branch=world.b1, name="甲"), MemberFactory(branch=world.b2, name="乙")
    session = _session(world.t1, county_admin, datetime.date(2026, 1, 12), "8", [a, b], kind=TrainingKind.WINTER)
    assert session.history.get().history_user == county_admin
    assert {r.history_user for r in TrainingAttendance.history.all()} == {county_admin}
    assert _standings(world.b2, 2026)["乙"].training == Decimal("8.0")


def test_activist_course_counts_outside_people_by_their_id_number(world, county_admin):
    id_number = id_number_for(datetime.date(1998, 5, 4), "F", 7)
    outside = services.parse_outside_attendees(f"王小花 {id_number}\n", today=datetime.date(2026, 6, 17))
    _session(world.t1, county_admin, datetime.date(2026, 3, 10), "24", [], kind=TrainingKind.ACTIVIST, outside=outside)

    # Anything carrying the keyed index of the ID number, as recruitment's files (Applicant) do.
    applicant = SimpleNamespace(id_number_hash=crypto.blind_index(id_number))
    assert not selectors.completed_activist_course(applicant, before=datetime.date(2026, 3, 10))
    assert selectors.completed_activist_course(applicant, before=datetime.date(2026, 3, 11))


def test_outside_attendees_only_at_an_activist_course_and_with_valid_id_numbers(world, county_admin):
    with pytest.raises(ValidationError) as error:
        services.parse_outside_attendees("王小花 123\n李四", today=datetime.date(2026, 6, 17))
    assert "第1行（王小花）" in str(error.value) and "第2行" in str(error.value)
    id_number = id_number_for(datetime.date(1998, 5, 4), "F", 7)
    with pytest.raises(ValidationError) as error:
        _session(world.b1, county_admin, datetime.date(2026, 3, 10), "3", [], outside=[("王小花", id_number)])
    assert "outside_attendees" in error.value.message_dict


@on_day(datetime.date(2026, 6, 17))
def test_hours_of_many_members_take_a_fixed_number_of_queries(world, county_admin, django_assert_num_queries):
    members = [MemberFactory(branch=world.b1) for _ in range(25)]
    _session(world.b1, county_admin, datetime.date(2026, 2, 1), "3", members)
    with django_assert_num_queries(4):
        standings = selectors.hours_standings(members=Member.objects.filter(branch=world.b1), year=2026)
    assert len(standings) == 25
