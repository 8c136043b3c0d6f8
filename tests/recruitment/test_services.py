"""Recording steps through the services: bad input refused with the rule named and nothing saved; admission
and confirmation change the member roll."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from members.models import Lifecycle, Member
from recruitment import rules, services
from recruitment.models import Applicant, RuleSet, Step
from tests.clock import moment, on_day
from tests.factories import MemberFactory

from .factories import SCHEDULE, activist_course, advance, applicant, identity, step_kwargs

D = datetime.date
# Every file here is built on its own calendar (2023-2026), so the clock is pinned after its last date.
pytestmark = on_day(D(2026, 11, 26))


def _refused(call, field=None, text=""):
    steps_before = Step.objects.count()
    with pytest.raises(ValidationError) as error:
        call()
    messages = " ".join(error.value.messages)
    if field:
        assert field in error.value.message_dict, error.value.message_dict
    assert text in messages, messages
    assert Step.objects.count() == steps_before
    return messages


def test_applicant_under_18_refused_nothing_saved(world, branch_secretary):
    birth = D(2008, 6, 1)
    messages = _refused(
        lambda: applicant(by=branch_secretary, branch=world.b1, applied_on=D(2026, 5, 31), **identity(birth=birth)),
        "applied_on",
        "申请入党须年满18周岁",
    )
    assert "2026-06-01" in messages
    assert not Applicant.objects.exists()
    assert applicant(by=branch_secretary, branch=world.b1, applied_on=D(2026, 6, 1), **identity(birth=birth))


def test_applicant_identity_validated_like_a_member(world, branch_secretary):
    data = identity()
    data["birth_date"] = D(1995, 5, 21)
    _refused(lambda: applicant(by=branch_secretary, branch=world.b1, **data), "birth_date")
    member = MemberFactory(branch=world.b1)
    _refused(
        lambda: applicant(
            by=branch_secretary,
            branch=world.b1,
            **{**identity(), "id_number": member.id_number, "birth_date": member.birth_date},
        ),
        "id_number",
    )
    assert not Applicant.objects.exists()


def test_an_id_on_file_outside_the_scope_is_refused_without_saying_where_issue_15(world, branch_secretary):
    """Finding 8: the refusal must not reveal that a member or applicant file exists elsewhere in the county."""
    elsewhere = MemberFactory(branch=world.b3)  # another township's branch: outside the secretary's scope
    with pytest.raises(ValidationError) as refused:
        applicant(
            by=branch_secretary,
            branch=world.b1,
            **{
                **identity(),
                "id_number": elsewhere.id_number,
                "birth_date": elsewhere.birth_date,
                "sex": elsewhere.sex,
            },
        )
    (message,) = refused.value.message_dict["id_number"]
    assert message == "此人无法在此登记。如需登记或转入，请联系所在乡镇党委或县委组织部核实办理。"
    assert not Applicant.objects.exists()


def test_step_skipped_refused(world, branch_secretary):
    file = applicant(by=branch_secretary, branch=world.b1)
    _refused(
        lambda: services.step_record(by=branch_secretary, applicant=file, number=3, on=D(2023, 8, 1)),
        text="须先登记第2步",
    )


def test_dates_out_of_order_refused(world, branch_secretary):
    file = applicant(by=branch_secretary, branch=world.b1)
    _refused(
        lambda: services.step_record(by=branch_secretary, applicant=file, number=2, on=D(2023, 1, 9)),
        "on",
        "日期不早于上一步",
    )


def test_too_early_listing_refused_with_rule_and_dates(world, branch_secretary, sponsors):
    file = advance(applicant(by=branch_secretary, branch=world.b1), by=branch_secretary, to=6, sponsors=sponsors)
    activist_course(file, by=branch_secretary, on=D(2024, 7, 1))
    on = D(2024, 7, 9)
    messages = _refused(
        lambda: services.step_record(by=branch_secretary, applicant=file, number=7, on=on, **step_kwargs(7, on)),
        "on",
    )
    assert "第7步（列为发展对象）须在确定为入党积极分子（2023-07-10）满一年后，即不早于 2024-07-10" in messages


def test_probationary_sponsor_refused(world, branch_secretary, sponsors, county_admin):
    """Recruitment Rules 2014 art. 14: sponsors are full members."""
    file = advance(applicant(by=branch_secretary, branch=world.b1), by=branch_secretary, to=8, sponsors=sponsors)
    probationary = MemberFactory(branch=world.b1, status="probationary")
    _refused(
        lambda: services.step_record(
            by=county_admin, applicant=file, number=9, on=SCHEDULE[9], people=[sponsors[0], probationary]
        ),
        "people",
        "是预备党员，须由正式党员担任",
    )


def test_sponsor_of_another_branch_with_the_townships_exception(world, branch_secretary, township_secretary, sponsors):
    """Recruitment Rules 2014 ch. 3 [practice]: the same branch is the usual case, not a bar. Without the
    township's exception a member of another branch is refused; with it, the township records the step."""
    file = advance(applicant(by=branch_secretary, branch=world.b1), by=branch_secretary, to=8, sponsors=sponsors)
    elsewhere = MemberFactory(branch=world.b2)
    record = {"applicant": file, "number": 9, "on": SCHEDULE[9], "people": [sponsors[0], elsewhere]}
    messages = _refused(lambda: services.step_record(by=township_secretary, **record), "people", "不是本支部党员")
    assert "请乡镇党委先在本档案登记例外" in messages
    # A branch secretary cannot name a member outside their branch at all (scope), even with the exception.
    services.exception_record(by=township_secretary, applicant=file, rule="sponsor_branch", reason="本人长期在乙村工作")
    _refused(lambda: services.step_record(by=branch_secretary, **record), "people", "不在您的管理范围内")
    step = services.step_record(by=township_secretary, **record)
    assert set(step.people.all()) == {sponsors[0], elsewhere}
    assert [e.rule for e in step.exceptions.all()] == ["sponsor_branch"]


@pytest.mark.parametrize(
    "decided_on,refused",
    [
        (D(2024, 7, 21), False),  # decided the day after the step
        (D(2024, 7, 20), True),  # decided on the step's day
        (D(2023, 7, 21), True),  # a one-year term's last day is 2024-07-20
        (D(2023, 7, 20), False),  # the term ended the day before the step
    ],
)
def test_sponsor_under_probation_refused_constitution_art40(
    world, branch_secretary, township_secretary, sponsors, decided_on, refused
):
    """Recruitment Rules 2014 art. 14, Constitution art. 40: a member under 留党察看 on the step's day (2024-07-20)
    cannot sponsor; no exception lifts it."""
    from members.models import DisciplinaryMeasure

    file = advance(applicant(by=branch_secretary, branch=world.b1), by=branch_secretary, to=8, sponsors=sponsors)
    DisciplinaryMeasure.objects.create(
        member=sponsors[1],
        kind="probation",
        decided_on=decided_on,
        term_months=12,
        decided_by="中共一号乡委员会",
        reason="违反组织纪律",
        recorded_by=township_secretary,
    )
    record = {"by": branch_secretary, "applicant": file, "number": 9, "on": SCHEDULE[9], "people": sponsors[:2]}
    if refused:
        _refused(lambda: services.step_record(**record), "people", "正在留党察看期间")
    else:
        assert services.step_record(**record).number == 9


def test_admission_approval_creates_a_probationary_member_from_the_vote_date(
    world, branch_secretary, township_secretary, sponsors
):
    file = advance(applicant(by=branch_secretary, branch=world.b1), by=branch_secretary, to=16, sponsors=sponsors)
    with pytest.raises(PermissionDenied):
        services.step_record(by=branch_secretary, applicant=file, number=17, on=SCHEDULE[17])
    advance(file, by=branch_secretary, to=17, approver=township_secretary)
    file.refresh_from_db()
    member = file.member
    assert member.status == "probationary" and member.joined_on == SCHEDULE[15] and member.branch == world.b1
    assert member.id_number == file.id_number and member.name == file.name
    assert rules.stage_of(17) == 4


def test_approval_after_deadline_needs_a_recorded_exception(world, branch_secretary, township_secretary, sponsors):
    file = advance(applicant(by=branch_secretary, branch=world.b1), by=branch_secretary, to=16, sponsors=sponsors)
    late = D(2025, 1, 16)  # the vote was 2024-10-15: the deadline is 2025-01-15
    _refused(
        lambda: services.step_record(by=township_secretary, applicant=file, number=17, on=late),
        "on",
        "表决后三个月内审批",
    )
    assert not Member.objects.filter(name=file.name).exists()
    with pytest.raises(PermissionDenied):
        services.exception_record(by=branch_secretary, applicant=file, rule="approval_deadline", reason="x")
    exception = services.exception_record(
        by=township_secretary, applicant=file, rule="approval_deadline", reason="审批会议因疫情延期"
    )
    step = services.step_record(by=township_secretary, applicant=file, number=17, on=late)
    assert list(step.exceptions.all()) == [exception]
    file.refresh_from_db()
    assert file.member.joined_on == SCHEDULE[15]


def test_confirmation_vote_before_the_year_is_over_refused(world, branch_secretary, township_secretary, sponsors):
    file = advance(
        applicant(by=branch_secretary, branch=world.b1),
        by=branch_secretary,
        to=22,
        sponsors=sponsors,
        approver=township_secretary,
    )
    early = D(2025, 10, 14)
    _refused(
        lambda: services.step_record(
            by=branch_secretary, applicant=file, number=23, on=early, **step_kwargs(23, early)
        ),
        "on",
        "预备期满方可讨论转正",
    )


def test_confirmation_makes_a_full_member_from_the_end_of_probation(
    world, branch_secretary, township_secretary, sponsors
):
    file = advance(
        applicant(by=branch_secretary, branch=world.b1),
        by=branch_secretary,
        to=25,
        sponsors=sponsors,
        approver=township_secretary,
    )
    file.refresh_from_db()
    assert file.member.status == "full" and file.member.confirmed_on == D(2025, 10, 15)


def test_extension_then_cancellation_recorded_with_reason(world, branch_secretary, township_secretary, sponsors):
    file = advance(
        applicant(by=branch_secretary, branch=world.b1),
        by=branch_secretary,
        to=22,
        sponsors=sponsors,
        approver=township_secretary,
    )
    vote = {**step_kwargs(23, SCHEDULE[23]), "outcome": rules.Outcome.EXTEND, "extension_months": 6}
    _refused(
        lambda: services.step_record(by=branch_secretary, applicant=file, number=23, on=SCHEDULE[23], **vote), "notes"
    )
    services.step_record(
        by=branch_secretary, applicant=file, number=23, on=SCHEDULE[23], notes="考察期表现不足", **vote
    )
    cancel = {**step_kwargs(23, D(2026, 4, 20)), "outcome": rules.Outcome.CANCEL}
    _refused(
        lambda: services.step_record(
            by=branch_secretary, applicant=file, number=23, on=D(2026, 4, 14), notes="仍不合格", **cancel
        ),
        "on",
        "预备期满",
    )
    services.step_record(by=branch_secretary, applicant=file, number=23, on=D(2026, 4, 20), notes="仍不合格", **cancel)
    services.step_record(by=township_secretary, applicant=file, number=24, on=D(2026, 5, 10))
    file.refresh_from_db()
    assert file.member.lifecycle == Lifecycle.REMOVED and "仍不合格" in file.member.lifecycle_reason


def test_rule_parameters_are_data_versioned_by_year(world, branch_secretary):
    """A county that requires 12 months between application and activist from 2023 on."""
    RuleSet.objects.create(applies_from=2023, application_to_activist_months=12)
    assert services.params_for(D(2022, 12, 31)).application_to_activist_months == 6
    file = applicant(by=branch_secretary, branch=world.b1)
    services.step_record(by=branch_secretary, applicant=file, number=2, on=SCHEDULE[2])
    _refused(
        lambda: services.step_record(by=branch_secretary, applicant=file, number=3, on=SCHEDULE[3]), "on", "满12个月"
    )


def test_reminders_for_steps_coming_due_and_overdue(world, branch_secretary, township_secretary, outsider):
    from recruitment.reminders import due_reminders

    file = applicant(by=branch_secretary, branch=world.b1, applied_on=D(2026, 11, 1))
    coming = list(due_reminders(today=D(2026, 11, 20)))  # the talk is due by 2026-12-01
    assert [(r.recipient, r.kind) for r in coming] == [(branch_secretary, "recruitment_due")]
    assert list(due_reminders(today=D(2026, 11, 10))) == []
    overdue = list(due_reminders(today=D(2026, 12, 2)))
    assert {(r.recipient, r.kind) for r in overdue} == {
        (branch_secretary, "recruitment_overdue"),
        (township_secretary, "recruitment_overdue"),
    }
    assert all(r.subject_key == f"applicant:{file.pk}" and "2026-12-01" in r.title for r in overdue)


def test_file_closed_before_admission_with_reason_stops_the_steps(world, branch_secretary, sponsors):
    file = applicant(by=branch_secretary, branch=world.b1)
    _refused(
        lambda: services.applicant_close(by=branch_secretary, applicant=file, on=D(2023, 2, 1), reason=" "), "reason"
    )
    _refused(
        lambda: services.applicant_close(by=branch_secretary, applicant=file, on=D(2023, 1, 9), reason="迁出"), "on"
    )
    services.applicant_close(by=branch_secretary, applicant=file, on=D(2023, 2, 1), reason="外出务工，本人申请撤回")
    _refused(
        lambda: services.step_record(by=branch_secretary, applicant=file, number=2, on=D(2023, 2, 2)),
        text="已于 2023-02-01 终止",
    )
    from recruitment.models import RuleSet
    from recruitment.selectors import file_status

    status = file_status(Applicant.objects.get(pk=file.pk), today=D(2026, 1, 1), rulesets=list(RuleSet.objects.all()))
    assert status.stage == rules.CLOSED_STAGE and status.due is None and not status.overdue


@pytest.mark.dates
@pytest.mark.parametrize("notice_ends", [1, 0])  # tomorrow, today
def test_listing_refused_while_its_notice_runs_nothing_saved(
    world, branch_secretary, sponsors, time_machine, notice_ends
):
    """DOMAIN §4, issue 10 item 13: a step that follows a public notice is recorded only after the notice has
    ended. On the notice's last day (or before it) the listing cannot be recorded, whatever date is typed."""
    file = advance(applicant(by=branch_secretary, branch=world.b1), by=branch_secretary, to=6, sponsors=sponsors)
    activist_course(file, by=branch_secretary, on=D(2024, 7, 1))
    today = SCHEDULE[7]
    time_machine.move_to(moment(today))
    last_day = today + datetime.timedelta(days=notice_ends)
    for on in (today, last_day + datetime.timedelta(days=1)):
        _refused(
            lambda on=on: services.step_record(
                by=branch_secretary,
                applicant=file,
                number=7,
                on=on,
                notice_from=today - datetime.timedelta(days=14),
                notice_to=last_day,
            ),
            "notice_from" if on == today else "on",
        )
    assert file.steps.filter(number=7).count() == 0


@pytest.mark.dates
def test_listing_recorded_the_day_after_its_notice_ended(world, branch_secretary, sponsors, time_machine):
    """DOMAIN §4, issue 10 item 13: the day after the notice's last day is the earliest."""
    file = advance(applicant(by=branch_secretary, branch=world.b1), by=branch_secretary, to=6, sponsors=sponsors)
    activist_course(file, by=branch_secretary, on=D(2024, 7, 1))
    today = SCHEDULE[7]
    time_machine.move_to(moment(today))
    step = services.step_record(
        by=branch_secretary,
        applicant=file,
        number=7,
        on=today,
        notice_from=today - datetime.timedelta(days=14),
        notice_to=today - datetime.timedelta(days=1),
    )
    assert step.notice_to == today - datetime.timedelta(days=1)


# ---------------------------------------------------------------- the activist course before listing (issue 17)


@pytest.mark.parametrize(
    "course_on,ok",
    [
        (D(2024, 7, 9), True),  # the day before the listing
        (D(2024, 7, 10), False),  # on the listing's own day: does not count
        (D(2024, 7, 11), False),  # the day after
    ],
)
def test_listing_needs_activist_course_before_its_day(world, branch_secretary, sponsors, course_on, ok):
    """Recruitment Rules 2014 art. 13: an activist is listed as a development candidate (step 7) only after
    attending an activist course (入党积极分子培训班) held strictly before the listing day."""
    file = advance(applicant(by=branch_secretary, branch=world.b1), by=branch_secretary, to=6, sponsors=sponsors)
    activist_course(file, by=branch_secretary, on=course_on)
    on = SCHEDULE[7]
    record = dict(by=branch_secretary, applicant=file, number=7, on=on, **step_kwargs(7, on))
    if ok:
        assert services.step_record(**record).number == 7
    else:
        messages = _refused(lambda: services.step_record(**record), "on", "前须参加入党积极分子培训班")
        assert "2024-07-10 之前没有该积极分子参加培训班的记录" in messages


def test_listing_without_any_course_refused_naming_what_to_do(world, branch_secretary, sponsors):
    """Recruitment Rules 2014 art. 13: no course recorded at all: refused, naming 学习培训 and the course to
    record; a course of another kind does not count; nothing is saved."""
    file = advance(applicant(by=branch_secretary, branch=world.b1), by=branch_secretary, to=6, sponsors=sponsors)
    on = SCHEDULE[7]
    record = dict(by=branch_secretary, applicant=file, number=7, on=on, **step_kwargs(7, on))
    messages = _refused(lambda: services.step_record(**record), "on")
    assert (
        "第7步（列为发展对象）前须参加入党积极分子培训班：2024-07-10 之前没有该积极分子参加培训班的记录。"
        "请先在「学习培训」中登记其参加 2024-07-10 之前举办的入党积极分子培训班，再登记本步骤"
        "【列为发展对象前须参加入党积极分子培训班】"
    ) in messages
    assert file.steps.filter(number=7).count() == 0


def test_course_of_another_person_does_not_count(world, branch_secretary, sponsors):
    """The course is matched on the person's ID number: someone else's attendance does not list this file."""
    file = advance(applicant(by=branch_secretary, branch=world.b1), by=branch_secretary, to=6, sponsors=sponsors)
    other = applicant(by=branch_secretary, branch=world.b1)
    activist_course(other, by=branch_secretary, on=D(2024, 7, 1))
    on = SCHEDULE[7]
    _refused(
        lambda: services.step_record(by=branch_secretary, applicant=file, number=7, on=on, **step_kwargs(7, on)),
        "on",
        "前须参加入党积极分子培训班",
    )
