"""The rules a meeting record must satisfy (meetings/rules/records.py), each on its own and at its
boundaries, then `record_check` filing them under their form fields (DOMAIN §2, Branch Regs). Pure: no
database; the service's own tests show the same refusals through the pages."""

import datetime

import pytest

from meetings import rules
from meetings.rules import Attendee, Counts, Named, RecordFacts, Tally

D = datetime.date
T = datetime.time
PRESENT, SICK, OTHER, NOT_EXPECTED = "present", "sick", "other", "not_expected"
# Five members who should attend: four full members, one probationary (no vote).
EXPECTED = {1: Attendee("甲", True), 2: Attendee("乙", True), 3: Attendee("丙", True), 4: Attendee("丁", True)}
EXPECTED[5] = Attendee("戊", False)


def grid(*absent, choice=SICK, note=""):
    return {pk: ((choice, note) if pk in absent else (PRESENT, "")) for pk in EXPECTED}


# ------------------------------------------------------------------ date and times


@pytest.mark.parametrize("held_on,ok", [(D(2026, 11, 25), True), (D(2026, 11, 26), True), (D(2026, 11, 27), False)])
def test_a_meeting_is_recorded_after_it_is_held(held_on, ok):
    errors = rules.meeting_errors(held_on=held_on, starts_at=T(9), ends_at=T(10), today=D(2026, 11, 26))
    assert (errors == {}) is ok


@pytest.mark.parametrize("ends_at,ok", [(T(8, 59), False), (T(9), False), (T(9, 1), True)])
def test_a_meeting_ends_after_it_starts(ends_at, ok):
    errors = rules.meeting_errors(held_on=D(2026, 11, 26), starts_at=T(9), ends_at=ends_at, today=D(2026, 11, 26))
    assert (errors == {}) is ok


# ------------------------------------------------------------------ kinds


def test_at_least_one_kind():
    assert rules.kinds_errors((), is_group=False) == ["请至少选择一种会议类型"]
    assert rules.kinds_errors(("general",), is_group=False) == []


def test_a_party_group_holds_a_group_meeting_not_the_branchs_meetings_branch_regs():
    assert rules.kinds_errors(("group", "lecture", "theme_day"), is_group=True) == []
    assert rules.kinds_errors(("lecture",), is_group=True) == ["党小组召开的会议须包含“党小组会”"]
    assert rules.kinds_errors(("group", "general"), is_group=True) == [
        "党小组不能召开支部党员大会、支部委员会、组织生活会或民主评议"
    ]


def test_a_branch_records_group_meetings_from_the_group():
    assert rules.kinds_errors(("group",), is_group=False) == ["党小组会请从党小组登记"]


# ------------------------------------------------------------------ attendance grid


def _attendance(attendance, kinds=("general",)):
    return rules.attendance_errors(attendance, expected=EXPECTED, kinds=kinds, org_name="甲村党支部")


def test_the_grid_has_everyone_who_should_attend_and_nobody_else():
    assert _attendance(grid()) == []
    assert _attendance({**grid(), 99: (PRESENT, "")}) == ["出席名单中有1人不属于甲村党支部，已拒绝"]
    missing = {pk: row for pk, row in grid().items() if pk != 2}
    assert _attendance(missing) == ["请为每位应到党员选择出席情况（乙 未填）"]


def test_missing_rows_name_at_most_five_members():
    many = {pk: Attendee(f"党员{pk}", True) for pk in range(1, 8)}
    errors = rules.attendance_errors({}, expected=many, kinds=("general",), org_name="甲村党支部")
    assert errors == ["请为每位应到党员选择出席情况（党员1、党员2、党员3、党员4、党员5 未填）"]


def test_an_invalid_choice_is_refused():
    assert _attendance({**grid(), 1: ("asleep", "")}) == ["出席情况选择无效"]


def test_an_absence_for_other_reasons_is_explained_domain_s2():
    assert _attendance(grid(3, choice=OTHER)) == ["丙 缺席原因为“其他”，请填写说明"]
    assert _attendance(grid(3, choice=OTHER, note="   ")) == ["丙 缺席原因为“其他”，请填写说明"]
    assert _attendance(grid(3, choice=OTHER, note="外出就医")) == []


def test_every_member_attends_a_general_meeting_branch_regs_art11():
    assert _attendance(grid(5, choice=NOT_EXPECTED)) == ["支部党员大会全体党员均应参加，不能选择“无需参加”"]
    assert _attendance(grid(5, choice=NOT_EXPECTED), kinds=("committee",)) == []


# ------------------------------------------------------------------ people named on the record


def test_host_recorder_and_lecturer_are_members_of_the_branch():
    people = {"host": Named("甲", 1), "recorder": None, "lecturer": Named("县委讲师", 7)}
    assert rules.people_errors(people, branch_id=1) == {
        "lecturer": ["县委讲师 不是本支部党员，也未在上级党委任职；其他授课人请在“授课人（非本支部）”中填写姓名和职务"]
    }


def test_a_party_lecture_records_its_lecturer_domain_s2():
    assert rules.lecturer_errors(("lecture",), has_lecturer=False, lecturer_name=" ") == ["党课须填写授课人"]
    assert rules.lecturer_errors(("lecture",), has_lecturer=False, lecturer_name="县委党校教师") == []
    assert rules.lecturer_errors(("lecture",), has_lecturer=True, lecturer_name="") == []
    assert rules.lecturer_errors(("theme_day",), has_lecturer=False, lecturer_name="") == []


# ------------------------------------------------------------------ counts and the committee's quorum


def test_counts_come_from_the_grid_probationary_members_have_no_vote_constitution_art7():
    attendance = {**grid(2), 5: (PRESENT, ""), 99: (PRESENT, "")}  # 99 is not expected: not counted
    assert rules.attendance_counts(attendance, expected=EXPECTED) == Counts(
        expected=5, present=4, should_vote=4, present_vote=3
    )
    committee = {**grid(), 4: (NOT_EXPECTED, ""), 5: (NOT_EXPECTED, "")}
    assert rules.attendance_counts(committee, expected=EXPECTED) == Counts(3, 3, 3, 3)


@pytest.mark.parametrize("present,ok", [(1, False), (2, False), (3, True)])
def test_committee_meeting_needs_more_than_half_of_its_members_branch_regs_art12(present, ok):
    """Four committee members: two present is exactly half and not enough."""
    counts = Counts(expected=4, present=present)
    errors = rules.committee_errors(("committee",), counts=counts, has_rows=True)
    assert (errors == []) is ok
    if not ok:
        assert errors == [f"支部委员会须有半数以上委员到会：应到4人，实到{present}人"]


def test_committee_quorum_is_not_asked_of_a_general_meeting_or_an_empty_grid():
    counts = Counts(expected=4, present=1)
    assert rules.committee_errors(("committee", "general"), counts=counts, has_rows=True) == []
    assert rules.committee_errors(("committee",), counts=counts, has_rows=False) == []


# ------------------------------------------------------------------ resolutions


def test_a_general_meetings_resolution_is_decided_by_the_vote_rule_branch_regs_art11():
    counts = Counts(expected=5, present=4, should_vote=4, present_vote=3)
    assert rules.resolution_outcome(Tally(3), kinds=("general",), counts=counts) == ([], "passed")
    assert rules.resolution_outcome(Tally(2, 1), kinds=("general",), counts=counts) == ([], "failed")
    problems, _outcome = rules.resolution_outcome(Tally(3, 1), kinds=("general",), counts=counts)
    assert problems == ["表决票数不符：同意3＋反对1＋弃权0＝4，应等于到会有表决权的党员3人"]


def test_other_meetings_record_a_tally_up_to_those_present():
    counts = Counts(expected=5, present=4)
    assert rules.resolution_outcome(Tally(3, 1), kinds=("theme_day",), counts=counts) == ([], "recorded")
    problems, _outcome = rules.resolution_outcome(Tally(4, 1), kinds=("theme_day",), counts=counts)
    assert problems == ["表决票数不符：共5票，多于出席人数4人"]


# ------------------------------------------------------------------ the whole record


def facts(**overrides):
    values = {
        "org_name": "甲村党支部",
        "is_group": False,
        "branch_id": 1,
        "kinds": ("general",),
        "held_on": D(2026, 11, 20),
        "starts_at": T(9),
        "ends_at": T(11),
        "today": D(2026, 11, 26),
        "expected": EXPECTED,
        "attendance": grid(1),
        "people": {"host": Named("乙", 1), "recorder": Named("丙", 1), "lecturer": None},
        "tallies": (Tally(3),),
    }
    return RecordFacts(**{**values, **overrides})


def test_a_valid_record_gives_its_counts_and_outcomes():
    check = rules.record_check(facts())
    assert check.errors == {}
    assert check.counts == Counts(expected=5, present=4, should_vote=4, present_vote=3)
    assert check.voting and check.outcomes == ("passed",)


def test_every_refusal_is_filed_under_its_field():
    check = rules.record_check(
        facts(
            held_on=D(2026, 11, 27),
            kinds=("general", "lecture"),
            attendance={**grid(1), 99: (PRESENT, "")},
            people={"host": Named("外村党员", 2), "recorder": None, "lecturer": None},
            tallies=(Tally(3), Tally(4)),
        )
    )
    assert check.errors == {
        "held_on": ["会议日期不能晚于今天：会议召开后才能登记记录"],
        "attendance": ["出席名单中有1人不属于甲村党支部，已拒绝"],
        "host": ["外村党员 不是本支部党员"],
        "lecturer": ["党课须填写授课人"],
        "resolutions": ["第2项决议：表决票数不符：同意4＋反对0＋弃权0＝4，应等于到会有表决权的党员3人"],
    }


def test_a_record_without_quorum_cannot_vote_branch_regs_art11():
    check = rules.record_check(facts(attendance=grid(1, 2), tallies=(Tally(2),)))
    assert check.errors == {
        "resolutions": ["第1项决议：到会有表决权的党员2人，未超过应到有表决权党员4人的半数，不能表决"]
    }


def test_a_committee_without_quorum_is_refused_under_attendance():
    committee = {**grid(2, 3), 4: (NOT_EXPECTED, ""), 5: (NOT_EXPECTED, "")}
    check = rules.record_check(facts(kinds=("committee",), attendance=committee, tallies=()))
    assert check.errors == {"attendance": ["支部委员会须有半数以上委员到会：应到3人，实到1人"]}


def test_resolutions_of_a_theme_day_are_recorded_not_decided():
    check = rules.record_check(facts(kinds=("theme_day",), tallies=(Tally(1, 1),)))
    assert check.errors == {} and not check.voting and check.outcomes == ("recorded",)
