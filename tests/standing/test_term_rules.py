"""Committee terms and elections: the pure rules at their boundaries."""

import datetime

from branches.rules import OrgCategory
from standing import rules

D = datetime.date


def test_village_and_community_committees_serve_five_years_branch_regs():
    assert rules.term_end(elected_on=D(2021, 10, 15), category=OrgCategory.VILLAGE) == (5, D(2026, 10, 15))
    assert rules.term_end(elected_on=D(2021, 10, 15), category=OrgCategory.COMMUNITY) == (5, D(2026, 10, 15))


def test_other_committees_serve_three_years_branch_regs():
    assert rules.term_end(elected_on=D(2024, 2, 29), category=OrgCategory.OFFICE) == (3, D(2027, 2, 28))
    assert rules.term_end(elected_on=D(2024, 5, 1), category=OrgCategory.SCHOOL) == (3, D(2027, 5, 1))


def test_term_stage_six_and_three_months_before_and_when_ended():
    ends = D(2026, 10, 15)
    assert rules.term_stage(ends_on=ends, today=D(2026, 4, 14)) == ""
    assert rules.term_stage(ends_on=ends, today=D(2026, 4, 15)) == "6m"
    assert rules.term_stage(ends_on=ends, today=D(2026, 7, 14)) == "6m"
    assert rules.term_stage(ends_on=ends, today=D(2026, 7, 15)) == "3m"
    assert rules.term_stage(ends_on=ends, today=D(2026, 10, 14)) == "3m"
    assert rules.term_stage(ends_on=ends, today=D(2026, 10, 15)) == "ended"


def test_election_needs_more_than_four_fifths_present_election_regs():
    assert not rules.quorum_reached(expected=10, present=8)
    assert rules.quorum_reached(expected=10, present=9)
    assert rules.quorum_reached(expected=7, present=6)
    assert not rules.quorum_reached(expected=0, present=0)


def test_elected_needs_more_than_half_of_those_present_election_regs():
    assert not rules.is_elected(votes_for=5, present=10)
    assert rules.is_elected(votes_for=6, present=10)
    assert rules.is_elected(votes_for=5, present=9)


def test_secretary_vacancy_flagged_after_more_than_three_months_local_rule():
    since = D(2026, 3, 17)
    assert not rules.vacancy_flagged(since=since, today=D(2026, 6, 17), months=3)
    assert rules.vacancy_flagged(since=since, today=D(2026, 6, 18), months=3)
    assert rules.vacancy_flagged(since=None, today=D(2026, 6, 18), months=3)


def test_committee_of_three_to_seven_only_with_seven_full_members_branch_regs():
    seats = [("甲", "secretary", 9), ("乙", "organization", 9), ("丙", "propaganda", 9)]
    assert rules.election_problems(full_members=9, expected=9, present=9, seats=seats) == []
    assert rules.election_problems(full_members=9, expected=9, present=9, seats=seats[:2])
    small = rules.election_problems(full_members=6, expected=6, present=6, seats=seats)
    assert any("不足7人" in p for p in small)
    assert rules.election_problems(full_members=6, expected=6, present=6, seats=[("甲", "secretary", 6)]) == []
    assert (
        rules.election_problems(
            full_members=6, expected=6, present=6, seats=[("甲", "secretary", 6), ("乙", "deputy", 4)]
        )
        == []
    )


def test_exactly_one_secretary_is_elected():
    seats = [("甲", "deputy", 9), ("乙", "organization", 9), ("丙", "propaganda", 9)]
    assert any("书记" in p for p in rules.election_problems(full_members=9, expected=9, present=9, seats=seats))


def test_a_seat_without_a_majority_names_the_person():
    seats = [("甲", "secretary", 2)]
    problems = rules.election_problems(full_members=5, expected=5, present=5, seats=[*seats])
    assert problems and "甲" in problems[0] and "一半" in problems[0]
