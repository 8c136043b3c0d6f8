"""What a meeting record must satisfy before it is saved (DOMAIN §2: the record's kinds, date and times,
the attendance grid with absentees' reasons, the people named on it, resolutions with their tallies), the
late-entry mark, appraisal grades and attendance rates. Pure: the service gathers the facts (`RecordFacts`)
and `record_check` decides; nothing here touches the database. Each check returns the messages users see,
and `record_check` files them under the form field they belong to."""

import datetime
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from branches import votes

from .choices import (
    GROUP_KINDS,
    TOWNSHIP_LIFE_KINDS,
    VOTING_KINDS,
    Attendance,
    Grade,
    MeetingKind,
    ResolutionOutcome,
    UnqualifiedHandling,
)


@dataclass(frozen=True)
class Attendee:
    """A member who should attend, as the rules see them. Probationary members have no vote
    (Constitution art. 7)."""

    name: str
    has_vote: bool


@dataclass(frozen=True)
class Named:
    """A member named on the record as host, recorder or lecturer."""

    name: str
    branch_id: int
    leads_above: bool = False  # held a post in a committee above the branch on the meeting's day


@dataclass(frozen=True)
class Tally:
    yes: int = 0
    no: int = 0
    abstain: int = 0


@dataclass(frozen=True)
class RecordFacts:
    """Everything the rules need about one record, gathered by the service. `attendance` maps member ids to
    (choice, note) as submitted; `expected` maps the ids of those who should attend to what the rules need
    of them; `people` maps "host", "recorder" and "lecturer" to the member named (or None)."""

    org_name: str
    is_group: bool
    branch_id: int
    kinds: tuple[str, ...]
    held_on: datetime.date | None
    starts_at: datetime.time | None
    ends_at: datetime.time | None
    today: datetime.date
    expected: dict[int, Attendee]
    attendance: dict[int, tuple[str, str]]
    people: dict[str, Named | None] = field(default_factory=dict)
    lecturer_name: str = ""
    tallies: tuple[Tally, ...] = ()
    is_township: bool = False  # the township committee's own meeting, attended by its committee members


@dataclass(frozen=True)
class Counts:
    """The counts a record keeps, computed from the grid, never typed: those expected (not marked 无需参加),
    present, and of them the members with a vote."""

    expected: int = 0
    present: int = 0
    should_vote: int = 0
    present_vote: int = 0


@dataclass(frozen=True)
class RecordCheck:
    errors: dict[str, list[str]]
    counts: Counts
    voting: bool  # its resolutions are decided by the vote rule (a general or committee meeting)
    outcomes: tuple[str, ...]  # one ResolutionOutcome per tally


def meeting_errors(
    *,
    held_on: datetime.date | None,
    starts_at: datetime.time | None,
    ends_at: datetime.time | None,
    today: datetime.date,
) -> dict[str, list[str]]:
    """A meeting cannot be recorded before it happens, and it ends after it starts."""
    errors: dict[str, list[str]] = {}
    if held_on and held_on > today:
        errors.setdefault("held_on", []).append(_("会议日期不能晚于今天：会议召开后才能登记记录"))
    if starts_at and ends_at and ends_at <= starts_at:
        errors.setdefault("ends_at", []).append(_("结束时间须晚于开始时间"))
    return errors


def kinds_errors(kinds, *, is_group: bool, is_township: bool = False) -> list[str]:
    """At least one kind. A party group's own meeting is a 党小组会 (maybe also a lecture or theme day) and
    never one of the branch's meetings (Branch Regs ch. 4: the general meeting and the committee are the
    branch's); a branch records no group meeting."""
    errors = []
    if not kinds:
        errors.append(_("请至少选择一种会议类型"))
    if is_group and MeetingKind.GROUP not in kinds:
        errors.append(_("党小组召开的会议须包含“党小组会”"))
    if is_group and any(k not in GROUP_KINDS for k in kinds):
        errors.append(_("党小组不能召开支部党员大会、支部委员会、组织生活会或民主评议"))
    if not is_group and MeetingKind.GROUP in kinds:
        errors.append(_("党小组会请从党小组登记"))
    township_only = [k for k in kinds if k in TOWNSHIP_LIFE_KINDS and k != MeetingKind.OTHER]
    if is_township and any(k not in TOWNSHIP_LIFE_KINDS for k in kinds):
        errors.append(
            _("乡镇党委自身的会议只能是党委会、理论学习中心组学习、民主生活会或其他；支部的会议请从党支部登记")
        )
    if not is_township and township_only:
        errors.append(_("党委会、理论学习中心组学习和民主生活会请从乡镇党委登记"))
    return errors


def attendance_errors(attendance: dict, *, expected: dict[int, Attendee], kinds, org_name: str) -> list[str]:
    """DOMAIN §2: the grid has a row for each member who should attend and nobody else, each a valid choice,
    an absence for "other reasons" explained; all members attend a general meeting (Branch Regs art. 11),
    so none of them is "无需参加" there."""
    errors = []
    foreign = [pk for pk in attendance if pk not in expected]
    if foreign:
        errors.append(_("出席名单中有%(n)d人不属于%(org)s，已拒绝") % {"n": len(foreign), "org": org_name})
    missing = [attendee for pk, attendee in expected.items() if pk not in attendance]
    if missing:
        errors.append(
            _("请为每位应到党员选择出席情况（%(names)s 未填）") % {"names": "、".join(m.name for m in missing[:5])}
        )
    for pk, (choice, note) in attendance.items():
        if choice not in Attendance.values:
            errors.append(_("出席情况选择无效"))
            break
        if choice == Attendance.OTHER and not note.strip() and pk in expected:
            errors.append(_("%(name)s 缺席原因为“其他”，请填写说明") % {"name": expected[pk].name})
        if choice == Attendance.NOT_EXPECTED and MeetingKind.GENERAL in kinds:
            errors.append(_("支部党员大会全体党员均应参加，不能选择“无需参加”"))
            break
    return errors


def people_errors(people: dict[str, Named | None], *, branch_id: int) -> dict[str, list[str]]:
    """The host and recorder named from the roll are members of the meeting's branch. The lecturer may also be
    a leading cadre of a committee above it (Branch Regs art. 16: 党员领导干部应当定期为基层党员讲党课); anyone
    else is typed by name instead."""
    errors: dict[str, list[str]] = {}
    for field_name, person in people.items():
        if person is None or person.branch_id == branch_id:
            continue
        if field_name == "lecturer":
            if not person.leads_above:
                errors.setdefault(field_name, []).append(
                    _("%(name)s 不是本支部党员，也未在上级党委任职；其他授课人请在“授课人（非本支部）”中填写姓名和职务")
                    % {"name": person.name}
                )
            continue
        errors.setdefault(field_name, []).append(_("%(name)s 不是本支部党员") % {"name": person.name})
    return errors


def lecturer_errors(kinds, *, has_lecturer: bool, lecturer_name: str) -> list[str]:
    """DOMAIN §2: a party lecture records its lecturer."""
    if MeetingKind.LECTURE in kinds and not has_lecturer and not lecturer_name.strip():
        return [_("党课须填写授课人")]
    return []


def attendance_counts(attendance: dict, *, expected: dict[int, Attendee]) -> Counts:
    """The counts of the grid's rows for members who should attend (other rows are refused anyway)."""
    rows = [(choice, expected[pk].has_vote) for pk, (choice, _note) in attendance.items() if pk in expected]
    return Counts(
        expected=sum(1 for choice, _v in rows if choice != Attendance.NOT_EXPECTED),
        present=sum(1 for choice, _v in rows if choice == Attendance.PRESENT),
        should_vote=sum(1 for choice, has_vote in rows if choice != Attendance.NOT_EXPECTED and has_vote),
        present_vote=sum(1 for choice, has_vote in rows if choice == Attendance.PRESENT and has_vote),
    )


def committee_quorum_errors(*, expected: int, present: int) -> list[str]:
    """Branch Regs art. 12: a branch committee meeting needs more than half of its members present."""
    if votes.more_than_half(present, expected):
        return []
    return [
        _("支部委员会须有半数以上委员到会：应到%(expected)d人，实到%(present)d人")
        % {"expected": expected, "present": present}
    ]


def committee_errors(kinds, *, counts: Counts, has_rows: bool) -> list[str]:
    """A committee meeting on its own (not held with a general meeting) needs its quorum; the members
    expected are the committee's, the others marked 无需参加."""
    if MeetingKind.COMMITTEE in kinds and MeetingKind.GENERAL not in kinds and has_rows:
        return committee_quorum_errors(expected=counts.expected, present=counts.present)
    return []


def tally_check(*, present: int, yes: int, no: int, abstain: int) -> list[str]:
    """For meetings without the majority rule: a tally, when given, cannot exceed those present."""
    if yes + no + abstain > present:
        return [
            _("表决票数不符：共%(total)d票，多于出席人数%(present)d人")
            % {"total": yes + no + abstain, "present": present}
        ]
    return []


def is_voting(kinds) -> bool:
    """A general or committee meeting decides its resolutions by the vote rule (Branch Regs art. 11–12)."""
    return any(k in VOTING_KINDS for k in kinds)


def resolution_outcome(tally: Tally, *, kinds, counts: Counts) -> tuple[list[str], str]:
    """(problems, outcome) of one resolution. A voting meeting decides it by the vote rule (`branches.votes`,
    Branch Regs art. 11), counting only the voters present; other meetings record the tally as given."""
    if is_voting(kinds):
        result = votes.vote_result(
            should_vote=counts.should_vote,
            present_vote=counts.present_vote,
            yes=tally.yes,
            no=tally.no,
            abstain=tally.abstain,
            written_votes=False,
        )
        return list(result.errors), ResolutionOutcome.PASSED if result.passed else ResolutionOutcome.FAILED
    problems = tally_check(present=counts.present, yes=tally.yes, no=tally.no, abstain=tally.abstain)
    return problems, ResolutionOutcome.RECORDED


def record_check(facts: RecordFacts) -> RecordCheck:
    """Every rule of a meeting record, its counts and its resolutions' outcomes; `errors` maps form fields
    to messages and is empty when the record may be saved."""
    errors = meeting_errors(held_on=facts.held_on, starts_at=facts.starts_at, ends_at=facts.ends_at, today=facts.today)

    def add(field_name: str, messages) -> None:
        if messages:
            errors.setdefault(field_name, []).extend(str(m) for m in messages)

    add("kinds", kinds_errors(facts.kinds, is_group=facts.is_group, is_township=facts.is_township))
    add(
        "attendance",
        attendance_errors(facts.attendance, expected=facts.expected, kinds=facts.kinds, org_name=facts.org_name),
    )
    for field_name, messages in people_errors(facts.people, branch_id=facts.branch_id).items():
        add(field_name, messages)
    has_lecturer = facts.people.get("lecturer") is not None
    add("lecturer", lecturer_errors(facts.kinds, has_lecturer=has_lecturer, lecturer_name=facts.lecturer_name))
    counts = attendance_counts(facts.attendance, expected=facts.expected)
    has_rows = any(pk in facts.expected for pk in facts.attendance)
    add("attendance", committee_errors(facts.kinds, counts=counts, has_rows=has_rows))
    outcomes = []
    for index, tally in enumerate(facts.tallies, start=1):
        problems, outcome = resolution_outcome(tally, kinds=facts.kinds, counts=counts)
        add("resolutions", [_("第%(n)d项决议：%(problem)s") % {"n": index, "problem": p} for p in problems])
        outcomes.append(outcome)
    return RecordCheck(errors, counts, is_voting(facts.kinds), tuple(outcomes))


def is_late_entry(*, held_on: datetime.date, entered_on: datetime.date, late_days: int) -> bool:
    """A record entered more than `late_days` days after the meeting is a late entry (补录)."""
    return (entered_on - held_on).days > late_days


def attendance_rate(*, present: int, should: int) -> float | None:
    if not should:
        return None
    return round(present * 100 / should, 1)


def grade_errors(*, grade: str, probationary: bool, handling: str) -> list[str]:
    """Member Regs art. 30: probationary members cannot be graded 优秀; a 不合格 grade needs its handling."""
    errors = []
    if probationary and grade == Grade.EXCELLENT:
        errors.append(_("预备党员不能评为优秀"))
    if grade == Grade.UNQUALIFIED and not handling:
        errors.append(_("评为不合格的党员须填写处置方式"))
    if grade != Grade.UNQUALIFIED and handling:
        errors.append(_("只有评为不合格的党员才需填写处置方式"))
    if probationary and handling in (UnqualifiedHandling.PERSUADE, UnqualifiedHandling.REMOVE):
        errors.append(_("预备党员不合格的，应延长预备期或取消预备党员资格"))
    if not probationary and handling in (UnqualifiedHandling.EXTEND, UnqualifiedHandling.CANCEL):
        errors.append(_("正式党员不适用延长预备期或取消预备党员资格"))
    return errors
