"""The as-of statistics and the change table against figures worked out by hand (tests/yearend/county.py)."""

import datetime

import pytest

from members.models import Membership
from reports.tree import level_for
from tests.clock import on_day
from tests.factories import MemberFactory
from yearend.statistics import admissions, change_table, counted_on, year_bounds

pytestmark = [on_day(datetime.date(2026, 6, 17)), pytest.mark.django_db]
D = datetime.date


def _by_name(table, level):
    return {row.org.name: table.rows[row.key] for row in level.rows}


def test_township_change_table_by_hand(county, county_admin):
    """Each branch of 一号乡: prior + admitted + in − out − died − removed − lapsed = year-end count."""
    level = level_for(user=county_admin, org=county.t1)
    table = change_table(level, *year_bounds(2025))
    rows = _by_name(table, level)
    # b1: m1..m6 at the end of 2024; w1 from outside and q3 from b3 in; m4's letter out; m2 died; m3 lapsed.
    assert rows["甲村党支部"].values() == [6, 0, 2, 1, 1, 0, 1, 5]
    # b2: k1..k3; file A approved on 15 Dec 2025 counts; file B (voted 15 Dec, approved 2026) does not.
    assert rows["乙村党支部"].values() == [3, 1, 0, 0, 0, 0, 0, 4]
    # The township: q3's move from the other township crossed its edge, so did w1 and m4's letter.
    assert table.total.values() == [9, 1, 2, 1, 1, 0, 1, 9]
    assert all(row.difference == 0 for row in table.rows.values()) and table.total.difference == 0


def test_county_change_table_by_hand(county, county_admin):
    level = level_for(user=county_admin, org=county.county)
    table = change_table(level, *year_bounds(2025))
    rows = _by_name(table, level)
    assert rows["一号乡党委"].values() == [9, 1, 2, 1, 1, 0, 1, 9]
    # 二号镇: q1, q2 moved inside it to the new b5 (not a change of the township); q3 out to b1; q4 expelled.
    assert rows["二号镇党委"].values() == [5, 0, 0, 1, 0, 1, 0, 3]
    # The county: only w1 came in and m4 left across its edge.
    assert table.total.values() == [14, 1, 1, 1, 1, 1, 1, 12]
    assert table.total.difference == 0


def test_mid_year_branch_starts_from_nothing(county, county_admin):
    level = level_for(user=county_admin, org=county.t2)
    rows = _by_name(change_table(level, *year_bounds(2025)), level)
    assert rows["戊村党支部"].values() == [0, 0, 2, 0, 0, 0, 0, 2]
    assert rows["丙村党支部"].values() == [5, 0, 0, 3, 0, 1, 0, 1]


def test_counted_as_of_any_day(county):
    """The count of a day reads the branch history: b3 still had five members at the end of June 2025."""
    assert counted_on(D(2025, 6, 30)).filter(organization=county.b3).count() == 5
    assert counted_on(D(2025, 12, 31)).filter(organization=county.b3).count() == 1


def test_recruitment_counts_at_approval_not_at_the_vote(county):
    """Recruitment Rules: the member is admitted by the committee's approval (step 17); 入党日期 is the vote."""
    assert county.b.joined_on == D(2025, 12, 15)
    on_roll = set(counted_on(D(2025, 12, 31)).values_list("member_id", flat=True))
    assert county.a.pk in on_roll and county.b.pk not in on_roll
    assert county.b.pk in set(counted_on(D(2026, 1, 15)).values_list("member_id", flat=True))
    admitted_2026 = admissions(D(2026, 1, 1), D(2026, 6, 17)).values_list("member_id", flat=True)
    assert list(admitted_2026) == [county.b.pk]


def test_a_member_put_on_a_roll_without_an_event_breaks_the_identity(county, county_admin):
    """A stay with no admission nor transfer behind it: the change table differs by exactly that member."""
    stray = MemberFactory(branch=county.b2, name="乙无据", status="full", joined_on=D(2010, 7, 1))
    Membership.objects.filter(member=stray).update(started_on=D(2025, 6, 1))
    level = level_for(user=county_admin, org=county.t1)
    table = change_table(level, *year_bounds(2025))
    assert _by_name(table, level)["乙村党支部"].difference == 1
    assert table.total.difference == 1
