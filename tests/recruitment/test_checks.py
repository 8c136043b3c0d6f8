"""Each checker of the recruitment procedure on its own, at its boundaries: the day before, the day itself
and the day after (Recruitment Rules 2014 unless a test names a local rule). Pure: no database. The
procedure as a whole (check_step, next_due) is tested in test_rules.py."""

import datetime

import pytest

from recruitment import rules
from recruitment.rules import Context, Outcome, Params, PersonFact, StepFact, admission, candidacy, order, steps

D = datetime.date
P = Params()
BIRTH = D(1995, 5, 20)
TODAY = D(2026, 11, 26)
BRANCH = 1


def ctx(new, facts=(), *, params=P, today=TODAY, voting_members=None):
    return Context(tuple(facts), new, params, BIRTH, BRANCH, today, voting_members)


def chain(*pairs):
    return [StepFact(number=n, on=on) for n, on in pairs]


def codes(violations):
    return [v.rule for v in violations]


def person(name="甲", *, full=True, active=True, branch=BRANCH):
    return PersonFact(name, full, active, branch)


# ------------------------------------------------------------------ the table


def test_the_table_lists_every_one_of_the_25_steps_once():
    assert sorted(steps.STEP_RULES) == list(range(1, 26)) == [s.number for s in rules.STEPS]


ALL_CHECKERS = {*steps.ORDER_GATES, *steps.EVERY_STEP, *(c for cs in steps.STEP_RULES.values() for c in cs)}


@pytest.mark.parametrize("checker", sorted(ALL_CHECKERS, key=lambda c: c.__name__), ids=lambda c: c.__name__)
def test_every_checker_names_where_its_rule_comes_from(checker):
    sources = ("Recruitment Rules", "Branch Regs", "Constitution", "[local]", "DOMAIN")
    assert checker.__doc__ and any(source in checker.__doc__ for source in sources)


def test_only_the_first_order_gate_that_fails_is_shown():
    """A step out of order and in the future is refused for its order alone."""
    violations = rules.check_step(
        chain((1, D(2026, 11, 1))), StepFact(3, D(2026, 12, 1)), params=P, birth_date=BIRTH, branch_id=1, today=TODAY
    )
    assert codes(violations) == ["order"]


# ------------------------------------------------------------------ order and dates (every step)


@pytest.mark.parametrize("number,known", [(0, False), (1, True), (25, True), (26, False)])
def test_there_are_25_steps(number, known):
    assert (order.known_step(ctx(StepFact(number, TODAY))) == []) is known


def test_a_step_is_recorded_once_except_assessments_and_a_vote_after_an_extension_art32():
    base = chain(*((n, D(2024, 1, 1)) for n in range(1, 7)))
    assert codes(order.not_recorded_yet(ctx(StepFact(3, D(2024, 2, 1)), base))) == ["order"]
    assert order.not_recorded_yet(ctx(StepFact(6, D(2024, 2, 1)), base)) == []
    voted = [*chain(*((n, D(2024, 1, 1)) for n in range(1, 23))), StepFact(23, D(2025, 1, 1), outcome=Outcome.EXTEND)]
    assert order.not_recorded_yet(ctx(StepFact(23, D(2025, 7, 1)), voted)) == []
    confirmed = [*voted[:-1], StepFact(23, D(2025, 1, 1), outcome=Outcome.CONFIRM)]
    assert codes(order.not_recorded_yet(ctx(StepFact(23, D(2025, 7, 1)), confirmed))) == ["order"]


def test_a_file_opens_with_one_application():
    assert order.application_first(ctx(StepFact(1, D(2024, 1, 1)))) == []
    assert str(order.application_first(ctx(StepFact(1, D(2024, 1, 1)), chain((1, D(2024, 1, 1)))))[0]).startswith(
        "申请书已登记"
    )


def test_no_step_is_skipped():
    facts = chain((1, D(2024, 1, 1)))
    assert order.previous_recorded(ctx(StepFact(2, D(2024, 1, 2)), facts)) == []
    skipped = order.previous_recorded(ctx(StepFact(3, D(2024, 9, 1)), facts))
    assert skipped[0].message == "须先登记第2步（党组织派人谈话），才能登记第3步（推荐和确定入党积极分子）"


def test_a_file_does_not_go_back_to_an_earlier_step():
    facts = chain(*((n, D(2024, 1, 1)) for n in range(1, 7)))
    assert codes(order.not_behind(ctx(StepFact(5, D(2024, 2, 1)), facts))) == ["order"]
    assert order.not_behind(ctx(StepFact(6, D(2024, 2, 1)), facts)) == []
    assert order.not_behind(ctx(StepFact(7, D(2024, 2, 1)), facts)) == []


@pytest.mark.parametrize("days,ok", [(-1, True), (0, True), (1, False)])
def test_a_step_is_not_recorded_ahead_of_time_local(days, ok):
    assert (order.not_in_future(ctx(StepFact(2, TODAY + datetime.timedelta(days=days)))) == []) is ok


@pytest.mark.parametrize("on,ok", [(D(2024, 2, 9), False), (D(2024, 2, 10), True), (D(2024, 2, 11), True)])
def test_a_step_is_not_dated_before_the_latest_step_local(on, ok):
    facts = chain((1, D(2024, 1, 1)), (2, D(2024, 2, 10)))
    violations = order.not_before_latest(ctx(StepFact(3, on), facts))
    assert (violations == []) is ok
    if not ok:
        assert (
            violations[0].message
            == "第3步（推荐和确定入党积极分子）的日期 2024-02-09 早于已登记的第2步（党组织派人谈话）（2024-02-10）"
        )


# ------------------------------------------------------------------ stage 1: application


@pytest.mark.parametrize("on,ok", [(D(2013, 5, 19), False), (D(2013, 5, 20), True), (D(2013, 5, 21), True)])
def test_min_age_18_on_the_application_date_recruitment_rules_art5(on, ok):
    violations = candidacy.min_age(ctx(StepFact(1, on)))
    assert (violations == []) is ok
    if not ok:
        assert violations[0].message == (
            "递交入党申请书时须年满18周岁：出生日期 1995-05-20，18周岁生日为 2013-05-20，申请日期为 2013-05-19"
        )


def test_min_age_comes_from_the_years_parameters():
    assert codes(candidacy.min_age(ctx(StepFact(1, D(2013, 5, 20)), params=Params(min_age=19)))) == ["min_age"]


@pytest.mark.parametrize(
    "applied,on,ok",
    [
        (D(2024, 3, 15), D(2024, 4, 14), True),
        (D(2024, 3, 15), D(2024, 4, 15), True),
        (D(2024, 3, 15), D(2024, 4, 16), False),
        (D(2024, 1, 31), D(2024, 2, 29), True),  # one month after 31 January is the last day of February
        (D(2024, 1, 31), D(2024, 3, 1), False),
    ],
)
def test_talk_within_one_month_of_the_application_recruitment_rules_art7(applied, on, ok):
    violations = candidacy.talk_within_a_month(ctx(StepFact(2, on), chain((1, applied))))
    assert (violations == []) is ok
    assert all(v.waivable for v in violations)


# ------------------------------------------------------------------ stage 2: activist


@pytest.mark.parametrize("on,ok", [(D(2024, 7, 30), False), (D(2024, 7, 31), True), (D(2024, 8, 1), True)])
def test_application_six_months_before_activist_local_default(on, ok):
    facts = chain((1, D(2024, 1, 31)), (2, D(2024, 2, 20)))
    violations = candidacy.application_before_activist(ctx(StepFact(3, on), facts))
    assert (violations == []) is ok
    if not ok:
        assert violations[0].message == (
            "第3步（确定为入党积极分子）须在递交入党申请书（2024-01-31）满6个月后，即不早于 2024-07-31"
        )


def test_application_wait_is_the_countys_parameter_local():
    facts = chain((1, D(2024, 1, 31)), (2, D(2024, 2, 20)))
    twelve = Params(application_to_activist_months=12)
    assert codes(candidacy.application_before_activist(ctx(StepFact(3, D(2025, 1, 30)), facts, params=twelve))) == [
        "activist_wait"
    ]
    assert candidacy.application_before_activist(ctx(StepFact(3, D(2025, 1, 31)), facts, params=twelve)) == []


@pytest.mark.parametrize(
    "people,ok",
    [
        ((), False),
        ((person(),), True),
        ((person("甲"), person("乙")), True),
        ((person("甲"), person("乙"), person("丙")), False),
        ((person(full=False),), False),
        ((person(active=False),), False),
        ((person(branch=2),), True),  # a contact may be of another branch
    ],
)
def test_one_or_two_full_members_cultivate_an_activist_recruitment_rules_art9(people, ok):
    assert (candidacy.cultivating_contacts(ctx(StepFact(5, D(2024, 8, 10), people=people))) == []) is ok


# ------------------------------------------------------------------ stage 3: development candidate

ACTIVIST = chain((1, D(2024, 1, 31)), (2, D(2024, 2, 20)), (3, D(2025, 3, 1)), (4, D(2025, 3, 5)), (5, D(2025, 3, 10)))


@pytest.mark.parametrize("on,ok", [(D(2026, 2, 28), False), (D(2026, 3, 1), True), (D(2026, 3, 2), True)])
def test_one_year_as_activist_before_listing_recruitment_rules_art13(on, ok):
    assert (candidacy.activist_for_a_year(ctx(StepFact(7, on), ACTIVIST)) == []) is ok


@pytest.mark.parametrize("course,ok", [(True, True), (False, False), (None, True)])
def test_activist_course_before_listing_recruitment_rules_art13(course, ok):
    """The service looks the course up for step 7 (None: not looked up, as in a replay that does not need it)."""
    context = Context(tuple(ACTIVIST), StepFact(7, D(2026, 3, 1)), P, BIRTH, BRANCH, TODAY, activist_course=course)
    violations = candidacy.activist_course_attended(context)
    assert (violations == []) is ok
    if not ok:
        assert codes(violations) == ["activist_course"]
        assert "「学习培训」" in violations[0].message and "入党积极分子培训班" in violations[0].message


@pytest.mark.parametrize("on,ok", [(D(2026, 2, 28), True), (D(2026, 3, 1), True), (D(2026, 3, 2), False)])
def test_activist_assessed_every_half_year_until_listing_recruitment_rules_art11(on, ok):
    facts = [*ACTIVIST, StepFact(6, D(2025, 9, 1))]  # the next assessment was due by 2026-03-01
    violations = candidacy.assessed_every_half_year(ctx(StepFact(7, on), facts))
    assert (violations == []) is ok
    if not ok:
        assert (
            violations[0].message == "2025-09-01 之后应在 2026-03-01 前进行考察，下一次记录在 2026-03-02，中间超过6个月"
        )


def test_every_gap_between_assessments_counts_not_only_the_last():
    facts = [*ACTIVIST, StepFact(6, D(2025, 9, 2)), StepFact(6, D(2026, 2, 1))]  # 2025-03-01 → 09-02: one day over
    assert codes(candidacy.assessed_every_half_year(ctx(StepFact(7, D(2026, 3, 1)), facts))) == ["assessment_interval"]


NOTICED = D(2026, 3, 16)


def _notice(notice_from, notice_to, on=NOTICED):
    return candidacy.public_notice(ctx(StepFact(7, on, notice_from=notice_from, notice_to=notice_to)))


def test_public_notice_at_least_five_working_days_local():
    """2026-03-09 (Monday) to 03-12 is 4 working days, to 03-13 is 5, and the Saturday after adds none
    (DOMAIN §4; holidays are tested in test_rules.py)."""
    assert [v.message for v in _notice(D(2026, 3, 9), D(2026, 3, 12))] == [
        "公示期 2026-03-09 至 2026-03-12 只有 4 个工作日（已扣除法定节假日），须不少于 5 个工作日"
    ]
    assert _notice(D(2026, 3, 9), D(2026, 3, 13)) == []
    assert _notice(D(2026, 3, 9), D(2026, 3, 14)) == []


@pytest.mark.parametrize(
    "on,ok",
    [
        (D(2026, 3, 12), False),  # the day before the notice's last day
        (D(2026, 3, 13), False),  # the notice's last day
        (D(2026, 3, 14), True),  # the day after: the earliest
        (D(2026, 3, 15), True),
    ],
)
def test_step_after_a_public_notice_comes_the_day_after_its_last_day_at_the_earliest(on, ok):
    """DOMAIN §4 (Recruitment Rules 2014 art. 13 and 19 as the county applies them, issue 10 item 13): the step a
    notice precedes is recorded only after the notice has ended, the day after its last day at the earliest."""
    found = _notice(D(2026, 3, 2), D(2026, 3, 13), on=on)
    assert (found == []) is ok
    if not ok:
        assert [v.message for v in found] == [
            "公示到 2026-03-13 才结束，第7步（列为发展对象）须在公示期满后进行，"
            f"最早为 2026-03-14（公示最后一天的次日），现填写为 {on.isoformat()}；"
            "请待公示期满后再登记，或核对公示起止日期"
        ]


def test_notice_before_admission_ends_before_the_prereview_too():
    """The notice before admission is recorded with the pre-review (step 13), which it precedes."""
    prereview = StepFact(13, D(2026, 3, 13), notice_from=D(2026, 3, 2), notice_to=D(2026, 3, 13))
    assert codes(candidacy.public_notice(ctx(prereview))) == ["notice"]
    day_after = StepFact(13, D(2026, 3, 14), notice_from=D(2026, 3, 2), notice_to=D(2026, 3, 13))
    assert candidacy.public_notice(ctx(day_after)) == []


def test_public_notice_needs_both_dates_in_order():
    assert [v.message for v in _notice(None, D(2026, 3, 13))] == ["第7步（列为发展对象）须先公示，请填写公示起止日期"]
    assert [v.message for v in _notice(D(2026, 3, 13), D(2026, 3, 9))] == [
        "公示结束日期（2026-03-09）早于开始日期（2026-03-13）"
    ]


def test_public_notice_length_is_the_countys_parameter():
    six = Params(notice_min_workdays=6)
    found = candidacy.notice_problems(D(2026, 3, 9), D(2026, 3, 13), before=D(2026, 3, 16), params=six, number=7)
    assert codes(found) == ["notice"]


@pytest.mark.parametrize(
    "people,ok",
    [
        ((person("甲"),), False),
        ((person("甲"), person("乙")), True),
        ((person("甲"), person("乙"), person("丙")), False),
        ((person("甲"), person("乙", full=False)), False),
        ((person("甲"), person("乙", active=False)), False),
    ],
)
def test_two_full_members_sponsor_a_candidate_recruitment_rules_art14(people, ok):
    assert (candidacy.two_sponsors(ctx(StepFact(9, D(2026, 3, 5), people=people))) == []) is ok


def test_a_sponsor_under_probation_is_refused_constitution_art40():
    """Recruitment Rules 2014 art. 14 with Constitution art. 40: a member under 留党察看 has no right to vote,
    elect or be elected, so cannot sponsor; not waivable."""
    suspended = PersonFact("乙", True, True, BRANCH, rights_suspended=True)
    found = candidacy.two_sponsors(ctx(StepFact(9, D(2026, 3, 5), people=(person("甲"), suspended))))
    assert codes(found) == ["sponsors"] and not found[0].waivable
    assert found[0].message == (
        "乙正在留党察看期间，没有表决权、选举权和被选举权，不能作入党介绍人（《党章》第四十条），请另选一名正式党员"
    )


def test_a_sponsor_of_another_branch_needs_the_townships_exception_practice():
    """Recruitment Rules 2014 ch. 3 [practice]: sponsors of the same branch are the usual case, not a bar; the
    township records an exception for a full member of another branch (waivable)."""
    other = PersonFact("丙", True, True, BRANCH + 1, branch_name="乙村党支部")
    assert candidacy.sponsors_of_the_branch(ctx(StepFact(9, D(2026, 3, 5), people=(person("甲"), person("乙"))))) == []
    found = candidacy.sponsors_of_the_branch(ctx(StepFact(9, D(2026, 3, 5), people=(person("甲"), other))))
    assert codes(found) == ["sponsor_branch"] and found[0].waivable
    assert found[0].message.startswith("丙是乙村党支部党员，不是本支部党员")


@pytest.mark.parametrize(
    "days,hours,ok",
    [(2, 23, False), (None, None, False), (3, 0, True), (2, 24, True), (4, None, True), (None, 25, True)],
)
def test_training_three_days_or_24_hours_recruitment_rules_art17(days, hours, ok):
    violations = candidacy.training_length(ctx(StepFact(11, D(2026, 4, 1), training_days=days, training_hours=hours)))
    assert (violations == []) is ok


# ------------------------------------------------------------------ stage 4: admission

ADMISSION = [
    *ACTIVIST,
    *chain((6, D(2025, 9, 1)), (7, D(2026, 3, 1)), (8, D(2026, 3, 2)), (9, D(2026, 3, 5)), (10, D(2025, 5, 11))),
    *chain((11, D(2026, 4, 1)), (12, D(2026, 4, 10)), (13, D(2026, 4, 30)), (14, D(2026, 5, 5))),
]


VOTED = D(2026, 5, 10)


def _vote(on=VOTED, should=9, present=9, yes=9, no=0, abstain=0, number=15, **kw):
    return StepFact(
        number, on, should_attend=should, present=present, yes_votes=yes, no_votes=no, abstentions=abstain, **kw
    )


@pytest.mark.parametrize("on,ok", [(D(2026, 5, 29), True), (D(2026, 5, 30), True), (D(2026, 5, 31), False)])
def test_vote_within_one_month_of_the_prereview_local_default(on, ok):
    violations = admission.vote_soon_after_prereview(ctx(_vote(on), ADMISSION))
    assert (violations == []) is ok
    assert all(v.waivable for v in violations)


@pytest.mark.parametrize("on,ok", [(D(2026, 5, 10), True), (D(2026, 5, 11), True), (D(2026, 5, 12), False)])
def test_political_review_supports_the_vote_for_one_year_recruitment_rules_art16_local_validity(on, ok):
    violations = admission.political_review_valid(ctx(_vote(on), ADMISSION))
    assert (violations == []) is ok
    if not ok:
        assert (
            violations[0].message
            == "政治审查（2025-05-11）有效期至 2026-05-11，第15步（2026-05-12）已超出有效期，须重新审查"
        )


def _general(new, voting_members=None):
    return admission.general_meeting_vote(ctx(new, ADMISSION, voting_members=voting_members))


def test_vote_needs_its_counts():
    assert [v.message for v in _general(_vote(yes=None))] == ["请填写应到、实到有表决权的党员人数和赞成票数"]


def test_vote_quorum_more_than_half_present_recruitment_rules_art20():
    assert _general(_vote(should=10, present=6, yes=6)) == []
    half = _general(_vote(should=10, present=5, yes=6, no=0))
    assert [v.message for v in half] == ["到会有表决权的党员5人，未超过应到有表决权党员10人的半数，不能表决"]


def test_vote_majority_of_those_who_should_attend_recruitment_rules_art21():
    assert _general(_vote(should=10, present=8, yes=6, no=2)) == []
    exactly_half = _general(_vote(should=10, present=8, yes=5, no=3))
    assert [v.message for v in exactly_half] == ["赞成票 5 票，未超过应到会有表决权党员 10 人的半数，不能通过"]


def test_vote_counts_absent_voters_written_votes_recruitment_rules_art21():
    """6 of 11 present vote 5 to 1; one absent voter's written yes makes 6 of 11: admitted."""
    assert _general(_vote(should=11, present=6, yes=6, no=1)) == []
    assert codes(_general(_vote(should=11, present=6, yes=5, no=1))) == ["vote"]


def test_vote_tally_between_those_present_and_those_who_should_attend():
    assert [v.message for v in _general(_vote(should=9, present=9, yes=9, no=1))] == [
        "赞成、反对、弃权票合计不能多于应到人数（9）"
    ]
    assert codes(_general(_vote(should=9, present=9, yes=7))) == ["vote"], "two voters present cast no ballot"


def test_probationary_members_have_no_vote_constitution_art7():
    assert _general(_vote(should=9), voting_members=9) == []
    assert "预备党员没有表决权" in _general(_vote(should=10, present=8, yes=8), voting_members=9)[0].message


@pytest.mark.parametrize(
    "on,expected",
    [
        (D(2026, 8, 19), []),
        (D(2026, 8, 20), []),
        (D(2026, 8, 21), ["approval_deadline"]),
        (D(2026, 11, 20), ["approval_deadline"]),
        (D(2026, 11, 21), ["approval_special"]),
    ],
)
@pytest.mark.parametrize("number", [rules.ADMISSION_APPROVAL, rules.CONFIRMATION_APPROVAL])
def test_approval_within_three_months_six_at_most_recruitment_rules_ch4_ch5(number, on, expected):
    vote = rules.VOTE_APPROVED[number]
    facts = [
        *chain(*((n, D(2025, 1, 1)) for n in range(1, number - 1) if n != vote)),
        _vote(D(2026, 5, 20), number=vote),
    ]
    c = ctx(StepFact(number, on), facts)
    found = [*admission.approval_within_six_months(c), *admission.approval_within_three_months(c)]
    assert codes(found) == expected
    assert all(v.waivable == (v.rule == "approval_deadline") for v in found)


# ------------------------------------------------------------------ stage 5: probation and confirmation

JOINED = D(2025, 5, 20)
PROBATION = [
    *chain(*((n, D(2024, 1, 1)) for n in range(1, 15))),
    _vote(JOINED),
    *chain(*((n, JOINED) for n in range(16, 23))),
]


def _confirm(on, outcome=Outcome.CONFIRM, months=None):
    return _vote(on, number=23, outcome=outcome, extension_months=months)


@pytest.mark.parametrize("on,ok", [(D(2026, 5, 19), False), (D(2026, 5, 20), True), (D(2026, 5, 21), True)])
def test_confirmation_vote_when_one_year_of_probation_is_over_recruitment_rules_art32(on, ok):
    assert (admission.probation_over(ctx(_confirm(on), PROBATION)) == []) is ok


@pytest.mark.parametrize("on,ok", [(D(2026, 11, 19), False), (D(2026, 11, 20), True), (D(2026, 11, 21), True)])
def test_an_extension_moves_the_end_of_probation_recruitment_rules_art32(on, ok):
    extended = [*PROBATION, _confirm(D(2026, 5, 20), Outcome.EXTEND, 6)]
    violations = admission.probation_over(ctx(_confirm(on), extended))
    assert (violations == []) is ok
    if not ok:
        assert violations[0].message == (
            "第23步（支部党员大会讨论转正）须在预备期满（入党日期 2025-05-20 起一年，延长6个月，即 2026-11-20）之后"
        )


@pytest.mark.parametrize("outcome,ok", [("", False), ("other", False), *((o, True) for o, _label in Outcome.CHOICES)])
def test_the_vote_confirms_extends_or_cancels_recruitment_rules_art32(outcome, ok):
    assert (admission.outcome_chosen(ctx(_confirm(D(2026, 5, 20), outcome), PROBATION)) == []) is ok


@pytest.mark.parametrize("months,ok", [(None, False), (5, False), (6, True), (12, True), (13, False)])
def test_probation_extended_by_six_to_twelve_months_recruitment_rules_art32(months, ok):
    assert (admission.extension_once(ctx(_confirm(D(2026, 5, 20), Outcome.EXTEND, months), PROBATION)) == []) is ok


def test_probation_extended_only_once_recruitment_rules_art32():
    extended = [*PROBATION, _confirm(D(2026, 5, 20), Outcome.EXTEND, 6)]
    again = admission.extension_once(ctx(_confirm(D(2026, 11, 20), Outcome.EXTEND, 6), extended))
    assert [v.message for v in again] == ["预备期已延长过一次，不能再次延长"]
    assert admission.extension_once(ctx(_confirm(D(2026, 11, 20)), extended)) == []
