"""One test per rule of DOMAIN §4 (Recruitment Rules 2014), with the boundary cases. Pure: no database."""

import datetime

import pytest

from recruitment import rules
from recruitment.rules import Outcome, Params, PersonFact, StepFact, check_step, next_due

D = datetime.date
P = Params()
BIRTH = D(1995, 5, 20)
TODAY = D(2026, 11, 26)
BRANCH = 1


def check(facts, new, **kw):
    return check_step(
        facts, new, params=kw.pop("params", P), birth_date=kw.pop("birth", BIRTH), branch_id=BRANCH, today=TODAY, **kw
    )


def rules_of(violations):
    return {v.rule for v in violations}


def chain(*pairs):
    return [StepFact(number=n, on=on) for n, on in pairs]


BASE = chain(
    (1, D(2024, 1, 31)),
    (2, D(2024, 2, 20)),
    (3, D(2025, 3, 1)),
    (4, D(2025, 3, 5)),
    (5, D(2025, 3, 10)),
    (6, D(2025, 9, 1)),
)


def full(name="甲", branch=BRANCH, full=True, active=True):
    return PersonFact(name, full, active, branch)


def test_min_age_18_on_application_date():
    """Recruitment Rules art. 5: an applicant is at least 18 on the day of the written application."""
    assert rules_of(check([], StepFact(1, D(2013, 5, 19)))) == {"min_age"}
    assert check([], StepFact(1, D(2013, 5, 20))) == []  # the 18th birthday itself


def test_talk_within_one_month_of_application_last_day_allowed():
    """Recruitment Rules: the party organisation talks with the applicant within one month."""
    facts = chain((1, D(2024, 1, 31)))
    assert check(facts, StepFact(2, D(2024, 2, 29))) == []  # last day of the month after (leap year)
    violations = check(facts, StepFact(2, D(2024, 3, 1)))
    assert rules_of(violations) == {"talk_deadline"}
    assert "2024-01-31" in str(violations[0]) and "2024-02-29" in str(violations[0])


def test_application_six_months_before_activist_local_default():
    facts = chain((1, D(2024, 1, 31)), (2, D(2024, 2, 20)))
    assert rules_of(check(facts, StepFact(3, D(2024, 7, 30)))) == {"activist_wait"}
    assert check(facts, StepFact(3, D(2024, 7, 31))) == []
    # A county that sets 12 months as its local rule.
    assert rules_of(check(facts, StepFact(3, D(2024, 7, 31)), params=Params(application_to_activist_months=12))) == {
        "activist_wait"
    }


def _listing(on, **kw):
    return StepFact(7, on, notice_from=D(2026, 2, 2), notice_to=D(2026, 2, 13), **kw)


def test_activist_needs_one_year_before_candidate_exactly_one_year_allowed():
    """Recruitment Rules: at least one year of cultivation as activist before listing as candidate."""
    facts = [*BASE, StepFact(6, D(2026, 2, 1))]
    assert check(facts, _listing(D(2026, 3, 1))) == []  # exactly one year
    violations = check(facts, _listing(D(2026, 2, 28)))
    assert rules_of(violations) == {"activist_year"}
    assert str(violations[0]).startswith(
        "第7步（列为发展对象）须在确定为入党积极分子（2025-03-01）满一年后，即不早于 2026-03-01"
    )


def test_activist_assessed_every_six_months():
    facts = BASE  # last assessment 2025-09-01: the next was due by 2026-03-01
    assert rules_of(check(facts, _listing(D(2026, 3, 1)))) == set()
    assert rules_of(check(facts, _listing(D(2026, 3, 2)))) == {"assessment_interval"}


def test_cultivating_contacts_are_one_or_two_full_members():
    facts = BASE[:4]
    assert check(facts, StepFact(5, D(2025, 3, 10), people=(full(),))) == []
    assert rules_of(check(facts, StepFact(5, D(2025, 3, 10), people=()))) == {"contacts"}
    assert rules_of(check(facts, StepFact(5, D(2025, 3, 10), people=(full("乙", full=False),)))) == {"contacts"}


def test_two_sponsors_full_members_of_the_same_branch():
    """Recruitment Rules: two full members act as sponsors (入党介绍人); probationary members may not."""
    facts = [*BASE, StepFact(7, D(2026, 3, 1)), StepFact(8, D(2026, 3, 2))]
    assert check(facts, StepFact(9, D(2026, 3, 5), people=(full("甲"), full("乙")))) == []
    probationary = check(facts, StepFact(9, D(2026, 3, 5), people=(full("甲"), full("乙", full=False))))
    assert rules_of(probationary) == {"sponsors"} and "乙是预备党员" in str(probationary[0])
    other_branch = check(facts, StepFact(9, D(2026, 3, 5), people=(full("甲"), full("丙", branch=2))))
    assert rules_of(other_branch) == {"sponsor_branch"} and "不是本支部党员" in str(other_branch[0])
    assert rules_of(check(facts, StepFact(9, D(2026, 3, 5), people=(full("甲"),)))) == {"sponsors"}


def test_training_at_least_three_days_or_24_hours():
    facts = [*BASE, *chain((7, D(2026, 3, 1)), (8, D(2026, 3, 2)), (9, D(2026, 3, 5)), (10, D(2026, 3, 10)))]
    assert check(facts, StepFact(11, D(2026, 4, 1), training_days=3, training_hours=0)) == []
    assert check(facts, StepFact(11, D(2026, 4, 1), training_days=2, training_hours=24)) == []
    assert rules_of(check(facts, StepFact(11, D(2026, 4, 1), training_days=2, training_hours=23))) == {"training"}


def test_public_notice_five_working_days_spanning_national_day():
    """DOMAIN §4: a public notice of at least 5 working days, counted with official holidays and adjusted
    working days. From 2025-09-30 the National Day holiday (1-8 October) does not count, the adjusted
    Saturday 2025-10-11 does."""
    assert rules.workdays_between(D(2025, 9, 30), D(2025, 10, 10)) == 3
    assert rules.workdays_between(D(2025, 9, 30), D(2025, 10, 11)) == 4  # Saturday, an adjusted working day
    assert rules.workdays_between(D(2025, 9, 30), D(2025, 10, 13)) == 5
    short = rules.notice_problems(D(2025, 9, 30), D(2025, 10, 12), before=D(2025, 10, 20), params=P, number=7)
    assert rules_of(short) == {"notice"} and "4 个工作日" in str(short[0])
    assert rules.notice_problems(D(2025, 9, 30), D(2025, 10, 13), before=D(2025, 10, 20), params=P, number=7) == []


def test_public_notice_must_end_before_the_step():
    problems = rules.notice_problems(D(2025, 9, 1), D(2025, 9, 10), before=D(2025, 9, 9), params=P, number=13)
    assert rules_of(problems) == {"notice"}


def test_public_notice_beyond_the_holiday_calendar_is_counted_monday_to_friday():
    """Issue 10 item 14: a year neither the county nor chinesecalendar knows is counted Monday to Friday (with
    a warning, tests/recruitment/test_workdays.py) instead of being refused."""
    assert rules.notice_problems(D(2031, 3, 3), D(2031, 3, 7), before=D(2031, 3, 20), params=P, number=7) == []
    short = rules.notice_problems(D(2031, 3, 3), D(2031, 3, 6), before=D(2031, 3, 20), params=P, number=7)
    assert rules_of(short) == {"notice"} and "按周一至周五估算" in str(short[0])


REVIEW = D(2026, 3, 10)
JOINED = D(2025, 5, 20)


def _admission_facts(review=REVIEW):
    return [
        *BASE,
        *chain(
            (7, D(2026, 3, 1)),
            (8, D(2026, 3, 2)),
            (9, D(2026, 3, 5)),
            (10, review),
            (11, D(2026, 4, 1)),
            (12, D(2026, 4, 10)),
            (13, D(2026, 4, 30)),
            (14, D(2026, 5, 5)),
        ),
    ]


def _vote(on, should=9, present=9, yes=9, **kw):
    return StepFact(15, on, should_attend=should, present=present, yes_votes=yes, no_votes=0, abstentions=0, **kw)


def test_vote_within_one_month_of_prereview_local_default():
    assert check(_admission_facts(), _vote(D(2026, 5, 30))) == []  # the last day
    assert rules_of(check(_admission_facts(), _vote(D(2026, 5, 31)))) == {"prereview_vote"}


def test_political_review_valid_one_year_local_default():
    assert rules_of(check(_admission_facts(review=D(2025, 5, 10)), _vote(D(2026, 5, 11)))) == {"political_review"}
    assert "political_review" not in rules_of(check(_admission_facts(review=D(2025, 5, 11)), _vote(D(2026, 5, 11))))


def test_general_meeting_vote_quorum_and_majority_of_those_who_should_attend():
    """Branch Regs: quorum is more than half of the members with a vote; yes > half of those who should
    attend; probationary members have no vote."""
    facts = _admission_facts()
    assert check(facts, _vote(D(2026, 5, 20), should=9, present=5, yes=5), voting_members=9) == []
    assert rules_of(check(facts, _vote(D(2026, 5, 20), should=10, present=5, yes=6), voting_members=10)) == {"vote"}
    assert rules_of(check(facts, _vote(D(2026, 5, 20), should=10, present=8, yes=5), voting_members=10)) == {"vote"}
    no_vote = check(facts, _vote(D(2026, 5, 20), should=10, present=8, yes=8), voting_members=9)
    assert rules_of(no_vote) == {"vote"} and "预备党员没有表决权" in str(no_vote[0])


def _probation_facts():
    facts = [*_admission_facts(), _vote(D(2026, 5, 20))]
    return facts


def test_approval_within_three_months_of_the_vote():
    facts = [*_probation_facts(), StepFact(16, D(2026, 6, 1))]
    assert check(facts, StepFact(17, D(2026, 8, 20))) == []  # the last day of the 3 months
    late = check(facts, StepFact(17, D(2026, 8, 21)))
    assert rules_of(late) == {"approval_deadline"} and late[0].waivable
    too_late = check(facts, StepFact(17, D(2026, 11, 21)))
    assert rules_of(too_late) == {"approval_special"} and not too_late[0].waivable


def _confirmation_facts(joined=JOINED):
    facts = [StepFact(n, D(2024, 1, 1)) for n in range(1, 15)]
    facts += [StepFact(15, joined), *[StepFact(n, joined) for n in range(16, 23)]]
    return facts


def _confirm(on, outcome=Outcome.CONFIRM, months=None):
    return StepFact(23, on, outcome=outcome, extension_months=months, should_attend=9, present=9, yes_votes=9)


def test_probation_one_year_no_confirmation_vote_before_it_ends():
    assert check(_confirmation_facts(), _confirm(D(2026, 5, 20))) == []  # exactly one year
    early = check(_confirmation_facts(), _confirm(D(2026, 5, 19)))
    assert rules_of(early) == {"probation"} and "2026-05-20" in str(early[0])


def test_probation_extended_once_by_six_to_twelve_months():
    facts = _confirmation_facts()
    assert rules_of(check(facts, _confirm(D(2026, 5, 20), Outcome.EXTEND, 5))) == {"extension"}
    assert rules_of(check(facts, _confirm(D(2026, 5, 20), Outcome.EXTEND, 13))) == {"extension"}
    assert check(facts, _confirm(D(2026, 5, 20), Outcome.EXTEND, 6)) == []
    extended = [*facts, _confirm(D(2026, 5, 20), Outcome.EXTEND, 6)]
    assert rules_of(check(extended, _confirm(D(2026, 11, 19)))) == {"probation"}
    assert check(extended, _confirm(D(2026, 11, 20))) == []
    assert "extension" in rules_of(check(extended, _confirm(D(2026, 11, 20), Outcome.EXTEND, 6)))


def test_confirmation_approval_within_three_months():
    facts = [*_confirmation_facts(), _confirm(D(2026, 5, 20))]
    assert check(facts, StepFact(24, D(2026, 8, 20))) == []
    assert rules_of(check(facts, StepFact(24, D(2026, 8, 21)))) == {"approval_deadline"}


def test_steps_in_order_none_skipped_dates_not_backwards_nor_in_future():
    facts = chain((1, D(2024, 1, 31)))
    skipped = check(facts, StepFact(3, D(2024, 9, 1)))
    assert rules_of(skipped) == {"order"} and "第2步" in str(skipped[0])
    assert rules_of(check(facts, StepFact(2, D(2024, 1, 30)))) == {"date_order"}
    assert rules_of(check(facts, StepFact(1, D(2024, 2, 1)))) == {"order"}
    assert rules_of(check(chain((1, D(2026, 11, 20))), StepFact(2, D(2026, 11, 27)))) == {"future"}
    assert rules_of(check(BASE, StepFact(5, D(2025, 10, 1), people=(full(),)))) == {"order"}


def test_stage_is_derived_from_the_steps():
    assert [rules.stage_of(n) for n in (1, 2, 3, 6, 7, 11, 12, 18, 19, 24)] == [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]
    assert rules.stage_of(25) == rules.DONE_STAGE
    assert rules.stage_of(25, outcome=Outcome.CANCEL) == rules.CLOSED_STAGE


@pytest.mark.parametrize(
    "facts,number,earliest,latest",
    [
        (chain((1, D(2024, 1, 31))), 2, D(2024, 1, 31), D(2024, 2, 29)),
        (chain((1, D(2024, 1, 31)), (2, D(2024, 2, 5))), 3, D(2024, 7, 31), None),
        (BASE, 7, D(2026, 3, 1), D(2026, 3, 1)),
        (BASE[:5], 6, D(2025, 3, 10), D(2025, 9, 1)),
        ([*BASE, StepFact(6, D(2026, 2, 1))], 7, D(2026, 3, 1), D(2026, 8, 1)),
        ([*_probation_facts(), StepFact(16, D(2026, 6, 1))], 17, D(2026, 6, 1), D(2026, 8, 20)),
    ],
)
def test_next_step_with_earliest_and_latest_dates(facts, number, earliest, latest):
    due = next_due(facts, P)
    assert (due.number, due.earliest, due.latest) == (number, earliest, latest)
