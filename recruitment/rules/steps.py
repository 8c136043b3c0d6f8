"""The table of the 25 steps (DOMAIN §4) with the rules each must satisfy, and `check_step`, which runs them.
A rule that changes for one step is one line here; what the rule says is its checker (in `order.py`,
`candidacy.py` or `admission.py`), and its numbers (months, days, ages) are the year's `Params`."""

import datetime
from collections.abc import Callable

from . import admission, candidacy, order
from .facts import Context, Params, StepFact, Violation

Checker = Callable[[Context], list[Violation]]

# The order of the procedure, checked first: the first gate that fails is the only refusal shown.
ORDER_GATES: tuple[Checker, ...] = (
    order.known_step,
    order.not_recorded_yet,
    order.application_first,
    order.previous_recorded,
    order.not_behind,
)
# Every step, once it is in order.
EVERY_STEP: tuple[Checker, ...] = (order.not_in_future, order.not_before_latest)

STEP_RULES: dict[int, tuple[Checker, ...]] = {
    # Stage 1: application (入党申请人)
    1: (candidacy.min_age,),
    2: (candidacy.talk_within_a_month,),
    # Stage 2: activist (入党积极分子)
    3: (candidacy.application_before_activist,),
    4: (),
    5: (candidacy.cultivating_contacts,),
    6: (),
    # Stage 3: development candidate (发展对象)
    7: (
        candidacy.activist_for_a_year,
        candidacy.activist_course_attended,
        candidacy.assessed_every_half_year,
        candidacy.public_notice,
    ),
    8: (),
    9: (candidacy.two_sponsors, candidacy.sponsors_of_the_branch),
    10: (),
    11: (candidacy.training_length,),
    # Stage 4: admission as probationary member (接收预备党员)
    12: (),
    13: (candidacy.public_notice,),
    14: (),
    15: (admission.vote_soon_after_prereview, admission.political_review_valid, admission.general_meeting_vote),
    16: (),
    17: (admission.approval_within_six_months, admission.approval_within_three_months),
    18: (),
    # Stage 5: probation and confirmation (预备党员考察和转正)
    19: (),
    20: (),
    21: (),
    22: (),
    23: (admission.probation_over, admission.outcome_chosen, admission.extension_once, admission.general_meeting_vote),
    24: (admission.approval_within_six_months, admission.approval_within_three_months),
    25: (),
}


def check_step(
    facts: list[StepFact],
    new: StepFact,
    *,
    params: Params,
    birth_date: datetime.date,
    branch_id: int,
    today: datetime.date,
    voting_members: int | None = None,
    calendar=None,
    activist_course: bool | None = None,
) -> list[Violation]:
    """Every rule the new step breaks, given the steps already recorded (DOMAIN §4). [] when it may be
    recorded. Waivable violations are lifted by an exception the township recorded. `activist_course`: whether
    the person attended an activist course before the new step's day (None: not checked)."""
    ctx = Context(
        tuple(facts), new, params, birth_date, branch_id, today, voting_members, calendar or {}, activist_course
    )
    for gate in ORDER_GATES:
        refusal = gate(ctx)
        if refusal:
            return refusal
    problems: list[Violation] = []
    for checker in (*EVERY_STEP, *STEP_RULES[new.number]):
        problems += checker(ctx)
    return problems
